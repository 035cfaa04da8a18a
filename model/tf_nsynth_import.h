#pragma once
// Magenta's NSynth checkpoint -> our model file. The released wavenet-ckpt/model.ckpt-200000
// holds, for each of the 374 h512_bo16 variables (nsynth-model.md sections 4.3-4.4), the raw
// value `<var>`, its moving average `<var>/ExponentialMovingAverage` and Adam's slots
// `<var>/Adam`, `<var>/Adam_1`, plus global_step, beta1_power and beta2_power. Our model file
// uses exactly Magenta's names and shapes, so the mapping is by name: the raw values (what
// Magenta's current tools restore, the default) or the EMA shadows; everything else is ignored.
//
// Hyper-parameters are not stored in a checkpoint: widths, filter lengths and layer counts are
// read off the shapes and must match a known preset (config.h), which also supplies what shapes
// cannot show (the dilation cycle, sample rate, hop).

#include "model_file.h"
#include "tf_checkpoint.h"

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nsynth {

enum class CheckpointWeights { Raw, Ema };
std::string checkpointWeightsName(CheckpointWeights weights);  // "raw" | "ema"

// Suffix of the moving-average shadow variables.
inline constexpr const char* kEmaSuffix = "/ExponentialMovingAverage";

// What each checkpoint tensor is, seen from the NSynth model.
enum class CheckpointTensorRole {
    Weight,          // a model variable (raw value)
    EmaShadow,       // <var>/ExponentialMovingAverage
    OptimizerSlot,   // <var>/<slot>: Adam, Adam_1, Momentum, ...
    TrainingState,   // global_step, beta1_power, beta2_power
    Other,           // anything else (ignored)
};
std::string checkpointTensorRoleName(CheckpointTensorRole role);

// The import worked out from the index alone (no tensor data read, except global_step).
struct NSynthImportPlan {
    ModelConfig config;
    std::string preset;  // the preset the shapes match, e.g. "magenta-h512-bo16"
    CheckpointWeights weights = CheckpointWeights::Raw;
    struct Item {
        std::string modelName;         // e.g. "dilatedconv_7/W"
        const TfTensorEntry* entry;    // e.g. "dilatedconv_7/W/ExponentialMovingAverage"
    };
    std::vector<Item> items;           // in model-file order (sorted by model name)
    int64_t keptBytes = 0;             // float32 bytes of the model's weights
    bool hasEma = false;               // EMA shadows present for every variable
    bool hasOptimizerSlots = false;
    std::optional<int64_t> globalStep;
    int ignoredTensors = 0;            // checkpoint tensors not kept
    std::map<std::string, std::string> metadata;  // nsynth.* keys for the model file
};

// Recognises an NSynth checkpoint and plans the import. Throws one Error naming every problem:
//   "<prefix>: this is not an NSynth checkpoint: missing ae_startconv/W ..." (another model);
//   "<prefix>: no ExponentialMovingAverage shadows ...; use --weights raw";
//   "<prefix>: tensor dilatedconv_7/W has shape [..], expected [..]; missing logits/W, ...";
//   "<prefix>: shapes match no known preset ...".
NSynthImportPlan planNSynthImport(const TfCheckpoint& checkpoint, CheckpointWeights weights);

// For `nsynth info`: a one-line description of what the checkpoint is ("NSynth WaveNet
// autoencoder, preset magenta-h512-bo16: 374 variables with EMA shadows and optimizer slots,
// global step 200000" or "not an NSynth checkpoint: ...") and each tensor's role. Never throws
// for a checkpoint that opened.
struct TfCheckpointSummary {
    bool isNSynth = false;
    std::string description;
    std::optional<NSynthImportPlan> plan;  // raw weights, when isNSynth
    std::vector<CheckpointTensorRole> roles;  // parallel to checkpoint.entries()
};
TfCheckpointSummary summarizeTfCheckpoint(const TfCheckpoint& checkpoint);

// progress(bytes done, bytes total) after every tensor; a set cancel flag throws Cancelled.
using ImportProgress = std::function<void(int64_t, int64_t)>;

// Reads the planned tensors into a Model (crc32c checked, converted to float32, NaN/Inf
// rejected). Peak memory: the kept weights plus one tensor for non-float32 checkpoints.
Model importNSynthCheckpoint(const TfCheckpoint& checkpoint, const NSynthImportPlan& plan,
                             const ImportProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);
Model importNSynthCheckpoint(const TfCheckpoint& checkpoint, CheckpointWeights weights);

// Writes the model file (the same bytes saveModel writes for importNSynthCheckpoint's result)
// tensor by tensor: peak memory is one tensor, whatever the model size. Atomic: on any error
// or cancel no output is left.
void convertNSynthCheckpoint(const TfCheckpoint& checkpoint, const NSynthImportPlan& plan,
                             const std::string& outputPath, const ImportProgress& progress = {},
                             const std::atomic<bool>* cancel = nullptr);

} // namespace nsynth
