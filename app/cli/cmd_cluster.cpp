// nsynth cluster profile|test|trust|login|submit|status|fetch|cancel: grid jobs on a Slurm
// cluster over SSH, or on a login node directly (docs/cluster.md). The logic lives in
// app/cluster/; this file is the command line around it.

#include "cli_common.h"
#include "cluster_client.h"
#include "cluster_job.h"
#include "cluster_monitor.h"
#include "cluster_profile.h"
#include "commands.h"
#include "error.h"
#include "ssh_connection.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <cstdio>

namespace nsynth::app {
namespace {

void out(const QString& line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

void addProfilesOption(QCommandLineParser& parser)
{
    parser.addOption({"profiles", "The cluster profiles file (default: " + ClusterProfileStore::defaultPath() + ").",
                      "file"});
}

ClusterProfileStore storeFrom(const QCommandLineParser& parser)
{
    return ClusterProfileStore(parser.isSet("profiles") ? parser.value("profiles") : ClusterProfileStore::defaultPath());
}

// "1,3,5-7"
QList<int> parseShardList(const QString& text, const QString& option)
{
    QList<int> out;
    for (const auto& part : text.split(',', Qt::SkipEmptyParts)) {
        const QStringList r = part.trimmed().split('-');
        bool ok1 = false, ok2 = true;
        const int a = r[0].toInt(&ok1);
        const int b = r.size() == 2 ? r[1].toInt(&ok2) : a;
        if (!ok1 || !ok2 || r.size() > 2 || a < 0 || b < a)
            throw UsageError(("--" + option + ": \"" + part + "\" is not a shard or a range such as 1,3,5-7").toStdString());
        for (int k = a; k <= b; ++k)
            out << k;
    }
    if (out.isEmpty())
        throw UsageError(("--" + option + " needs shard numbers such as 1,3,5-7").toStdString());
    return out;
}

QString eta(double seconds)
{
    return seconds < 0 ? QString("?") : ProgressReporter::formatDuration(seconds);
}

// ---------------------------------------------------------------------------------------------
// profile

void printProfile(const ClusterProfile& p)
{
    out(QString("profile        %1").arg(p.name));
    out(QString("where          %1").arg(p.local ? QString("this machine (local: sbatch directly, no SSH)") : "ssh " + p.host));
    if (!p.sshConfig.isEmpty())
        out(QString("ssh config     %1").arg(p.sshConfig));
    out(QString("work dir       %1").arg(p.workDir.isEmpty() ? QString("(none: jobs run in their own folders)") : p.workDir));
    out(QString("nsynth         %1").arg(p.nsynthCommand));
    out(QString("sbatch         partition=%1 gres=%2 cpus=%3 mem=%4 time=%5 account=%6")
            .arg(p.partition.isEmpty() ? "(default)" : p.partition, p.gres.isEmpty() ? "(none)" : p.gres)
            .arg(p.cpus)
            .arg(p.memory.isEmpty() ? "(default)" : p.memory, p.timeLimit.isEmpty() ? "(default)" : p.timeLimit,
                 p.account.isEmpty() ? "(default)" : p.account));
    out(QString("array          %1 task(s) at once; time-limit warning %2")
            .arg(p.arrayLimit > 0 ? QString::number(p.arrayLimit) : QString("any number of"))
            .arg(p.signalSeconds > 0 ? QString("USR1 %1 s before").arg(p.signalSeconds) : QString("off")));
    if (!p.extraSbatch.isEmpty())
        out(QString("extra          %1").arg(p.extraSbatch.join(' ')));
    out(QString("transfer       %1").arg(p.transfer));
    for (const auto& problem : p.problems())
        out("problem        " + problem);
}

int runProfile(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Manage cluster profiles (shared with the workbench): add NAME [options] | list | show NAME | remove NAME.\n"
        "Profiles hold no passwords or keys: ssh uses your agent, key files and ~/.ssh/config.");
    addCommonOptions(parser);
    addProfilesOption(parser);
    parser.addOption({"host", "SSH destination: a ~/.ssh/config alias, host or user@host.", "host"});
    parser.addOption({"local", "This machine is the login node: run sbatch directly, no SSH."});
    parser.addOption({"ssh-config", "An ssh config file to use instead of ~/.ssh/config (ssh -F).", "file"});
    parser.addOption({"work-dir", "Folder on the cluster for jobs and models: /abs or ~/rel (local profiles: "
                                  "optional; without it jobs run in place).", "dir"});
    parser.addOption({"nsynth-command", "What starts nsynth there; its arguments are appended (default nsynth; "
                                        "e.g. /opt/nsynth/bin/nsynth or \"module load nsynth; nsynth\").", "command"});
    parser.addOption({"partition", "Slurm partition (default: the cluster's).", "name"});
    parser.addOption({"gres", "Generic resources, e.g. gpu:1.", "gres"});
    parser.addOption({"cpus", "CPUs per array task; also the decoder's --threads (default 1).", "n"});
    parser.addOption({"mem", "Memory per task, e.g. 8G.", "size"});
    parser.addOption({"time", "Time limit per task: minutes, HH:MM:SS or D-HH:MM:SS (default 04:00:00).", "time"});
    parser.addOption({"account", "Slurm account.", "name"});
    parser.addOption({"array-limit", "At most this many array tasks at once (0: no limit).", "n"});
    parser.addOption({"signal-seconds", "Warning signal this long before the time limit, so tasks stop at a batch "
                                        "boundary (default 300; 0: none).", "s"});
    parser.addOption({"extra-sbatch", "A further sbatch option such as --qos=normal (repeatable).", "option"});
    parser.addOption({"transfer", "auto, rsync or scp (default auto: rsync where both sides have it).", "method"});
    parser.addOption({"replace", "Replace an existing profile of that name."});
    parser.addPositionalArgument("action", "add | list | show | remove");
    parser.addPositionalArgument("name", "The profile's name.", "[NAME]");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    ClusterProfileStore store = storeFrom(parser);
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (action.isEmpty())
        throw UsageError("give an action: add, list, show or remove");
    if (action == "list") {
        const auto profiles = store.load();
        if (common.json) {
            QJsonArray list;
            for (const auto& p : profiles)
                list.append(p.toJson());
            printJson(QJsonObject{{"command", "cluster profile list"}, {"file", store.path()}, {"profiles", list}});
            return 0;
        }
        if (profiles.isEmpty())
            info("no cluster profiles in " + store.path() + "; add one with nsynth cluster profile add NAME --host H "
                 "--work-dir DIR");
        for (const auto& p : profiles)
            out(QString("%1  %2  %3").arg(p.name, -16).arg(p.local ? QString("(local)") : p.host, -24).arg(p.workDir));
        return 0;
    }
    if (pos.size() != 2)
        throw UsageError("give the profile's name: nsynth cluster profile " + (action.isEmpty() ? QString("add") : action).toStdString() + " NAME");
    const QString name = pos[1];
    if (action == "show") {
        const ClusterProfile p = store.find(name);
        if (common.json)
            printJson(QJsonObject{{"command", "cluster profile show"}, {"profile", p.toJson()}, {"problems", QJsonArray::fromStringList(p.problems())}});
        else
            printProfile(p);
        return 0;
    }
    if (action == "remove") {
        store.remove(name);
        info(QString("cluster profile \"%1\" removed from %2").arg(name, store.path()));
        return 0;
    }
    if (action != "add")
        throw UsageError(("unknown profile action \"" + action + "\" (add, list, show, remove)").toStdString());
    ClusterProfile p;
    if (parser.isSet("replace")) {
        try {
            p = store.find(name);  // replace: start from the existing values
        } catch (const Error&) {
        }
    }
    p.name = name;
    if (parser.isSet("local")) {
        p.local = true;
        p.host.clear();
    }
    if (parser.isSet("host")) {
        p.host = parser.value("host");
        p.local = false;
    }
    if (parser.isSet("ssh-config"))
        p.sshConfig = QFileInfo(parser.value("ssh-config")).absoluteFilePath();
    if (parser.isSet("work-dir"))
        p.workDir = parser.value("work-dir");
    if (parser.isSet("nsynth-command"))
        p.nsynthCommand = parser.value("nsynth-command");
    if (parser.isSet("partition"))
        p.partition = parser.value("partition");
    if (parser.isSet("gres"))
        p.gres = parser.value("gres");
    if (parser.isSet("cpus"))
        p.cpus = parseIntOption(parser, "cpus", 1, 4096);
    if (parser.isSet("mem"))
        p.memory = parser.value("mem");
    if (parser.isSet("time"))
        p.timeLimit = parser.value("time");
    if (parser.isSet("account"))
        p.account = parser.value("account");
    if (parser.isSet("array-limit"))
        p.arrayLimit = parseIntOption(parser, "array-limit", 0, 1000000);
    if (parser.isSet("signal-seconds"))
        p.signalSeconds = parseIntOption(parser, "signal-seconds", 0, 65535);
    if (parser.isSet("extra-sbatch"))
        p.extraSbatch = parser.values("extra-sbatch");
    if (parser.isSet("transfer"))
        p.transfer = parser.value("transfer");
    if (!p.local && p.host.isEmpty())
        throw UsageError("a profile needs --host (an ssh destination) or --local");
    store.add(p, parser.isSet("replace"));
    if (common.json)
        printJson(QJsonObject{{"command", "cluster profile add"}, {"file", store.path()}, {"profile", p.toJson()}});
    else
        info(QString("cluster profile \"%1\" saved in %2; check it with: nsynth cluster test %1").arg(name, store.path()));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// test, trust, login

ClusterProfile profileArgument(const QCommandLineParser& parser, const QString& what)
{
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        throw UsageError(("give one " + what).toStdString());
    return storeFrom(parser).find(pos[0]);
}

int runTest(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Check a cluster profile: ssh (host key, login), Slurm's commands, the "
                                     "partition, the remote nsynth and the work folder; every problem on its own line.");
    addCommonOptions(parser);
    addProfilesOption(parser);
    parser.addPositionalArgument("profile", "The profile's name.", "PROFILE");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const ClusterProfile p = profileArgument(parser, "profile name");
    const ConnectionReport report = testClusterConnection(p);
    if (common.json) {
        QJsonObject o = report.toJson();
        o["command"] = "cluster test";
        printJson(o);
        return report.ok() ? 0 : 1;
    }
    static const char* marks[] = {"ok     ", "warning", "FAILED ", "skipped"};
    for (const auto& c : report.checks)
        out(QString("%1  %2  %3").arg(QString::fromLatin1(marks[int(c.level)])).arg(c.name, -10).arg(c.message));
    out(report.ok() ? QString("cluster \"%1\" is ready").arg(p.name)
                    : QString("cluster \"%1\" is not ready: fix the FAILED checks above").arg(p.name));
    return report.ok() ? 0 : 1;
}

int runTrust(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Accept a cluster's SSH host key after comparing its fingerprint with the one the cluster publishes. Without "
        "--fingerprint, shows the fingerprint. A changed key is never replaced here (see docs/cluster.md).");
    addCommonOptions(parser);
    addProfilesOption(parser);
    parser.addOption({"fingerprint", "The SHA256:... fingerprint you compared.", "fingerprint"});
    parser.addPositionalArgument("profile", "The profile's name.", "PROFILE");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const ClusterProfile p = profileArgument(parser, "profile name");
    ClusterConnection conn(p);
    if (!parser.isSet("fingerprint")) {
        const HostKeyScan scan = conn.scanHostKey();
        if (common.json)
            printJson(QJsonObject{{"command", "cluster trust"}, {"host", scan.hostLabel}, {"key_type", scan.keyType},
                                  {"fingerprint", scan.fingerprint}, {"trusted", false}});
        else
            info(QString("%1 presents the %2 key %3. Compare it with the fingerprint your cluster publishes; if they "
                         "match: nsynth cluster trust %4 --fingerprint %3")
                     .arg(scan.hostLabel, scan.keyType, scan.fingerprint, p.name));
        return 1;
    }
    const HostKeyScan scan = conn.trustHostKey(parser.value("fingerprint"));
    if (common.json)
        printJson(QJsonObject{{"command", "cluster trust"}, {"host", scan.hostLabel}, {"key_type", scan.keyType},
                              {"fingerprint", scan.fingerprint}, {"known_hosts", scan.knownHostsFile}, {"trusted", true}});
    else
        info(QString("trusted %1 (%2 %3): added to %4").arg(scan.hostLabel, scan.keyType, scan.fingerprint, scan.knownHostsFile));
    return 0;
}

int runLogin(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Log in to the cluster once, interactively (passphrase, password or second "
                                     "factor are asked by ssh itself, never stored); the connection stays open for "
                                     "10 minutes and nsynth's background calls share it.");
    addCommonOptions(parser);
    addProfilesOption(parser);
    parser.addPositionalArgument("profile", "The profile's name.", "PROFILE");
    if (!parseArguments(parser, arguments))
        return 0;
    commonOptions(parser);
    const ClusterProfile p = profileArgument(parser, "profile name");
    ClusterConnection conn(p);
    const int rc = conn.login();
    if (rc != 0)
        throw Error(QString("%1: the login failed (ssh exit status %2)").arg(conn.label()).arg(rc).toStdString());
    info(conn.label() + ": logged in; the shared connection stays open for 10 minutes");
    return 0;
}

// ---------------------------------------------------------------------------------------------
// status (also the end of submit --wait and fetch --wait)

void printStatus(const ClusterJobRecord& r)
{
    QString where = QString("cluster \"%1\" (%2)").arg(r.profile.name, r.profile.where());
    QStringList ids;
    for (const auto& s : r.submissions)
        ids << s.slurmJobId;
    out(QString("job      %1").arg(r.jobFolder));
    out(QString("where    %1, %2; Slurm job(s) %3").arg(where, r.remoteJob, ids.isEmpty() ? QString("none yet") : ids.join(", ")));
    out(QString("shards   %1").arg(r.summary()));
    for (const auto& s : r.shards) {
        QString extra;
        if (s.state == ShardState::Running && s.rate > 0)
            extra = QString("; %1 samples/s, about %2 left").arg(s.rate, 0, 'f', 0).arg(eta(s.etaSeconds));
        out(QString("shard %1  %2 %3/%4 notes  %5%6")
                .arg(s.shard, -3)
                .arg(shardStateName(s.state), -13)
                .arg(s.notesDone)
                .arg(s.notes)
                .arg(s.detail, extra));
    }
    out(QString("monitor  %1; last contact %2%3")
            .arg(r.accounting == "sacct"  ? QString("sacct")
                 : r.accounting == "none" ? QString("squeue + task files (the cluster keeps no accounting)")
                                          : QString("sacct or squeue"),
                 r.lastContact.isValid() ? r.lastContact.toLocalTime().toString("yyyy-MM-dd hh:mm:ss") : QString("never"),
                 r.etaSeconds >= 0 && !r.complete ? ", about " + eta(r.etaSeconds) + " left" : QString()));
    if (!r.lastProblem.isEmpty())
        out("problem  " + r.lastProblem);
    bool resubmittable = false, active = false;
    for (const auto& s : r.shards) {
        resubmittable = resubmittable || (shardNeedsResubmission(s.state) && s.state != ShardState::NotSubmitted);
        active = active || shardIsActive(s.state);
    }
    if (r.complete)
        out(QString("complete every note is here: nsynth grid export %1 -o OUT").arg(r.jobFolder));
    else if (resubmittable && !active)
        out(QString("next     nsynth cluster submit %1 --resubmit   (the unfinished shards resume)").arg(r.jobFolder));
}

bool ended(const ClusterJobRecord& r)
{
    if (r.complete)
        return true;
    for (const auto& s : r.shards)
        if (shardIsActive(s.state) || (s.state == ShardState::Done && s.notesDone < s.notes))
            return false;
    return true;
}

// Polls until every note is here or nothing runs any more; prints changes. Returns the last record.
ClusterJobRecord waitForJob(const QString& folder, bool json, double intervalSeconds, double timeoutSeconds, bool fetchLogs)
{
    PollBackoff backoff;
    if (intervalSeconds > 0) {
        backoff.initialMs = int(intervalSeconds * 1000);
        backoff.factor = 1.0;
        backoff.maxMs = backoff.initialMs;
    }
    QElapsedTimer clock;
    clock.start();
    QString last;
    int failures = 0;
    for (int cycle = 0;; ++cycle) {
        ClusterJobRecord r = pollClusterJob(folder, PollOptions{true, fetchLogs});
        failures = r.lastProblem.isEmpty() ? 0 : failures + 1;
        const QString line = r.summary() + (r.lastProblem.isEmpty() ? QString() : " (" + r.lastProblem + ")");
        if (line != last && !json)
            info(QDateTime::currentDateTime().toString("hh:mm:ss ") + line);
        last = line;
        if (cancelFlag().load())
            throw Cancelled();
        if (ended(r) && r.lastProblem.isEmpty())
            return pollClusterJob(folder, PollOptions{true, true});  // a last fetch with the Slurm logs
        if (timeoutSeconds > 0 && clock.elapsed() > timeoutSeconds * 1000)
            return r;
        const int wait = backoff.intervalMs(cycle, failures);
        for (int waited = 0; waited < wait && !cancelFlag().load(); waited += 200)
            QThread::msleep(200);
    }
}

int statusExit(const ClusterJobRecord& r, bool waited)
{
    if (!r.lastProblem.isEmpty())
        return 1;
    if (waited && !r.complete)
        return 1;
    return 0;
}

QJsonObject statusJson(const ClusterJobRecord& r, const QString& command)
{
    QJsonObject o = r.toJson();
    o["command"] = command;
    o["summary"] = r.summary();
    return o;
}

QString jobArgument(const QCommandLineParser& parser)
{
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        throw UsageError("give exactly one job folder");
    return QDir(pos[0]).absolutePath();
}

void addWaitOptions(QCommandLineParser& parser)
{
    parser.addOption({"wait", "Keep polling (backing off up to 2 minutes between polls) until every note is here "
                              "or no shard runs any more."});
    parser.addOption({"interval", "With --wait: poll every S seconds instead of backing off.", "s"});
    parser.addOption({"timeout", "With --wait: give up after S seconds.", "s"});
}

int runStatus(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Where a cluster job stands: one Slurm query (sacct, or squeue where the cluster keeps no accounting) plus the "
        "files the tasks write; finished notes are fetched on the way. Without JOB: the jobs submitted from here.");
    addCommonOptions(parser);
    addWaitOptions(parser);
    parser.addOption({"no-fetch", "Do not copy finished notes here."});
    parser.addPositionalArgument("job", "The job folder.", "[JOB]");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (parser.positionalArguments().isEmpty()) {
        QJsonArray list;
        for (const auto& folder : ClusterJobIndex::folders()) {
            try {
                const ClusterJobRecord r = ClusterJobRecord::load(folder);
                if (common.json)
                    list.append(QJsonObject{{"job", folder}, {"summary", r.summary()}, {"complete", r.complete}});
                else
                    out(QString("%1  %2").arg(folder, r.summary()));
            } catch (const Error& e) {
                if (common.json)
                    list.append(QJsonObject{{"job", folder}, {"error", QString::fromUtf8(e.what())}});
                else
                    out(QString("%1  (%2)").arg(folder, QString::fromUtf8(e.what())));
            }
        }
        if (common.json)
            printJson(QJsonObject{{"command", "cluster status"}, {"jobs", list}});
        return 0;
    }
    const QString folder = jobArgument(parser);
    ClusterJobRecord r;
    const bool wait = parser.isSet("wait");
    if (wait)
        r = waitForJob(folder, common.json, parser.isSet("interval") ? parseDoubleOption(parser, "interval", 0.1, 3600) : 0,
                       parser.isSet("timeout") ? parseDoubleOption(parser, "timeout", 1, 1e7) : 0, false);
    else
        r = pollClusterJob(folder, PollOptions{!parser.isSet("no-fetch"), false});
    if (common.json)
        printJson(statusJson(r, "cluster status"));
    else
        printStatus(r);
    return statusExit(r, wait);
}

