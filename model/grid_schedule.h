#pragma once
// How a grid job's unique notes are split for generation (architecture.md section 5): the notes,
// in plan order, form fixed batches of `batchSize` (the last may be shorter); batch b belongs to
// shard b mod N. Shards and resumes work on whole batches and every note has its own random
// stream keyed by (seed, identity), and the decoder computes every row the same way whatever
// the batch, so a sharded or resumed job writes bitwise the same notes as one uninterrupted run.
// Round-robin (rather than contiguous) shards keep every shard's share of the grid spread over
// all combinations, so the first finished batches of all shards complete the first banks.

#include <cstdint>
#include <string>
#include <vector>

namespace nsynth {

struct ShardSpec {
    int index = 0;  // 0 .. count-1
    int count = 1;
    bool operator==(const ShardSpec&) const = default;
};

// "K/N" with 0 <= K < N <= 100000 (shards are numbered from 0, like `sbatch --array=0-7`).
// Throws Error naming the problem.
ShardSpec parseShardSpec(const std::string& text);
std::string formatShardSpec(const ShardSpec& shard);  // "K/N"

class GridSchedule {
public:
    GridSchedule(int64_t notes, int batchSize);

    int64_t notes() const { return m_notes; }
    int batchSize() const { return m_batchSize; }
    int64_t batches() const { return (m_notes + m_batchSize - 1) / m_batchSize; }
    int64_t batchBegin(int64_t batch) const { return batch * m_batchSize; }  // first note index
    int64_t batchEnd(int64_t batch) const;                                    // one past the last
    int64_t batchOfNote(int64_t note) const { return note / m_batchSize; }

    static int shardOfBatch(int64_t batch, int shardCount) { return int(batch % shardCount); }
    // Batches of one shard, ascending.
    std::vector<int64_t> shardBatches(const ShardSpec& shard) const;
    int64_t shardNotes(const ShardSpec& shard) const;

private:
    int64_t m_notes;
    int m_batchSize;
};

} // namespace nsynth
