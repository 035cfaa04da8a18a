#include "grid_schedule.h"

#include "error.h"

#include <algorithm>
#include <cctype>

namespace nsynth {

namespace {

bool parseNonNegative(const std::string& text, int64_t* value)
{
    if (text.empty() || text.size() > 9)
        return false;
    int64_t v = 0;
    for (unsigned char c : text) {
        if (!std::isdigit(c))
            return false;
        v = v * 10 + (c - '0');
    }
    *value = v;
    return true;
}

} // namespace

ShardSpec parseShardSpec(const std::string& text)
{
    const auto slash = text.find('/');
    int64_t k = 0, n = 0;
    if (slash == std::string::npos || !parseNonNegative(text.substr(0, slash), &k) ||
        !parseNonNegative(text.substr(slash + 1), &n))
        throw Error("shard \"" + text + "\": expected K/N, e.g. 0/8 (shards are numbered 0..N-1)");
    if (n < 1 || n > 100000)
        throw Error("shard \"" + text + "\": the shard count must be 1..100000");
    if (k >= n)
        throw Error("shard \"" + text + "\": shard " + std::to_string(k) + " does not exist; shards are numbered 0.." +
                    std::to_string(n - 1));
    return {int(k), int(n)};
}

std::string formatShardSpec(const ShardSpec& shard)
{
    return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

GridSchedule::GridSchedule(int64_t notes, int batchSize) : m_notes(notes), m_batchSize(batchSize)
{
    if (notes < 0)
        throw Error("grid schedule: negative note count");
    if (batchSize < 1)
        throw Error("grid schedule: batch size must be at least 1");
}

int64_t GridSchedule::batchEnd(int64_t batch) const
{
    return std::min(m_notes, (batch + 1) * m_batchSize);
}

std::vector<int64_t> GridSchedule::shardBatches(const ShardSpec& shard) const
{
    std::vector<int64_t> out;
    for (int64_t b = shard.index; b < batches(); b += shard.count)
        out.push_back(b);
    return out;
}

int64_t GridSchedule::shardNotes(const ShardSpec& shard) const
{
    int64_t n = 0;
    for (int64_t b : shardBatches(shard))
        n += batchEnd(b) - batchBegin(b);
    return n;
}

} // namespace nsynth