int runFetch(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Copy a cluster job's finished notes, run logs, task records and Slurm logs into "
                                     "the job folder (only what is new).");
    addCommonOptions(parser);
    addWaitOptions(parser);
    parser.addPositionalArgument("job", "The job folder.", "JOB");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const QString folder = jobArgument(parser);
    const int64_t before = ClusterJobRecord::load(folder).notesDone;
    const bool wait = parser.isSet("wait");
    const ClusterJobRecord r =
        wait ? waitForJob(folder, common.json, parser.isSet("interval") ? parseDoubleOption(parser, "interval", 0.1, 3600) : 0,
                          parser.isSet("timeout") ? parseDoubleOption(parser, "timeout", 1, 1e7) : 0, true)
             : pollClusterJob(folder, PollOptions{true, true});
    if (!r.lastProblem.isEmpty())
        throw Error(r.lastProblem.toStdString());
    if (common.json) {
        QJsonObject o = statusJson(r, "cluster fetch");
        o["notes_fetched_now"] = qint64(std::max<int64_t>(0, r.notesDone - before));
        printJson(o);
    } else {
        info(QString("cluster fetch: %1 of %2 notes here (%3 new); %4")
                 .arg(r.notesDone)
                 .arg(r.notes)
                 .arg(std::max<int64_t>(0, r.notesDone - before))
                 .arg(r.complete ? QString("complete: nsynth grid export %1 -o OUT").arg(folder) : r.summary()));
    }
    return wait && !r.complete ? 1 : 0;
}

