#pragma once
// The way to a cluster: the system OpenSSH client, so ~/.ssh/config, ProxyJump, agents and
// keys work as they do on the user's terminal, or this machine itself for a local profile (a
// login node). Scripts run as `/bin/sh -s` (remote_script.h); files move with rsync (atomic per
// file, incremental), scp when rsync is missing, or plain copies for a local profile.
//
// Every ssh call
//   - shares one connection per host (ControlMaster=auto, ControlPath=<control dir>/%C,
//     ControlPersist=10 min) unless the user's own ssh config already sets ControlMaster or
//     ControlPath, so a second factor or a passphrase is typed at most once per 10 minutes;
//   - runs with BatchMode=yes: a background call never waits for a prompt; `login()` is the one
//     interactive call (the command line's `nsynth cluster login`);
//   - verifies the host key strictly (StrictHostKeyChecking=yes, whatever ~/.ssh/config says):
//     an unknown host is refused with its fingerprint, to be accepted with trustHostKey() after
//     the user compared it; a changed key is refused with a warning and never accepted here;
//   - keeps the link alive (ServerAliveInterval=30) and gives up connecting after 20 s, unless
//     the user's config chose other values.
// Nothing here stores a password or a key.

#include "cluster_profile.h"
#include "error.h"
#include "process_run.h"
#include "remote_path.h"
#include "remote_script.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace nsynth::app {

enum class ConnectionFailure {
    None,
    NoClient,              // ssh/rsync/scp not installed here
    UnknownHostKey,        // first contact: fingerprint() says what to compare
    ChangedHostKey,        // the host key differs from the known one: refused
    AuthenticationFailed,  // Permission denied
    HostNotFound,          // name does not resolve
    ConnectionRefused,     // nothing listens at host:port
    Unreachable,           // timed out, no route
    Dropped,               // the connection broke (transient)
    RemoteShell,           // /bin/sh missing or the script did not finish
    Transfer,              // rsync/scp failed after connecting
    Other,
};

class ClusterConnectionError : public Error {
public:
    ClusterConnectionError(ConnectionFailure kind, const QString& message, QString fingerprint = {});
    ConnectionFailure kind() const { return m_kind; }
    // SHA256:... of the key the host presented (unknown or changed host keys).
    const QString& fingerprint() const { return m_fingerprint; }
    // Worth retrying later without changing anything (the network or the host may come back).
    bool transient() const;

private:
    ConnectionFailure m_kind;
    QString m_fingerprint;
};

// What ssh's stderr says went wrong (ssh exits 255 on its own errors).
struct SshFailure {
    ConnectionFailure kind = ConnectionFailure::Other;
    QString detail;       // ssh's own line, for the message
    QString fingerprint;  // changed key: the new key's fingerprint
    QString keyType;
    QString offendingKey;  // changed key: "known_hosts file:line" of the old key
};
SshFailure classifySshFailure(const QByteArray& sshStderr);

// "SHA256:<base64 without padding>" of a public key blob given in base64, as ssh-keygen -l.
QString sshFingerprint(const QByteArray& base64Blob);

struct HostKeyScan {
    QString fingerprint;      // of the first key
    QString keyType;          // ssh-ed25519, ecdsa-sha2-nistp256, ...
    QByteArray knownHostsLines;  // as ssh writes them for this host (hashed if the user wants that)
    QString knownHostsFile;   // where trustHostKey() appends them
    QString hostLabel;        // [host]:port as known_hosts names it
};

struct FetchCounts {
    int files = 0;                // files copied
    QHash<QString, int> perFolder;  // by top subfolder ("raw", "logs", "cluster")
    qint64 bytes = 0;
};

class ClusterConnection {
public:
    explicit ClusterConnection(ClusterProfile profile);

    const ClusterProfile& profile() const { return m_profile; }
    bool isLocal() const { return m_profile.local; }
    // "cluster \"triton\" (me@triton.aalto.fi:22)" for messages.
    QString label();

    // Runs the script there. Transport failures throw ClusterConnectionError with a one-line
    // message; problems of the script's commands are in its sections.
    RemoteOutput run(const RemoteScript& script, int timeoutMs = 120000);

    // How files move: "rsync", "scp" or "copy" (local profile). rsync needs it on both sides;
    // remoteHasRsync is learnt from a script (the caller checks `command -v rsync` there).
    QString transferMethod(bool remoteHasRsync);

    // Copies local files and folders into remoteDir (created by the caller), skipping files
    // that exist there with the same size and time; every file appears there atomically.
    void upload(const QStringList& localPaths, const RemotePath& remoteDir, const QString& method,
                int timeoutMs = 3600000);
    // Copies the files under remoteRoot/<subfolder> (hidden files excluded) that are new or
    // changed into localRoot/<subfolder>, each atomically.
    FetchCounts download(const RemotePath& remoteRoot, const QString& localRoot, const QStringList& subfolders,
                         const QString& method, int timeoutMs = 3600000);

    // The host's key as it presents it now, with no authentication attempted and nothing
    // trusted. Throws ClusterConnectionError when the host cannot be reached.
    HostKeyScan scanHostKey();
    // Adds the host's key to the user's known_hosts after checking it has the fingerprint the
    // user compared; refuses when it differs or when a different key is known already.
    HostKeyScan trustHostKey(const QString& fingerprint);

    // An interactive ssh login (terminal prompts allowed) that leaves the shared connection open
    // for background calls. Returns ssh's exit status.
    int login();
    // Ends the shared connection, if we made one.
    void closeSharedConnection();

    // The remote $HOME (this machine's for a local profile), asked once; throws on transport
    // problems like run().
    QString remoteHome();
    // The path for rsync and scp: absolute.
    QString transferPath(const RemotePath& p) { return p.resolved(p.homeRelative() ? remoteHome() : QString()); }

    // How known_hosts names the host: host, [host]:port or the HostKeyAlias.
    QString knownHostsLabel();

    // ssh options used for every background call (also given to rsync -e and scp).
    QStringList sshOptions();
    // Where shared-connection sockets live: $XDG_RUNTIME_DIR/nsynth-ssh or /tmp/nsynth-ssh-<uid>
    // (private to the user, and short enough for a Unix socket path).
    static QString controlDirectory();

private:
    struct SshConfig {
        bool read = false;
        QHash<QString, QString> values;  // ssh -G output, first value per key
        QStringList knownHostsFiles;
    };
    const SshConfig& sshConfig();
    QStringList sshBaseOptions() const;  // -F
    [[noreturn]] void throwSshFailure(const ProcessResult& r, const QString& what);
    QString program(const QString& name);
    void uploadScp(const QStringList& localPaths, const RemotePath& remoteDir, int timeoutMs);
    FetchCounts downloadScp(const RemotePath& remoteRoot, const QString& localRoot, const QStringList& subfolders,
                            int timeoutMs);

    ClusterProfile m_profile;
    SshConfig m_config;
    QString m_remoteHome;
};

// Local copies (local profiles, and the scp fallback's last step): files under `from` into
// `to`, skipping hidden files and files already there with the same size; each file is written
// under a temporary name and renamed. Returns the files copied.
FetchCounts copyTree(const QString& from, const QString& to, const QStringList& subfolders = {});

} // namespace nsynth::app
