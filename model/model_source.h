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

// A .safetensors model file is loaded as is (loadModel). A TensorFlow checkpoint is recognised by
// isTfCheckpointPath, mapped to the model by planNSynthImport (tf_nsynth_import.h) and either
// converted in memory (useCache = false, or no cache folder) or loaded from the cache, where a
// first load puts it: <modelCacheFolder()>/<checkpoint name>-<raw|ema>-<hash>.safetensors, the
// hash being SHA-256 over the .index bytes (which hold every tensor's crc32c, shape and place),
// the data shards' sizes and the weights choice. A cached copy that no longer loads is
// converted again. Throws Error (one line naming the file and the problem).
Model loadModelFromPath(const std::string& path, const ModelLoadOptions& options = {});

// $XDG_CACHE_HOME/nsynth-workbench/checkpoints, else ~/.cache/nsynth-workbench/checkpoints;
// empty when neither variable is set (no cache then).
std::string checkpointCacheFolder();

} // namespace nsynth
