#pragma once
// The CPU fast encoder: the non-causal WaveNet encoder of nsynth-model.md section 4.1, parallel
// over notes and time on all compute threads.
//
// Each dilated conv y[t] = x[t-d] W0 + x[t] W1 + x[t+d] W2 (zero outside the clip) is computed
// with Winograd's minimal filtering F(2,3) along each dilation phase: the outputs at t and t+d
// share four GEMMs instead of six,
//   m1 = (x[t-d] - x[t+d]) W0          m2 = (x[t] + x[t+d]) (W0 + W1 + W2)/2
//   m3 = (x[t+d] - x[t]) (W0 - W1 + W2)/2      m4 = (x[t] - x[t+2d]) W2
//   y[t] = m1 + m2 + m3,   y[t+d] = m2 - m3 - m4,
// which is exact algebra (only rounding differs; tested against the float64 reference).
// Time is processed in tiles that stay in cache; average pooling is applied before the linear
// bottleneck (pool(x) W + b == pool(x W + b)).

#include "config.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace nsynth {

struct Model;

class FastEncoder {
public:
    explicit FastEncoder(const Model& model);
    ~FastEncoder();
    FastEncoder(const FastEncoder&) = delete;
    FastEncoder& operator=(const FastEncoder&) = delete;

    // Encodes notes of `samples` samples each (a positive multiple of the hop length), given as
    // audio in [-1, 1]. Returns one [samples / hop][Z] array per note. progress(done, total)
    // is called after every layer of every group of notes; a set cancel flag stops at the next
    // layer and throws Cancelled.
    std::vector<std::vector<float>> encode(const std::vector<const float*>& notes, int64_t samples,
                                           const std::function<void(int64_t, int64_t)>& progress = {},
                                           const std::atomic<bool>* cancel = nullptr);

    const ModelConfig& config() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace nsynth
