#pragma once
// Where a grid job stands: notes done and missing overall and per shard (for a given shard
// count), batches complete / partly done / untouched, corner combinations whose banks can be
// exported, leftovers of interrupted writes, and the runs recorded in logs/.

#include "grid_job.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace nsynth::app {

struct GridShardStatus {
    ShardSpec shard;
    int64_t batches = 0, batchesDone = 0, batchesPartial = 0;
    int64_t notes = 0, notesDone = 0;
    bool complete() const { return notesDone == notes; }
};

struct GridStatus {
    int64_t notes = 0, notesDone = 0;
    int64_t batches = 0, batchesDone = 0;
    int64_t combinations = 0, combinationsComplete = 0;
    int64_t temporaries = 0;
    int64_t samplesPerNote = 0;
    std::vector<GridShardStatus> shards;
    std::vector<int64_t> missingNotes;  // note indices, ascending
    QJsonArray runs;                    // logs/run-*.json, oldest first
    int64_t invalidRawFiles = 0;        // with verify: finished-looking files that do not read back
    QStringList invalidRawMessages;
    bool complete() const { return notesDone == notes; }
    QJsonObject toJson(const GridJob& job, int maxListed = 50) const;
};

// verify: also read every raw file back and check its length (slower; reads all the audio).
GridStatus gridStatus(const GridJob& job, int shardCount, bool verify = false);

} // namespace nsynth::app
