#pragma once
// A grid job's life on a cluster, persisted in the job folder so that closing the workbench,
// a crash or a dropped network never loses track of it:
//
//   JOB/cluster/cluster-job.json   this record: the profile used (a snapshot, so later edits of
//                                  the profile cannot lose the job), the remote job folder and
//                                  model, the Slurm job name, every submission (Slurm job id,
//                                  shards, time), and the last known state of every shard
//   JOB/cluster/run-grid.sbatch    the array script (sbatch_script.h), also on the cluster
//   JOB/cluster/tasks/, slurm/     fetched task records and Slurm logs
//
// The record is rewritten atomically under a lock file (JOB/cluster/.lock) by whoever polls,
// fetches, submits or cancels; the GUI and the command line may do so at the same time.
//
// A shard's state is derived from evidence (deriveShardStatus): the notes fetched, Slurm's
// answer (sacct, or squeue where there is no accounting), and the files the task wrote. A shard
// missing from Slurm's answer is *unknown* unless its files say how it ended; PREEMPTED and
// REQUEUED are not finished.

#include "cluster_profile.h"
#include "slurm_output.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace nsynth::app {

enum class ShardState { NotSubmitted, Pending, Running, Done, Failed, TimedOut, Cancelled, Preempted, Unknown };

QString shardStateName(ShardState s);  // "not submitted", "pending", ..., "timed out"
QString shardStateKey(ShardState s);   // JSON: "not_submitted", ..., "timed_out"
ShardState shardStateFromKey(const QString& key);
// States a resubmission picks up: ended without finishing (failed, timed out, cancelled,
// preempted, unknown) or never submitted.
bool shardNeedsResubmission(ShardState s);
bool shardIsActive(ShardState s);  // pending or running

struct ShardStatus {
    int shard = 0;
    ShardState state = ShardState::NotSubmitted;
    QString detail;        // one line: why (Slurm's state and reason, exit status, the error)
    QString slurmState;    // as Slurm said it, e.g. "CANCELLED by 0"
    QString task;          // "<array job id>_<shard>" of the latest submission
    QString host;
    int64_t notes = 0;     // of this shard
    int64_t notesDone = 0; // fetched here
    double rate = 0;       // samples/s of the running task
    double etaSeconds = -1;
    QDateTime updated;
    QJsonObject toJson() const;
    static ShardStatus fromJson(const QJsonObject& o);
};

struct ClusterSubmission {
    QString slurmJobId;
    QList<int> shards;
    QString array;         // the --array value
    QDateTime submitted;
    QString scriptSha256;
    QJsonObject toJson() const;
    static ClusterSubmission fromJson(const QJsonObject& o);
};

class ClusterJobRecord {
public:
    QString jobFolder;           // local, absolute
    QString planFingerprint;
    ClusterProfile profile;      // as used at the last submission
    QString remoteJob;           // RemotePath text (/abs or ~/rel)
    QString remoteModel;         // RemotePath text of the model file
    QString slurmJobName;        // nsynth-grid-<fingerprint prefix>: one query finds every task
    int shardCount = 1;
    QList<ClusterSubmission> submissions;
    std::optional<QDateTime> pendingSubmission;  // sbatch was being called (adopted if it went through)
    QList<int> pendingShards;
    QString accounting = QStringLiteral("unknown");  // unknown | sacct | none (squeue + task files)
    QString transfer;            // rsync | scp | copy
    QList<ShardStatus> shards;   // one per shard
    QDateTime lastPoll, lastContact, lastFetch;
    QString lastProblem;         // the last poll's transport problem, empty when it went through
    bool complete = false;       // every note fetched
    int64_t notes = 0, notesDone = 0;
    double etaSeconds = -1;      // whole job, when known

    static QString recordPath(const QString& jobFolder);  // JOB/cluster/cluster-job.json
    static bool exists(const QString& jobFolder);
    // Throws Error when the record is missing ("not submitted to a cluster") or unreadable.
    static ClusterJobRecord load(const QString& jobFolder);
    void save() const;  // atomic

    QJsonObject toJson() const;
    static ClusterJobRecord fromJson(const QJsonObject& o);

    // The latest submission that includes the shard, or nullptr.
    const ClusterSubmission* submissionOf(int shard) const;
    int count(ShardState s) const;
    QString summary() const;  // "2 done, 1 running, 1 failed; 30/54 notes here"
};

// The files a task writes (sbatch_script.h): cluster/tasks/<task>.start and .exit.
struct TaskFiles {
    bool started = false, exited = false;
    int startRestart = 0, exitRestart = 0;
    int exitStatus = -1;
    QString signal;        // USR1 (time-limit warning), TERM, INT or none
    QString host;
    qint64 startTime = 0, endTime = 0;
    bool exitIsCurrent() const { return exited && (!started || exitRestart >= startRestart); }
};
// Parses the poll script's lines "<task>.start key=value ..." into files per task key.
QHash<QString, TaskFiles> parseTaskFiles(const QStringList& lines);

// What a task's log (cluster/slurm/<task>.out) says last: progress and the last error line.
struct TaskLog {
    double rate = 0, etaSeconds = -1;
    int64_t done = 0, total = 0;
    QString lastError;
};
TaskLog parseTaskLog(const QStringList& lines);

struct ShardEvidence {
    int shard = 0;
    const ClusterSubmission* submission = nullptr;  // latest one with this shard
    qint64 secondsSinceSubmission = 0;
    bool slurmAnswered = false;                     // the query itself worked
    std::optional<SlurmTask> slurm;                 // this shard's task in the answer
    TaskFiles files;
    TaskLog log;
    int64_t notes = 0, notesDone = 0;
    bool fetched = false;                           // notesDone is fresh from this cycle's fetch
};
// The shard's state from the evidence; `previous` is kept when Slurm could not be asked.
ShardStatus deriveShardStatus(const ShardEvidence& e, const ShardStatus& previous);

// The folders of jobs submitted from this machine, for `nsynth cluster status` without a job
// and for the workbench's job queue: NSYNTH_CLUSTER_JOBS, else
// <GenericConfigLocation>/nsynth-workbench/cluster-jobs.json.
class ClusterJobIndex {
public:
    static QString defaultPath();
    static QStringList folders();
    static void add(const QString& jobFolder);
};

} // namespace nsynth::app
