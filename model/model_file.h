#pragma once
// The model file: safetensors with Magenta's tensor names and shapes and the hyper-parameters
// in __metadata__["nsynth.config"] (architecture.md section 4, docs/formats.md). A converted
// Magenta checkpoint, a model from `nsynth init` and a trained model are the same kind of file.

#include "config.h"
#include "weights.h"

#include <cstdint>
#include <map>
#include <string>

namespace nsynth {

struct Model {
    ModelConfig config;
    WeightStore weights;
    std::map<std::string, std::string> metadata;  // nsynth.* keys besides nsynth.config
};

// Reads and fully validates a model file. Every missing, extra or mis-shaped tensor is named
// in one Error; a file without nsynth.config gets a message saying what it is instead.
Model loadModel(const std::string& path);

// Writes atomically; nsynth.config is set from model.config.
void saveModel(const std::string& path, const Model& model);

// A freshly initialised model with Magenta's initialisers: W ~ U(-sqrt(3/fan_in), +sqrt(3/fan_in)),
// fan_in = taps * in_channels; biases zero. Each tensor has its own stream keyed by
// (seed, tensor name), so the values do not depend on which other tensors exist.
Model initModel(const ModelConfig& config, uint64_t seed);

} // namespace nsynth
