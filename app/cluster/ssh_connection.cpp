#include "ssh_connection.h"

#include "shell_quote.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <unistd.h>

namespace nsynth::app {

namespace {

QString randomToken()
{
    return QString("%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QChar('0'));
}

// A value of an ssh -o option: '%' is ssh's token character, and whitespace separates list
// values unless the value is in double quotes.
QString sshOptionValue(const QString& value)
{
    QString v = value;
    v.replace('%', "%%");
    if (v.contains(' ') || v.contains('\t'))
        return '"' + v + '"';
    return v;
}

QString firstLine(const QString& text)
{
    for (const auto& l : text.split('\n'))
        if (!l.trimmed().isEmpty())
            return l.trimmed();
    return {};
}

// Remote scratch space for the scp fallback: a fixed, harmless name under the login folder,
// so scp (whose remote paths may be globbed or passed through a shell by old servers) never
// sees the user's folder names.
const QString kStaging = QStringLiteral(".nsynth-staging");

bool safeScpName(const QString& relative)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._+=,@/-]+$"));
    return re.match(relative).hasMatch() && !relative.startsWith('-');
}

} // namespace

ClusterConnectionError::ClusterConnectionError(ConnectionFailure kind, const QString& message, QString fingerprint)
    : Error(message.toStdString()), m_kind(kind), m_fingerprint(std::move(fingerprint))
{
}

bool ClusterConnectionError::transient() const
{
    return m_kind == ConnectionFailure::Dropped || m_kind == ConnectionFailure::Unreachable ||
           m_kind == ConnectionFailure::ConnectionRefused || m_kind == ConnectionFailure::HostNotFound;
}

SshFailure classifySshFailure(const QByteArray& sshStderr)
{
    const QString text = QString::fromUtf8(sshStderr);
    SshFailure f;
    auto grab = [&](const char* pattern, int group = 1) {
        const auto m = QRegularExpression(QString::fromLatin1(pattern)).match(text);
        return m.hasMatch() ? m.captured(group) : QString();
    };
    if (text.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") ||
        text.contains(QRegularExpression("Host key for .* has changed"))) {
        f.kind = ConnectionFailure::ChangedHostKey;
        const auto m = QRegularExpression("The fingerprint for the (\\S+) key sent by the remote host is\\s*\\n?\\s*(SHA256:[A-Za-z0-9+/=]+|MD5:[0-9a-f:]+)")
                           .match(text);
        if (m.hasMatch()) {
            f.keyType = m.captured(1);
            f.fingerprint = m.captured(2);
        }
        f.offendingKey = grab("Offending \\S+ key in (\\S+:\\d+)");
        f.detail = QStringLiteral("REMOTE HOST IDENTIFICATION HAS CHANGED");
        return f;
    }
    if (text.contains(QRegularExpression("No \\S+ host key is known for")) || text.contains("Host key verification failed")) {
        f.kind = ConnectionFailure::UnknownHostKey;
        f.keyType = grab("No (\\S+) host key is known for");
        f.detail = firstLine(grab("(No \\S+ host key is known for [^\\n]*)"));
        if (f.detail.isEmpty())
            f.detail = QStringLiteral("Host key verification failed");
        return f;
    }
    if (text.contains("Permission denied")) {
        f.kind = ConnectionFailure::AuthenticationFailed;
        f.detail = firstLine(grab("([^\\n]*Permission denied[^\\n]*)"));
        return f;
    }
    if (text.contains("Could not resolve hostname") || text.contains("Name or service not known") ||
        text.contains("nodename nor servname")) {
        f.kind = ConnectionFailure::HostNotFound;
        f.detail = firstLine(grab("([^\\n]*(?:Could not resolve hostname|Name or service not known)[^\\n]*)"));
        return f;
    }
    if (text.contains("Connection refused") && !text.contains("Control socket")) {
        f.kind = ConnectionFailure::ConnectionRefused;
        f.detail = firstLine(grab("([^\\n]*Connection refused[^\\n]*)"));
        return f;
    }
    for (const char* s : {"Connection timed out", "Operation timed out", "timed out", "No route to host",
                          "Network is unreachable", "Host is down"}) {
        if (text.contains(QString::fromLatin1(s))) {
            f.kind = ConnectionFailure::Unreachable;
            f.detail = firstLine(grab(("([^\\n]*" + QRegularExpression::escape(QString::fromLatin1(s)) + "[^\\n]*)")
                                          .toLatin1()
                                          .constData()));
            return f;
        }
    }
    for (const char* s : {"Connection closed", "Connection reset", "Broken pipe", "not responding", "closed by remote host",
                          "kex_exchange_identification", "Connection to", "client_loop", "mux_client"}) {
        if (text.contains(QString::fromLatin1(s))) {
            f.kind = ConnectionFailure::Dropped;
            f.detail = firstLine(grab(("([^\\n]*" + QRegularExpression::escape(QString::fromLatin1(s)) + "[^\\n]*)")
                                          .toLatin1()
                                          .constData()));
            return f;
        }
    }
    f.kind = ConnectionFailure::Other;
    QStringList lines;
    for (const auto& l : text.split('\n'))
        if (!l.trimmed().isEmpty() && !l.startsWith("Warning: Permanently added"))
            lines << l.trimmed();
    f.detail = lines.isEmpty() ? QStringLiteral("no message") : lines.last();
    return f;
}

