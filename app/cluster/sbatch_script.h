#pragma once
// The sbatch array script of a grid job (docs/cluster.md has an example). It is saved with the
// job (JOB/cluster/run-grid.sbatch here and on the cluster) and shown to the user, so it is
// written to be read and reused by hand: `cd JOB && sbatch cluster/run-grid.sbatch`.
//
// Each array task K runs `nsynth grid run <job> --shard K/N --threads $SLURM_CPUS_PER_TASK` and
// records its start and end in cluster/tasks/<array job>_<K>.start|.exit (host, restart count,
// exit status, the signal that stopped it), which is how the monitor tells done, failed,
// timed out and cancelled apart even where Slurm keeps no accounting (no sacct). The time-limit
// warning (--signal=B:USR1@<s>) reaches the batch shell, which passes it on to nsynth's process
// group: nsynth finishes the batch in progress and exits, and a resubmission resumes there.

#include "cluster_profile.h"

#include <QList>
#include <QString>

namespace nsynth::app {

struct SbatchScriptParameters {
    ClusterProfile profile;
    QString jobName;       // Slurm's --job-name: [A-Za-z0-9._-]
    QString title;         // the job folder's name (comments only)
    int shardCount = 1;    // N
    QList<int> shards;     // the #SBATCH --array line (all shards, normally)
    QString modelShell;    // the model's path as a quoted shell expression
    QString version;       // nsynth's version, for the header
};

QString sbatchScript(const SbatchScriptParameters& p);

} // namespace nsynth::app
