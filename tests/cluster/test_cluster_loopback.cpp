// Cluster runs against real components on 127.0.0.1 (loopback_cluster.h): munged, slurmctld and
// slurmd with a generated single-node configuration and no accounting, and an sshd with its own
// host and client keys. Nothing else is contacted, and the real ~/.ssh is never read or written.
//
// loopback_errors: the connection report (with the no-accounting fallback named), unknown and
// changed host keys, a wrong key, host or port, a partition sbatch rejects, a missing remote
// nsynth, hostile names (quotes, spaces, ';', $(...), non-ASCII) in every path that reaches the
// cluster: each gives its precise message and leaves the local job as it was.
// loopback_jobs: a grid job (resolution 3, 2 pitches, a tiny random model, real instrument notes
// conformed from the shared data) submitted through the cluster layer (monitored by
// ClusterJobMonitor, through a dropped connection) and through `nsynth cluster submit`, fetched
// and compared bitwise with a local run; one array task cancelled midway and the job resubmitted:
// still bitwise equal; a local profile (no SSH) and the scp fallback.

#include "cluster_client.h"
#include "cluster_job.h"
#include "cluster_monitor.h"
#include "cluster_profile.h"
#include "error.h"
#include "grid_job.h"
#include "loopback_cluster.h"
#include "shell_quote.h"
#include "ssh_connection.h"
#include "test_support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QThread>

#include <pwd.h>
#include <unistd.h>

using namespace nsynth;
using namespace nsynth::app;

namespace {

using Run = nsynth::test::CommandRun;

Run nsynthRun(const QStringList& args, int timeoutMs = 300000)
{
    return nsynth::test::runCommand(QString::fromUtf8(NSYNTH_BIN), args, timeoutMs);
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
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(data);
}

// Every file under root (but cluster/) with its sha256: "nothing local is lost".
QMap<QString, QByteArray> tree(const QString& root, const QString& skip = "cluster")
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (!skip.isEmpty() && rel.startsWith(skip + "/"))
            continue;
        out.insert(rel, QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256));
    }
    return out;
}

QMap<QString, QByteArray> rawNotes(const QString& job)
{
    QMap<QString, QByteArray> out;
    for (const auto& name : QDir(job + "/raw").entryList({"*.wav"}, QDir::Files))
        out.insert(name, readAll(job + "/raw/" + name));
    return out;
}

// A hostile name for folders: quotes, a command separator, a substitution, spaces, non-ASCII.
const QString kHostile = QStringLiteral("it's \"a\" job;touch pwned $(touch pwned2) `touch pwned3` ü");

} // namespace

class TestClusterLoopback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    // loopback_errors
    void connectionReport();
    void hostKeys();
    void wrongKeyAndHost();
    void sbatchRejectsPartition();
    void missingRemoteNsynth();
    void hostileNames();
    // loopback_jobs
    void submitThroughApi();
    void submitThroughCli();
    void cancelOneTaskAndResubmit();
    void localProfile();
    void scpFallback();

private:
    ClusterProfile profile(const QString& name, const QString& sshConfig = {});
    QString nsynthCommand() const { return shellQuote(QString::fromUtf8(NSYNTH_BIN)); }
    QString syntheticNotes();
    QString realNotes();
    QString model(const QString& preset);
    QString planJob(const QString& folder, const QString& notes, const QString& model, int shards,
                    const QStringList& corners = {"sax", "piano", "cello", "trumpet"});
    QString reference(const QString& key, const QString& notes, const QString& model, int shards);
    ClusterJobRecord waitUntilEnded(const QString& job, int timeoutMs);
    QString altSshConfig(const QString& name, const QString& from, const QString& to);

    LoopbackCluster m_cluster;
    bool m_up = false;
    QString m_whyNot;
    QString m_work;  // the remote work folder (a hostile name, on this machine)
    QString m_synthetic, m_real;
    QHash<QString, QString> m_models, m_references;
    int m_jobs = 0;
};

#define REQUIRE_CLUSTER()                                                                                         \
    do {                                                                                                          \
        if (!m_up)                                                                                                \
            QSKIP(qPrintable("the loopback cluster cannot run here: " + m_whyNot));                               \
    } while (0)

void TestClusterLoopback::initTestCase()
{
    QVERIFY(QFileInfo::exists(QString::fromUtf8(NSYNTH_BIN)));
    QElapsedTimer t;
    t.start();
    m_up = m_cluster.start(&m_whyNot);
    if (m_up) {
        qInfo("loopback cluster up in %.1f s under %s (ssh port %d)", t.elapsed() / 1000.0,
              qPrintable(m_cluster.root()), m_cluster.sshPort());
        m_work = m_cluster.root() + "/remote work/" + kHostile;
    } else {
        qWarning("loopback cluster not available: %s", qPrintable(m_whyNot));
    }
}

void TestClusterLoopback::cleanupTestCase()
{
    m_cluster.stop();
}

