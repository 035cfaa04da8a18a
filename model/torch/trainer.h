#pragma once
// Training the NSynth autoencoder with LibTorch: the same NSynthModule as the float64 reference,
// run in float32 on the CPU or a CUDA device, so the trained parameters are Magenta's tensors
// (names, shapes, TF layout) and export as model files as they are.
//
// One step (TrainingOptions gives the recipe):
//   batch    B crops of C samples (C = receptive field + margin, whole frames); the note of
//            slot j of step s is entry (s*B + j) mod N of epoch (s*B + j) / N's permutation of
//            the N training notes, its offset uniform in [0, samples - C]; both are pure
//            functions of (seed, s, j), so the data order needs no state beyond the step.
//   forward  x = (k - 128)/128 [B, C]; encoding = encode(x) [B, C/hop, Z];
//            logits = decode(x, encoding, pitch) [B, C, 256] (teacher-forced, shifted inside)
//   loss     mean cross-entropy in nats over all B*C samples against the classes k (<= 255)
//   update   Adam as TensorFlow's AdamOptimizer computes it: t = step + 1,
//            lr_t = lr(step) * sqrt(1 - beta2^t) / (1 - beta1^t), m = b1 m + (1-b1) g,
//            v = b2 v + (1-b2) g^2, w -= lr_t m / (sqrt(v) + eps); tensors without a gradient
//            (res_<last>, which is dead) are left alone
//   EMA      d = min(decay, (1 + t)/(10 + t)), shadow -= (1 - d)(shadow - w), shadows start at
//            the initial weights (tf.train.ExponentialMovingAverage with num_updates = step)
//
// The whole state (weights, Adam slots, shadows, step) goes into a checkpoint file, and the data
// order is a function of the step, so a resumed run continues bitwise as if never stopped (same
// machine, thread count and LibTorch build). No LibTorch types in this header.

#include "model_file.h"
#include "training_data.h"
#include "training_options.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nsynth {

class Trainer {
public:
    // `initial`: the starting weights (initModel() for a new model, or any model file of the
    // same configuration). Throws Error when there are no training notes, a note is shorter than
    // a crop, the model is pitch-conditioned and a note has no pitch or one outside
    // num_pitches, the options are invalid, or the device is not available.
    Trainer(const Model& initial, const TrainingOptions& options, std::vector<TrainingNote> train,
            std::vector<TrainingNote> valid);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    const ModelConfig& config() const;
    const TrainingOptions& options() const;
    int64_t step() const;          // steps completed
    int64_t cropSamples() const;
    size_t trainNotes() const;
    size_t validNotes() const;
    uint64_t trainFingerprint() const;
    uint64_t validFingerprint() const;

    // Step `step`'s batch: which training note and offset each slot crops.
    struct Crop {
        size_t note = 0;
        int64_t offset = 0;
    };
    std::vector<Crop> batchPlan(int64_t step) const;

    // Runs one step; returns the batch's loss (nats per sample, before the update). Throws
    // Error when the loss is not finite (the weights are then left as they were).
    double trainStep();
    double learningRate() const;  // the rate the next step uses

    // Teacher-forced loss (nats per sample) on validationCropsPerNote evenly spaced crops of
    // every held-out note, with the raw or the averaged weights; NaN without held-out notes.
    double validationLoss(bool ema);

    // The model with the raw or averaged weights (no metadata).
    Model currentModel(bool ema) const;

    // Checkpoint file (safetensors): for every model tensor <name>: <name> (raw),
    // <name>/ExponentialMovingAverage, <name>/Adam and <name>/Adam_1 (TensorFlow's slot names);
    // metadata "nsynth.config", "nsynth.checkpoint" (JSON: step, options, data fingerprints)
    // and the caller's `extra` keys. Written atomically.
    void saveCheckpoint(const std::string& path, const std::map<std::string, std::string>& extra = {}) const;
    // Restores weights, slots, shadows and step. Throws Error when the file is not a training
    // checkpoint, or was written for another configuration, other options (the step count and
    // device may differ) or other data. Returns the file's metadata.
    std::map<std::string, std::string> loadCheckpoint(const std::string& path);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// What a checkpoint says about itself, readable without LibTorch work or the data.
struct CheckpointInfo {
    ModelConfig config;
    TrainingOptions options;
    int64_t step = 0;
    std::map<std::string, std::string> metadata;
};
CheckpointInfo readCheckpointInfo(const std::string& path);

// The model in a checkpoint, with the raw or the averaged (EMA) weights.
Model modelFromCheckpoint(const std::string& path, bool ema);

// True when a name looks like a device LibTorch has here ("cpu" always; "cuda[:n]" only when
// this LibTorch was built with CUDA and a GPU is visible). `why` receives the reason otherwise.
bool trainingDeviceAvailable(const std::string& device, std::string* why);

} // namespace nsynth
