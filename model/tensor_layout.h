#pragma once
// Which tensors a model of a given configuration has: Magenta's names and shapes
// (nsynth-model.md section 4.3), plus the pitch-conditioning tensors when enabled
// (docs/pitch-conditioning.md). Layer numbering is 1-based as in Magenta.

#include "config.h"
#include "weights.h"

#include <string>
#include <vector>

namespace nsynth {

struct TensorSpec {
    std::string name;
    Shape shape;
};

// Encoder tensors first, then decoder tensors, each in network order.
std::vector<TensorSpec> modelTensorSpecs(const ModelConfig& config);

// Checks every expected tensor is present with the right shape and nothing else is there.
// All problems go into one Error, prefixed with `source` (usually the file name), e.g.
// "model.safetensors: tensor dilatedconv_7/W has shape [1,3,512,512], expected [1,3,512,1024];
//  missing: logits/W, logits/biases; unexpected: foo/bar".
void validateWeights(const ModelConfig& config, const WeightStore& weights, const std::string& source);

} // namespace nsynth
