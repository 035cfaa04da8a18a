#pragma once
// Loading a model from whatever path a user gives: an NSynth model file (.safetensors) or a
// TensorFlow checkpoint (Magenta's wavenet-ckpt/model.ckpt-200000, by its prefix, its folder,
// or its .index, .data-* or .meta file; see tf_checkpoint.h). Every command's --model and the
// workbench's model manager go through here.

#include "model_file.h"

#include <functional>
#include <string>

namespace nsynth {

struct ModelLoadOptions {
    // Which values of a TensorFlow checkpoint: the raw variables (what Magenta's current tools
    // restore) or their ExponentialMovingAverage shadows. Ignored for model files.
    enum class Weights { Raw, Ema };
    Weights weights = Weights::Raw;
    // Converted checkpoints are cached by content hash in the user's cache folder
    // ($XDG_CACHE_HOME/nsynth-workbench or ~/.cache/nsynth-workbench).
    bool useCache = true;
    // One-line notices for the user ("converted ... cached as ...").
    std::function<void(const std::string&)> notice;
};

Model loadModelFromPath(const std::string& path, const ModelLoadOptions& options = {});

} // namespace nsynth
