#include "model_source.h"

namespace nsynth {

Model loadModelFromPath(const std::string& path, const ModelLoadOptions& options)
{
    (void)options;  // TensorFlow checkpoints: see tf_checkpoint.h
    return loadModel(path);
}

} // namespace nsynth
