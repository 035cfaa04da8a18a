#pragma once
// Inputs for the fast-path-versus-reference tests: models with random weights (Magenta's
// initialiser plus random biases, so every bias path is exercised), random audio and random
// embeddings, all from the run's seed.

#include "config.h"
#include "model_file.h"
#include "npy.h"
#include "random.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace nsynth::test {

inline Model randomModel(const ModelConfig& config, uint64_t seed)
{
    Model model = initModel(config, seed);
    SplitMix64 rng(seed ^ 0xb1a5u);
    for (const auto& name : model.weights.names())
        if (name.size() > 7 && name.substr(name.size() - 7) == "/biases")
            for (float& v : model.weights.at(name).data)
                v = rng.uniform(-0.1f, 0.1f);
    return model;
}

// A note-like test signal in [-0.95, 0.95]: a few decaying partials plus noise, different per row.
inline std::vector<float> randomAudio(int64_t rows, int64_t samples, uint64_t seed)
{
    SplitMix64 rng(seed);
    std::vector<float> audio(size_t(rows * samples));
    for (int64_t r = 0; r < rows; ++r) {
        const double f0 = 60.0 + 400.0 * rng.uniform01();
        const double noise = 0.05 * rng.uniform01();
        for (int64_t t = 0; t < samples; ++t) {
            double x = 0;
            for (int h = 1; h <= 4; ++h)
                x += 0.6 / h * std::sin(2 * M_PI * f0 * h * double(t) / 16000.0 + h);
            x *= std::exp(-double(t) / 20000.0);
            x += noise * (2.0 * rng.uniform01() - 1.0);
            audio[size_t(r * samples + t)] = float(std::clamp(x, -0.95, 0.95));
        }
    }
    return audio;
}

inline std::vector<Embedding> randomEmbeddings(int64_t rows, int64_t frames, int64_t channels, uint64_t seed)
{
    SplitMix64 rng(seed);
    std::vector<Embedding> out(static_cast<size_t>(rows));
    for (auto& e : out) {
        e.frames = frames;
        e.channels = channels;
        e.data.resize(size_t(frames * channels));
        for (float& v : e.data)
            v = rng.uniform(-2.0f, 2.0f);
    }
    return out;
}

} // namespace nsynth::test
