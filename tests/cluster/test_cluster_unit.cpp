// The cluster layer's parts that need no cluster (app/cluster/): quoting checked by real shells
// and a real rsync, remote paths, profiles and their file, Slurm's time and array syntax, squeue
// and sacct output as Slurm 22.05 prints it (recorded), every shard state the monitor derives,
// ssh's failure messages as OpenSSH 9.2 prints them (recorded), host key fingerprints against
// ssh-keygen, the generated sbatch script (bash -n, and its signal handling run for real with a
// stand-in for nsynth), the remote-script protocol through /bin/sh, local copies, job records
// and the poll back-off.

#include "cluster_job.h"
#include "cluster_monitor.h"
#include "cluster_profile.h"
#include "error.h"
#include "process_run.h"
#include "remote_path.h"
#include "remote_script.h"
#include "sbatch_script.h"
#include "shell_quote.h"
#include "slurm_output.h"
#include "ssh_connection.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

using namespace nsynth;
using namespace nsynth::app;

namespace {

const QStringList& hostileWords()
{
    static const QStringList words{
        "a;touch pwned",  "$(touch pwned)", "`touch pwned`", "it's",      "\"double\" quotes", "back\\slash",
        "tab\tand space", "new\nline",      "wörk ü 日本",   "",          "-n",                "*",
        "~",              "!event",         "$HOME",         "a'b\"c$d`e\\f;g|h&i>j<k(l)m{n}o[p]q#r"};
    return words;
}

ProcessResult shell(const QString& sh, const QString& script, const QString& cwd)
{
    ProcessOptions o;
    o.input = script.toUtf8();
    o.workingDirectory = cwd;
    return runProcess(sh, {"-s"}, o);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

ClusterProfile goodProfile()
{
    ClusterProfile p;
    p.name = "triton";
    p.host = "me@triton.aalto.fi";
    p.workDir = "/scratch/work/me/nsynth";
    p.nsynthCommand = "module load nsynth; nsynth";
    p.partition = "gpu-debug";
    p.gres = "gpu:1";
    p.cpus = 4;
    p.memory = "8G";
    p.timeLimit = "04:00:00";
    p.account = "dept";
    p.arrayLimit = 4;
    p.signalSeconds = 300;
    p.extraSbatch = {"--qos=normal"};
    return p;
}

// Recorded with Slurm 22.05.8 (Debian 12): squeue -u root --name=... --array --states=all
// --noheader --format='%F|%K|%A|%T|%M|%N|%r' during an array job of three tasks on one node.
const char* kSqueue22 = "7|0|8|RUNNING|0:03|vm|None\n"
                        "7|1|9|RUNNING|0:03|vm|None\n"
                        "7|2|7|PENDING|0:00||Resources\n";
const char* kSqueueLater = "7|1|9|CANCELLED|0:05|vm|None\n"
                           "7|0|8|COMPLETED|0:07|vm|None\n"
                           "7|2|7|RUNNING|0:03|vm|None\n";

// sacct -X --parsable2 --noheader --format=JobID,JobIDRaw,State,ExitCode,Elapsed,NodeList, in
// the formats Slurm prints: array tasks, a compressed pending range with its throttle, the
// "CANCELLED by <uid>" form, a node failure, a requeued task's two records (older first), and
// job steps (present without -X).
const char* kSacct = "4711_0|4712|COMPLETED|0:0|00:05:02|node17\n"
                     "4711_1|4713|RUNNING|0:0|00:07:44|node18\n"
                     "4711_2|4714|TIMEOUT|0:0|04:00:21|node19\n"
                     "4711_3|4715|CANCELLED by 1234|0:15|00:01:02|node20\n"
                     "4711_4|4716|OUT_OF_MEMORY|0:125|00:00:31|node21\n"
                     "4711_5|4717|FAILED|1:0|00:00:02|node22\n"
                     "4711_6|4718|NODE_FAIL|0:0|00:10:00|node23\n"
                     "4711_7|4719|PREEMPTED|0:15|00:20:00|node24\n"
                     "4711_8|4720|REQUEUED|0:0|00:02:00|node25\n"
                     "4711_8|4720|PENDING|0:0|00:00:00|None assigned\n"
                     "4711_[9-11,13%4]|4711|PENDING|0:0|00:00:00|None assigned\n"
                     "4711_0.batch|4712.batch|COMPLETED|0:0|00:05:02|node17\n"
                     "4711_0.extern|4712.extern|COMPLETED|0:0|00:05:02|node17\n";

} // namespace

class TestClusterUnit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shellQuotingRealShells();
    void rsyncRemoteShellWords();
    void remotePaths();
    void profileValidation();
    void profileStore();
    void slurmTimes();
    void arraySpecs();
    void squeueRecorded();
    void sacctRecorded();
    void slurmStates();
    void taskFilesAndLogs();
    void shardStates();
    void sshFailures();
    void hostKeyFingerprint();
    void sbatchScriptText();
    void sbatchScriptSignals();
    void remoteScriptProtocol();
    void localCopies();
    void jobRecordRoundTrip();
    void pollBackoff();
};