int runCancel(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Cancel a cluster job (scancel): every task, or some shards. Running tasks stop "
                                     "after the batch in progress; finished notes are kept and a resubmission "
                                     "continues from them.");
    addCommonOptions(parser);
    parser.addOption({"shards", "Only these shards, e.g. 1,3,5-7.", "list"});
    parser.addPositionalArgument("job", "The job folder.", "JOB");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const QString folder = jobArgument(parser);
    const QList<int> shards = parser.isSet("shards") ? parseShardList(parser.value("shards"), "shards") : QList<int>{};
    const QString said = cancelClusterJob(folder, shards);
    const ClusterJobRecord r = pollClusterJob(folder, PollOptions{true, false});
    if (common.json) {
        QJsonObject o = statusJson(r, "cluster cancel");
        o["scancel"] = said;
        printJson(o);
        return 0;
    }
    if (!said.isEmpty())
        info("scancel: " + said);
    info(QString("cluster cancel: requested for %1; %2")
             .arg(shards.isEmpty() ? QString("every task") : "shard(s) " + parser.value("shards"), r.summary()));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// submit

int runSubmit(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Submit a planned grid job (nsynth grid plan) to a Slurm cluster as an array job, one task per shard: the job, "
        "its embeddings and model are staged (the model only when it is not there yet), the sbatch script is written to "
        "JOB/cluster/run-grid.sbatch and shown, and the Slurm job id is recorded in the job folder.");
    addCommonOptions(parser);
    addProfilesOption(parser);
    addWaitOptions(parser);
    parser.addOption({"profile", "The cluster profile (needed for a first submission).", "name"});
    parser.addOption({"shards", "Array tasks for a first submission (default: the job's planned shards).", "n"});
    parser.addOption({"only", "Submit only these shards, e.g. 1,3,5-7.", "list"});
    parser.addOption({"resubmit", "Resubmit the shards that ended without finishing (failed, timed out, cancelled, "
                                  "preempted, unknown); they resume where they stopped."});
    parser.addOption({"model", "The job's model at another path here.", "path"});
    parser.addOption({"dry-run", "Write and show the sbatch script; contact nothing."});
    parser.addPositionalArgument("job", "The job folder.", "JOB");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const QString folder = jobArgument(parser);
    ClusterProfile profile;
    if (parser.isSet("profile"))
        profile = storeFrom(parser).find(parser.value("profile"));
    else if (!ClusterJobRecord::exists(folder))
        throw UsageError("a first submission needs --profile NAME (nsynth cluster profile list shows them)");
    SubmitOptions options;
    if (parser.isSet("shards"))
        options.shards = parseIntOption(parser, "shards", 1, 100000);
    if (parser.isSet("only"))
        options.only = parseShardList(parser.value("only"), "only");
    options.resubmit = parser.isSet("resubmit");
    options.dryRun = parser.isSet("dry-run");
    if (parser.isSet("model"))
        options.model = parser.value("model");
    if (!common.json)
        options.notice = [](const QString& s) { info("cluster submit: " + s); };
    const SubmitResult result = submitGridJob(folder, profile, options);
    if (!common.json) {
        info(QString("cluster submit: sbatch script %1:").arg(result.scriptPath));
        for (const auto& line : result.script.split('\n'))
            info("  " + line);
        if (result.dryRun)
            info(QString("cluster submit: dry run; nothing was sent. It would run shard(s) %1 in %2").arg(result.array, result.remoteJob));
        else
            info(QString("cluster submit: Slurm job %1, shard(s) %2, in %3; watch it with: nsynth cluster status %4 --wait")
                     .arg(result.slurmJobId, result.array, result.remoteJob, folder));
    }
    if (parser.isSet("wait") && !result.dryRun) {
        const ClusterJobRecord r =
            waitForJob(folder, common.json, parser.isSet("interval") ? parseDoubleOption(parser, "interval", 0.1, 3600) : 0,
                       parser.isSet("timeout") ? parseDoubleOption(parser, "timeout", 1, 1e7) : 0, false);
        if (common.json) {
            QJsonObject o = statusJson(r, "cluster submit");
            o["submission"] = result.toJson();
            printJson(o);
        } else {
            printStatus(r);
        }
        return statusExit(r, true);
    }
    if (common.json) {
        QJsonObject o = result.toJson();
        o["command"] = "cluster submit";
        o["script_text"] = result.script;
        printJson(o);
    }
    return 0;
}

} // namespace

