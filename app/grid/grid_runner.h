#pragma once
// Generating a grid job's notes: one shard's batches, skipping notes that are already finished,
// blending each note's target embedding from the corner embeddings and decoding a batch at a
// time with the fast decoder. Every finished note is written atomically to raw/ as soon as its
// batch is done, so a crash, a kill or a full disk loses at most the batch in progress, and the
// next run picks up where this one stopped. A stop request is honoured at the next batch
// boundary; an abort request abandons the batch in progress (its notes are redone next time).

#include "grid_job.h"
#include "grid_schedule.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

namespace nsynth {
struct Model;
}

namespace nsynth::app {

struct GridRunProgress {
    int64_t notesDone = 0;     // in this run
    int64_t notesTotal = 0;    // to generate in this run
    int64_t samplesDone = 0;
    int64_t samplesTotal = 0;
    int64_t batch = -1;        // the batch just finished (plan numbering), -1 for step updates
    int64_t batchesDone = 0;   // in this run
    int64_t batchesTotal = 0;  // to run in this run
};

struct GridRunOptions {
    ShardSpec shard;
    int64_t maxBatches = -1;  // stop after this many batches (-1: all)
    // Polled between batches: stop cleanly before starting the next one.
    const std::atomic<bool>* stopAfterBatch = nullptr;
    // Polled every frame: abandon the batch in progress (throws Cancelled).
    const std::atomic<bool>* abortNow = nullptr;
    std::function<void(const GridRunProgress&)> progress;  // per frame and per finished batch
};

struct GridRunResult {
    ShardSpec shard;
    int64_t shardBatches = 0;       // batches of this shard
    int64_t shardNotes = 0;
    int64_t batchesAlreadyDone = 0;
    int64_t batchesRun = 0;
    int64_t notesAlreadyDone = 0;   // of this shard, when the run started
    int64_t notesGenerated = 0;
    int64_t samplesGenerated = 0;
    double seconds = 0;
    bool stopped = false;           // a stop request or maxBatches ended the run early
    bool shardComplete = false;
    int64_t jobNotesDone = 0;       // whole job, after the run
    int64_t jobNotes = 0;
    QJsonObject toJson() const;
};

// Runs the shard. The model must be the job's (weights sha256 checked; throws Error otherwise).
// Writes logs/run-<time>-shard<K>of<N>-<pid>.json at the end, also when stopped or aborted.
GridRunResult runGridShard(const GridJob& job, const Model& model, const GridRunOptions& options);

} // namespace nsynth::app
