#pragma once
// The NSynth autoencoder written with LibTorch ops: the teacher-forced forward pass exactly as
// nsynth-model.md section 4 specifies. Run in float64 it is the reference every fast path is
// tested against; in float32 (on CPU or CUDA) it is what training optimises.
//
// This header exposes LibTorch types; only the torch-side sources (reference, training, their
// tests) include it. Parameters keep TensorFlow's layout [1, taps, in, out] and Magenta's names,
// so exported weights are model files as they are.

#include "config.h"
#include "weights.h"

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace nsynth {

class NSynthModule {
public:
    NSynthModule(const ModelConfig& config, const WeightStore& weights, torch::Dtype dtype,
                 torch::Device device = torch::kCPU);

    const ModelConfig& config() const { return m_config; }
    std::map<std::string, torch::Tensor>& parameters() { return m_params; }
    std::vector<torch::Tensor> parameterList() const;  // in modelTensorSpecs() order

    // inputs: [N, L] model inputs q/128 (L a multiple of the hop). Returns [N, L/hop, Z].
    torch::Tensor encode(const torch::Tensor& inputs) const;

    // Teacher-forced decoder. inputs: [N, L] true samples as q/128 (shifted right inside);
    // encoding: [N, F, Z] with F * hop >= L; pitches: [N] int64 MIDI pitches (pitch-conditioned
    // models) or an undefined tensor. Returns logits [N, L, 256].
    torch::Tensor decode(const torch::Tensor& inputs, const torch::Tensor& encoding,
                         const torch::Tensor& pitches = {}) const;

    WeightStore exportWeights() const;

private:
    // Dilated conv in [N, C, L] layout with the TF kernel [1, k, in, out] of `name`.
    torch::Tensor conv(const torch::Tensor& x, const std::string& name, int dilation, bool causal) const;
    // The 1x1 `name` applied at frame rate to [N, F, Z] and added to every sample of its frame.
    torch::Tensor addFrameTerm(const torch::Tensor& x, const torch::Tensor& frameTerm) const;

    ModelConfig m_config;
    std::map<std::string, torch::Tensor> m_params;
};

} // namespace nsynth
