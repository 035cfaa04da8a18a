#pragma once
// A real Slurm cluster and SSH server on 127.0.0.1, started and stopped by the tests, nothing
// else contacted (docs/cluster.md, "Tests"):
//
//   munged      its own key, socket, pid and log file
//   slurmctld   a generated single-node slurm.conf (proctrack/linuxproc, task/none, no
//   slurmd      accounting, so no sacct: the monitor's squeue + task-file fallback), free ports,
//               state, spool, logs and pid files
//   sshd        a free port, a generated host key, authorized_keys with a generated client
//               key, SetEnv SLURM_CONF (remote commands find this cluster) and HOME (the
//               remote home is a folder in the temporary folder too)
//
// plus a client side that never touches the real ~/.ssh: an ssh config (Host nsynth-loopback)
// with its own known_hosts, and HOME, XDG_CONFIG_HOME and XDG_RUNTIME_DIR pointing into the
// temporary folder for this process and its children.
//
// Everything lives in one temporary folder. start() returns false with the precise reason when
// a component cannot run here (not root, a program missing, a daemon that does not come up:
// its log's last lines); the tests then SKIP with that reason.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// The real instrument notes the job tests send to the cluster (../shared/data, conformed by the
// tests): sax, piano, cello and trumpet at MIDI 36 and 40, one per corner of the workshop grid.
struct WorkshopNoteSource {
    const char* path;  // relative to the test data folder
    const char* instrument;
    int pitch;
};
inline constexpr WorkshopNoteSource kWorkshopNotes[] = {
    {"instruments/karoryfer-weresax/db2_f_rr1_cnd.wav", "sax", 36},
    {"instruments/karoryfer-weresax/e3_f_rr1_cnd.wav", "sax", 40},
    {"instruments/splendid-grand-piano/FF C4.flac", "piano", 36},
    {"instruments/splendid-grand-piano/MF D2.flac", "piano", 40},
    {"instruments/karoryfer-bigcat-cello/C1_mf_d.wav", "cello", 36},
    {"instruments/karoryfer-bigcat-cello/Gb2_1.wav", "cello", 40},
    {"instruments/vsco2-trumpet-simon-plus/Sum_SHTrumpet_sus_A2_v1_rr1.wav", "trumpet", 36},
    {"instruments/vsco2-trumpet-simon-plus/Sum_SHTrumpet_sus_F4_v1_rr1.wav", "trumpet", 40},
};

class LoopbackCluster {
public:
    LoopbackCluster();
    ~LoopbackCluster();

    bool start(QString* whyNot);
    void stop();

    const QString& root() const { return m_root; }
    QString sshConfig() const { return m_root + "/client/ssh_config"; }
    QString knownHosts() const { return m_root + "/client/known_hosts"; }
    QString clientKey() const { return m_root + "/client/id_ed25519"; }
    QString hostKeyLine() const { return m_hostKeyLine; }  // "[127.0.0.1]:port ssh-ed25519 AAAA..."
    QString hostFingerprint() const { return m_hostFingerprint; }
    static QString hostAlias() { return QStringLiteral("nsynth-loopback"); }
    int sshPort() const { return m_sshPort; }
    QString slurmConf() const { return m_root + "/slurm/slurm.conf"; }
    QString user() const { return m_user; }
    // $HOME of the remote side (sshd's SetEnv): inside the temporary folder too.
    QString remoteHome() const { return m_root + "/remote-home"; }

    // Stops the SSH server and every shared connection to it (a dropped network), and back.
    void stopSshd();
    bool startSshd(QString* whyNot);
    void closeSharedConnections();

    // "sshd on 00000000:port" for each listening socket of sshd and slurmd that is bound to more
    // than 127.0.0.1 (read from /proc/net/tcp and tcp6); `seen` gets the daemons found
    // listening at all, so an unreadable table cannot pass for "loopback only". slurmctld is left
    // out: it binds every interface whatever slurm.conf says.
    QStringList nonLoopbackListeners(QStringList* seen) const;

    // A Slurm command run here against this cluster (SLURM_CONF set): stdout + stderr.
    QString slurm(const QString& program, const QStringList& args, int* exitCode = nullptr);

private:
    bool fail(QString* whyNot, const QString& why);
    bool startDaemon(QProcess& p, const QString& program, const QStringList& args, const QString& log, QString* whyNot);
    static QString tail(const QString& file, int lines = 8);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root, m_user, m_hostKeyLine, m_hostFingerprint, m_node;
    int m_sshPort = 0, m_ctldPort = 0, m_slurmdPort = 0;
    QProcess m_munged, m_slurmctld, m_slurmd, m_sshd;
    bool m_started = false;
};
