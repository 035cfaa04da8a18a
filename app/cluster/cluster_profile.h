#pragma once
// Cluster profiles (docs/cluster.md, "Profiles"): where and how grid jobs run on a Slurm cluster.
// They live in one JSON file in the user's configuration folder, shared by the workbench and
// `nsynth cluster`:
//
//   ~/.config/nsynth-workbench/cluster-profiles.json   (QStandardPaths::GenericConfigLocation;
//                                                        NSYNTH_CLUSTER_PROFILES overrides)
//   {"format": "nsynth-cluster-profiles", "version": 1,
//    "profiles": [{"name": "triton", "host": "triton", "work_dir": "/scratch/work/me/nsynth",
//                  "nsynth_command": "module load nsynth; nsynth", "partition": "", "gres": "",
//                  "cpus": 4, "memory": "8G", "time_limit": "04:00:00", "account": "",
//                  "array_limit": 0, "signal_seconds": 300, "extra_sbatch": [], "transfer": "auto",
//                  "ssh_config": "", "local": false}]}
//
// No passwords, passphrases or keys are ever stored: authentication is the SSH client's
// business (agent, key files, ~/.ssh/config). Every field that reaches the cluster is
// validated here (problems()) and quoted where it is used, so no value can run a command.

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace nsynth::app {

struct ClusterProfile {
    QString name;
    // true: this machine is the login node; sbatch/squeue run directly, no SSH and no copies
    // when workDir is empty (jobs run in place).
    bool local = false;
    QString host;             // ssh destination: a ~/.ssh/config alias, host or user@host
    QString sshConfig;        // optional ssh -F file (default: the user's ~/.ssh/config)
    QString workDir;          // remote folder for jobs/ and models/: /abs or ~/rel
    QString nsynthCommand = QStringLiteral("nsynth");  // shell text starting nsynth; arguments are appended
    QString partition;        // empty: the cluster's default
    QString gres;             // e.g. gpu:1
    int cpus = 1;             // --cpus-per-task, also the decoder's --threads
    QString memory;           // --mem, e.g. 8G; empty: the cluster's default
    QString timeLimit = QStringLiteral("04:00:00");  // --time
    QString account;
    int arrayLimit = 0;       // at most this many array tasks at once (%K); 0: no limit
    int signalSeconds = 300;  // --signal=B:USR1@<s>: warning before the time limit; 0: none
    QStringList extraSbatch;  // further options, each --name or --name=value
    QString transfer = QStringLiteral("auto");  // auto | rsync | scp

    QJsonObject toJson() const;
    // Unknown keys and wrong types are problems (a misspelt key would otherwise be ignored).
    static ClusterProfile fromJson(const QJsonObject& o, QStringList* problems);
    // Everything wrong with the profile, one line each, empty when usable.
    QStringList problems() const;
    // "host" for SSH profiles, "this machine" for local ones.
    QString where() const;
};

// Slurm's time formats (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS) in seconds; -1 when
// the text is none of them.
long long slurmTimeSeconds(const QString& text);

// The profiles file. Reads and writes are whole-file and atomic; the GUI and the command line
// may share it, so every change re-reads the file first.
class ClusterProfileStore : public QObject {
    Q_OBJECT
public:
    explicit ClusterProfileStore(QString path = defaultPath(), QObject* parent = nullptr);

    // NSYNTH_CLUSTER_PROFILES, else <GenericConfigLocation>/nsynth-workbench/cluster-profiles.json.
    static QString defaultPath();
    const QString& path() const { return m_path; }

    // Throws Error naming the file when it cannot be read, is not JSON or has problems.
    QList<ClusterProfile> load() const;
    // Throws Error when no profile has that name (listing the names there are).
    ClusterProfile find(const QString& name) const;
    // Adds or (with replace) replaces a profile; throws Error on problems or when it exists.
    void add(const ClusterProfile& profile, bool replace);
    // Throws Error when no profile has that name.
    void remove(const QString& name);

Q_SIGNALS:
    void changed();

private:
    void save(const QList<ClusterProfile>& profiles);

    QString m_path;
};

} // namespace nsynth::app