ClusterProfile TestClusterLoopback::profile(const QString& name, const QString& sshConfig)
{
    ClusterProfile p;
    p.name = name;
    p.host = LoopbackCluster::hostAlias();
    p.sshConfig = sshConfig.isEmpty() ? m_cluster.sshConfig() : sshConfig;
    p.workDir = m_work;
    p.nsynthCommand = nsynthCommand();
    p.cpus = 1;
    p.timeLimit = "30";
    p.signalSeconds = 60;
    return p;
}

QString TestClusterLoopback::altSshConfig(const QString& name, const QString& from, const QString& to)
{
    QByteArray text = readAll(m_cluster.sshConfig());
    text.replace(from.toUtf8(), to.toUtf8());
    const QString path = m_cluster.root() + "/client/" + name;
    writeAll(path, text);
    return path;
}

QString TestClusterLoopback::model(const QString& preset)
{
    if (!m_models.contains(preset)) {
        const QString path = m_cluster.root() + "/models/" + preset + ".safetensors";
        QDir().mkpath(m_cluster.root() + "/models");
        const Run r = nsynthRun({"init", "--preset", preset, "--seed", "3", "-o", path});
        if (r.rc != 0)
            qWarning("%s", qPrintable(r.why()));
        m_models[preset] = path;
    }
    return m_models[preset];
}

// Simple harmonic notes, enough for everything that does not compare audio with a local run.
QString TestClusterLoopback::syntheticNotes()
{
    if (m_synthetic.isEmpty()) {
        const QString dir = m_cluster.root() + "/synthetic-notes";
        QDir().mkpath(dir);
        const QStringList names{"sax", "piano", "cello", "trumpet"};
        for (int i = 0; i < names.size(); ++i)
            for (int pitch : {36, 40}) {
                // A 16-bit mono WAV written by hand: a decaying tone of i+1 harmonics.
                const int n = 64000;
                QByteArray pcm(n * 2, 0);
                const double f0 = 440.0 * std::pow(2.0, (pitch - 69) / 12.0);
                for (int s = 0; s < n; ++s) {
                    double v = 0;
                    for (int h = 1; h <= i + 1; ++h)
                        v += std::sin(2 * M_PI * f0 * h * s / 16000.0) / h;
                    const qint16 x = qint16(8000 * v * std::exp(-1.5 * s / 16000.0) * std::min(1.0, s / 80.0));
                    pcm[2 * s] = char(x & 0xff);
                    pcm[2 * s + 1] = char((x >> 8) & 0xff);
                }
                QByteArray wav = "RIFF";
                auto u32 = [&](quint32 v) { for (int b = 0; b < 4; ++b) wav += char((v >> (8 * b)) & 0xff); };
                auto u16 = [&](quint16 v) { wav += char(v & 0xff); wav += char(v >> 8); };
                u32(36 + quint32(pcm.size()));
                wav += "WAVEfmt ";
                u32(16); u16(1); u16(1); u32(16000); u32(32000); u16(2); u16(16);
                wav += "data";
                u32(quint32(pcm.size()));
                wav += pcm;
                writeAll(QString("%1/%2_%3.wav").arg(dir, names[i]).arg(pitch), wav);
            }
        m_synthetic = dir;
    }
    return m_synthetic;
}

// Real instrument notes, conformed to the workshop spec with `nsynth conform` (as tests/grid).
QString TestClusterLoopback::realNotes()
{
    if (m_real.isEmpty()) {
        for (const auto& s : kWorkshopNotes)
            if (!nsynth::test::haveTestData(QString::fromUtf8(s.path)))
                return {};
        const QString dir = m_cluster.root() + "/real-notes";
        for (const auto& s : kWorkshopNotes) {
            const Run r = nsynthRun({"conform", nsynth::test::testDataDir() + "/" + QString::fromUtf8(s.path), "--instrument",
                                     QString::fromUtf8(s.instrument), "--pitch", QString::number(s.pitch), "-o", dir,
                                     "--progress", "none"});
            if (r.rc != 0) {
                qWarning("%s", qPrintable(r.why()));
                return {};
            }
        }
        QFile::remove(dir + "/manifest.json");
        m_real = dir;
    }
    return m_real;
}

QString TestClusterLoopback::planJob(const QString& folder, const QString& notes, const QString& modelPath, int shards,
                                     const QStringList& corners)
{
    const Run r = nsynthRun({"grid", "plan", "--notes", notes, "--corners", corners.join(','), "--pitches", "36,40",
                             "--resolution", "3", "--batch-size", "2", "--shards", QString::number(shards), "--model",
                             modelPath, "--seed", "11", "--no-measure", "--progress", "none", "-o", folder});
    if (r.rc != 0) {
        qWarning("%s", qPrintable(r.why()));
        return {};
    }
    return folder;
}

// The same job run here, in one go: what every cluster run must equal bitwise.
QString TestClusterLoopback::reference(const QString& key, const QString& notes, const QString& modelPath, int shards)
{
    if (!m_references.contains(key)) {
        const QString job = planJob(m_cluster.root() + "/reference-" + key, notes, modelPath, shards);
        if (job.isEmpty())
            return {};
        const Run r = nsynthRun({"grid", "run", job, "--threads", "1", "--progress", "none"});
        if (r.rc != 0) {
            qWarning("%s", qPrintable(r.why()));
            return {};
        }
        m_references[key] = job;
    }
    return m_references[key];
}

