#pragma once
// A training run on disk, what `nsynth train` drives (docs/training.md, "The run folder"):
//
//   <run>/run.json                    what was asked: model configuration, initial weights,
//                                     training options, data, cadence, command line (written
//                                     once, atomically; --resume reads it back)
//   <run>/log.jsonl                   one JSON object per line: start, train (mean loss of the
//                                     last log interval, learning rate, samples/s), validation
//                                     (held-out loss, raw and EMA weights), checkpoint, resume,
//                                     stop
//   <run>/loss.png                    the loss curve, redrawn at every validation and at the end
//   <run>/checkpoints/step-<N>.safetensors   Trainer checkpoints (the last `keep` are kept)
//
// A run stops when it reaches its step count, at SIGINT/SIGTERM (after the current step, with a
// checkpoint: nothing is lost) or at its time limit; --resume continues it bitwise.

#include "progress.h"
#include "trainer.h"
#include "training_sources.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace nsynth::app {

struct RunCadence {
    int64_t logEvery = 10;          // steps per train-loss log line and plot point
    int64_t validateEvery = 500;    // steps; 0 = only at the start and the end
    int64_t checkpointEvery = 1000; // steps; 0 = by time only
    double checkpointMinutes = 10;  // also checkpoint when this much time passed since the last
    int keepCheckpoints = 3;
    double maxMinutes = 0;          // stop (with a checkpoint) after this much wall time; 0 = none

    QJsonObject toJson() const;
    static RunCadence fromJson(const QJsonObject& json);
};

struct NewRun {
    QString folder;
    ModelConfig config;
    QString initModel;          // a model file to start from; empty = Magenta's initialisers
    uint64_t initSeed = 0;      // for the initialisers
    TrainingOptions options;
    DataSpec data;
    RunCadence cadence;
    QStringList arguments;      // the command line, recorded in run.json
};

struct RunResult {
    QString folder;
    int64_t step = 0, targetSteps = 0;
    QString stopReason;         // finished | cancelled | time_limit
    QString checkpoint;         // the last checkpoint written
    double elapsedSeconds = 0;  // training time over every invocation of the run
    double trainLoss = 0;       // mean of the last log interval
    double validLossRaw = 0, validLossEma = 0;  // NaN without held-out notes
    QJsonObject dataSummary;
};

// Starts a run in `run.folder` (created; must not already hold a run). Throws Error.
RunResult startRun(const NewRun& run, ProgressStyle progress, const Notice& notice, const std::atomic<bool>* cancel);

// Continues the run in `folder` from its latest checkpoint; `steps` and `maxMinutes` may
// replace the recorded ones.
RunResult resumeRun(const QString& folder, std::optional<int64_t> steps, std::optional<double> maxMinutes,
                    ProgressStyle progress, const Notice& notice, const std::atomic<bool>* cancel);

// The checkpoint with the highest step in <folder>/checkpoints, or "" when there is none.
QString latestCheckpoint(const QString& runFolder);

// Reads a run folder's run.json (Error when missing or invalid).
QJsonObject readRunJson(const QString& runFolder);

} // namespace nsynth::app
