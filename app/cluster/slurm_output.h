#pragma once
// Reading what Slurm's commands print, and writing what sbatch reads:
//
//   squeue -u <me> --name=<job name> --array --states=all --noheader
//          --format='%F|%K|%A|%T|%M|%N|%r'      -> one line per array task:
//     4711|3|4714|RUNNING|7:44|node17|None
//     4711|9|4711|PENDING|0:00||JobArrayTaskLimit
//   sacct --name=<job name> -X --parsable2 --noheader --starttime=<day>
//         --format=JobID,JobIDRaw,State,ExitCode,Elapsed,NodeList
//     4711_3|4714|RUNNING|0:0|00:07:44|node17
//     4711_[9-12%4]|4711|PENDING|0:0|00:00:00|None assigned
//     4711_5|4716|CANCELLED by 1234|0:15|00:01:02|node18
//
// Slurm job states and what they mean for a shard (docs/cluster.md, "States"): PREEMPTED and
// REQUEUED are not finished; a task that is in neither listing is *unknown*, never done.

#include <QList>
#include <optional>
#include <QString>

namespace nsynth::app {

struct SlurmTask {
    QString arrayJobId;  // the array's id (the id sbatch printed)
    int taskId = -1;     // SLURM_ARRAY_TASK_ID; -1 for a job that is not an array
    QString jobId;       // the task's own id (JobIDRaw / %A)
    QString state;       // first word of the state: RUNNING, CANCELLED, ...
    QString stateText;   // the full field: "CANCELLED by 1234"
    QString exitCode;    // sacct "code:signal"; empty from squeue
    QString elapsed;
    QString nodes;
    QString reason;      // squeue's %r
    QString key() const { return arrayJobId + "_" + QString::number(taskId); }
};

// Parses the squeue format above; lines that do not fit are skipped.
QList<SlurmTask> parseSqueue(const QString& text);
// Parses sacct --parsable2 with the fields above: job steps (".batch", ".extern", ".0") are
// skipped, compressed pending ranges ("4711_[2-5,7%2]") are expanded into one task each.
QList<SlurmTask> parseSacct(const QString& text);

// A task's record in a listing: its own (the last one, for a requeued task), else the record
// squeue keeps for an array's tasks that never started (task id N/A, as after cancelling
// them while they were pending), which then speaks for each of them.
std::optional<SlurmTask> findSlurmTask(const QList<SlurmTask>& tasks, const QString& arrayJobId, int taskId);

// "2-5,7,9-11:2%4" -> 2,3,4,5,7,9,11 (the throttle is ignored). Empty on a syntax error.
QList<int> expandArrayIndices(const QString& spec);
// The shortest --array value for these indices: "0-7", "1,3,5-9", with "%limit" when > 0.
QString arraySpec(QList<int> indices, int limit = 0);

// What a Slurm state means here.
enum class SlurmStateClass {
    Queued,     // PENDING, REQUEUED, REQUEUE_HOLD, REQUEUE_FED, RESV_DEL_HOLD, SUSPENDED
    Active,     // RUNNING, CONFIGURING, COMPLETING, STAGE_OUT, SIGNALING, RESIZING, STOPPED
    Completed,  // COMPLETED
    Failed,     // FAILED, BOOT_FAIL, NODE_FAIL, OUT_OF_MEMORY, SPECIAL_EXIT, LAUNCH_FAILED
    TimedOut,   // TIMEOUT, DEADLINE
    Cancelled,  // CANCELLED, REVOKED
    Preempted,  // PREEMPTED (not finished: Slurm may requeue it)
    Unknown,
};
SlurmStateClass classifySlurmState(const QString& state);
// Accepts the long names and squeue's short codes (PD, R, CG, CA, F, TO, PR, NF, OOM, ...).
QString normaliseSlurmState(const QString& state);

// The job id from sbatch --parsable ("4711" or "4711;cluster"); empty when there is none.
QString parseSbatchJobId(const QString& output);

} // namespace nsynth::app
