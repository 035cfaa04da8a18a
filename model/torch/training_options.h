#pragma once
// The training recipe. Defaults are Magenta's (nsynth-model.md section 6): random crops of the
// decoder's receptive field plus a margin, rounded up to whole hop-sized frames (6141 + 3 =
// 6144 samples for h512_bo16), a global batch of 32, Adam (beta1 0.9, beta2 0.999, epsilon
// 1e-8) with the piecewise-constant learning-rate table, an exponential moving average of the
// weights with decay 0.9999 and num_updates = step, mean softmax cross-entropy in nats over
// every sample of every crop, labels clamped to 255. Everything is configurable.

#include <cstdint>
#include <string>
#include <vector>

namespace nsynth {

struct ModelConfig;

// Learning rate `rate` from step `fromStep` on (until the next entry).
struct LearningRateStep {
    int64_t fromStep = 0;
    double rate = 0;
    bool operator==(const LearningRateStep&) const = default;
};
using LearningRateSchedule = std::vector<LearningRateStep>;

// Magenta's table: 2e-4 below 90k, 1.333e-4 to 120k, 6e-5, 4e-5, 2e-5, 6e-6 every 30k, 2e-6
// from 240k.
LearningRateSchedule magentaLearningRateSchedule();
// "0:2e-4,90000:1.333e-4,..." (steps ascending, the first at 0) or a single number for a
// constant rate. Throws Error naming the problem.
LearningRateSchedule parseLearningRateSchedule(const std::string& text);
std::string formatLearningRateSchedule(const LearningRateSchedule& schedule);
double learningRateAt(const LearningRateSchedule& schedule, int64_t step);

struct TrainingOptions {
    uint64_t seed = 0;              // data order and crop positions (the weights come from the
                                    // initial model the caller passes)
    int64_t steps = 200000;         // Magenta's num_iters
    int batchSize = 32;             // crops per step (Magenta: 32 workers x 1)
    int64_t cropMargin = 3;         // crop = ceil((receptive field + margin) / hop) * hop
    int64_t cropSamples = 0;        // > 0: use exactly this (a multiple of the hop) instead
    LearningRateSchedule schedule = magentaLearningRateSchedule();
    double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
    double emaDecay = 0.9999;
    int validationCropsPerNote = 4; // evenly spaced crops of every held-out note
    std::string device = "cpu";     // "cpu", "cuda", "cuda:1", ...

    // Crop length for `config` (throws Error if cropSamples is not a positive multiple of the hop).
    int64_t cropLength(const ModelConfig& config) const;
    // Throws Error naming the first invalid field.
    void validate() const;

    std::string toJson() const;                    // compact JSON object
    static TrainingOptions fromJson(const std::string& json);
};

} // namespace nsynth