void TestClusterUnit::shellQuotingRealShells()
{
    // Every hostile word reaches the command exactly, and nothing in it runs, in every POSIX
    // shell present here (the remote side may use any of them as /bin/sh).
    QTemporaryDir tmp;
    QStringList shells;
    for (const char* s : {"/bin/sh", "/bin/dash", "/bin/bash", "/usr/bin/zsh", "/bin/ksh", "/usr/bin/mksh"})
        if (QFileInfo(QString::fromLatin1(s)).isExecutable())
            shells << QString::fromLatin1(s);
    QVERIFY(!shells.isEmpty());
    for (const auto& sh : shells) {
        for (const auto& w : hostileWords()) {
            const ProcessResult r = shell(sh, "printf '%s' " + shellQuote(w) + "\n", tmp.path());
            QVERIFY2(r.ok(), qPrintable(sh + ": " + r.lastErrorLine()));
            QCOMPARE(QString::fromUtf8(r.out), w);
        }
        // Several words keep their boundaries.
        const ProcessResult r = shell(sh, "for a in " + shellJoin(hostileWords()) + "; do printf '<%s>' \"$a\"; done\n", tmp.path());
        QString expected;
        for (const auto& w : hostileWords())
            expected += "<" + w + ">";
        QCOMPARE(QString::fromUtf8(r.out), expected);
    }
    QVERIFY2(QDir(tmp.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty(), "a quoted word ran a command");
    QCOMPARE(shellQuote("it's"), QString("'it'\\''s'"));
    QCOMPARE(shellQuote(""), QString("''"));
}

void TestClusterUnit::rsyncRemoteShellWords()
{
    // rsync splits -e itself: a stand-in "ssh" records the words rsync hands it.
    const QString rsync = findProgram("rsync");
    if (rsync.isEmpty())
        QSKIP("rsync is not installed here");
    QTemporaryDir tmp;
    const QString fake = tmp.path() + "/fake ssh's";
    writeAll(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$(dirname \"$0\")/args\"\nexit 1\n");
    QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    writeAll(tmp.path() + "/file", "x");
    const QStringList words{fake, "-F", "/path with spaces/it's \"config\"", "-o", "ControlPath=/a b/%C"};
    runProcess(rsync, {"-e", rsyncShellCommand(words), tmp.path() + "/file", "somehost:dest/"}, withTimeout(30000));
    const QStringList got = QString::fromUtf8(readAll(tmp.path() + "/args")).split('\n', Qt::SkipEmptyParts);
    QVERIFY2(got.size() >= 4, qPrintable(got.join(" | ")));
    QCOMPARE(got.mid(0, 4), words.mid(1));
    QCOMPARE(got.value(4), QString("somehost"));
}

void TestClusterUnit::remotePaths()
{
    const RemotePath abs = RemotePath::parse("/scratch//work/me/", "work_dir");
    QCOMPARE(abs.display(), QString("/scratch/work/me"));
    QCOMPARE(abs.resolved("/home/me"), QString("/scratch/work/me"));
    QCOMPARE(abs.child("jobs/a b").display(), QString("/scratch/work/me/jobs/a b"));
    const RemotePath home = RemotePath::parse("~/nsynth jobs", "work_dir");
    QVERIFY(home.homeRelative());
    QCOMPARE(home.display(), QString("~/nsynth jobs"));
    QCOMPARE(home.resolved("/home/me"), QString("/home/me/nsynth jobs"));
    QCOMPARE(RemotePath::parse("~", "w").shell(), QString("\"$HOME\""));
    for (const char* bad : {"relative/path", "~other/x", "", "/a\nb"}) {
        try {
            RemotePath::parse(QString::fromUtf8(bad), "work_dir");
            QFAIL(bad);
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).startsWith("work_dir: "));
        }
    }
    // The shell form evaluates to the path, with only $HOME expanded.
    QTemporaryDir tmp;
    const RemotePath hostile = RemotePath::parse("~/a;touch pwned/$(touch pwned2)/it's ü", "w");
    ProcessOptions o;
    o.input = ("printf '%s' " + hostile.shell() + "\n").toUtf8();
    o.workingDirectory = tmp.path();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HOME", "/home/some one");
    o.environment = env;
    const ProcessResult r = runProcess("/bin/sh", {"-s"}, o);
    QCOMPARE(QString::fromUtf8(r.out), QString("/home/some one/a;touch pwned/$(touch pwned2)/it's ü"));
    QVERIFY(QDir(tmp.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestClusterUnit::profileValidation()
{
    QVERIFY2(goodProfile().problems().isEmpty(), qPrintable(goodProfile().problems().join("; ")));
    auto problemsWith = [](const std::function<void(ClusterProfile&)>& change) {
        ClusterProfile p = goodProfile();
        change(p);
        return p.problems().join(" | ");
    };
    QVERIFY(problemsWith([](auto& p) { p.name = "a b"; }).contains("profile name"));
    QVERIFY(problemsWith([](auto& p) { p.host = "-oProxyCommand=touch pwned"; }).contains("is not an ssh destination"));
    QVERIFY(problemsWith([](auto& p) { p.host = "a;touch pwned"; }).contains("is not an ssh destination"));
    QVERIFY(problemsWith([](auto& p) { p.host.clear(); }).contains("no host"));
    QVERIFY(problemsWith([](auto& p) { p.workDir = "rel"; }).contains("must be absolute"));
    QVERIFY(problemsWith([](auto& p) { p.partition = "a;touch pwned"; }).contains("partition"));
    QVERIFY(problemsWith([](auto& p) { p.account = "x y"; }).contains("account"));
    QVERIFY(problemsWith([](auto& p) { p.gres = "gpu:1 --wrap=x"; }).contains("gres"));
    QVERIFY(problemsWith([](auto& p) { p.memory = "lots"; }).contains("memory"));
    QVERIFY(problemsWith([](auto& p) { p.timeLimit = "4 hours"; }).contains("time_limit"));
    QVERIFY(problemsWith([](auto& p) { p.cpus = 0; }).contains("cpus"));
    QVERIFY(problemsWith([](auto& p) { p.signalSeconds = 20000; }).contains("not shorter than the time limit"));
    QVERIFY(problemsWith([](auto& p) { p.extraSbatch = {"--array=0-3"}; }).contains("set by nsynth itself"));
    QVERIFY(problemsWith([](auto& p) { p.extraSbatch = {"--qos=a;b"}; }).contains("not an option"));
    QVERIFY(problemsWith([](auto& p) { p.nsynthCommand = "nsynth\nrm -rf /"; }).contains("one line"));
    QVERIFY(problemsWith([](auto& p) { p.transfer = "ftp"; }).contains("transfer"));
    // Local profiles need no host; their work folder is optional.
    ClusterProfile local;
    local.name = "login";
    local.local = true;
    QVERIFY(local.problems().isEmpty());
    local.host = "x";
    QVERIFY(local.problems().join(" ").contains("no host"));
    // JSON round trip; unknown keys and wrong types are problems.
    QStringList problems;
    const ClusterProfile back = ClusterProfile::fromJson(goodProfile().toJson(), &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(back.toJson(), goodProfile().toJson());
    QJsonObject o = goodProfile().toJson();
    o["pasword"] = "x";
    o["cpus"] = "four";
    ClusterProfile::fromJson(o, &problems);
    QCOMPARE(problems.size(), 2);
    QVERIFY(problems.join(" ").contains("unknown key \"pasword\""));
}

void TestClusterUnit::profileStore()
{
    QTemporaryDir tmp;
    const QString path = tmp.path() + "/sub/cluster-profiles.json";
    ClusterProfileStore store(path);
    QSignalSpy changed(&store, &ClusterProfileStore::changed);
    QVERIFY(store.load().isEmpty());
    store.add(goodProfile(), false);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.find("triton").host, QString("me@triton.aalto.fi"));
    try {
        store.add(goodProfile(), false);
        QFAIL("added twice");
    } catch (const Error& e) {
        QVERIFY(QString::fromUtf8(e.what()).contains("--replace"));
    }
    ClusterProfile changedProfile = goodProfile();
    changedProfile.partition = "batch";
    store.add(changedProfile, true);
    QCOMPARE(store.find("triton").partition, QString("batch"));
    ClusterProfile bad = goodProfile();
    bad.name = "other";
    bad.partition = "a;b";
    try {
        store.add(bad, false);
        QFAIL("stored a bad profile");
    } catch (const Error&) {
    }
    const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(root["format"].toString(), QString("nsynth-cluster-profiles"));
    QCOMPARE(root["profiles"].toArray().size(), 1);
    QVERIFY(!readAll(path).contains("password"));
    try {
        store.find("nope");
        QFAIL("found a missing profile");
    } catch (const Error& e) {
        QVERIFY(QString::fromUtf8(e.what()).contains("there are: triton"));
    }
    store.remove("triton");
    QVERIFY(store.load().isEmpty());
    // Only the file and its lock are there: nothing half-written.
    for (const auto& f : QDir(tmp.path() + "/sub").entryList(QDir::Files | QDir::Hidden))
        QVERIFY2(f == "cluster-profiles.json" || f.endsWith(".lock"), qPrintable(f));
    writeAll(path, "{\"format\": \"nsynth-cluster-profiles\", \"version\": 1, \"profiles\": [{\"name\": 3}]}");
    try {
        store.load();
        QFAIL("read a broken file");
    } catch (const Error& e) {
        QVERIFY(QString::fromUtf8(e.what()).startsWith(path));
    }
    // The default location is shared by the workbench and `nsynth`, whatever their app names.
    qputenv("NSYNTH_CLUSTER_PROFILES", "");
    QVERIFY(ClusterProfileStore::defaultPath().endsWith("/nsynth-workbench/cluster-profiles.json"));
}

void TestClusterUnit::slurmTimes()
{
    QCOMPARE(slurmTimeSeconds("30"), 1800LL);
    QCOMPARE(slurmTimeSeconds("30:15"), 1815LL);
    QCOMPARE(slurmTimeSeconds("04:00:00"), 14400LL);
    QCOMPARE(slurmTimeSeconds("5-00"), 432000LL);
    QCOMPARE(slurmTimeSeconds("1-02:03"), 93780LL);
    QCOMPARE(slurmTimeSeconds("1-02:03:04"), 93784LL);
    QCOMPARE(slurmTimeSeconds("4h"), -1LL);
    QCOMPARE(slurmTimeSeconds(""), -1LL);
}

void TestClusterUnit::arraySpecs()
{
    QCOMPARE(arraySpec({0, 1, 2, 3}), QString("0-3"));
    QCOMPARE(arraySpec({5, 1, 3, 4, 9, 1}), QString("1,3-5,9"));
    QCOMPARE(arraySpec({0, 1, 2}, 2), QString("0-2%2"));
    QCOMPARE(arraySpec({7}), QString("7"));
    QCOMPARE(expandArrayIndices("2-4%25"), (QList<int>{2, 3, 4}));
    QCOMPARE(expandArrayIndices("2,4-6,9-13:2"), (QList<int>{2, 4, 5, 6, 9, 11, 13}));
    QCOMPARE(expandArrayIndices("0%1"), (QList<int>{0}));
    QVERIFY(expandArrayIndices("3-1").isEmpty());
    QVERIFY(expandArrayIndices("a").isEmpty());
    QCOMPARE(parseSbatchJobId("4711\n"), QString("4711"));
    QCOMPARE(parseSbatchJobId("4711;triton\n"), QString("4711"));
    QCOMPARE(parseSbatchJobId("Submitted batch job 99\n"), QString("99"));
    QVERIFY(parseSbatchJobId("sbatch: error: Batch job submission failed: Invalid partition name specified").isEmpty());
}

void TestClusterUnit::squeueRecorded()
{
    const QList<SlurmTask> a = parseSqueue(QString::fromLatin1(kSqueue22));
    QCOMPARE(a.size(), 3);
    QCOMPARE(a[0].key(), QString("7_0"));
    QCOMPARE(a[0].jobId, QString("8"));
    QCOMPARE(a[0].state, QString("RUNNING"));
    QCOMPARE(a[0].nodes, QString("vm"));
    QCOMPARE(a[2].key(), QString("7_2"));
    QCOMPARE(a[2].reason, QString("Resources"));
    const QList<SlurmTask> b = parseSqueue(QString::fromLatin1(kSqueueLater));
    QCOMPARE(b[0].state, QString("CANCELLED"));
    QCOMPARE(b[1].state, QString("COMPLETED"));
    // Tasks cancelled while pending collapse into the array's own record (task N/A), which then
    // stands for each of them; a task's own record wins.
    const QList<SlurmTask> c = parseSqueue("13|N/A|13|CANCELLED|0:00||Resources\n13|0|14|CANCELLED|0:01|vm|None\n");
    QCOMPARE(findSlurmTask(c, "13", 2).value().state, QString("CANCELLED"));
    QCOMPARE(findSlurmTask(c, "13", 2).value().taskId, 2);
    QCOMPARE(findSlurmTask(c, "13", 0).value().jobId, QString("14"));
    QVERIFY(!findSlurmTask(c, "99", 0).has_value());
    // What squeue prints when it fails is no task.
    QVERIFY(parseSqueue("slurm_load_jobs error: Invalid job id specified\n").isEmpty());
    QVERIFY(parseSqueue("slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n").isEmpty());
    // A job that is no array.
    QCOMPARE(parseSqueue("123|N/A|123|RUNNING|1:00|n1|None").value(0).taskId, -1);
}

void TestClusterUnit::sacctRecorded()
{
    const QList<SlurmTask> t = parseSacct(QString::fromLatin1(kSacct));
    QHash<QString, SlurmTask> last;
    for (const auto& x : t)
        last.insert(x.key(), x);
    QCOMPARE(last.size(), 13);  // 0..11 and 13; steps skipped
    QCOMPARE(last["4711_0"].state, QString("COMPLETED"));
    QCOMPARE(last["4711_0"].jobId, QString("4712"));
    QCOMPARE(last["4711_3"].state, QString("CANCELLED"));
    QCOMPARE(last["4711_3"].stateText, QString("CANCELLED by 1234"));
    QCOMPARE(last["4711_3"].exitCode, QString("0:15"));
    QCOMPARE(last["4711_4"].state, QString("OUT_OF_MEMORY"));
    QCOMPARE(last["4711_8"].state, QString("PENDING"));  // the requeued task's latest record wins
    QVERIFY(last.contains("4711_10") && last.contains("4711_13") && !last.contains("4711_12"));
    QCOMPARE(last["4711_10"].state, QString("PENDING"));
    QVERIFY(parseSacct("Slurm accounting storage is disabled\n").isEmpty());
    QVERIFY(parseSacct("JobID|JobIDRaw|State|ExitCode|Elapsed|NodeList\n").isEmpty());
}

void TestClusterUnit::slurmStates()
{
    QCOMPARE(classifySlurmState("PENDING"), SlurmStateClass::Queued);
    QCOMPARE(classifySlurmState("PD"), SlurmStateClass::Queued);
    QCOMPARE(classifySlurmState("REQUEUED"), SlurmStateClass::Queued);
    QCOMPARE(classifySlurmState("RUNNING"), SlurmStateClass::Active);
    QCOMPARE(classifySlurmState("CG"), SlurmStateClass::Active);
    QCOMPARE(classifySlurmState("COMPLETED"), SlurmStateClass::Completed);
    QCOMPARE(classifySlurmState("CANCELLED by 0"), SlurmStateClass::Cancelled);
    QCOMPARE(classifySlurmState("CA"), SlurmStateClass::Cancelled);
    QCOMPARE(classifySlurmState("TIMEOUT"), SlurmStateClass::TimedOut);
    QCOMPARE(classifySlurmState("TO"), SlurmStateClass::TimedOut);
    QCOMPARE(classifySlurmState("PREEMPTED"), SlurmStateClass::Preempted);
    QCOMPARE(classifySlurmState("PR"), SlurmStateClass::Preempted);
    QCOMPARE(classifySlurmState("NODE_FAIL"), SlurmStateClass::Failed);
    QCOMPARE(classifySlurmState("OUT_OF_MEMORY"), SlurmStateClass::Failed);
    QCOMPARE(classifySlurmState("FAILED"), SlurmStateClass::Failed);
    QCOMPARE(classifySlurmState("SOMETHING_NEW"), SlurmStateClass::Unknown);
}

void TestClusterUnit::taskFilesAndLogs()
{
    const auto files = parseTaskFiles({"4711_0.start job=4712 restart=0 host=node17 time=1700000000",
                                       "4711_0.exit rc=130 signal=USR1 restart=0 time=1700000300",
                                       "4711_1.start job=4713 restart=1 host=node18 time=1700000400",
                                       "4711_1.exit rc=143 signal=TERM restart=0 time=1700000350", "garbage"});
    QVERIFY(files["4711_0"].exitIsCurrent());
    QCOMPARE(files["4711_0"].exitStatus, 130);
    QCOMPARE(files["4711_0"].signal, QString("USR1"));
    QCOMPARE(files["4711_0"].host, QString("node17"));
    QVERIFY(!files["4711_1"].exitIsCurrent());  // requeued: the exit belongs to the first attempt
    const TaskLog log = parseTaskLog(
        {"grid run: /x, shard 1/3 (from --shard): 3 of 9 batches, batch size 2",
         "{\"done\":97280,\"elapsed_s\":0.512,\"eta_s\":1.5,\"event\":\"progress\",\"rate\":190000,\"task\":\"grid run\",\"total\":384000,\"unit\":\"samples\"}",
         "{\"batch\":1,\"batches_done\":1,\"batches_total\":3,\"event\":\"batch\",\"notes_done\":2,\"notes_total\":6}",
         "nsynth grid: error: /x/raw: cannot write: No space left on device"});
    QCOMPARE(log.rate, 190000.0);
    QCOMPARE(log.etaSeconds, 1.5);
    QCOMPARE(log.done, int64_t(97280));
    QVERIFY(log.lastError.contains("No space left"));
}

void TestClusterUnit::shardStates()
{
    ClusterSubmission sub;
    sub.slurmJobId = "4711";
    sub.shards = {0, 1, 2};
    auto evidence = [&](const char* slurmLine) {
        ShardEvidence e;
        e.shard = 3;
        e.submission = &sub;
        e.secondsSinceSubmission = 600;
        e.slurmAnswered = true;
        e.notes = 10;
        e.notesDone = 4;
        e.fetched = true;
        if (slurmLine) {
            const auto t = parseSacct(QString::fromLatin1(slurmLine));
            if (!t.isEmpty())
                e.slurm = t.last();
        }
        return e;
    };
    auto state = [](const ShardEvidence& e, ShardStatus previous = {}) { return deriveShardStatus(e, previous); };

    // All notes here: done, whatever else is said.
    ShardEvidence e = evidence("4711_3|4715|CANCELLED by 0|0:15|00:01:00|n1");
    e.notesDone = 10;
    QCOMPARE(state(e).state, ShardState::Done);
    // Not submitted.
    e = evidence(nullptr);
    e.submission = nullptr;
    QCOMPARE(state(e).state, ShardState::NotSubmitted);
    // Queue states.
    QCOMPARE(state(evidence("4711_3|4711|PENDING|0:0|00:00:00|None assigned")).state, ShardState::Pending);
    const ShardStatus requeued = state(evidence("4711_3|4715|REQUEUED|0:0|00:02:00|n1"));
    QCOMPARE(requeued.state, ShardState::Pending);
    QVERIFY(requeued.detail.contains("not finished"));
    QCOMPARE(state(evidence("4711_3|4715|PREEMPTED|0:15|00:20:00|n1")).state, ShardState::Preempted);
    QVERIFY(!shardIsActive(ShardState::Preempted) && shardNeedsResubmission(ShardState::Preempted));
    e = evidence("4711_3|4715|RUNNING|0:0|00:07:44|node18");
    e.log.rate = 1234;
    e.log.etaSeconds = 99;
    const ShardStatus running = state(e);
    QCOMPARE(running.state, ShardState::Running);
    QCOMPARE(running.host, QString("node18"));
    QCOMPARE(running.etaSeconds, 99.0);
    // Ends.
    e = evidence("4711_3|4715|COMPLETED|0:0|00:05:00|n1");
    e.fetched = false;
    QCOMPARE(state(e).state, ShardState::Done);  // finished there, notes on their way
    e.fetched = true;
    QCOMPARE(state(e).state, ShardState::Failed);  // finished "successfully" yet notes are missing: not done
    QCOMPARE(state(evidence("4711_3|4715|TIMEOUT|0:0|04:00:00|n1")).state, ShardState::TimedOut);
    QCOMPARE(state(evidence("4711_3|4715|CANCELLED by 1000|0:15|00:01:00|n1")).state, ShardState::Cancelled);
    const ShardStatus oom = state(evidence("4711_3|4715|OUT_OF_MEMORY|0:125|00:00:31|n1"));
    QCOMPARE(oom.state, ShardState::Failed);
    QVERIFY(oom.detail.contains("memory"));
    e = evidence("4711_3|4715|FAILED|1:0|00:00:02|n1");
    e.log.lastError = "nsynth grid: error: model.safetensors: no such file";
    const ShardStatus failed = state(e);
    QCOMPARE(failed.state, ShardState::Failed);
    QVERIFY(failed.detail.contains("no such file"));
    // The time-limit warning made nsynth stop at a batch boundary (exit 130 = FAILED to Slurm).
    e = evidence("4711_3|4715|FAILED|130:0|03:55:00|n1");
    e.files.exited = true;
    e.files.exitStatus = 130;
    e.files.signal = "USR1";
    QCOMPARE(state(e).state, ShardState::TimedOut);

    // Gone from Slurm's answer (no accounting, MinJobAge passed): the task files decide.
    e = evidence(nullptr);
    e.files.started = e.files.exited = true;
    e.files.exitStatus = 0;
    e.fetched = false;
    QCOMPARE(state(e).state, ShardState::Done);
    e.files.exitStatus = 130;
    e.files.signal = "USR1";
    QCOMPARE(state(e).state, ShardState::TimedOut);
    e.files.exitStatus = 130;
    e.files.signal = "TERM";
    QCOMPARE(state(e).state, ShardState::Cancelled);
    e.files.exitStatus = 1;
    e.files.signal = "none";
    QCOMPARE(state(e).state, ShardState::Failed);
    e = evidence(nullptr);
    e.files.started = true;
    e.files.host = "node17";
    const ShardStatus vanished = state(e);
    QCOMPARE(vanished.state, ShardState::Unknown);  // never "done" for lack of news
    QVERIFY(vanished.detail.contains("node17"));
    e = evidence(nullptr);
    QCOMPARE(state(e).state, ShardState::Unknown);
    e.secondsSinceSubmission = 5;
    QCOMPARE(state(e).state, ShardState::Pending);  // just submitted
    // Slurm could not be asked: the last known state stands.
    e = evidence(nullptr);
    e.slurmAnswered = false;
    ShardStatus before;
    before.state = ShardState::Running;
    before.detail = "running on n1";
    QCOMPARE(state(e, before).state, ShardState::Running);
}

void TestClusterUnit::sshFailures()
{
    // Recorded from OpenSSH 9.2p1 (Debian 12).
    const QByteArray unknown = "No ED25519 host key is known for [127.0.0.1]:18222 and you have requested strict "
                               "checking.\nHost key verification failed.\n";
    QCOMPARE(classifySshFailure(unknown).kind, ConnectionFailure::UnknownHostKey);
    const QByteArray changed =
        "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
        "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
        "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
        "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
        "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n"
        "It is also possible that a host key has just been changed.\n"
        "The fingerprint for the ED25519 key sent by the remote host is\n"
        "SHA256:gZqcPeF/r6dkzkYbVnpmVaDFkYrDsiNqIGt+1GYNkgA.\n"
        "Please contact your system administrator.\n"
        "Add correct host key in /tmp/clx/ssh/known_hosts to get rid of this message.\n"
        "Offending ED25519 key in /tmp/clx/ssh/known_hosts:1\n"
        "  remove with:\n"
        "  ssh-keygen -f \"/tmp/clx/ssh/known_hosts\" -R \"[127.0.0.1]:18222\"\n"
        "Host key for [127.0.0.1]:18222 has changed and you have requested strict checking.\n"
        "Host key verification failed.\n";
    const SshFailure c = classifySshFailure(changed);
    QCOMPARE(c.kind, ConnectionFailure::ChangedHostKey);
    QCOMPARE(c.fingerprint, QString("SHA256:gZqcPeF/r6dkzkYbVnpmVaDFkYrDsiNqIGt+1GYNkgA"));
    QCOMPARE(c.keyType, QString("ED25519"));
    QCOMPARE(c.offendingKey, QString("/tmp/clx/ssh/known_hosts:1"));
    QCOMPARE(classifySshFailure("root@127.0.0.1: Permission denied (publickey).\n").kind,
             ConnectionFailure::AuthenticationFailed);
    QCOMPARE(classifySshFailure("ssh: Could not resolve hostname no-such-host.invalid: Name or service not known\n").kind,
             ConnectionFailure::HostNotFound);
    QCOMPARE(classifySshFailure("ssh: connect to host 127.0.0.1 port 1: Connection refused\n").kind,
             ConnectionFailure::ConnectionRefused);
    QCOMPARE(classifySshFailure("ssh: connect to host 10.255.255.1 port 22: Connection timed out\n").kind,
             ConnectionFailure::Unreachable);
    QCOMPARE(classifySshFailure("Connection closed by 127.0.0.1 port 22\n").kind, ConnectionFailure::Dropped);
    QCOMPARE(classifySshFailure("client_loop: send disconnect: Broken pipe\n").kind, ConnectionFailure::Dropped);
    QCOMPARE(classifySshFailure("Timeout, server triton.aalto.fi not responding.\n").kind, ConnectionFailure::Dropped);
    QCOMPARE(classifySshFailure("something else entirely\n").kind, ConnectionFailure::Other);
    QVERIFY(ClusterConnectionError(ConnectionFailure::Dropped, "x").transient());
    QVERIFY(!ClusterConnectionError(ConnectionFailure::ChangedHostKey, "x").transient());
}

void TestClusterUnit::hostKeyFingerprint()
{
    const QString keygen = findProgram("ssh-keygen");
    if (keygen.isEmpty())
        QSKIP("ssh-keygen is not installed here");
    QTemporaryDir tmp;
    const QString key = tmp.path() + "/k";
    QVERIFY(runProcess(keygen, {"-q", "-t", "ed25519", "-N", "", "-f", key}).ok());
    const ProcessResult l = runProcess(keygen, {"-l", "-f", key + ".pub"});
    const QString expected = QString::fromUtf8(l.out).section(' ', 1, 1);
    const QByteArray blob = readAll(key + ".pub").split(' ').value(1);
    QCOMPARE(sshFingerprint(blob), expected);
}

void TestClusterUnit::sbatchScriptText()
{
    SbatchScriptParameters p;
    p.profile = goodProfile();
    p.jobName = "nsynth-grid-0123456789ab";
    p.title = "workshop 'grid'\n#SBATCH --wrap=x";
    p.shardCount = 8;
    p.shards = {0, 1, 2, 3, 4, 5, 6, 7};
    p.modelShell = RemotePath::parse("~/nsynth/models/abc/m.safetensors", "m").shell();
    p.version = "0.1.0";
    const QString s = sbatchScript(p);
    for (const char* line :
         {"#!/bin/bash", "#SBATCH --job-name=nsynth-grid-0123456789ab", "#SBATCH --array=0-7%4",
          "#SBATCH --output=cluster/slurm/%A_%a.out", "#SBATCH --cpus-per-task=4", "#SBATCH --time=04:00:00",
          "#SBATCH --signal=B:USR1@300", "#SBATCH --partition=gpu-debug", "#SBATCH --gres=gpu:1", "#SBATCH --mem=8G",
          "#SBATCH --account=dept", "#SBATCH --qos=normal", "shards=8", "model=\"$HOME\"/'nsynth/models/abc/m.safetensors'",
          "    module load nsynth; nsynth \"$@\""})
        QVERIFY2(s.split('\n').contains(QString::fromUtf8(line)), line);
    QVERIFY(s.contains("--shard \"$shard/$shards\""));
    QVERIFY(s.contains("--threads \"${SLURM_CPUS_PER_TASK:-1}\""));
    // The title stays inside its comment line: no directive can be smuggled in.
    int sbatchLines = 0;
    for (const auto& l : s.split('\n'))
        sbatchLines += l.startsWith("#SBATCH") ? 1 : 0;
    QCOMPARE(sbatchLines, 12);
    const QString bash = findProgram("bash");
    if (!bash.isEmpty()) {
        ProcessOptions o;
        o.input = s.toUtf8();
        const ProcessResult r = runProcess(bash, {"-n"}, o);
        QVERIFY2(r.ok(), qPrintable(r.lastErrorLine()));
    }
}

void TestClusterUnit::sbatchScriptSignals()
{
    // The script's own signal handling, run for real outside Slurm: a stand-in for nsynth
    // records its arguments, finishes its "batch" when it receives USR1 or TERM and exits 130.
    const QString bash = findProgram("bash");
    if (bash.isEmpty())
        QSKIP("bash is not installed here");
    QTemporaryDir tmp;
    const QString job = tmp.path() + "/job 'x' a;touch pwned";
    writeAll(job + "/job.json", "{}");
    const QString fake = tmp.path() + "/fake-nsynth";
    writeAll(fake, "#!/bin/bash\n"
                   "printf '%s\\n' \"$@\" > \"$PWD/args\"\n"
                   "trap 'sleep 0.3; echo stopped >> \"$PWD/args\"; exit 130' USR1 TERM\n"
                   "echo $$ > \"$PWD/ready\"\n"
                   "for i in $(seq 1 100); do sleep 0.1; done\n"
                   "exit 0\n");
    QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    SbatchScriptParameters p;
    p.profile = goodProfile();
    p.profile.nsynthCommand = shellQuote(fake);
    p.jobName = "nsynth-grid-test";
    p.title = "job";
    p.shardCount = 3;
    p.shards = {0, 1, 2};
    p.modelShell = shellQuote(tmp.path() + "/model dir/m.safetensors");
    p.version = "test";
    writeAll(job + "/cluster/run-grid.sbatch", sbatchScript(p).toUtf8());
    for (const char* sig : {"USR1", "TERM", "none"}) {
        QFile::remove(job + "/ready");
        QFile::remove(job + "/args");
        QProcess run;
        run.setWorkingDirectory(job);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SLURM_ARRAY_TASK_ID", "1");
        env.insert("SLURM_ARRAY_JOB_ID", "77");
        env.insert("SLURM_JOB_ID", "78");
        env.insert("SLURM_CPUS_PER_TASK", "2");
        run.setProcessEnvironment(env);
        run.start(bash, {job + "/cluster/run-grid.sbatch"});
        QVERIFY(run.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(readAll(job + "/ready").trimmed().toInt() > 0, 10000);
        const pid_t fakePid = pid_t(readAll(job + "/ready").trimmed().toInt());
        if (QByteArray(sig) == "USR1")
            ::kill(pid_t(run.processId()), SIGUSR1);  // Slurm's B:USR1 reaches the batch shell only
        if (QByteArray(sig) == "TERM") {
            // scancel and the time limit signal every process of the job.
            ::kill(pid_t(run.processId()), SIGTERM);
            ::kill(fakePid, SIGTERM);
        }
        QVERIFY(run.waitForFinished(30000));
        const QString exitRecord = QString::fromUtf8(readAll(job + "/cluster/tasks/77_1.exit"));
        const QStringList args = QString::fromUtf8(readAll(job + "/args")).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(args.mid(0, 9), (QStringList{"grid", "run", job, "--shard", "1/3", "--model",
                                             tmp.path() + "/model dir/m.safetensors", "--threads", "2"}));
        if (QByteArray(sig) == "USR1") {
            QCOMPARE(run.exitCode(), 130);
            QVERIFY2(exitRecord.contains("rc=130") && exitRecord.contains("signal=USR1"), qPrintable(exitRecord));
            QVERIFY(args.contains("stopped"));  // the stand-in finished its batch before exiting
        } else if (QByteArray(sig) == "TERM") {
            QVERIFY2(exitRecord.contains("signal=TERM"), qPrintable(exitRecord));
        } else {
            QCOMPARE(run.exitCode(), 0);
            QVERIFY2(exitRecord.contains("rc=0") && exitRecord.contains("signal=none"), qPrintable(exitRecord));
        }
        const QString start = QString::fromUtf8(readAll(job + "/cluster/tasks/77_1.start"));
        QVERIFY(start.contains("job=78") && start.contains("restart=0"));
    }
    QVERIFY(!QFileInfo::exists(tmp.path() + "/pwned") && !QFileInfo::exists(job + "/pwned"));
    // Hidden temporaries of the task records are gone.
    QCOMPARE(QDir(job + "/cluster/tasks").entryList(QDir::Files | QDir::Hidden).size(), 2);
}

void TestClusterUnit::remoteScriptProtocol()
{
    ClusterProfile local;
    local.name = "here";
    local.local = true;
    ClusterConnection conn(local);
    RemoteScript s;
    s.line("greeting='@@nsynth-fake@@ begin x'");
    s.section("noise", "echo \"$greeting\"; printf 'no newline at the end'");
    s.section("fails", "echo to stderr >&2; exit 3");
    s.section("stdin", "cat; echo after");  // must not swallow the rest of the script
    s.line("if [ \"$nsynth_status\" -eq 0 ]; then");
    s.section("conditional", "echo ran");
    s.line("fi");
    s.section("hostile", "printf '%s\\n' " + shellJoin(hostileWords().mid(0, 4)));
    const RemoteOutput out = conn.run(s);
    QVERIFY(out.complete());
    QCOMPARE(out.section("noise").text(), QString("@@nsynth-fake@@ begin x\nno newline at the end\n"));
    QCOMPARE(out.section("noise").status, 0);
    QCOMPARE(out.section("fails").status, 3);
    QCOMPARE(out.section("fails").text(), QString("to stderr\n"));
    QCOMPARE(out.section("stdin").text(), QString("after\n"));
    QCOMPARE(out.section("conditional").text(), QString("ran\n"));
    QCOMPARE(out.section("hostile").lines(), hostileWords().mid(0, 4));
    // A cut-off answer is not complete.
    const QByteArray partial = "junk\n\n" + s.marker().toUtf8() + " begin a\nhalf";
    const RemoteOutput cut = RemoteOutput::parse(partial, s.marker());
    QVERIFY(!cut.complete());
    QCOMPARE(cut.section("a").status, -1);
}

void TestClusterUnit::localCopies()
{
    QTemporaryDir tmp;
    const QString from = tmp.path() + "/from", to = tmp.path() + "/to";
    writeAll(from + "/raw/a.wav", "aaaa");
    writeAll(from + "/raw/.b.wav.part-1-2", "partial");
    writeAll(from + "/raw/c;touch pwned 'q'.wav", "cccc");
    writeAll(from + "/logs/run.json", "{}");
    writeAll(from + "/other/x", "x");
    FetchCounts c = copyTree(from, to, {"raw", "logs"});
    QCOMPARE(c.files, 3);
    QCOMPARE(readAll(to + "/raw/c;touch pwned 'q'.wav"), QByteArray("cccc"));
    QVERIFY(!QFileInfo::exists(to + "/raw/.b.wav.part-1-2"));
    QVERIFY(!QFileInfo::exists(to + "/other/x"));
    c = copyTree(from, to, {"raw", "logs"});
    QCOMPARE(c.files, 0);  // nothing new
    writeAll(from + "/logs/run.json", "{\"longer\": 1}");
    QCOMPARE(copyTree(from, to, {"raw", "logs"}).files, 1);
    QCOMPARE(QDir(to + "/raw").entryList(QDir::Files | QDir::Hidden).size(), 2);
}

void TestClusterUnit::jobRecordRoundTrip()
{
    QTemporaryDir tmp;
    ClusterJobRecord r;
    r.jobFolder = tmp.path();
    r.planFingerprint = "abc";
    r.profile = goodProfile();
    r.remoteJob = "~/nsynth/jobs/x-abc";
    r.remoteModel = "~/nsynth/models/m/m.safetensors";
    r.slurmJobName = "nsynth-grid-abc";
    r.shardCount = 3;
    ClusterSubmission sub;
    sub.slurmJobId = "4711";
    sub.shards = {0, 1, 2};
    sub.array = "0-2";
    sub.submitted = QDateTime::currentDateTimeUtc().addSecs(-100);
    r.submissions << sub;
    sub.slurmJobId = "4720";
    sub.shards = {1};
    r.submissions << sub;
    for (int k = 0; k < 3; ++k) {
        ShardStatus s;
        s.shard = k;
        s.state = k == 1 ? ShardState::TimedOut : ShardState::Done;
        s.notes = 6;
        s.notesDone = k == 1 ? 2 : 6;
        r.shards << s;
    }
    r.accounting = "none";
    r.pendingSubmission = QDateTime::currentDateTimeUtc();
    r.pendingShards = {1};
    r.save();
    const ClusterJobRecord back = ClusterJobRecord::load(tmp.path());
    QCOMPARE(back.toJson(), r.toJson());
    QCOMPARE(back.submissionOf(1)->slurmJobId, QString("4720"));
    QCOMPARE(back.submissionOf(0)->slurmJobId, QString("4711"));
    QCOMPARE(back.count(ShardState::Done), 2);
    QVERIFY(back.summary().contains("1 timed out"));
    try {
        ClusterJobRecord::load(tmp.path() + "/nothing");
        QFAIL("loaded a missing record");
    } catch (const Error& e) {
        QVERIFY(QString::fromUtf8(e.what()).contains("not submitted to a cluster"));
    }
}

void TestClusterUnit::pollBackoff()
{
    const PollBackoff b;
    QCOMPARE(b.intervalMs(0, 0), 5000);
    QCOMPARE(b.intervalMs(1, 0), 10000);
    QCOMPARE(b.intervalMs(3, 0), 40000);
    QCOMPARE(b.intervalMs(10, 0), 120000);  // ceiling while running
    QCOMPARE(b.intervalMs(10, 1), 240000);  // longer while the cluster cannot be reached
    QCOMPARE(b.intervalMs(10, 9), 600000);
    // Never more often than every 5 s, and never less often than every 10 minutes.
    for (int c = 0; c < 50; ++c)
        for (int f = 0; f < 20; ++f)
            QVERIFY(b.intervalMs(c, f) >= 5000 && b.intervalMs(c, f) <= 600000);
}

QTEST_GUILESS_MAIN(TestClusterUnit)
#include "test_cluster_unit.moc"