ClusterJobRecord TestClusterLoopback::waitUntilEnded(const QString& job, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    ClusterJobRecord r;
    while (t.elapsed() < timeoutMs) {
        r = pollClusterJob(job);
        bool active = false;
        for (const auto& s : r.shards)
            active = active || shardIsActive(s.state) || (s.state == ShardState::Done && s.notesDone < s.notes);
        if (r.complete || !active)
            return r;
        QThread::msleep(500);
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// loopback_errors

void TestClusterLoopback::connectionReport()
{
    REQUIRE_CLUSTER();
    ClusterProfile p = profile("good");
    p.partition = "debug";
    const ConnectionReport report = testClusterConnection(p);
    QStringList lines;
    for (const auto& c : report.checks)
        lines << c.name + ": " + c.message;
    QVERIFY2(report.ok(), qPrintable(lines.join("\n")));
    QCOMPARE(report.remoteVersion, QString::fromUtf8(nsynthRun({"--version"}).out).trimmed().section(' ', 1));
    auto check = [&](const QString& name) {
        for (const auto& c : report.checks)
            if (c.name == name)
                return c;
        return ConnectionCheck{};
    };
    QCOMPARE(check("ssh").level, ConnectionCheck::Level::Ok);
    QVERIFY(check("ssh").message.contains("host key verified"));
    QCOMPARE(check("slurm").level, ConnectionCheck::Level::Ok);
    QCOMPARE(check("partition").level, ConnectionCheck::Level::Ok);
    // This Slurm keeps no accounting: said plainly, with the fallback, as a warning only.
    QCOMPARE(check("accounting").level, ConnectionCheck::Level::Warning);
    QVERIFY2(check("accounting").message.contains("falls back to squeue"), qPrintable(check("accounting").message));
    QCOMPARE(check("work dir").level, ConnectionCheck::Level::Ok);
    QCOMPARE(check("transfer").level, ConnectionCheck::Level::Ok);
    // The command line shows the same, through the profiles file.
    QCOMPARE(nsynthRun({"cluster", "profile", "add", "clitest", "--host", LoopbackCluster::hostAlias(), "--ssh-config",
                        m_cluster.sshConfig(), "--work-dir", m_work, "--nsynth-command", nsynthCommand()})
                 .rc,
             0);
    const Run r = nsynthRun({"cluster", "test", "clitest"});
    QVERIFY2(r.rc == 0, qPrintable(r.why() + QString::fromUtf8(r.out)));
    QVERIFY(r.out.contains("is ready"));
    // Nothing was read from or written to the real ~/.ssh: HOME is the test's own.
    QVERIFY(QDir::homePath().startsWith(m_cluster.root()));
    // sshd and slurmd are reachable from this machine only.
    QStringList seen;
    const QStringList exposed = m_cluster.nonLoopbackListeners(&seen);
    QVERIFY2(exposed.isEmpty(), qPrintable(exposed.join(", ")));
    seen.sort();
    QCOMPARE(seen, (QStringList{"slurmd", "sshd"}));
}

void TestClusterLoopback::hostKeys()
{
    REQUIRE_CLUSTER();
    const QString job = planJob(m_cluster.root() + "/hostkey-job", syntheticNotes(), model("tiny"), 2);
    QVERIFY(!job.isEmpty());
    const auto before = tree(job);
    // A shared connection made earlier would be reused without a new host key check.
    m_cluster.closeSharedConnections();

    // Unknown host: refused, with its fingerprint and the exact command to accept it.
    const QString emptyKnown = m_cluster.root() + "/client/known_hosts.empty";
    writeAll(emptyKnown, "");
    const QString unknownConfig = altSshConfig("ssh_config.unknown", m_cluster.knownHosts(), emptyKnown);
    ClusterProfile p = profile("unknownhost", unknownConfig);
    ConnectionReport report = testClusterConnection(p);
    QVERIFY(!report.ok());
    QCOMPARE(report.failure, ConnectionFailure::UnknownHostKey);
    QCOMPARE(report.fingerprint, m_cluster.hostFingerprint());
    QString message = report.checks.value(1).message;
    QVERIFY2(message.contains("unknown host") &&
                 message.contains("nsynth cluster trust unknownhost --fingerprint " + m_cluster.hostFingerprint()),
             qPrintable(message));
    try {
        submitGridJob(job, p, {});
        QFAIL("submitted to an unknown host");
    } catch (const ClusterConnectionError& e) {
        QCOMPARE(e.kind(), ConnectionFailure::UnknownHostKey);
        QCOMPARE(e.fingerprint(), m_cluster.hostFingerprint());
    }
    QCOMPARE(tree(job), before);
    // The command line refuses with the same message and exit status 1.
    ClusterProfileStore store;
    store.add(p, true);
    Run r = nsynthRun({"cluster", "test", "unknownhost"});
    QCOMPARE(r.rc, 1);
    QVERIFY(r.out.contains("--fingerprint " + m_cluster.hostFingerprint().toUtf8()));
    // Accepting needs the fingerprint the user compared: a wrong one changes nothing.
    r = nsynthRun({"cluster", "trust", "unknownhost", "--fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"});
    QCOMPARE(r.rc, 1);
    QVERIFY2(r.err.contains("nothing was trusted"), qPrintable(r.why()));
    QCOMPARE(readAll(emptyKnown), QByteArray());
    r = nsynthRun({"cluster", "trust", "unknownhost", "--fingerprint", m_cluster.hostFingerprint()});
    QVERIFY2(r.rc == 0, qPrintable(r.why()));
    QVERIFY(readAll(emptyKnown).contains(m_cluster.hostKeyLine().section(' ', 1, 2).toUtf8()));
    QVERIFY(testClusterConnection(p).ok());
    m_cluster.closeSharedConnections();

    // Changed host key: refused with a warning, never accepted, not even by `trust`.
    const QString otherKey = m_cluster.root() + "/client/other_host";
    QVERIFY(runProcess(findProgram("ssh-keygen"), {"-q", "-t", "ed25519", "-N", "", "-f", otherKey}).ok());
    const QString changedKnown = m_cluster.root() + "/client/known_hosts.changed";
    writeAll(changedKnown, QString("[127.0.0.1]:%1 %2\n")
                               .arg(m_cluster.sshPort())
                               .arg(QString::fromUtf8(readAll(otherKey + ".pub")).section(' ', 0, 1))
                               .toUtf8());
    const QByteArray changedBefore = readAll(changedKnown);
    p = profile("changedhost", altSshConfig("ssh_config.changed", m_cluster.knownHosts(), changedKnown));
    report = testClusterConnection(p);
    QCOMPARE(report.failure, ConnectionFailure::ChangedHostKey);
    message = report.checks.value(1).message;
    QVERIFY2(message.contains("WARNING") && message.contains("CHANGED") && message.contains(m_cluster.hostFingerprint()) &&
                 message.contains("nothing was sent"),
             qPrintable(message));
    try {
        submitGridJob(job, p, {});
        QFAIL("submitted despite a changed host key");
    } catch (const ClusterConnectionError& e) {
        QCOMPARE(e.kind(), ConnectionFailure::ChangedHostKey);
    }
    store.add(p, true);
    r = nsynthRun({"cluster", "trust", "changedhost", "--fingerprint", m_cluster.hostFingerprint()});
    QCOMPARE(r.rc, 1);
    QVERIFY2(r.err.contains("CHANGED"), qPrintable(r.why()));
    QCOMPARE(readAll(changedKnown), changedBefore);
    QCOMPARE(tree(job), before);
}

void TestClusterLoopback::wrongKeyAndHost()
{
    REQUIRE_CLUSTER();
    const QString job = planJob(m_cluster.root() + "/wrong-job", syntheticNotes(), model("tiny"), 2);
    QVERIFY(!job.isEmpty());
    const auto before = tree(job);
    m_cluster.closeSharedConnections();
    const QString otherKey = m_cluster.root() + "/client/not_authorized";
    QVERIFY(runProcess(findProgram("ssh-keygen"), {"-q", "-t", "ed25519", "-N", "", "-f", otherKey}).ok());
    struct Case {
        const char* name;
        ClusterProfile profile;
        ConnectionFailure kind;
        const char* words;
    };
    ClusterProfile wrongHost = profile("wronghost");
    wrongHost.host = "nsynth-no-such-host.invalid";
    wrongHost.sshConfig = altSshConfig("ssh_config.wronghost", "HostName 127.0.0.1", "HostName nsynth-no-such-host.invalid");
    wrongHost.host = LoopbackCluster::hostAlias();
    const QList<Case> cases{
        {"wrong key", profile("wrongkey", altSshConfig("ssh_config.wrongkey", m_cluster.clientKey(), otherKey)),
         ConnectionFailure::AuthenticationFailed, "authentication failed"},
        {"wrong host", wrongHost, ConnectionFailure::HostNotFound, "host not found"},
        {"wrong port",
         profile("wrongport", altSshConfig("ssh_config.wrongport", QString("Port %1").arg(m_cluster.sshPort()), "Port 1")),
         ConnectionFailure::ConnectionRefused, "connection refused"},
    };
    for (const auto& c : cases) {
        const ConnectionReport report = testClusterConnection(c.profile);
        QVERIFY2(!report.ok(), c.name);
        QCOMPARE(report.failure, c.kind);
        const QString message = report.checks.value(1).message;
        QVERIFY2(message.contains(QString::fromUtf8(c.words)) && message.contains("cluster \"" + c.profile.name + "\""),
                 qPrintable(QString(c.name) + ": " + message));
        QVERIFY2(!message.contains('\n'), "one line");
        try {
            submitGridJob(job, c.profile, {});
            QFAIL(c.name);
        } catch (const ClusterConnectionError& e) {
            QCOMPARE(e.kind(), c.kind);
        }
        QCOMPARE(tree(job), before);
        QVERIFY(!ClusterJobRecord::exists(job) || ClusterJobRecord::load(job).submissions.isEmpty());
    }
}

void TestClusterLoopback::sbatchRejectsPartition()
{
    REQUIRE_CLUSTER();
    const QString job = planJob(m_cluster.root() + "/partition-job", syntheticNotes(), model("tiny"), 2);
    QVERIFY(!job.isEmpty());
    const auto before = tree(job);
    ClusterProfile p = profile("nopartition");
    p.partition = "nosuchpart";
    const ConnectionReport report = testClusterConnection(p);
    bool named = false;
    for (const auto& c : report.checks)
        named = named || (c.name == "partition" && c.level == ConnectionCheck::Level::Failed &&
                          c.message.contains("nosuchpart does not exist") && c.message.contains("there are: debug"));
    QVERIFY(named);
    try {
        submitGridJob(job, p, {});
        QFAIL("sbatch accepted an unknown partition");
    } catch (const Error& e) {
        const QString m = QString::fromUtf8(e.what());
        QVERIFY2(m.contains("sbatch rejected the job") && m.contains("Invalid partition name specified"), qPrintable(m));
    }
    QCOMPARE(tree(job), before);
    QVERIFY(ClusterJobRecord::load(job).submissions.isEmpty());
    QVERIFY(!ClusterJobRecord::load(job).pendingSubmission);
    // The same job then goes to a partition that exists (the rejected try left nothing behind).
    p.partition = "debug";
    const SubmitResult ok = submitGridJob(job, p, {});
    QVERIFY(!ok.slurmJobId.isEmpty());
    cancelClusterJob(job);
    const ClusterJobRecord r = waitUntilEnded(job, 120000);
    QCOMPARE(r.submissions.size(), 1);
}

void TestClusterLoopback::missingRemoteNsynth()
{
    REQUIRE_CLUSTER();
    const QString job = planJob(m_cluster.root() + "/missing-nsynth-job", syntheticNotes(), model("tiny"), 2);
    QVERIFY(!job.isEmpty());
    const auto before = tree(job);
    ClusterProfile p = profile("nonsynth");
    p.nsynthCommand = "/opt/nowhere/bin/nsynth";
    const ConnectionReport report = testClusterConnection(p);
    bool named = false;
    for (const auto& c : report.checks)
        named = named || (c.name == "nsynth" && c.level == ConnectionCheck::Level::Failed &&
                          c.message.contains("\"/opt/nowhere/bin/nsynth\" was not found") &&
                          c.message.contains("Installing nsynth on a cluster"));
    QVERIFY(named);
    const QString before_squeue = m_cluster.slurm("squeue", {"--noheader", "--states=all"});
    try {
        submitGridJob(job, p, {});
        QFAIL("submitted without a remote nsynth");
    } catch (const Error& e) {
        const QString m = QString::fromUtf8(e.what());
        QVERIFY2(m.contains("was not found") && m.contains("No such file or directory"), qPrintable(m));
    }
    QCOMPARE(m_cluster.slurm("squeue", {"--noheader", "--states=all"}), before_squeue);  // nothing submitted
    QCOMPARE(tree(job), before);
}

void TestClusterLoopback::hostileNames()
{
    REQUIRE_CLUSTER();
    passwd* pw = ::getpwuid(::geteuid());
    const QString remoteHome = pw ? QString::fromLocal8Bit(pw->pw_dir) : QString("/");
    QStringList watched;
    for (const auto& dir : {remoteHome, QString("/"), m_cluster.root(), QDir::homePath(), QDir::currentPath()})
        for (const char* n : {"pwned", "pwned2", "pwned3"})
            watched << dir + "/" + QString::fromLatin1(n);
    QStringList existing;
    for (const auto& w : watched)
        if (QFileInfo::exists(w))
            existing << w;
    // A hostile instrument name never gets as far as a job: `grid plan` refuses every one of
    // them (a command separator, spaces, quotes, non-ASCII), each named, in one run.
    const QStringList hostileInstruments{"a;touch pwned", "two words", "it's", "say\"hi\""};
    const Run plan = nsynthRun({"grid", "plan", "--notes", syntheticNotes(), "--corners", hostileInstruments.join(','),
                                "--pitches", "36,40", "--model", model("tiny"), "--no-measure", "-o",
                                m_cluster.root() + "/never"});
    QVERIFY(plan.rc != 0);
    for (const auto& name : hostileInstruments)
        QVERIFY2(QString::fromUtf8(plan.err).contains(name), qPrintable(name + ": " + plan.why()));
    const Run plan2 = nsynthRun({"grid", "plan", "--notes", syntheticNotes(), "--corners", "flöte,piano,cello,trumpet",
                                 "--pitches", "36,40", "--model", model("tiny"), "--no-measure", "-o",
                                 m_cluster.root() + "/never"});
    QVERIFY(plan2.rc != 0);
    QVERIFY2(QString::fromUtf8(plan2.err).contains("flöte"), qPrintable(plan2.why()));
    QVERIFY(!QFileInfo::exists(m_cluster.root() + "/never/job.json"));
    // Hostile names everywhere else: the job folder, the remote work folder, a staged file.
    const QString folder = m_cluster.root() + "/" + kHostile + "/job " + kHostile;
    QDir().mkpath(folder);
    const QString job = planJob(folder, syntheticNotes(), model("tiny"), 2);
    QVERIFY(!job.isEmpty());
    const QString extra = job + "/embeddings/a;touch pwned 'x' $(touch pwned2)_36.npy";
    QVERIFY(QFile::copy(job + "/embeddings/sax_36.npy", extra));
    const SubmitResult s = submitGridJob(job, profile("hostile"), {});
    QVERIFY(!s.slurmJobId.isEmpty());
    const ClusterJobRecord r = waitUntilEnded(job, 180000);
    QVERIFY2(r.complete, qPrintable(r.summary()));
    // The names arrived literally, as names.
    const QString remoteJob = m_work + "/jobs/" + QFileInfo(job).fileName() + "-" + GridJob::open(job).fingerprint().left(8);
    QVERIFY2(QFileInfo(remoteJob + "/job.json").isFile(), qPrintable(remoteJob));
    QVERIFY(QFileInfo(remoteJob + "/embeddings/" + QFileInfo(extra).fileName()).isFile());
    QCOMPARE(s.remoteJob, remoteJob);
    // Nothing ran: no "pwned" file appeared anywhere a command could have made one.
    for (const auto& w : watched)
        if (!existing.contains(w))
            QVERIFY2(!QFileInfo::exists(w), qPrintable(w + " was created"));
    QDirIterator it(m_cluster.root(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString name = QFileInfo(it.next()).fileName();
        QVERIFY2(!name.startsWith("pwned"), qPrintable(it.filePath()));
    }
}

// ---------------------------------------------------------------------------------------------
// loopback_jobs

void TestClusterLoopback::submitThroughApi()
{
    REQUIRE_CLUSTER();
    const QString notes = realNotes();
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    QVERIFY(!notes.isEmpty());
    const QString ref = reference("tiny3", notes, model("tiny"), 3);
    QVERIFY(!ref.isEmpty());
    QCOMPARE(rawNotes(ref).size(), 18);
    const QString job = planJob(m_cluster.root() + "/api-job", notes, model("tiny"), 3);
    QVERIFY(!job.isEmpty());
    const auto inputs = tree(job);

    QStringList notices;
    SubmitOptions options;
    options.notice = [&](const QString& s) { notices << s; };
    const SubmitResult s = submitGridJob(job, profile("api"), options);
    QVERIFY(!s.slurmJobId.isEmpty());
    QCOMPARE(s.shards, (QList<int>{0, 1, 2}));
    QVERIFY(s.modelUploaded || notices.join(' ').contains("on the cluster already"));
    // The script is saved with the job, here and there, and the Slurm job id is recorded.
    QVERIFY(readAll(job + "/cluster/run-grid.sbatch").contains("#SBATCH --array=0-2"));
    QCOMPARE(readAll(s.remoteJob + "/cluster/run-grid.sbatch"), readAll(job + "/cluster/run-grid.sbatch"));
    QCOMPARE(ClusterJobRecord::load(job).submissions.value(0).slurmJobId, s.slurmJobId);

    // The network drops: the last known states stand, nothing is declared done or failed.
    m_cluster.stopSshd();
    const ClusterJobRecord during = pollClusterJob(job);
    QVERIFY2(during.lastProblem.contains("connection refused"), qPrintable(during.lastProblem));
    for (const auto& st : during.shards)
        QVERIFY2(st.state == ShardState::Pending || st.state == ShardState::Running, qPrintable(st.detail));
    QString whyNot;
    QVERIFY2(m_cluster.startSshd(&whyNot), qPrintable(whyNot));

    // A monitor made from the folder alone (as after reopening the app) follows it to the end.
    ClusterJobMonitor monitor(job);
    PollBackoff fast;
    fast.initialMs = 500;
    fast.factor = 1.5;
    fast.maxMs = 2000;
    monitor.setBackoff(fast);
    QSignalSpy updated(&monitor, &ClusterJobMonitor::updated);
    QSignalSpy finished(&monitor, &ClusterJobMonitor::finished);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 240000);
    QVERIFY(updated.count() >= 1);
    const ClusterJobRecord done = monitor.record();
    QVERIFY(done.complete);
    QCOMPARE(done.count(ShardState::Done), 3);
    QCOMPARE(done.accounting, QString("none"));  // this Slurm has no sacct: squeue + task files
    QVERIFY(done.lastProblem.isEmpty());

    // Bitwise the local run's notes; the job's own files untouched.
    QCOMPARE(rawNotes(job), rawNotes(ref));
    for (auto it = inputs.begin(); it != inputs.end(); ++it)
        QCOMPARE(tree(job).value(it.key()), it.value());
    const Run status = nsynthRun({"grid", "status", job, "--json"});
    QVERIFY(status.json()["complete"].toBool());
}

void TestClusterLoopback::submitThroughCli()
{
    REQUIRE_CLUSTER();
    const QString notes = realNotes();
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    QVERIFY(!notes.isEmpty());
    const QString ref = reference("tiny3", notes, model("tiny"), 3);
    QVERIFY(!ref.isEmpty());
    const QString job = planJob(m_cluster.root() + "/cli job 'quoted'", notes, model("tiny"), 3);
    QVERIFY(!job.isEmpty());
    Run r = nsynthRun({"cluster", "profile", "add", "cli", "--host", LoopbackCluster::hostAlias(), "--ssh-config",
                       m_cluster.sshConfig(), "--work-dir", m_work, "--nsynth-command", nsynthCommand(), "--cpus", "1",
                       "--time", "30", "--signal-seconds", "60", "--replace"});
    QVERIFY2(r.rc == 0, qPrintable(r.why()));
    r = nsynthRun({"cluster", "profile", "list", "--json"});
    QCOMPARE(r.json()["profiles"].toArray().size() >= 1, true);
    // A dry run shows the script and contacts nothing.
    r = nsynthRun({"cluster", "submit", job, "--profile", "cli", "--dry-run"});
    QVERIFY2(r.rc == 0, qPrintable(r.why()));
    QVERIFY(r.err.contains("#SBATCH --array=0-2") && r.err.contains("dry run"));
    QVERIFY(!ClusterJobRecord::exists(job));
    r = nsynthRun({"cluster", "submit", job, "--profile", "cli", "--wait", "--interval", "1", "--timeout", "240"});
    QVERIFY2(r.rc == 0, qPrintable(r.why() + QString::fromUtf8(r.out)));
    QVERIFY(r.err.contains("#SBATCH --signal=B:USR1@60"));  // the script is shown
    QVERIFY(r.out.contains("complete"));
    r = nsynthRun({"cluster", "fetch", job, "--json"});
    QVERIFY2(r.rc == 0, qPrintable(r.why()));
    QVERIFY(r.json()["complete"].toBool());
    QCOMPARE(rawNotes(job), rawNotes(ref));
    // Slurm's logs came back too, and `status` without a job lists it.
    QVERIFY(!QDir(job + "/cluster/slurm").entryList({"*.out"}).isEmpty());
    r = nsynthRun({"cluster", "status", "--json"});
    bool listed = false;
    for (const auto& j : r.json()["jobs"].toArray())
        listed = listed || j.toObject()["job"].toString() == job;
    QVERIFY(listed);
    // Submitting again is refused: it is done (resubmission is only for unfinished shards).
    r = nsynthRun({"cluster", "submit", job, "--resubmit"});
    QCOMPARE(r.rc, 1);
    QVERIFY2(r.err.contains("nothing to resubmit"), qPrintable(r.why()));
}

void TestClusterLoopback::cancelOneTaskAndResubmit()
{
    REQUIRE_CLUSTER();
    const QString notes = realNotes();
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    QVERIFY(!notes.isEmpty());
    // The "small" test model is slow enough (about a second per batch) to catch a task midway.
    const QString ref = reference("small2", notes, model("small"), 2);
    QVERIFY(!ref.isEmpty());
    const QString job = planJob(m_cluster.root() + "/cancel-job", notes, model("small"), 2);
    QVERIFY(!job.isEmpty());
    const GridJob opened = GridJob::open(job);
    QList<QStringList> shardFiles(2);
    for (int k = 0; k < 2; ++k)
        for (int64_t b : opened.schedule().shardBatches(ShardSpec{k, 2}))
            for (int64_t n = opened.schedule().batchBegin(b); n < opened.schedule().batchEnd(b); ++n)
                shardFiles[k] << QString::fromStdString(opened.plan().notes[size_t(n)].identity) + ".wav";
    QCOMPARE(shardFiles[0].size(), 10);
    QCOMPARE(shardFiles[1].size(), 8);

    const SubmitResult s = submitGridJob(job, profile("cancel"), {});
    QVERIFY(!s.slurmJobId.isEmpty());
    auto done = [&](int k) {
        int n = 0;
        for (const auto& f : shardFiles[k])
            n += QFileInfo::exists(s.remoteJob + "/raw/" + f) ? 1 : 0;
        return n;
    };
    // Both tasks run side by side; as soon as each has finished a note, shard 1's task is
    // cancelled (scancel of that one array task, through `nsynth cluster cancel`) and shard 0 gets
    // the warning Slurm sends before a time limit (--signal=B:USR1, to the batch shell only).
    QElapsedTimer t;
    t.start();
    while ((done(0) == 0 || done(1) == 0) && t.elapsed() < 180000)
        QThread::msleep(50);
    QVERIFY2(done(0) > 0 && done(1) > 0, "the shards never produced a note");
    QVERIFY2(done(0) < 10 && done(1) < 8, "a shard finished before it could be stopped midway");
    int rc = -1;
    const QString said = m_cluster.slurm("scancel", {"--batch", "--signal=USR1", s.slurmJobId + "_0"}, &rc);
    QVERIFY2(rc == 0, qPrintable(said));
    const Run cancel = nsynthRun({"cluster", "cancel", job, "--shards", "1"});
    QVERIFY2(cancel.rc == 0, qPrintable(cancel.why()));

    const ClusterJobRecord r = waitUntilEnded(job, 240000);
    QVERIFY2(r.shards[0].state == ShardState::TimedOut, qPrintable(shardStateName(r.shards[0].state) + ": " + r.shards[0].detail));
    QVERIFY2(r.shards[1].state == ShardState::Cancelled, qPrintable(shardStateName(r.shards[1].state) + ": " + r.shards[1].detail));
    QVERIFY(r.shards[0].notesDone >= 1 && r.shards[0].notesDone < 10);
    QVERIFY(r.shards[1].notesDone >= 1 && r.shards[1].notesDone < 8);
    QVERIFY(!r.complete);
    // Stopped at a batch boundary: whole batches only, nothing half-written left behind.
    QCOMPARE(r.shards[0].notesDone % 2, int64_t(0));
    for (const auto& f : QDir(s.remoteJob + "/raw").entryList(QDir::Files | QDir::Hidden))
        QVERIFY2(!f.startsWith('.'), qPrintable(f));
    const int64_t doneBefore = std::min(r.shards[0].notesDone, r.shards[1].notesDone);
    // `status --wait` on a job that ended unfinished says what to do, with exit status 1.
    const Run status = nsynthRun({"cluster", "status", job, "--wait", "--interval", "1"});
    QCOMPARE(status.rc, 1);
    QVERIFY2(status.out.contains("--resubmit"), qPrintable(QString::fromUtf8(status.out)));

    // Resubmit: only the stopped shards go, and they resume from the notes they had finished.
    SubmitOptions resubmit;
    resubmit.resubmit = true;
    const SubmitResult again = submitGridJob(job, ClusterProfile{}, resubmit);
    QCOMPARE(again.shards, (QList<int>{0, 1}));
    QVERIFY(again.slurmJobId != s.slurmJobId);
    const ClusterJobRecord end = waitUntilEnded(job, 240000);
    QVERIFY2(end.complete, qPrintable(end.summary()));
    QCOMPARE(rawNotes(job), rawNotes(ref));
    // The resubmitted run found the earlier notes and generated only the rest.
    for (const char* shard : {"*shard0of2*.json", "*shard1of2*.json"}) {
        bool resumed = false;
        for (const auto& f : QDir(job + "/logs").entryList({QString::fromLatin1(shard)})) {
            const QJsonObject log = QJsonDocument::fromJson(readAll(job + "/logs/" + f)).object();
            resumed = resumed || (log["notes_already_done"].toInteger() >= doneBefore &&
                                  log["notes_already_done"].toInteger() > 0 && log["notes_generated"].toInteger() > 0);
        }
        QVERIFY2(resumed, shard);
    }
}

void TestClusterLoopback::localProfile()
{
    REQUIRE_CLUSTER();
    const QString notes = realNotes();
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    QVERIFY(!notes.isEmpty());
    const QString ref = reference("tiny3", notes, model("tiny"), 3);
    QVERIFY(!ref.isEmpty());
    // On a login node: sbatch directly, no SSH, the job run in its own folder.
    const QString job = planJob(m_cluster.root() + "/login node/" + kHostile, notes, model("tiny"), 3);
    QVERIFY(!job.isEmpty());
    ClusterProfile p;
    p.name = "login-node";
    p.local = true;
    p.nsynthCommand = nsynthCommand();
    p.timeLimit = "30";
    p.signalSeconds = 60;
    QVERIFY(testClusterConnection(p).ok());
    const SubmitResult s = submitGridJob(job, p, {});
    QVERIFY(!s.slurmJobId.isEmpty());
    QCOMPARE(s.remoteJob, job);
    const ClusterJobRecord r = waitUntilEnded(job, 240000);
    QVERIFY2(r.complete, qPrintable(r.summary()));
    QCOMPARE(r.transfer, QString("copy"));
    QCOMPARE(rawNotes(job), rawNotes(ref));
}

void TestClusterLoopback::scpFallback()
{
    REQUIRE_CLUSTER();
    const QString notes = realNotes();
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    QVERIFY(!notes.isEmpty());
    const QString ref = reference("tiny3", notes, model("tiny"), 3);
    QVERIFY(!ref.isEmpty());
    const QString job = planJob(m_cluster.root() + "/scp-job", notes, model("tiny"), 3);
    QVERIFY(!job.isEmpty());
    ClusterProfile p = profile("scp");
    p.transfer = "scp";
    p.workDir = m_work + "/scp";  // a fresh folder: the model is copied by scp too
    const SubmitResult s = submitGridJob(job, p, {});
    QVERIFY(s.modelUploaded);
    QCOMPARE(readAll(s.remoteJob + "/plan.json"), readAll(job + "/plan.json"));
    const ClusterJobRecord r = waitUntilEnded(job, 240000);
    QVERIFY2(r.complete, qPrintable(r.summary()));
    QCOMPARE(r.transfer, QString("scp"));
    QCOMPARE(rawNotes(job), rawNotes(ref));
    // No staging leftovers in the remote home, no partial files here.
    const QString staging = m_cluster.remoteHome() + "/.nsynth-staging";
    QVERIFY(!QFileInfo::exists(staging) || QDir(staging).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    for (const auto& f : QDir(job + "/raw").entryList(QDir::Files | QDir::Hidden))
        QVERIFY2(!f.startsWith('.'), qPrintable(f));
}

QTEST_GUILESS_MAIN(TestClusterLoopback)
#include "test_cluster_loopback.moc"
