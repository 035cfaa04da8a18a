#include "peak_cache.h"

#include <algorithm>
#include <cmath>

namespace nsynth::app {

PeakCache::PeakCache(std::vector<float> samples, int sampleRate) : m_samples(std::move(samples)), m_sampleRate(sampleRate)
{
    const int64_t n = length();
    // Level 0 from the samples, each further level from the one below.
    int64_t block = kFirstBlock;
    if (n >= block) {
        std::vector<Range> level(size_t((n + block - 1) / block));
        for (size_t b = 0; b < level.size(); ++b) {
            const int64_t s = int64_t(b) * block, e = std::min(n, s + block);
            const auto [lo, hi] = std::minmax_element(m_samples.begin() + s, m_samples.begin() + e);
            level[b] = {*lo, *hi};
        }
        m_levels.push_back(std::move(level));
    }
    while (!m_levels.empty() && m_levels.back().size() >= size_t(kFactor)) {
        const std::vector<Range>& below = m_levels.back();
        std::vector<Range> level((below.size() + kFactor - 1) / kFactor);
        for (size_t b = 0; b < level.size(); ++b) {
            Range r = below[b * kFactor];
            for (size_t k = b * kFactor + 1; k < std::min(below.size(), (b + 1) * kFactor); ++k) {
                r.min = std::min(r.min, below[k].min);
                r.max = std::max(r.max, below[k].max);
            }
            level[b] = r;
        }
        m_levels.push_back(std::move(level));
    }
}

void PeakCache::rangeAt(int level, int64_t start, int64_t end, Range& acc) const
{
    if (start >= end)
        return;
    if (level < 0) {
        for (int64_t i = start; i < end; ++i) {
            acc.min = std::min(acc.min, m_samples[size_t(i)]);
            acc.max = std::max(acc.max, m_samples[size_t(i)]);
        }
        return;
    }
    int64_t block = kFirstBlock;
    for (int l = 0; l < level; ++l)
        block *= kFactor;
    const int64_t firstFull = (start + block - 1) / block, lastFull = end / block;  // blocks [firstFull, lastFull)
    if (firstFull >= lastFull) {
        rangeAt(level - 1, start, end, acc);
        return;
    }
    const std::vector<Range>& lv = m_levels[size_t(level)];
    for (int64_t b = firstFull; b < lastFull; ++b) {
        acc.min = std::min(acc.min, lv[size_t(b)].min);
        acc.max = std::max(acc.max, lv[size_t(b)].max);
    }
    rangeAt(level - 1, start, firstFull * block, acc);
    rangeAt(level - 1, lastFull * block, end, acc);
}

PeakCache::Range PeakCache::range(int64_t start, int64_t end) const
{
    start = std::clamp<int64_t>(start, 0, length());
    end = std::clamp<int64_t>(end, 0, length());
    if (start >= end)
        return {};
    Range acc{m_samples[size_t(start)], m_samples[size_t(start)]};
    // The coarsest level whose blocks fit in the range at least once.
    int level = -1;
    int64_t block = kFirstBlock;
    for (int l = 0; l < int(m_levels.size()) && block <= end - start; ++l, block *= kFactor)
        level = l;
    rangeAt(level, start, end, acc);
    return acc;
}

void PeakCache::columns(double start, double samplesPerColumn, int count, std::vector<Range>& out) const
{
    out.resize(size_t(std::max(0, count)));
    for (int i = 0; i < count; ++i) {
        const int64_t a = int64_t(std::floor(start + i * samplesPerColumn));
        // Every column covers at least one sample, so zooming far in still draws a line.
        const int64_t b = std::max(a + 1, int64_t(std::floor(start + (i + 1) * samplesPerColumn)));
        out[size_t(i)] = range(a, b);
    }
}

} // namespace nsynth::app
