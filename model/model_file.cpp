#include "model_file.h"

#include "error.h"
#include "random.h"
#include "safetensors.h"
#include "tensor_layout.h"

#include <cmath>

namespace nsynth {

namespace {
const char* kConfigKey = "nsynth.config";
}

Model loadModel(const std::string& path)
{
    SafetensorsContent content = readSafetensors(path);
    auto it = content.metadata.find(kConfigKey);
    if (it == content.metadata.end())
        throw Error(path + ": not an NSynth model file (no \"nsynth.config\" in the safetensors "
                           "metadata; convert TensorFlow checkpoints with `nsynth convert`)");
    Model model;
    try {
        model.config = ModelConfig::fromJson(it->second);
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
    validateWeights(model.config, content.tensors, path);
    for (const auto& spec : modelTensorSpecs(model.config)) {
        for (float v : content.tensors.at(spec.name).data)
            if (!std::isfinite(v))
                throw Error(path + ": tensor " + spec.name + " holds NaN or infinite values");
    }
    model.weights = std::move(content.tensors);
    content.metadata.erase(it);
    model.metadata = std::move(content.metadata);
    return model;
}

void saveModel(const std::string& path, const Model& model)
{
    validateWeights(model.config, model.weights, path);
    auto metadata = model.metadata;
    metadata[kConfigKey] = model.config.toJson();
    writeSafetensors(path, model.weights, metadata);
}

Model initModel(const ModelConfig& config, uint64_t seed)
{
    config.validate();
    Model model;
    model.config = config;
    for (const auto& spec : modelTensorSpecs(config)) {
        Tensor t(spec.shape);
        const bool isKernel = spec.name.size() > 2 && spec.name.substr(spec.name.size() - 2) == "/W";
        if (isKernel) {
            const int64_t fanIn = spec.shape[0] * spec.shape[1] * spec.shape[2];
            const float limit = float(std::sqrt(3.0 / double(fanIn)));
            SplitMix64 rng(mix64(seed) ^ stableHash64(spec.name));
            for (float& v : t.data)
                v = rng.uniform(-limit, limit);
        }
        model.weights.set(spec.name, std::move(t));
    }
    model.metadata["nsynth.init"] = "magenta-uniform-unit-scaling seed=" + std::to_string(seed);
    return model;
}

} // namespace nsynth
