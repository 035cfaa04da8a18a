#pragma once
// Min/max summaries of a waveform at several resolutions, so drawing any zoom level of any
// length of audio touches O(log n) values per pixel column instead of every sample. Levels
// summarise blocks of 16, 64, 256, ... samples (each level four times coarser, built from the
// one below in one pass); a query takes whole blocks from the coarsest level that fits and
// fills the ragged ends from finer levels, down to the samples themselves. Built once per file
// on a worker thread; read-only afterwards, so views on the GUI thread may share it.

#include <cstdint>
#include <vector>

namespace nsynth::app {

class PeakCache {
public:
    struct Range {
        float min = 0, max = 0;
    };

    PeakCache() = default;
    PeakCache(std::vector<float> samples, int sampleRate);

    int64_t length() const { return int64_t(m_samples.size()); }
    int sampleRate() const { return m_sampleRate; }
    const std::vector<float>& samples() const { return m_samples; }

    // min and max of samples [start, end), clamped to the data; {0, 0} when empty.
    Range range(int64_t start, int64_t end) const;

    // `count` columns, column i covering [start + i*samplesPerColumn, start + (i+1)*...).
    void columns(double start, double samplesPerColumn, int count, std::vector<Range>& out) const;

    static constexpr int kFirstBlock = 16;
    static constexpr int kFactor = 4;

private:
    void rangeAt(int level, int64_t start, int64_t end, Range& acc) const;

    std::vector<float> m_samples;
    int m_sampleRate = 0;
    // m_levels[l] summarises blocks of kFirstBlock * kFactor^l samples.
    std::vector<std::vector<Range>> m_levels;
};

} // namespace nsynth::app