QString sshFingerprint(const QByteArray& base64Blob)
{
    const QByteArray blob = QByteArray::fromBase64(base64Blob);
    QByteArray digest = QCryptographicHash::hash(blob, QCryptographicHash::Sha256).toBase64();
    while (digest.endsWith('='))
        digest.chop(1);
    return "SHA256:" + QString::fromLatin1(digest);
}

// ---------------------------------------------------------------------------------------------

ClusterConnection::ClusterConnection(ClusterProfile profile) : m_profile(std::move(profile)) {}

QString ClusterConnection::label()
{
    if (isLocal())
        return QString("cluster \"%1\" (this machine)").arg(m_profile.name);
    const auto& c = sshConfig();
    const QString host = c.values.value("hostname", m_profile.host);
    const QString user = c.values.value("user");
    const QString port = c.values.value("port", "22");
    QString where = (user.isEmpty() ? QString() : user + "@") + host + (port == "22" ? QString() : ":" + port);
    if (host == m_profile.host && (user.isEmpty() || m_profile.host.startsWith(user + "@")))
        where = m_profile.host + (port == "22" ? QString() : ":" + port);
    return QString("cluster \"%1\" (%2)").arg(m_profile.name, where);
}

QString ClusterConnection::program(const QString& name)
{
    const QString path = findProgram(name);
    if (path.isEmpty()) {
        const QString package = name == "rsync" ? "rsync" : "the OpenSSH client (openssh-client)";
        throw ClusterConnectionError(ConnectionFailure::NoClient,
                                     QString("%1: %2 is not installed on this machine; install %3")
                                         .arg(label(), name, package));
    }
    return path;
}

