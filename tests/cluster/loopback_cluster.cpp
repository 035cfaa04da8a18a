#include "loopback_cluster.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <signal.h>
#include <unistd.h>

namespace {

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

bool portOpen(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(uint16_t(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

bool writeFile(const QString& path, const QByteArray& data, QFileDevice::Permissions perms = {})
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return false;
    f.close();
    if (perms)
        f.setPermissions(perms);
    return true;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString program(const QStringList& candidates)
{
    for (const auto& c : candidates) {
        if (c.startsWith('/') && QFileInfo(c).isExecutable())
            return c;
        const QString p = QStandardPaths::findExecutable(c, {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin",
                                                              "/usr/local/bin"});
        if (!p.isEmpty())
            return p;
    }
    return {};
}

template <typename Pred>
bool waitFor(Pred pred, int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        if (pred())
            return true;
        QThread::msleep(100);
    }
    return pred();
}

// A run killed outright (SIGKILL, a CTest timeout) takes its daemons with it (parent-death
// signal) but leaves its temporary folder: such folders are removed when none of the pid files
// in them names a live process and they have not changed for 10 minutes (a run starting now
// writes its pid files within seconds).
void removeStaleRoots()
{
    for (const QFileInfo& d : QDir("/tmp").entryInfoList({"nsc-*"}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!QFileInfo::exists(d.filePath() + "/slurm/slurm.conf") ||
            d.lastModified().secsTo(QDateTime::currentDateTime()) < 600)
            continue;
        bool live = false;
        for (const char* pidFile : {"munge/munged.pid", "slurm/slurmctld.pid", "slurm/slurmd.pid", "sshd/sshd.pid"}) {
            const int pid = readFile(d.filePath() + "/" + QString::fromLatin1(pidFile)).trimmed().toInt();
            live = live || (pid > 0 && ::kill(pid, 0) == 0);
        }
        if (!live)
            QDir(d.filePath()).removeRecursively();
    }
}

} // namespace

LoopbackCluster::LoopbackCluster() = default;

LoopbackCluster::~LoopbackCluster()
{
    stop();
}

bool LoopbackCluster::fail(QString* whyNot, const QString& why)
{
    *whyNot = why;
    stop();
    return false;
}

QString LoopbackCluster::tail(const QString& file, int lines)
{
    const QList<QByteArray> all = readFile(file).trimmed().split('\n');
    QStringList out;
    for (qsizetype i = std::max<qsizetype>(0, all.size() - lines); i < all.size(); ++i)
        out << QString::fromUtf8(all[i]).trimmed();
    return out.join(" | ");
}

bool LoopbackCluster::startDaemon(QProcess& p, const QString& prog, const QStringList& args, const QString& log,
                                  QString* whyNot)
{
    p.setProgram(prog);
    p.setArguments(args);
    p.setStandardOutputFile(log, QIODevice::Append);
    p.setStandardErrorFile(log, QIODevice::Append);
    // If this test process dies, the daemons die with it instead of lingering.
    p.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    p.start();
    if (!p.waitForStarted(10000)) {
        *whyNot = prog + " did not start: " + p.errorString();
        return false;
    }
    return true;
}

bool LoopbackCluster::start(QString* whyNot)
{
    if (::geteuid() != 0)
        return fail(whyNot, "slurmd must run as root (it starts jobs as their owners) and sshd needs root to log in "
                            "with its own privilege separation; run these tests as root, as CI does");
    const QString munged = program({"munged"});
    const QString slurmctld = program({"slurmctld"}), slurmd = program({"slurmd"});
    const QString sshd = program({"/usr/sbin/sshd", "sshd"});
    QStringList missing;
    for (const auto& [name, path] : {std::pair<QString, QString>{"munged", munged},
                                     {"slurmctld", slurmctld},
                                     {"slurmd", slurmd},
                                     {"sshd", sshd},
                                     {"sbatch", program({"sbatch"})},
                                     {"squeue", program({"squeue"})},
                                     {"scancel", program({"scancel"})},
                                     {"sinfo", program({"sinfo"})},
                                     {"ssh", program({"ssh"})},
                                     {"ssh-keygen", program({"ssh-keygen"})},
                                     {"rsync", program({"rsync"})},
                                     {"scp", program({"scp"})}})
        if (path.isEmpty())
            missing << name;
    if (!missing.isEmpty())
        return fail(whyNot, "not installed here: " + missing.join(", ") +
                                " (scripts/install-deps.sh installs openssh-server, openssh-client, rsync, munge, "
                                "slurmctld, slurmd, slurm-client)");
    removeStaleRoots();
    // A short path: Unix socket paths (munge, ssh's shared connections) are limited to ~100 bytes.
    m_dir = std::make_unique<QTemporaryDir>("/tmp/nsc-XXXXXX");
    if (!m_dir->isValid())
        return fail(whyNot, "cannot create a temporary folder in /tmp");
    m_root = m_dir->path();
    passwd* pw = ::getpwuid(::geteuid());
    m_user = pw ? QString::fromLocal8Bit(pw->pw_name) : QStringLiteral("root");
    for (const char* d : {"munge", "slurm/state", "slurm/spool", "sshd", "client", "home", "config", "run", "remote-home"})
        QDir().mkpath(m_root + "/" + d);
    QFile::setPermissions(m_root + "/run", QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(m_root + "/munge", QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                                 QFileDevice::ExeGroup | QFileDevice::ExeOther);

    // The client side of this process and every child: nothing of the real home is used.
    qputenv("HOME", (m_root + "/home").toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (m_root + "/config").toLocal8Bit());
    qputenv("XDG_RUNTIME_DIR", (m_root + "/run").toLocal8Bit());
    qputenv("SLURM_CONF", slurmConf().toLocal8Bit());
    qputenv("NSYNTH_CLUSTER_PROFILES", (m_root + "/config/cluster-profiles.json").toLocal8Bit());
    qputenv("NSYNTH_CLUSTER_JOBS", (m_root + "/config/cluster-jobs.json").toLocal8Bit());

    m_sshPort = freePort();
    m_ctldPort = freePort();
    m_slurmdPort = freePort();
    while (m_slurmdPort == m_ctldPort || m_slurmdPort == m_sshPort)
        m_slurmdPort = freePort();
    if (!m_sshPort || !m_ctldPort || !m_slurmdPort)
        return fail(whyNot, "no free TCP port on 127.0.0.1");

    // munge: its own key and socket.
    {
        QFile random("/dev/urandom");
        if (!random.open(QIODevice::ReadOnly))
            return fail(whyNot, "cannot read /dev/urandom for the munge key");
        if (!writeFile(m_root + "/munge/munge.key", random.read(1024), QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return fail(whyNot, "cannot write the munge key");
    }
    const QString sock = m_root + "/munge/munge.socket";
    if (!startDaemon(m_munged, munged,
                     {"--foreground", "--force", "--key-file=" + m_root + "/munge/munge.key", "--socket=" + sock,
                      "--pid-file=" + m_root + "/munge/munged.pid", "--log-file=" + m_root + "/munge/munged.log",
                      "--seed-file=" + m_root + "/munge/munged.seed"},
                     m_root + "/munge/munged.out", whyNot))
        return fail(whyNot, *whyNot);
    // Waits below are generous (a loaded 2-core CI machine, other builds running) but bounded: a
    // daemon that is not up by then is reported with its log's last lines.
    if (!waitFor([&] { return QFileInfo::exists(sock); }, 30000))
        return fail(whyNot, "munged did not create its socket: " + tail(m_root + "/munge/munged.out"));

    // Slurm: one node, this machine, no accounting.
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    const QString hostname = QString::fromLocal8Bit(host).section('.', 0, 0);
    m_node = hostname;
    const int cpus = std::max(2, QThread::idealThreadCount());
    const QString s = m_root + "/slurm";
    QString conf;
    conf += "ClusterName=nsynthloopback\n";
    conf += QString("SlurmctldHost=%1(127.0.0.1)\n").arg(hostname);
    conf += QString("SlurmctldPort=%1\nSlurmdPort=%2\n").arg(m_ctldPort).arg(m_slurmdPort);
    conf += QString("SlurmUser=%1\nSlurmdUser=root\n").arg(m_user);
    conf += "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=" + sock + "\n";
    conf += "StateSaveLocation=" + s + "/state\nSlurmdSpoolDir=" + s + "/spool\n";
    conf += "SlurmctldPidFile=" + s + "/slurmctld.pid\nSlurmdPidFile=" + s + "/slurmd.pid\n";
    conf += "SlurmctldLogFile=" + s + "/slurmctld.log\nSlurmdLogFile=" + s + "/slurmd.log\n";
    conf += "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nJobAcctGatherType=jobacct_gather/none\n";
    conf += "AccountingStorageType=accounting_storage/none\nJobCompType=jobcomp/none\n";
    conf += "SwitchType=switch/none\nMpiDefault=none\nMailProg=/bin/true\n";
    // slurmd (and the clients) bind to the node's address, 127.0.0.1, instead of every interface.
    // slurmctld ignores this and listens on all interfaces (slurm.conf(5)); nothing reaches it
    // but this machine's own commands, on a random port.
    conf += "CommunicationParameters=NoInAddrAny\n";
    conf += "SchedulerType=sched/backfill\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n";
    conf += "ReturnToService=2\nMinJobAge=300\nKillWait=30\nSlurmctldTimeout=30\nSlurmdTimeout=60\nInactiveLimit=0\n";
    conf += QString("NodeName=%1 NodeAddr=127.0.0.1 CPUs=%2 RealMemory=1000 State=UNKNOWN\n").arg(hostname).arg(cpus);
    conf += QString("PartitionName=debug Nodes=%1 Default=YES MaxTime=INFINITE State=UP\n").arg(hostname);
    if (!writeFile(slurmConf(), conf.toUtf8()))
        return fail(whyNot, "cannot write slurm.conf");
    if (!startDaemon(m_slurmctld, slurmctld, {"-D", "-i", "-f", slurmConf()}, s + "/slurmctld.out", whyNot))
        return fail(whyNot, *whyNot);
    int rc = -1;
    if (!waitFor([&] { slurm("sinfo", {"--noheader"}, &rc); return rc == 0 || m_slurmctld.state() == QProcess::NotRunning; }, 60000) ||
        rc != 0)
        return fail(whyNot, "slurmctld did not come up: " + tail(s + "/slurmctld.out") + " | " + tail(s + "/slurmctld.log"));
    if (!startDaemon(m_slurmd, slurmd, {"-D", "-f", slurmConf(), "-N", hostname}, s + "/slurmd.out", whyNot))
        return fail(whyNot, *whyNot);
    if (!waitFor([&] { return slurm("sinfo", {"--noheader", "--Node", "--format=%T"}).trimmed() == "idle" ||
                              m_slurmd.state() == QProcess::NotRunning; }, 90000) ||
        m_slurmd.state() == QProcess::NotRunning)
        return fail(whyNot, "slurmd did not register an idle node: " + tail(s + "/slurmd.out") + " | " +
                                tail(s + "/slurmd.log") + " | sinfo: " + slurm("sinfo", {"--noheader"}).trimmed());

    // SSH: host key, client key, server and client configuration.
    const QString keygen = program({"ssh-keygen"});
    for (const auto& [file, comment] : {std::pair<QString, QString>{m_root + "/sshd/host_ed25519", "loopback host"},
                                        {clientKey(), "loopback client"}}) {
        QProcess k;
        k.start(keygen, {"-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file});
        if (!k.waitForFinished(30000) || k.exitCode() != 0)
            return fail(whyNot, "ssh-keygen failed: " + QString::fromUtf8(k.readAllStandardError()));
    }
    writeFile(m_root + "/sshd/authorized_keys", readFile(clientKey() + ".pub"), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray hostPub = readFile(m_root + "/sshd/host_ed25519.pub").trimmed();
    m_hostKeyLine = QString("[127.0.0.1]:%1 %2").arg(m_sshPort).arg(QString::fromUtf8(hostPub).section(' ', 0, 1));
    {
        QProcess k;
        k.start(keygen, {"-l", "-f", m_root + "/sshd/host_ed25519.pub"});
        k.waitForFinished(30000);
        m_hostFingerprint = QString::fromUtf8(k.readAllStandardOutput()).section(' ', 1, 1);
    }
    QString sshdConf;
    sshdConf += QString("Port %1\nListenAddress 127.0.0.1\n").arg(m_sshPort);
    sshdConf += "HostKey " + m_root + "/sshd/host_ed25519\n";
    sshdConf += "PidFile " + m_root + "/sshd/sshd.pid\n";
    sshdConf += "AuthorizedKeysFile " + m_root + "/sshd/authorized_keys\n";
    sshdConf += "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n";
    sshdConf += "PermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\nPrintMotd no\n";
    sshdConf += "SetEnv SLURM_CONF=" + slurmConf() + " HOME=" + remoteHome() + "\n";
    sshdConf += "Subsystem sftp internal-sftp\n";
    writeFile(m_root + "/sshd/sshd_config", sshdConf.toUtf8());
    QString client;
    client += "Host " + hostAlias() + "\n";
    client += QString("  HostName 127.0.0.1\n  Port %1\n  User %2\n").arg(m_sshPort).arg(m_user);
    client += "  IdentityFile " + clientKey() + "\n  IdentitiesOnly yes\n";
    client += "  UserKnownHostsFile " + knownHosts() + "\n  GlobalKnownHostsFile /dev/null\n";
    client += "  PasswordAuthentication no\n";
    writeFile(sshConfig(), client.toUtf8());
    writeFile(knownHosts(), (m_hostKeyLine + "\n").toUtf8());
    if (!startSshd(whyNot))
        return fail(whyNot, *whyNot);
    m_started = true;
    return true;
}

bool LoopbackCluster::startSshd(QString* whyNot)
{
    // sshd running as root insists on its compiled-in privilege separation folder.
    if (::geteuid() == 0 && !QFileInfo::exists("/run/sshd")) {
        QDir().mkpath("/run/sshd");
        QFile::setPermissions("/run/sshd", QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                               QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                               QFileDevice::ExeOther);
    }
    const QString sshd = program({"/usr/sbin/sshd", "sshd"});
    if (!startDaemon(m_sshd, sshd, {"-D", "-e", "-f", m_root + "/sshd/sshd_config"}, m_root + "/sshd/sshd.log", whyNot))
        return false;
    if (!waitFor([&] { return portOpen(m_sshPort) || m_sshd.state() == QProcess::NotRunning; }, 30000) ||
        m_sshd.state() == QProcess::NotRunning) {
        *whyNot = "sshd did not listen: " + tail(m_root + "/sshd/sshd.log");
        return false;
    }
    return true;
}

void LoopbackCluster::stopSshd()
{
    closeSharedConnections();
    if (m_sshd.state() != QProcess::NotRunning) {
        m_sshd.terminate();
        if (!m_sshd.waitForFinished(10000)) {
            m_sshd.kill();
            m_sshd.waitForFinished(5000);
        }
    }
}

void LoopbackCluster::closeSharedConnections()
{
    const QString dir = m_root + "/run/nsynth-ssh";
    const QString ssh = program({"ssh"});
    for (const auto& name : QDir(dir).entryList(QDir::System | QDir::Files | QDir::Hidden)) {
        QProcess p;
        p.start(ssh, {"-o", "ControlPath=" + dir + "/" + name, "-O", "exit", hostAlias()});
        p.waitForFinished(10000);
    }
}

QStringList LoopbackCluster::nonLoopbackListeners(QStringList* seen) const
{
    // Lines "sl local_address rem_address st ...": local_address is hex ADDR:PORT (the IPv4
    // address as a little-endian word), st 0A is LISTEN.
    const QHash<int, QString> ports{{m_sshPort, QStringLiteral("sshd")}, {m_slurmdPort, QStringLiteral("slurmd")}};
    QStringList out;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        const QList<QByteArray> lines = readFile(QString::fromLatin1(table)).split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].simplified().split(' ');
            if (f.size() < 4 || f[3] != "0A")
                continue;
            const QList<QByteArray> local = f[1].split(':');
            bool ok = false;
            const int port = local.value(1).toInt(&ok, 16);
            const QByteArray addr = local.value(0);
            if (!ok || !ports.contains(port))
                continue;
            const bool loopback = addr == "0100007F" || addr == "00000000000000000000000001000000";
            if (!seen->contains(ports[port]))
                *seen << ports[port];
            if (!loopback)
                out << QString("%1 on %2:%3").arg(ports[port], QString::fromLatin1(addr)).arg(port);
        }
    }
    return out;
}

QString LoopbackCluster::slurm(const QString& prog, const QStringList& args, int* exitCode)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SLURM_CONF", slurmConf());
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program({prog}), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        if (exitCode)
            *exitCode = -1;
        return {};
    }
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAll());
}

void LoopbackCluster::stop()
{
    if (m_slurmctld.state() != QProcess::NotRunning) {
        // Jobs first, so no task outlives the node that runs it.
        slurm("scancel", {"--user=" + m_user});
        waitFor([&] { return slurm("squeue", {"--noheader", "--states=PENDING,RUNNING,COMPLETING,CONFIGURING,SUSPENDED"}).trimmed().isEmpty(); },
                45000);
    }
    stopSshd();
    for (QProcess* p : {&m_slurmd, &m_slurmctld, &m_munged}) {
        if (p->state() == QProcess::NotRunning)
            continue;
        p->terminate();
        if (!p->waitForFinished(15000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    m_started = false;
}
