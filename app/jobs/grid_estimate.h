#pragma once
// How long a grid takes, said honestly before it runs (the grid designer's estimate):
//
//   - this machine's CPU: the decoder's speed measured here with the chosen model and batch size
//     (app/grid/grid_speed.h, the measurement `nsynth grid plan` makes), times the work;
//   - a local GPU: looked for (NVIDIA's driver lists its boards in /proc/driver/nvidia/gpus);
//     `nsynth grid run` decodes on the CPU, so a GPU found is named and no time is invented;
//   - the configured clusters (app/cluster's profiles, when this build has them): the time per
//     shard if a node decodes as fast as this machine (not measured there, and said so), checked
//     against the profile's time limit, with the shard count that would fit.

#include "grid_design.h"
#include "grid_speed.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace nsynth {
struct Model;
}

namespace nsynth::app {

// The decoder's speed for `model` at `batch` rows, measured for about half a second (a real
// embedding frame when one is given, else zeros: the speed does not depend on the values).
GridSpeed measureGridDecoderSpeed(const Model& model, int batch, const std::vector<float>* frame = nullptr);

// Names of the GPUs the system reports (NVIDIA driver), empty when there are none.
QStringList detectLocalGpus();

struct ClusterTarget {
    QString name;           // the profile's name
    QString where;          // host, or "this machine" for a local Slurm profile
    int cpus = 1;
    QString gres;
    QString partition;
    long long timeLimitSeconds = -1;
    QString timeLimit;      // as written in the profile
};

// The configured cluster profiles (app/cluster/cluster_profile.h), or none when this build has
// no cluster support or no profiles file exists. *problem (translated) when the file is broken.
QList<ClusterTarget> configuredClusters(QString* problem = nullptr);
bool haveClusterSupport();

struct GridEstimate {
    bool measured = false;
    double decodeSeconds = 0;       // the whole job on this machine's CPU
    double secondsPerShard = 0;     // the largest shard at this machine's speed
    QString cpuText;                // translated sentences
    QString gpuText;
    QStringList clusterTexts;
};

// "about 3 h 20 min", "about 45 s" (translated).
QString formatEstimate(double seconds);

GridEstimate estimateGrid(const GridDesign& design, const GridDesignReport& report, const GridSpeed* speed,
                          const QStringList& gpus, const QList<ClusterTarget>& clusters);

} // namespace nsynth::app