static int runCluster(const QStringList& arguments)
{
    static const char* kUsage =
        "Usage: nsynth cluster <subcommand> [options]   (nsynth cluster <subcommand> --help)\n\n"
        "  profile add|list|show|remove   cluster profiles (host, work folder, nsynth command, sbatch settings)\n"
        "  test PROFILE                   check ssh, host key, Slurm, partition, remote nsynth, work folder\n"
        "  trust PROFILE --fingerprint F  accept an unknown host's SSH key after comparing its fingerprint\n"
        "  login PROFILE                  log in once interactively; background calls share the connection\n"
        "  submit JOB --profile P         stage a planned grid job and submit it as a Slurm array (--resubmit)\n"
        "  status [JOB] [--wait]          every shard's state, progress and ETA; fetches finished notes\n"
        "  fetch JOB                      copy finished notes, logs and Slurm output here\n"
        "  cancel JOB [--shards LIST]     scancel the job or some shards (they resume when resubmitted)\n";
    if (arguments.size() < 2 || arguments[1] == "--help" || arguments[1] == "-h" || arguments[1] == "help") {
        std::fprintf(arguments.size() < 2 ? stderr : stdout, "%s", kUsage);
        return arguments.size() < 2 ? 2 : 0;
    }
    const QString sub = arguments[1];
    QStringList rest = arguments.mid(2);
    if (sub == "profile") {
        rest.prepend("nsynth cluster profile");
        return runProfile(rest);
    }
    rest.prepend("nsynth cluster " + sub);
    if (sub == "test")
        return runTest(rest);
    if (sub == "trust")
        return runTrust(rest);
    if (sub == "login")
        return runLogin(rest);
    if (sub == "submit")
        return runSubmit(rest);
    if (sub == "status")
        return runStatus(rest);
    if (sub == "fetch")
        return runFetch(rest);
    if (sub == "cancel")
        return runCancel(rest);
    throw UsageError(("unknown cluster subcommand \"" + sub +
                      "\" (profile, test, trust, login, submit, status, fetch, cancel)")
                         .toStdString());
}

static const CommandRegistration kClusterRegistration{
    "cluster", "Slurm clusters over SSH: profiles, test, submit grid jobs, status, fetch, cancel", runCluster, 75};

} // namespace nsynth::app
