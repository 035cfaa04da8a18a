#pragma once
// Note-level drivers over the fast decoder: generation (autoregressive sampling, Magenta's
// fastgen.synthesize, nsynth-model.md section 5.2) and teacher-forced scoring.
//
// A generated note is exactly frames * hop samples long, whatever produced the embedding, so
// the "34-minute file" units bug cannot happen (output length comes from the embedding).

#include "config.h"
#include "npy.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace nsynth {

class FastDecoder;

struct GenerationOptions {
    float temperature = 1.0f;  // Magenta samples at 1
    bool greedy = false;       // argmax instead of sampling
    uint64_t seed = 0;
};

struct NoteToGenerate {
    const Embedding* embedding = nullptr;  // [frames][Z]
    std::string identity;                  // keys the note's random stream (random.h)
    int pitch = -1;                        // MIDI pitch for pitch-conditioned models
};

// Progress: (steps done, steps total) for the batch; cancel is polled every frame.
using StepProgress = std::function<void(int64_t, int64_t)>;

// Generates one batch (size <= decoder.maxBatch(), all embeddings with the same frame count).
// Returns audio [notes][frames * hop] in [-1, 1] and, if classes is given, the chosen mu-law
// classes [notes][frames * hop].
std::vector<std::vector<float>> generateBatch(FastDecoder& decoder, const std::vector<NoteToGenerate>& notes,
                                              const GenerationOptions& options,
                                              const StepProgress& progress = {},
                                              const std::atomic<bool>* cancel = nullptr,
                                              std::vector<std::vector<uint8_t>>* classes = nullptr);

struct NoteToScore {
    const float* audio = nullptr;          // [samples] in [-1, 1]
    const Embedding* embedding = nullptr;  // frames * hop >= samples
    int pitch = -1;
};

// Teacher-forced negative log-likelihood of each note in nats per sample (mean over samples),
// using blocks of decoder.maxBlock() steps. If stepLogits is given it receives
// [notes][samples][256]. All notes must have `samples` samples (a multiple of maxBlock and of
// the hop is not required; the last block is shorter).
std::vector<double> scoreBatch(FastDecoder& decoder, const std::vector<NoteToScore>& notes, int64_t samples,
                               const StepProgress& progress = {}, const std::atomic<bool>* cancel = nullptr,
                               std::vector<std::vector<float>>* stepLogits = nullptr);

} // namespace nsynth
