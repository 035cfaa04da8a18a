#include "cluster_client.h"

#include "atomic_file.h"
#include "error.h"
#include "grid_job.h"
#include "grid_schedule.h"
#include "manifest.h"
#include "remote_script.h"
#include "sbatch_script.h"
#include "shell_quote.h"
#include "slurm_output.h"
#include "version.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLockFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace nsynth::app {

namespace {

// `nsynth ARGS` through the profile's command, run by bash so that a command such as
// "module load nsynth; nsynth" works; the arguments reach nsynth as "$@", never re-parsed.
QString nsynthInvocation(const ClusterProfile& p, const QStringList& args)
{
    return "bash -c " + shellQuote(p.nsynthCommand + " \"$@\"") + " nsynth " + shellJoin(args);
}

QString firstLine(const QString& text)
{
    for (const auto& l : text.split('\n'))
        if (!l.trimmed().isEmpty())
            return l.trimmed();
    return {};
}

QString lastLine(const QString& text)
{
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (!it->trimmed().isEmpty())
            return it->trimmed();
    return {};
}

QString remoteVersionOf(const QString& output)
{
    static const QRegularExpression re(QStringLiteral("(?:^|\\n)nsynth (\\S+)"));
    const auto m = re.match(output);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString missingNsynthMessage(const QString& who, const ClusterProfile& p, int status, const QString& output)
{
    return QString("%1: the remote nsynth command \"%2\" %3 (%4). Install the headless nsynth there (docs/cluster.md, "
                   "\"Installing nsynth on a cluster\") or set the profile's nsynth_command to where it is")
        .arg(who, p.nsynthCommand, status == 127 ? QString("was not found") : QString("failed with status %1").arg(status),
             lastLine(output).isEmpty() ? QString("no output") : lastLine(output));
}

// Model files of a job: the file itself, or a TensorFlow checkpoint's files (prefix.*).
QStringList modelFiles(const QString& path)
{
    const QFileInfo info(path);
    if (info.isFile())
        return {info.absoluteFilePath()};
    QStringList out;
    const QDir dir = info.absoluteDir();
    for (const auto& name : dir.entryList({info.fileName() + ".*"}, QDir::Files))
        out << dir.absoluteFilePath(name);
    return out;
}

struct LockedRecord {
    explicit LockedRecord(const QString& jobFolder)
        : lock(QDir(jobFolder).absolutePath() + "/cluster/.lock")
    {
        QDir().mkpath(QDir(jobFolder).absolutePath() + "/cluster");
        lock.setStaleLockTime(0);
        if (!lock.tryLock(120000))
            throw Error((QDir(jobFolder).absolutePath() + "/cluster/.lock: the job is locked by another nsynth "
                                                          "process (pid in the file); try again when it is done")
                            .toStdString());
    }
    QLockFile lock;
};

// Note indices of each shard (batches b with b mod N = K).
QList<QList<int64_t>> shardNotes(const GridJob& job, int shardCount)
{
    const GridSchedule schedule = job.schedule();
    QList<QList<int64_t>> out;
    for (int k = 0; k < shardCount; ++k) {
        QList<int64_t> notes;
        for (int64_t b : schedule.shardBatches(ShardSpec{k, shardCount}))
            for (int64_t n = schedule.batchBegin(b); n < schedule.batchEnd(b); ++n)
                notes << n;
        out << notes;
    }
    return out;
}

QString partitionList(const QStringList& lines)
{
    QStringList names;
    for (const auto& l : lines)
        names << l.trimmed().remove('*');
    names.removeDuplicates();
    return names.join(", ");
}

QString cleanSbatchError(const QString& text)
{
    QStringList lines;
    for (const auto& l : text.split('\n'))
        if (!l.trimmed().isEmpty())
            lines << l.trimmed().remove(QRegularExpression("^sbatch: error: "));
    return lines.isEmpty() ? QStringLiteral("no message") : lines.join("; ");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// test

bool ConnectionReport::ok() const
{
    for (const auto& c : checks)
        if (c.level == ConnectionCheck::Level::Failed)
            return false;
    return !checks.isEmpty();
}

QJsonObject ConnectionReport::toJson() const
{
    QJsonArray list;
    for (const auto& c : checks) {
        static const char* levels[] = {"ok", "warning", "failed", "skipped"};
        list.append(QJsonObject{{"check", c.name}, {"result", levels[int(c.level)]}, {"message", c.message}});
    }
    QJsonObject o{{"profile", profile}, {"ok", ok()}, {"checks", list}};
    if (!fingerprint.isEmpty())
        o["fingerprint"] = fingerprint;
    if (!remoteVersion.isEmpty())
        o["remote_version"] = remoteVersion;
    return o;
}

ConnectionReport testClusterConnection(const ClusterProfile& p)
{
    using L = ConnectionCheck::Level;
    ConnectionReport report;
    report.profile = p.name;
    auto add = [&](const QString& name, L level, const QString& message) { report.checks << ConnectionCheck{name, level, message}; };
    const QStringList problems = p.problems();
    if (!problems.isEmpty()) {
        add("profile", L::Failed, problems.join("; "));
        return report;
    }
    add("profile", L::Ok, QString("profile \"%1\" is complete").arg(p.name));
    ClusterConnection conn(p);
    if (!p.local) {
        if (findProgram("ssh").isEmpty()) {
            add("ssh", L::Failed, "ssh is not installed on this machine: install the OpenSSH client");
            return report;
        }
    }
    const QStringList tools{"sbatch", "squeue", "scancel", "sacct", "sinfo", "scontrol", "rsync", "bash"};
    RemoteScript s;
    s.section("host", "uname -n");
    QString toolLoop = "for t in " + tools.join(' ') +
                       "; do if command -v \"$t\" >/dev/null 2>&1; then echo \"$t yes\"; else echo \"$t no\"; fi; done";
    s.section("tools", toolLoop);
    s.section("path", "printf '%s\\n' \"$PATH\"");
    s.section("squeue", "squeue -u \"$(id -un)\" --noheader --format=%i");
    s.section("sacct", "sacct -X --noheader --parsable2 --format=JobID --starttime=\"$(date +%Y-%m-%d)\"");
    s.section("partitions", "sinfo --noheader --format=%R");
    s.section("config", "scontrol show config | grep -E '^(MaxArraySize|MinJobAge|ClusterName) '");
    s.section("nsynth", nsynthInvocation(p, {"--version"}));
    QString work;
    if (!p.workDir.isEmpty()) {
        const RemotePath w = RemotePath::parse(p.workDir, "work_dir");
        work = w.display();
        s.line("work=" + w.shell());
        s.section("workdir",
                  "if [ -d \"$work\" ]; then\n"
                  "  if [ -w \"$work\" ]; then echo 'exists writable'; else echo 'exists readonly'; fi\n"
                  "  df -Pk \"$work\" | tail -n 1\n"
                  "else\n"
                  "  a=$work; while [ ! -d \"$a\" ]; do a=$(dirname \"$a\"); done\n"
                  "  if [ -w \"$a\" ]; then echo 'missing creatable'; else echo 'missing readonly'; fi\n"
                  "  printf '%s\\n' \"$a\"\n"
                  "fi");
    }
    RemoteOutput out;
    try {
        out = conn.run(s, 120000);
    } catch (const ClusterConnectionError& e) {
        report.failure = e.kind();
        report.fingerprint = e.fingerprint();
        add(p.local ? "shell" : "ssh", L::Failed, QString::fromUtf8(e.what()));
        for (const char* name : {"slurm", "nsynth", "work dir"})
            add(name, L::Skipped, "not checked: no connection");
        return report;
    }
    if (!p.local)
        add("ssh", L::Ok, QString("logged in to %1 (%2); host key verified").arg(conn.label(), firstLine(out.section("host").text())));
    else
        add("shell", L::Ok, "running on this machine (" + firstLine(out.section("host").text()) + ")");

    QSet<QString> present;
    for (const auto& l : out.section("tools").lines())
        if (l.endsWith(" yes"))
            present.insert(l.section(' ', 0, 0));
    QStringList missingSlurm;
    for (const char* t : {"sbatch", "squeue", "scancel"})
        if (!present.contains(QString::fromLatin1(t)))
            missingSlurm << QString::fromLatin1(t);
    const QString path = firstLine(out.section("path").text());
    if (!missingSlurm.isEmpty()) {
        add("slurm", L::Failed, QString("%1 not found on %2 (PATH=%3): is it a Slurm login node? If Slurm needs a "
                                        "module there, load it in the shell's startup file")
                                    .arg(missingSlurm.join(", "), p.where(), path));
    } else if (out.section("squeue").status != 0) {
        add("slurm", L::Failed, "squeue cannot reach the Slurm controller: " + lastLine(out.section("squeue").text()));
    } else {
        QString config;
        for (const auto& l : out.section("config").lines())
            config += (config.isEmpty() ? "" : ", ") + l.simplified().replace(" = ", "=");
        add("slurm", L::Ok, "sbatch, squeue and scancel work" + (config.isEmpty() ? QString() : " (" + config + ")"));
    }
    if (!present.contains("sacct"))
        add("accounting", L::Warning, "sacct is not installed: monitoring uses squeue and the files the tasks write");
    else if (out.section("sacct").status != 0)
        add("accounting", L::Warning,
            "sacct does not work here (" + lastLine(out.section("sacct").text()) +
                "): monitoring falls back to squeue and the files the tasks write (docs/cluster.md, \"Without accounting\")");
    else
        add("accounting", L::Ok, "sacct works: one sacct call per poll follows every task");

    if (!p.partition.isEmpty() && present.contains("sinfo") && out.section("partitions").status == 0) {
        const QStringList lines = out.section("partitions").lines();
        QSet<QString> known;
        for (const auto& l : lines)
            known.insert(l.trimmed().remove('*'));
        QStringList unknown;
        for (const auto& part : p.partition.split(',', Qt::SkipEmptyParts))
            if (!known.contains(part))
                unknown << part;
        if (!unknown.isEmpty())
            add("partition", L::Failed, QString("partition %1 does not exist on this cluster (there are: %2)")
                                            .arg(unknown.join(", "), partitionList(lines)));
        else
            add("partition", L::Ok, "partition " + p.partition + " exists");
    } else if (p.partition.isEmpty()) {
        add("partition", L::Ok, "no partition given: Slurm's default is used");
    }

    const RemoteSection ns = out.section("nsynth");
    const QString version = remoteVersionOf(ns.text());
    if (ns.status != 0 || version.isEmpty()) {
        add("nsynth", L::Failed, missingNsynthMessage(conn.label(), p, ns.status, ns.text()));
    } else {
        report.remoteVersion = version;
        if (version != QString::fromLatin1(kVersion))
            add("nsynth", L::Warning, QString("the cluster runs nsynth %1, this machine %2: a job is only run by the "
                                              "version that plans the same notes (the plan's fingerprint is checked)")
                                          .arg(version, QString::fromLatin1(kVersion)));
        else
            add("nsynth", L::Ok, "nsynth " + version + " (\"" + p.nsynthCommand + "\")");
    }

    if (!p.workDir.isEmpty()) {
        const QStringList w = out.section("workdir").lines();
        const QString state = w.value(0);
        if (state == "exists writable") {
            const QStringList df = w.value(1).simplified().split(' ');
            const double freeGb = df.size() >= 4 ? df[3].toDouble() / 1048576.0 : -1;
            add("work dir", L::Ok, QString("%1 is writable%2").arg(work, freeGb >= 0 ? QString(", %1 GB free").arg(freeGb, 0, 'f', 1) : QString()));
        } else if (state == "exists readonly") {
            add("work dir", L::Failed, work + " exists but is not writable");
        } else if (state == "missing creatable") {
            add("work dir", L::Ok, work + " does not exist yet; the first submission creates it");
        } else {
            add("work dir", L::Failed, QString("%1 does not exist and cannot be created (%2 is not writable)").arg(work, w.value(1)));
        }
    } else if (p.local) {
        add("work dir", L::Ok, "no work_dir: jobs run in their own folders on this machine");
    }

    if (!p.local) {
        const bool remoteRsync = present.contains("rsync");
        try {
            const QString method = conn.transferMethod(remoteRsync);
            if (method == "rsync")
                add("transfer", L::Ok, "rsync on both sides");
            else
                add("transfer", L::Warning, QString("scp (rsync is missing %1): every changed file is copied whole")
                                                .arg(findProgram("rsync").isEmpty() ? "here" : "on the cluster"));
        } catch (const Error& e) {
            add("transfer", L::Failed, QString::fromUtf8(e.what()));
        }
    }
    return report;
}

// ---------------------------------------------------------------------------------------------
// submit

QJsonObject SubmitResult::toJson() const
{
    QJsonArray list;
    for (int s : shards)
        list.append(s);
    return QJsonObject{{"slurm_job_id", slurmJobId}, {"shards", list},        {"array", array},
                       {"script", scriptPath},       {"remote_job", remoteJob}, {"model_uploaded", modelUploaded},
                       {"dry_run", dryRun}};
}

ClusterProfile recordedProfile(const QString& jobFolder)
{
    return ClusterJobRecord::load(jobFolder).profile;
}

SubmitResult submitGridJob(const QString& jobFolderArg, const ClusterProfile& profileArg, const SubmitOptions& options)
{
    auto notice = [&](const QString& s) {
        if (options.notice)
            options.notice(s);
    };
    const QString jobFolder = QDir(jobFolderArg).absolutePath();
    const GridJob job = GridJob::open(jobFolder);  // a broken or foreign folder stops here
    const QString folderName = QFileInfo(jobFolder).fileName();
    if (hasControlCharacters(folderName))
        throw Error((jobFolder + ": the folder name contains a control character; rename it").toStdString());
    // A record without submissions (sbatch rejected the first try) counts as not submitted.
    auto submittedBefore = [&] {
        if (!ClusterJobRecord::exists(jobFolder))
            return false;
        const ClusterJobRecord r = ClusterJobRecord::load(jobFolder);
        return !r.submissions.isEmpty() || r.pendingSubmission.has_value();
    };
    if (submittedBefore() && (options.resubmit || !options.only.isEmpty()) && !options.dryRun)
        pollClusterJob(jobFolder, PollOptions{true, false});  // fresh states before choosing shards

    LockedRecord lock(jobFolder);
    const bool hadRecord = submittedBefore();
    ClusterJobRecord record;
    if (hadRecord)
        record = ClusterJobRecord::load(jobFolder);

    ClusterProfile profile = profileArg;
    if (hadRecord) {
        if (record.planFingerprint != job.fingerprint())
            throw Error((jobFolder + ": the job was planned again since it was submitted (its fingerprint changed); "
                                     "remove cluster/cluster-job.json to submit it as a new job")
                            .toStdString());
        if (!options.resubmit && options.only.isEmpty())
            throw Error(QString("%1: already submitted (Slurm job %2, %3); see nsynth cluster status %1, and resubmit "
                                "shards that did not finish with --resubmit")
                            .arg(jobFolder,
                                 record.submissions.isEmpty() ? QString("?") : record.submissions.last().slurmJobId,
                                 record.summary())
                            .toStdString());
        if (profile.name.isEmpty())
            profile = record.profile;
        else if (profile.local != record.profile.local || profile.host != record.profile.host ||
                 profile.workDir != record.profile.workDir || profile.sshConfig != record.profile.sshConfig)
            throw Error(QString("%1: the job runs on %2 (profile \"%3\", work_dir %4); profile \"%5\" points elsewhere. "
                                "Resubmit without --profile, or with a profile for the same host and work_dir")
                            .arg(jobFolder, record.profile.where(), record.profile.name, record.remoteJob, profile.name)
                            .toStdString());
    }
    const QStringList problems = profile.problems();
    if (!problems.isEmpty())
        throw Error(problems.join("; ").toStdString());

    // Shards.
    const int shardCount = hadRecord ? record.shardCount
                                     : (options.shards > 0 ? options.shards : std::max(1, job.settings().shards));
    const int64_t batches = job.schedule().batches();
    if (shardCount > batches && !hadRecord)
        notice(QString("note: %1 shards for %2 batches: %3 array task(s) will have nothing to do")
                   .arg(shardCount)
                   .arg(batches)
                   .arg(shardCount - batches));
    QList<int> shards;
    if (!options.only.isEmpty()) {
        for (int k : options.only)
            if (k < 0 || k >= shardCount)
                throw Error(QString("shard %1 does not exist (the job has shards 0..%2)").arg(k).arg(shardCount - 1).toStdString());
        shards = options.only;
    } else if (!hadRecord) {
        for (int k = 0; k < shardCount; ++k)
            shards << k;
    } else {
        for (const auto& s : record.shards)
            if (shardNeedsResubmission(s.state))
                shards << s.shard;
    }
    std::sort(shards.begin(), shards.end());
    shards.erase(std::unique(shards.begin(), shards.end()), shards.end());
    if (hadRecord) {
        QStringList busy;
        for (int k : shards) {
            const ShardState st = record.shards.value(k).state;
            if (shardIsActive(st) || st == ShardState::Done)
                busy << QString("%1 (%2)").arg(k).arg(shardStateName(st));
        }
        if (!busy.isEmpty())
            throw Error(QString("%1: not resubmitting shard(s) %2: only shards that ended without finishing can be "
                                "resubmitted")
                            .arg(jobFolder, busy.join(", "))
                            .toStdString());
    }
    if (shards.isEmpty())
        throw Error(QString("%1: nothing to resubmit (%2)").arg(jobFolder, record.summary()).toStdString());

    // Where it runs.
    const bool inPlace = profile.local && profile.workDir.isEmpty();
    const QString modelLocal = options.model.isEmpty() ? job.modelPath() : QFileInfo(options.model).absoluteFilePath();
    const QStringList modelLocalFiles = modelFiles(modelLocal);
    if (modelLocalFiles.isEmpty())
        throw Error((modelLocal + ": the job's model is not there (moved? give its new path with --model)").toStdString());
    const QString fileSha = job.jobJson().value("resolved").toObject().value("model").toObject().value("file_sha256").toString();
    if (!options.model.isEmpty() && !fileSha.isEmpty() && QFileInfo(modelLocal).isFile() && sha256OfFile(modelLocal) != fileSha)
        throw Error((modelLocal + ": not the model this job was planned with (its sha256 differs from job.json's)").toStdString());
    const QString weightsSha = job.modelWeightsSha256();
    RemotePath remoteJob, remoteModelDir, remoteModel;
    if (inPlace) {
        remoteJob = RemotePath::absolute(jobFolder);
        remoteModel = RemotePath::absolute(modelLocal);
    } else if (hadRecord) {
        remoteJob = RemotePath::parse(record.remoteJob, "remote job");
        remoteModel = RemotePath::parse(record.remoteModel, "remote model");
        remoteModelDir = RemotePath::parse(record.remoteModel.section('/', 0, -2), "remote model");
    } else {
        const RemotePath work = RemotePath::parse(profile.workDir, "work_dir");
        remoteJob = work.child("jobs").child(folderName + "-" + job.fingerprint().left(8));
        remoteModelDir = work.child("models").child(weightsSha.left(32));
        remoteModel = remoteModelDir.child(QFileInfo(modelLocal).fileName());
    }
    const QString jobName = "nsynth-grid-" + job.fingerprint().left(12);

    SbatchScriptParameters sp;
    sp.profile = profile;
    sp.jobName = jobName;
    sp.title = folderName;
    sp.shardCount = shardCount;
    sp.shards.clear();
    for (int k = 0; k < shardCount; ++k)
        sp.shards << k;
    sp.modelShell = remoteModel.shell();
    sp.version = QString::fromLatin1(kVersion);
    const QString script = sbatchScript(sp);
    const QString scriptPath = jobFolder + "/cluster/run-grid.sbatch";
    writeFileAtomically(scriptPath.toStdString(), script.toStdString());

    SubmitResult result;
    result.shards = shards;
    result.array = arraySpec(shards, profile.arrayLimit);
    result.script = script;
    result.scriptPath = scriptPath;
    result.remoteJob = remoteJob.display();
    result.dryRun = options.dryRun;
    if (options.dryRun)
        return result;

    ClusterConnection conn(profile);
    const QString who = conn.label();
    // One round trip: the remote nsynth, Slurm's commands, the folders, the model's presence.
    RemoteScript prep;
    prep.section("nsynth", nsynthInvocation(profile, {"--version"}));
    prep.section("tools", "for t in sbatch squeue scancel rsync; do if command -v \"$t\" >/dev/null 2>&1; then echo "
                          "\"$t yes\"; else echo \"$t no\"; fi; done");
    prep.line("job=" + remoteJob.shell());
    QString mk = "mkdir -p \"$job/cluster/slurm\" \"$job/cluster/tasks\" \"$job/raw\" \"$job/logs\"";
    if (!inPlace)
        mk += " " + remoteModelDir.shell();
    prep.section("dirs", mk);
    if (!inPlace) {
        QString check;
        for (const auto& f : modelLocalFiles) {
            const QString remote = remoteModelDir.child(QFileInfo(f).fileName()).shell();
            check += QString("if [ -f %1 ] && [ \"$(wc -c < %1)\" -eq %2 ]; then echo have; else echo missing; fi\n")
                         .arg(remote)
                         .arg(QFileInfo(f).size());
        }
        prep.section("model", check + "true");
    }
    prep.section("config", "scontrol show config 2>/dev/null | grep -E '^MaxArraySize '; true");
    notice(QString("checking %1 ...").arg(who));
    RemoteOutput out = conn.run(prep, 180000);

    const RemoteSection ns = out.section("nsynth");
    const QString version = remoteVersionOf(ns.text());
    if (ns.status != 0 || version.isEmpty())
        throw Error(missingNsynthMessage(who, profile, ns.status, ns.text()).toStdString());
    if (version != QString::fromLatin1(kVersion))
        notice(QString("note: the cluster runs nsynth %1, this machine %2").arg(version, QString::fromLatin1(kVersion)));
    QSet<QString> present;
    for (const auto& l : out.section("tools").lines())
        if (l.endsWith(" yes"))
            present.insert(l.section(' ', 0, 0));
    for (const char* t : {"sbatch", "squeue", "scancel"})
        if (!present.contains(QString::fromLatin1(t)))
            throw Error(QString("%1: %2 not found there: is it a Slurm login node?").arg(who, QString::fromLatin1(t)).toStdString());
    if (out.section("dirs").status != 0)
        throw Error(QString("%1: cannot create %2: %3").arg(who, remoteJob.display(), lastLine(out.section("dirs").text())).toStdString());
    for (const auto& l : out.section("config").lines()) {
        const int maxArray = l.section('=', 1).trimmed().toInt();
        if (maxArray > 0 && shardCount - 1 >= maxArray)
            throw Error(QString("%1: %2 shards need array indices up to %3, but the cluster's MaxArraySize is %4; plan "
                                "fewer shards (--shards)")
                            .arg(who)
                            .arg(shardCount)
                            .arg(shardCount - 1)
                            .arg(maxArray)
                            .toStdString());
    }
    const QString method = conn.transferMethod(present.contains("rsync"));

    if (!inPlace) {
        if (out.section("model").lines().contains("missing")) {
            qint64 bytes = 0;
            for (const auto& f : modelLocalFiles)
                bytes += QFileInfo(f).size();
            notice(QString("uploading the model (%1 MB) to %2 ...").arg(double(bytes) / 1e6, 0, 'f', 1).arg(remoteModelDir.display()));
            conn.upload(modelLocalFiles, remoteModelDir, method);
            result.modelUploaded = true;
        } else {
            notice("the model is on the cluster already (" + remoteModel.display() + ")");
        }
        QStringList entries{jobFolder + "/job.json", jobFolder + "/plan.json", jobFolder + "/embeddings"};
        if (QFileInfo(jobFolder + "/raw").isDir())
            entries << jobFolder + "/raw";  // notes finished here need not be generated there
        notice(QString("staging the job in %1 (%2) ...").arg(remoteJob.display(), method));
        conn.upload(entries, remoteJob, method);
    }

    // Record that sbatch is being called: if the answer is lost, the next poll adopts the job it
    // finds under this job's name instead of losing it.
    record.jobFolder = jobFolder;
    record.planFingerprint = job.fingerprint();
    record.profile = profile;
    record.remoteJob = remoteJob.display();
    record.remoteModel = remoteModel.display();
    record.slurmJobName = jobName;
    record.shardCount = shardCount;
    record.transfer = method;
    if (record.shards.size() != shardCount) {
        record.shards.clear();
        for (int k = 0; k < shardCount; ++k) {
            ShardStatus s;
            s.shard = k;
            record.shards << s;
        }
    }
    record.pendingSubmission = QDateTime::currentDateTimeUtc();
    record.pendingShards = shards;
    record.save();

    RemoteScript submit;
    submit.line("job=" + remoteJob.shell());
    submit.section("script", "printf '%s' " + shellQuote(script) +
                                 " > \"$job/cluster/.run-grid.sbatch.tmp\" && mv -f \"$job/cluster/.run-grid.sbatch.tmp\" "
                                 "\"$job/cluster/run-grid.sbatch\"");
    submit.line("if [ \"$nsynth_status\" -eq 0 ]; then");
    submit.section("sbatch", "cd \"$job\" && sbatch --parsable --array=" + shellQuote(result.array) +
                                 " cluster/run-grid.sbatch");
    submit.line("fi");
    notice(QString("submitting shard(s) %1 ...").arg(result.array));
    try {
        out = conn.run(submit, 180000);
    } catch (const ClusterConnectionError&) {
        throw;  // the pending submission stays recorded; `status` adopts the job if sbatch ran
    }
    if (out.section("script").status != 0) {
        record.pendingSubmission.reset();
        record.pendingShards.clear();
        record.save();
        throw Error(QString("%1: cannot write the script to %2: %3")
                        .arg(who, remoteJob.display(), lastLine(out.section("script").text()))
                        .toStdString());
    }
    const RemoteSection sb = out.section("sbatch");
    const QString id = parseSbatchJobId(sb.text());
    if (sb.status != 0 || id.isEmpty()) {
        record.pendingSubmission.reset();
        record.pendingShards.clear();
        record.save();
        throw Error(QString("%1: sbatch rejected the job: %2").arg(who, cleanSbatchError(sb.text())).toStdString());
    }
    ClusterSubmission sub;
    sub.slurmJobId = id;
    sub.shards = shards;
    sub.array = result.array;
    sub.submitted = QDateTime::currentDateTimeUtc();
    sub.scriptSha256 = QString::fromLatin1(QCryptographicHash::hash(script.toUtf8(), QCryptographicHash::Sha256).toHex());
    record.submissions << sub;
    record.pendingSubmission.reset();
    record.pendingShards.clear();
    for (int k : shards) {
        record.shards[k].state = ShardState::Pending;
        record.shards[k].detail = "submitted as Slurm job " + id + "_" + QString::number(k);
        record.shards[k].task = id + "_" + QString::number(k);
        record.shards[k].updated = sub.submitted;
    }
    record.complete = false;
    record.save();
    ClusterJobIndex::add(jobFolder);
    result.slurmJobId = id;
    return result;
}

// ---------------------------------------------------------------------------------------------
// poll

ClusterJobRecord pollClusterJob(const QString& jobFolderArg, const PollOptions& options)
{
    const QString jobFolder = QDir(jobFolderArg).absolutePath();
    ClusterJobRecord record = ClusterJobRecord::load(jobFolder);
    const GridJob job = GridJob::open(jobFolder);
    const RemotePath remoteJob = RemotePath::parse(record.remoteJob, "remote job");
    ClusterConnection conn(record.profile);

    // Which tasks' logs to read: each unfinished shard's latest task.
    QStringList tasks;
    for (const auto& s : record.shards)
        if (s.state != ShardState::Done)
            if (const ClusterSubmission* sub = record.submissionOf(s.shard))
                tasks << sub->slurmJobId + "_" + QString::number(s.shard);

    QDateTime earliest = QDateTime::currentDateTimeUtc();
    for (const auto& sub : record.submissions)
        earliest = std::min(earliest, sub.submitted);
    if (record.pendingSubmission)
        earliest = std::min(earliest, *record.pendingSubmission);
    const QString since = earliest.addDays(-1).toString("yyyy-MM-dd");
    const QString name = shellQuote(record.slurmJobName);

    RemoteScript s;
    s.line("job=" + remoteJob.shell());
    s.section("job", "cd \"$job\" && echo here");
    s.line("nsynth_status=1");
    const bool trySacct = record.accounting != "none";
    if (trySacct)
        s.section("sacct", "sacct --name=" + name + " -X --parsable2 --noheader --starttime=" + since +
                               " --format=JobID,JobIDRaw,State,ExitCode,Elapsed,NodeList");
    // squeue only when sacct cannot answer: one Slurm query per poll.
    s.line("if [ \"$nsynth_status\" -ne 0 ]; then");
    s.section("squeue", "squeue -u \"$(id -un)\" --name=" + name +
                            " --array --states=all --noheader --format='%F|%K|%A|%T|%M|%N|%r'");
    s.line("fi");
    s.section("tasks", "cd \"$job/cluster/tasks\" 2>/dev/null || exit 0\n"
                       "for f in *.start *.exit; do\n"
                       "  [ -f \"$f\" ] || continue\n"
                       "  printf '%s' \"$f\"; while IFS= read -r l; do printf ' %s' \"$l\"; done < \"$f\"; printf '\\n'\n"
                       "done");
    if (!tasks.isEmpty())
        s.section("logs", "cd \"$job/cluster/slurm\" 2>/dev/null || exit 0\nfor t in " + shellJoin(tasks) +
                              "; do [ -f \"$t.out\" ] && { printf '=== %s\\n' \"$t\"; tail -n 12 \"$t.out\"; }; done; true");

    const QDateTime now = QDateTime::currentDateTimeUtc();
    RemoteOutput out;
    try {
        out = conn.run(s, 120000);
    } catch (const ClusterConnectionError& e) {
        LockedRecord lock(jobFolder);
        ClusterJobRecord disk = ClusterJobRecord::load(jobFolder);
        disk.lastPoll = now;
        disk.lastProblem = QString::fromUtf8(e.what());
        disk.save();
        return disk;
    }
    QString problem;
    if (out.section("job").status != 0)
        problem = QString("%1: the job folder %2 is gone from the cluster").arg(conn.label(), remoteJob.display());

    // Slurm's answer.
    bool answered = false;
    QString source;
    QList<SlurmTask> slurmTasks;
    QString accounting = record.accounting;
    const RemoteSection sacct = out.section("sacct");
    if (trySacct && sacct.status == 0) {
        slurmTasks = parseSacct(sacct.text());
        answered = true;
        accounting = "sacct";
    } else {
        if (trySacct) {
            const QString why = sacct.text().toLower();
            // Off for good (no slurmdbd, no sacct): stop asking. Other failures are retried.
            if (why.contains("accounting storage is disabled") || why.contains("not found") ||
                (why.contains("slurmdbd") && why.contains("not")) || why.contains("accounting_storage/none"))
                accounting = "none";
        }
        const RemoteSection sq = out.section("squeue");
        if (sq.present && sq.status == 0) {
            slurmTasks = parseSqueue(sq.text());
            answered = true;
        } else if (sq.present) {
            problem = QString("%1: Slurm did not answer (%2); the last known states stand")
                          .arg(conn.label(), lastLine(sq.text()));
        }
    }
    const QHash<QString, TaskFiles> files = parseTaskFiles(out.section("tasks").lines());
    QHash<QString, QStringList> logs;
    {
        QString current;
        for (const auto& l : out.section("logs").text().split('\n')) {
            if (l.startsWith("=== ")) {
                current = l.mid(4).trimmed();
                continue;
            }
            if (!current.isEmpty())
                logs[current] << l;
        }
    }

    // Adopt a submission whose sbatch answer was lost on the way back.
    QList<ClusterSubmission> adopted;
    if (record.pendingSubmission) {
        QSet<QString> known;
        for (const auto& sub : record.submissions)
            known.insert(sub.slurmJobId);
        for (const auto& t : slurmTasks)
            if (!known.contains(t.arrayJobId) && t.taskId >= 0 && record.pendingShards.contains(t.taskId)) {
                ClusterSubmission sub;
                sub.slurmJobId = t.arrayJobId;
                sub.shards = record.pendingShards;
                sub.array = arraySpec(record.pendingShards, record.profile.arrayLimit);
                sub.submitted = *record.pendingSubmission;
                record.submissions << sub;
                adopted << sub;
                break;
            }
    }

    // Fetch what is finished.
    bool fetched = false;
    FetchCounts counts;
    const bool inPlace = remoteJob.local() == jobFolder && record.profile.local;
    if (options.fetch && problem.isEmpty() && !inPlace) {
        QStringList subfolders{"raw", "logs", "cluster/tasks"};
        if (options.fetchLogs)
            subfolders << "cluster/slurm";
        try {
            const QString method = record.transfer.isEmpty() ? conn.transferMethod(true) : record.transfer;
            counts = conn.download(remoteJob, jobFolder, subfolders, method);
            fetched = true;
        } catch (const Error& e) {
            problem = QString::fromUtf8(e.what());
        }
    } else if (inPlace) {
        fetched = true;
    }

    // Every shard's state.
    const std::vector<uint8_t> finished = job.finishedNotes();
    const auto notesOf = shardNotes(job, record.shardCount);
    QList<ShardStatus> states;
    int64_t notes = 0, notesDone = 0;
    double eta = 0;
    bool etaKnown = true;
    for (int k = 0; k < record.shardCount; ++k) {
        ShardEvidence e;
        e.shard = k;
        e.submission = record.submissionOf(k);
        e.slurmAnswered = answered;
        for (int64_t n : notesOf[k]) {
            ++e.notes;
            e.notesDone += finished[size_t(n)] ? 1 : 0;
        }
        e.fetched = fetched;
        if (e.submission) {
            const QString key = e.submission->slurmJobId + "_" + QString::number(k);
            e.secondsSinceSubmission = e.submission->submitted.secsTo(now);
            e.slurm = findSlurmTask(slurmTasks, e.submission->slurmJobId, k);
            e.files = files.value(key);
            e.log = parseTaskLog(logs.value(key));
        }
        const ShardStatus previous = record.shards.value(k);
        ShardStatus st = deriveShardStatus(e, previous);
        notes += st.notes;
        notesDone += st.notesDone;
        if (st.state == ShardState::Running && st.etaSeconds >= 0)
            eta = std::max(eta, st.etaSeconds);
        else if (st.state != ShardState::Done)
            etaKnown = false;
        states << st;
    }

    LockedRecord lock(jobFolder);
    ClusterJobRecord disk = ClusterJobRecord::load(jobFolder);
    // Keep what others recorded meanwhile (a submission), replace what this poll learnt.
    for (const auto& sub : adopted) {
        bool have = false;
        for (const auto& d : disk.submissions)
            have = have || d.slurmJobId == sub.slurmJobId;
        if (!have) {
            disk.submissions << sub;
            disk.pendingSubmission.reset();
            disk.pendingShards.clear();
        }
    }
    if (disk.submissions.size() == record.submissions.size())
        disk.shards = states;
    disk.accounting = accounting;
    disk.lastPoll = now;
    disk.lastContact = now;
    disk.lastProblem = problem;
    if (fetched)
        disk.lastFetch = now;
    disk.notes = notes;
    disk.notesDone = notesDone;
    disk.complete = notes > 0 && notesDone == notes;
    disk.etaSeconds = etaKnown ? eta : -1;
    disk.save();
    return disk;
}

// ---------------------------------------------------------------------------------------------
// cancel

QString cancelClusterJob(const QString& jobFolderArg, const QList<int>& shards)
{
    const QString jobFolder = QDir(jobFolderArg).absolutePath();
    const ClusterJobRecord record = ClusterJobRecord::load(jobFolder);
    ClusterConnection conn(record.profile);
    QString command;
    if (shards.isEmpty()) {
        command = "scancel -u \"$(id -un)\" --name=" + shellQuote(record.slurmJobName);
    } else {
        QStringList ids;
        for (int k : shards) {
            const ClusterSubmission* sub = record.submissionOf(k);
            if (!sub)
                throw Error(QString("shard %1 was never submitted").arg(k).toStdString());
            ids << sub->slurmJobId + "_" + QString::number(k);
        }
        command = "scancel " + shellJoin(ids);
    }
    RemoteScript s;
    s.section("scancel", command);
    const RemoteOutput out = conn.run(s, 120000);
    const RemoteSection r = out.section("scancel");
    return r.text().trimmed();
}

} // namespace nsynth::app