QString ClusterConnection::controlDirectory()
{
    auto usable = [](const QString& dir) {
        if (dir.isEmpty() || dir.size() > 50)  // + "/" + 40 hex (%C) + ssh's 17-character suffix < 108
            return false;
        QDir().mkpath(dir);
        ::chmod(QFile::encodeName(dir).constData(), 0700);
        struct stat st {};
        if (::lstat(QFile::encodeName(dir).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return false;
        // Sockets here give access to live sessions: the folder must be ours alone.
        return st.st_uid == ::getuid() && (st.st_mode & 077) == 0;
    };
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && usable(runtime + "/nsynth-ssh"))
        return runtime + "/nsynth-ssh";
    const QString fallback = QString("/tmp/nsynth-ssh-%1").arg(::getuid());
    if (usable(fallback))
        return fallback;
    return {};
}

QStringList ClusterConnection::sshBaseOptions() const
{
    QStringList o;
    if (!m_profile.sshConfig.isEmpty())
        o << "-F" << m_profile.sshConfig;
    return o;
}

const ClusterConnection::SshConfig& ClusterConnection::sshConfig()
{
    if (m_config.read || isLocal())
        return m_config;
    m_config.read = true;
    const QString ssh = findProgram("ssh");
    if (ssh.isEmpty())
        return m_config;
    const ProcessResult r = runProcess(ssh, sshBaseOptions() + QStringList{"-G", "--", m_profile.host}, withTimeout(20000));
    if (!r.ok())
        return m_config;
    for (const auto& line : QString::fromUtf8(r.out).split('\n')) {
        const int space = line.indexOf(' ');
        if (space <= 0)
            continue;
        const QString key = line.left(space).toLower(), value = line.mid(space + 1).trimmed();
        if (!m_config.values.contains(key))
            m_config.values.insert(key, value);
        if (key == "userknownhostsfile")
            for (QString f : value.split(' ', Qt::SkipEmptyParts)) {
                if (f.startsWith("~/"))
                    f = QDir::homePath() + f.mid(1);
                m_config.knownHostsFiles << f;
            }
    }
    return m_config;
}

QStringList ClusterConnection::sshOptions()
{
    QStringList o = sshBaseOptions();
    o << "-o" << "BatchMode=yes";
    // Stricter than any user setting on purpose: an unknown key is shown and accepted only
    // through trustHostKey(), a changed one never.
    o << "-o" << "StrictHostKeyChecking=yes";
    const auto& c = sshConfig();
    const QString master = c.values.value("controlmaster", "false");
    const QString path = c.values.value("controlpath", "none");
    const bool userShares = (master != "false" && master != "no") || (path != "none" && !path.isEmpty());
    const QString dir = controlDirectory();
    if (!userShares && !dir.isEmpty())
        o << "-o" << "ControlMaster=auto" << "-o" << "ControlPath=" + sshOptionValue(dir) + "/%C" << "-o"
          << "ControlPersist=600";
    const QString alive = c.values.value("serveraliveinterval", "0");
    if (alive == "0" || alive.isEmpty())
        o << "-o" << "ServerAliveInterval=30" << "-o" << "ServerAliveCountMax=4";
    const QString timeout = c.values.value("connecttimeout", "none");
    if (timeout == "none" || timeout.isEmpty())
        o << "-o" << "ConnectTimeout=20";
    return o;
}

void ClusterConnection::throwSshFailure(const ProcessResult& r, const QString& what)
{
    const SshFailure f = classifySshFailure(r.err);
    const QString who = label();
    const QString host = m_profile.host;
    switch (f.kind) {
    case ConnectionFailure::UnknownHostKey: {
        HostKeyScan scan;
        try {
            scan = scanHostKey();
        } catch (const Error&) {
        }
        if (scan.fingerprint.isEmpty())
            throw ClusterConnectionError(f.kind, QString("%1: the host key of %2 is not known (%3), and its key could not "
                                                         "be read to show its fingerprint")
                                                     .arg(who, host, f.detail));
        throw ClusterConnectionError(
            f.kind,
            QString("%1: unknown host: %2 is not in your known_hosts. Its %3 key has the fingerprint %4. Compare it "
                    "with the fingerprint your cluster publishes; if they match, accept it with: nsynth cluster trust "
                    "%5 --fingerprint %4")
                .arg(who, scan.hostLabel.isEmpty() ? host : scan.hostLabel, scan.keyType, scan.fingerprint,
                     m_profile.name),
            scan.fingerprint);
    }
    case ConnectionFailure::ChangedHostKey:
        throw ClusterConnectionError(
            f.kind,
            QString("%1: WARNING: the host key of %2 has CHANGED since you trusted it (it now presents %3 %4%5). Someone "
                    "may be intercepting the connection, or the cluster's key was replaced; nothing was sent and the "
                    "new key was not accepted. Ask the cluster's administrators; only if they replaced the key, remove "
                    "the old one (ssh-keygen -R %6) and trust the new one with nsynth cluster trust %7")
                .arg(who, host, f.keyType.isEmpty() ? QString("a") : f.keyType,
                     f.fingerprint.isEmpty() ? QString("key") : f.fingerprint,
                     f.offendingKey.isEmpty() ? QString() : "; the old key is at " + f.offendingKey,
                     shellQuote(knownHostsLabel()) +
                         (f.offendingKey.isEmpty() ? QString() : " -f " + shellQuote(f.offendingKey.section(':', 0, -2))),
                     m_profile.name),
            f.fingerprint);
    case ConnectionFailure::AuthenticationFailed:
        throw ClusterConnectionError(
            f.kind, QString("%1: authentication failed (%2). nsynth never asks for or stores passwords: load your key "
                            "into ssh-agent (ssh-add), name it with IdentityFile in ~/.ssh/config, or log in once "
                            "interactively with: nsynth cluster login %3")
                        .arg(who, f.detail, m_profile.name));
    case ConnectionFailure::HostNotFound:
        throw ClusterConnectionError(f.kind, QString("%1: host not found (%2); check the profile's host and your "
                                                     "~/.ssh/config")
                                                 .arg(who, f.detail));
    case ConnectionFailure::ConnectionRefused:
        throw ClusterConnectionError(f.kind, QString("%1: connection refused (%2): no SSH server answers at that "
                                                     "address and port")
                                                 .arg(who, f.detail));
    case ConnectionFailure::Unreachable:
        throw ClusterConnectionError(f.kind, QString("%1: cannot reach the host (%2); check the network, the VPN "
                                                     "or the jump host (ProxyJump in ~/.ssh/config)")
                                                 .arg(who, f.detail));
    case ConnectionFailure::Dropped:
        throw ClusterConnectionError(f.kind, QString("%1: the connection dropped during %2 (%3); it is retried later")
                                                 .arg(who, what, f.detail));
    default:
        throw ClusterConnectionError(ConnectionFailure::Other,
                                     QString("%1: ssh failed during %2: %3").arg(who, what, f.detail));
    }
}

RemoteOutput ClusterConnection::run(const RemoteScript& script, int timeoutMs)
{
    ProcessOptions options;
    options.input = script.text().toUtf8();
    options.timeoutMs = timeoutMs;
    ProcessResult r;
    if (isLocal()) {
        r = runProcess("/bin/sh", {"-s"}, options);
    } else {
        const QString ssh = program("ssh");
        r = runProcess(ssh, sshOptions() + QStringList{"-T", "--", m_profile.host, "/bin/sh", "-s"}, options);
    }
    if (!r.started)
        throw ClusterConnectionError(ConnectionFailure::NoClient, label() + ": cannot start " + r.program + ": " + r.startError);
    const RemoteOutput out = RemoteOutput::parse(r.out, script.marker());
    if (out.complete())
        return out;
    if (r.timedOut)
        throw ClusterConnectionError(ConnectionFailure::Dropped,
                                     QString("%1: no answer within %2 s; it is retried later").arg(label()).arg(timeoutMs / 1000));
    if (!isLocal() && r.exitCode == 255)
        throwSshFailure(r, "a remote command");
    throw ClusterConnectionError(ConnectionFailure::RemoteShell,
                                 QString("%1: the remote /bin/sh did not finish the script (exit %2): %3")
                                     .arg(label())
                                     .arg(r.exitCode)
                                     .arg(r.lastErrorLine()));
}

QString ClusterConnection::remoteHome()
{
    if (!m_remoteHome.isEmpty())
        return m_remoteHome;
    if (isLocal())
        return m_remoteHome = QDir::homePath();
    RemoteScript s;
    s.section("home", "printf '%s\\n' \"$HOME\"");
    const QString home = run(s).section("home").lines().value(0).trimmed();
    if (!home.startsWith('/'))
        throw ClusterConnectionError(ConnectionFailure::RemoteShell, label() + ": the remote $HOME is not set");
    return m_remoteHome = home;
}

QString ClusterConnection::transferMethod(bool remoteHasRsync)
{
    if (isLocal())
        return QStringLiteral("copy");
    const bool localRsync = !findProgram("rsync").isEmpty();
    if (m_profile.transfer == "rsync") {
        if (!localRsync)
            program("rsync");  // throws the "not installed" message
        if (!remoteHasRsync)
            throw ClusterConnectionError(ConnectionFailure::NoClient,
                                         label() + ": rsync is not installed on the cluster (profile transfer = rsync); "
                                                   "use transfer auto or scp");
        return QStringLiteral("rsync");
    }
    if (m_profile.transfer == "scp")
        return QStringLiteral("scp");
    return localRsync && remoteHasRsync ? QStringLiteral("rsync") : QStringLiteral("scp");
}

// ---------------------------------------------------------------------------------------------
// Transfers

void ClusterConnection::upload(const QStringList& localPaths, const RemotePath& remoteDir, const QString& method,
                               int timeoutMs)
{
    if (localPaths.isEmpty())
        return;
    if (method == "copy") {
        const QString to = remoteDir.local();
        for (const auto& p : localPaths) {
            const QFileInfo info(p);
            if (info.isDir())
                copyTree(p, to + "/" + info.fileName());
            else
                copyTree(info.absolutePath(), to, {info.fileName()});
        }
        return;
    }
    if (method == "scp")
        return uploadScp(localPaths, remoteDir, timeoutMs);
    const QString rsync = program("rsync");
    const QString ssh = program("ssh");
    QStringList args{"-a", "-s", "--timeout=300", "--exclude=.*", "-e", rsyncShellCommand(QStringList{ssh} + sshOptions())};
    for (const auto& p : localPaths)
        args << QFileInfo(p).absoluteFilePath();  // absolute: a ':' in a name never reads as host:path
    args << m_profile.host + ":" + transferPath(remoteDir) + "/";
    const ProcessResult r = runProcess(rsync, args, withTimeout(timeoutMs));
    if (r.ok())
        return;
    if (r.exitCode == 255)
        throwSshFailure(r, "the upload");
    throw ClusterConnectionError(ConnectionFailure::Transfer, QString("%1: rsync to %2 failed (%3): %4")
                                                                  .arg(label(), remoteDir.display(),
                                                                       r.timedOut ? QString("timed out")
                                                                                  : QString("exit %1").arg(r.exitCode),
                                                                       r.lastErrorLine()));
}

FetchCounts ClusterConnection::download(const RemotePath& remoteRoot, const QString& localRoot,
                                        const QStringList& subfolders, const QString& method, int timeoutMs)
{
    if (method == "copy")
        return copyTree(remoteRoot.local(), localRoot, subfolders);
    if (method == "scp")
        return downloadScp(remoteRoot, localRoot, subfolders, timeoutMs);
    const QString rsync = program("rsync");
    const QString ssh = program("ssh");
    QStringList args{"-a", "-s", "--timeout=300", "--out-format=%i %n", "-e",
                     rsyncShellCommand(QStringList{ssh} + sshOptions())};
    // Hidden files are temporaries of writes in progress (ours, nsynth's, rsync's): never copied.
    args << "--exclude=.*";
    QStringList included;
    for (const auto& sub : subfolders) {
        const QStringList parts = sub.split('/', Qt::SkipEmptyParts);
        QString prefix;
        for (int i = 0; i + 1 < parts.size(); ++i) {
            prefix += "/" + parts[i];
            if (!included.contains(prefix)) {
                args << "--include=" + prefix + "/";
                included << prefix;
            }
        }
        args << "--include=/" + parts.join('/') + "/***";
    }
    args << "--exclude=*";
    args << m_profile.host + ":" + transferPath(remoteRoot) + "/" << QDir(localRoot).absolutePath() + "/";
    QDir().mkpath(localRoot);
    const ProcessResult r = runProcess(rsync, args, withTimeout(timeoutMs));
    if (!r.ok()) {
        if (r.exitCode == 255)
            throwSshFailure(r, "the download");
        throw ClusterConnectionError(ConnectionFailure::Transfer,
                                     QString("%1: rsync from %2 failed (%3): %4")
                                         .arg(label(), remoteRoot.display(),
                                              r.timedOut ? QString("timed out") : QString("exit %1").arg(r.exitCode),
                                              r.lastErrorLine()));
    }
    FetchCounts counts;
    for (const auto& line : QString::fromUtf8(r.out).split('\n')) {
        if (!line.startsWith(">f"))
            continue;
        const QString name = line.section(' ', 1);
        ++counts.files;
        counts.perFolder[name.section('/', 0, 0)] += 1;
        counts.bytes += QFileInfo(localRoot + "/" + name).size();
    }
    return counts;
}

void ClusterConnection::uploadScp(const QStringList& localPaths, const RemotePath& remoteDir, int timeoutMs)
{
    const QString scp = program("scp");
    const QString token = randomToken();
    const RemotePath stage = RemotePath::parse("~/" + kStaging + "/" + token, "staging");
    {
        RemoteScript s;
        s.section("mkdir", "mkdir -p " + stage.shell());
        const RemoteOutput out = run(s);
        if (out.section("mkdir").status != 0)
            throw ClusterConnectionError(ConnectionFailure::Transfer,
                                         label() + ": cannot create " + stage.display() + ": " + firstLine(out.section("mkdir").text()));
    }
    QStringList args = sshOptions();
    args.prepend("-q");
    args.prepend("-p");
    args.prepend("-r");
    for (const auto& p : localPaths)
        args << QFileInfo(p).absoluteFilePath();
    args << m_profile.host + ":" + transferPath(stage) + "/";
    const ProcessResult r = runProcess(scp, args, withTimeout(timeoutMs));
    // Move the staged files into place one by one, each under a temporary name first, skipping
    // those already there with the same size; then remove the staging folder in any case.
    RemoteScript s;
    s.line("src=" + stage.shell());
    s.line("dst=" + remoteDir.shell());
    if (r.ok())
        s.section("place",
                  "cd \"$src\" || exit 1\n"
                  "find . -type f ! -name '.*' | while IFS= read -r f; do\n"
                  "  d=\"$dst/${f#./}\"; dir=${d%/*}; base=${d##*/}\n"
                  "  mkdir -p \"$dir\" || exit 1\n"
                  "  if [ -f \"$d\" ] && [ \"$(wc -c <\"$f\")\" -eq \"$(wc -c <\"$d\")\" ]; then continue; fi\n"
                  "  cp -p \"$f\" \"$dir/.$base.part\" && mv -f \"$dir/.$base.part\" \"$d\" || exit 1\n"
                  "done");
    s.section("cleanup", "rm -rf \"$src\"");
    const RemoteOutput out = run(s);
    if (!r.ok()) {
        if (r.exitCode == 255)
            throwSshFailure(r, "the upload");
        throw ClusterConnectionError(ConnectionFailure::Transfer,
                                     QString("%1: scp to %2 failed (exit %3): %4")
                                         .arg(label(), remoteDir.display())
                                         .arg(r.exitCode)
                                         .arg(r.lastErrorLine()));
    }
    if (out.section("place").status != 0)
        throw ClusterConnectionError(ConnectionFailure::Transfer, QString("%1: cannot copy the files into %2: %3")
                                                                      .arg(label(), remoteDir.display(),
                                                                           firstLine(out.section("place").text())));
}

FetchCounts ClusterConnection::downloadScp(const RemotePath& remoteRoot, const QString& localRoot,
                                           const QStringList& subfolders, int timeoutMs)
{
    const QString scp = program("scp");
    const QString token = randomToken();
    const RemotePath link = RemotePath::parse("~/" + kStaging + "/" + token, "staging");
    RemoteScript s;
    s.section("link", "mkdir -p \"$HOME\"/" + shellQuote(kStaging) + " && ln -s " + remoteRoot.shell() + " " + link.shell());
    QString list = "cd " + remoteRoot.shell() + " || exit 1\n";
    for (const auto& sub : subfolders)
        list += "[ -d " + shellQuote(sub) + " ] && find " + shellQuote(sub) + " -type f ! -name '.*' -exec wc -c {} +\n";
    list += "exit 0";
    s.section("list", list);
    const RemoteOutput out = run(s);
    auto unlink = [&] {
        RemoteScript u;
        u.section("unlink", "rm -f " + link.shell());
        try {
            run(u);
        } catch (const Error&) {
        }
    };
    if (out.section("link").status != 0) {
        unlink();
        throw ClusterConnectionError(ConnectionFailure::Transfer, label() + ": cannot prepare the download: " +
                                                                      firstLine(out.section("link").text()));
    }
    // Which files are new or have changed size (Slurm's output files grow).
    QHash<QString, QStringList> wanted;  // remote folder -> names
    for (const auto& line : out.section("list").lines()) {
        const QString t = line.trimmed();
        const int space = t.indexOf(' ');
        if (space <= 0)
            continue;
        const qint64 size = t.left(space).toLongLong();
        const QString path = t.mid(space + 1).trimmed();
        if (!path.contains('/') || !safeScpName(path))
            continue;  // wc's "total" lines; names scp could misread (never produced by nsynth)
        const QFileInfo here(localRoot + "/" + path);
        if (here.exists() && here.size() == size)
            continue;
        wanted[path.section('/', 0, -2)] << path.section('/', -1);
    }
    FetchCounts counts;
    const QString temp = localRoot + "/.nsynth-fetch-" + token;
    QDir().mkpath(temp);
    try {
        for (auto it = wanted.begin(); it != wanted.end(); ++it) {
            const QStringList& names = it.value();
            for (qsizetype i = 0; i < names.size(); i += 200) {
                QStringList args = sshOptions();
                args.prepend("-q");
                args.prepend("-p");
                for (const auto& n : names.mid(i, 200))
                    args << m_profile.host + ":" + transferPath(link) + "/" + it.key() + "/" + n;
                args << temp + "/";
                const ProcessResult r = runProcess(scp, args, withTimeout(timeoutMs));
                if (!r.ok()) {
                    if (r.exitCode == 255)
                        throwSshFailure(r, "the download");
                    throw ClusterConnectionError(ConnectionFailure::Transfer,
                                                 QString("%1: scp from %2 failed (exit %3): %4")
                                                     .arg(label(), remoteRoot.display())
                                                     .arg(r.exitCode)
                                                     .arg(r.lastErrorLine()));
                }
                for (const auto& n : names.mid(i, 200)) {
                    const QString dest = localRoot + "/" + it.key() + "/" + n;
                    QDir().mkpath(QFileInfo(dest).absolutePath());
                    QFile::remove(dest);
                    if (!QFile::rename(temp + "/" + n, dest))
                        throw Error((dest + ": cannot move the fetched file into place").toStdString());
                    ++counts.files;
                    counts.perFolder[it.key().section('/', 0, 0)] += 1;
                    counts.bytes += QFileInfo(dest).size();
                }
            }
        }
    } catch (...) {
        QDir(temp).removeRecursively();
        unlink();
        throw;
    }
    QDir(temp).removeRecursively();
    unlink();
    return counts;
}

FetchCounts copyTree(const QString& from, const QString& to, const QStringList& subfolders)
{
    FetchCounts counts;
    const QStringList roots = subfolders.isEmpty() ? QStringList{QString()} : subfolders;
    for (const auto& sub : roots) {
        const QString src = sub.isEmpty() ? from : from + "/" + sub;
        const QFileInfo srcInfo(src);
        if (!srcInfo.exists())
            continue;
        QStringList files;
        if (srcInfo.isFile()) {
            files << sub;
        } else {
            QDirIterator it(src, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                const QString rel = QDir(from).relativeFilePath(path);
                bool hidden = false;
                for (const auto& part : rel.split('/'))
                    hidden = hidden || part.startsWith('.');
                if (!hidden)
                    files << rel;
            }
        }
        for (const auto& rel : files) {
            const QString s = from + "/" + rel, d = to + "/" + rel;
            const QFileInfo si(s), di(d);
            if (di.exists() && di.size() == si.size())
                continue;
            QDir().mkpath(di.absolutePath());
            const QString part = di.absolutePath() + "/." + di.fileName() + ".part-" + QString::number(::getpid());
            QFile::remove(part);
            if (!QFile::copy(s, part))
                throw Error((d + ": cannot copy " + s).toStdString());
            QFile::remove(d);
            if (!QFile::rename(part, d)) {
                QFile::remove(part);
                throw Error((d + ": cannot rename the copy into place").toStdString());
            }
            ++counts.files;
            counts.perFolder[rel.section('/', 0, 0)] += 1;
            counts.bytes += si.size();
        }
    }
    return counts;
}

// ---------------------------------------------------------------------------------------------
// Host keys

HostKeyScan ClusterConnection::scanHostKey()
{
    HostKeyScan scan;
    if (isLocal())
        return scan;
    const QString ssh = program("ssh");
    QTemporaryDir tmp;
    if (!tmp.isValid())
        throw Error("cannot create a temporary folder for the host key scan");
    const QString file = tmp.path() + "/known_hosts";
    // Connect with an empty known_hosts that ssh may add to, and no way to authenticate: ssh
    // records the key it was shown and stops before logging in.
    QStringList args = sshBaseOptions();
    args << "-o" << "BatchMode=yes" << "-o" << "StrictHostKeyChecking=accept-new"
         << "-o" << "UserKnownHostsFile=" + sshOptionValue(file) << "-o" << "GlobalKnownHostsFile=/dev/null"
         << "-o" << "ControlMaster=no" << "-o" << "ControlPath=none"
         << "-o" << "PubkeyAuthentication=no" << "-o" << "PasswordAuthentication=no"
         << "-o" << "KbdInteractiveAuthentication=no" << "-o" << "GSSAPIAuthentication=no"
         << "-o" << "HostbasedAuthentication=no" << "-o" << "ConnectTimeout=20"
         << "-T" << "--" << m_profile.host << "true";
    const ProcessResult r = runProcess(ssh, args, withTimeout(60000));
    QFile f(file);
    if (f.open(QIODevice::ReadOnly))
        scan.knownHostsLines = f.readAll();
    for (const auto& line : scan.knownHostsLines.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 3 || line.startsWith('#'))
            continue;
        scan.keyType = QString::fromLatin1(fields[1]);
        scan.fingerprint = sshFingerprint(fields[2]);
        if (!fields[0].startsWith("|"))
            scan.hostLabel = QString::fromUtf8(fields[0]).section(',', 0, 0);
        break;
    }
    if (scan.fingerprint.isEmpty()) {
        const SshFailure fail = classifySshFailure(r.err);
        if (fail.kind == ConnectionFailure::AuthenticationFailed || fail.kind == ConnectionFailure::Other)
            throw ClusterConnectionError(ConnectionFailure::Other,
                                         label() + ": the host presented no key ssh could record: " + fail.detail);
        throwSshFailure(r, "the host key scan");
    }
    scan.knownHostsFile = sshConfig().knownHostsFiles.value(0, QDir::homePath() + "/.ssh/known_hosts");
    if (scan.hostLabel.isEmpty())
        scan.hostLabel = knownHostsLabel();
    return scan;
}

