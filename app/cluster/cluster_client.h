#pragma once
// What a user does with a grid job on a Slurm cluster (docs/cluster.md): test a profile, submit
// a job (stage it, write and submit the array script), poll it (one Slurm query per call for
// all of the job's tasks, plus the files the tasks wrote), fetch its notes, cancel it, resubmit
// the shards that ended without finishing. `nsynth cluster` and the workbench both call these.
//
// Every call is synchronous and may take seconds to minutes (network, transfers): call it from
// a worker thread in a GUI (cluster_monitor.h does so for polling). Each one reads and writes
// the job's record (cluster_job.h) under its lock, so a call interrupted in any way leaves the
// record as it was before or after, and the next call carries on.

#include "cluster_job.h"
#include "cluster_profile.h"
#include "ssh_connection.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace nsynth::app {

struct ConnectionCheck {
    enum class Level { Ok, Warning, Failed, Skipped };
    QString name;     // profile, ssh, tools, slurm, accounting, partition, nsynth, work dir, transfer
    Level level = Level::Ok;
    QString message;  // one line
};

struct ConnectionReport {
    QString profile;
    QList<ConnectionCheck> checks;
    ConnectionFailure failure = ConnectionFailure::None;  // of the connection itself
    QString fingerprint;  // unknown or changed host key: what the host presents
    QString remoteVersion;
    bool ok() const;      // nothing failed (warnings allowed)
    QJsonObject toJson() const;
};

// Checks the profile, ssh (host key, login), Slurm's commands (sbatch, squeue, sacct), the
// partition, the remote `nsynth --version` and the work folder in one round trip, each problem
// reported on its own with what to do about it. Never throws for a problem it can name.
ConnectionReport testClusterConnection(const ClusterProfile& profile);

struct SubmitOptions {
    int shards = 0;         // array tasks for a first submission; 0: the job's planned shard count
    QList<int> only;        // exactly these shards (first submission or resubmission)
    bool resubmit = false;  // the shards that ended without finishing (failed, timed out,
                            // cancelled, preempted, unknown); they resume where they stopped
    bool dryRun = false;    // write and return the script; contact nothing
    QString model;          // the job's model at another local path (checked against the job)
    std::function<void(const QString&)> notice;  // progress lines ("uploading the model ...")
};

struct SubmitResult {
    QString slurmJobId;     // empty for a dry run
    QList<int> shards;
    QString array;
    QString script;         // the sbatch script's text
    QString scriptPath;     // JOB/cluster/run-grid.sbatch
    QString remoteJob;      // where the job runs (display form)
    bool modelUploaded = false;
    bool dryRun = false;
    QJsonObject toJson() const;
};

// Submits the job folder with the profile. A job with a record can only be resubmitted
// (options.resubmit or options.only), with its recorded profile (or a profile naming the same
// host and work folder). Throws Error / ClusterConnectionError with one line; nothing local is
// changed but JOB/cluster/.
SubmitResult submitGridJob(const QString& jobFolder, const ClusterProfile& profile, const SubmitOptions& options);

struct PollOptions {
    bool fetch = true;      // copy finished notes (raw/), run logs and task records here
    bool fetchLogs = false; // also Slurm's per-task output files (cluster/slurm/)
};

// Asks Slurm about every task of the job (sacct, or squeue where accounting is off), reads the
// task files and recent progress, fetches, derives every shard's state and saves the record.
// A transport problem does not throw: the last known states stand and record.lastProblem says
// what happened. Throws Error for local problems (no record, a broken job folder).
ClusterJobRecord pollClusterJob(const QString& jobFolder, const PollOptions& options = {});

// scancel: every task of the job, or the given shards' latest tasks. Returns scancel's words
// (empty when it had nothing to say). The states are updated by the next poll.
QString cancelClusterJob(const QString& jobFolder, const QList<int>& shards = {});

// The profile a job was last submitted with, for `login`, `trust` on a job.
ClusterProfile recordedProfile(const QString& jobFolder);

} // namespace nsynth::app