QString ClusterConnection::knownHostsLabel()
{
    const auto& c = sshConfig();
    const QString alias = c.values.value("hostkeyalias");
    if (!alias.isEmpty() && alias != "none")
        return alias;
    const QString host = c.values.value("hostname", m_profile.host);
    const QString port = c.values.value("port", "22");
    return port == "22" ? host : "[" + host + "]:" + port;
}

HostKeyScan ClusterConnection::trustHostKey(const QString& fingerprint)
{
    if (isLocal())
        throw Error(label().toStdString() + ": a local profile uses no SSH; there is no host key to trust");
    const QString ssh = program("ssh");
    // Is the host already known? Only "unknown" lets us go on; a changed key is never replaced.
    QStringList check = sshOptions();
    check << "-T" << "--" << m_profile.host << "true";
    const ProcessResult r = runProcess(ssh, check, withTimeout(60000));
    if (r.ok())
        throw Error(label().toStdString() + ": the host key is known and trusted already; nothing to do");
    const SshFailure f = classifySshFailure(r.err);
    if (f.kind == ConnectionFailure::ChangedHostKey)
        throwSshFailure(r, "the host key check");
    if (f.kind != ConnectionFailure::UnknownHostKey) {
        if (f.kind == ConnectionFailure::AuthenticationFailed)
            throw Error(label().toStdString() +
                        ": the host key is known and trusted already (the login itself failed: " +
                        f.detail.toStdString() + ")");
        throwSshFailure(r, "the host key check");
    }
    HostKeyScan scan = scanHostKey();
    if (scan.fingerprint != fingerprint.trimmed())
        throw ClusterConnectionError(
            ConnectionFailure::ChangedHostKey,
            QString("%1: the host now presents the key %2, not %3 as given; nothing was trusted. If you copied the "
                    "fingerprint correctly, someone may be intercepting the connection")
                .arg(label(), scan.fingerprint, fingerprint.trimmed()),
            scan.fingerprint);
    const QFileInfo info(scan.knownHostsFile);
    if (!QDir().mkpath(info.absolutePath()))
        throw Error((info.absolutePath() + ": cannot create the folder").toStdString());
    const bool created = !info.exists();
    QFile out(scan.knownHostsFile);
    if (!out.open(QIODevice::Append))
        throw Error((scan.knownHostsFile + ": cannot write: " + out.errorString()).toStdString());
    // Appending is what ssh itself does when it learns a key; the file may be shared with it.
    QByteArray lines = scan.knownHostsLines;
    if (!lines.endsWith('\n'))
        lines += '\n';
    if (out.write(lines) != lines.size() || !out.flush())
        throw Error((scan.knownHostsFile + ": cannot write: " + out.errorString()).toStdString());
    out.close();
    if (created)
        QFile::setPermissions(scan.knownHostsFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return scan;
}

int ClusterConnection::login()
{
    if (isLocal())
        return 0;
    const QString ssh = program("ssh");
    QStringList args = sshOptions();
    // The one call that may prompt (passphrase, password, second factor): no BatchMode.
    const qsizetype i = args.indexOf("BatchMode=yes");
    if (i > 0)
        args.remove(i - 1, 2);
    args << "--" << m_profile.host << "true";
    ProcessOptions options;
    options.interactive = true;
    options.timeoutMs = -1;
    return runProcess(ssh, args, options).exitCode;
}

void ClusterConnection::closeSharedConnection()
{
    if (isLocal())
        return;
    const QString ssh = findProgram("ssh");
    const QString dir = controlDirectory();
    if (ssh.isEmpty() || dir.isEmpty())
        return;
    const QStringList options = sshOptions();
    if (!options.contains("ControlMaster=auto"))
        return;  // the user's own sharing: theirs to end
    runProcess(ssh, sshBaseOptions() + QStringList{"-o", "ControlPath=" + sshOptionValue(dir) + "/%C", "-O", "exit", "--",
                                                   m_profile.host},
               withTimeout(10000));
}

} // namespace nsynth::app
