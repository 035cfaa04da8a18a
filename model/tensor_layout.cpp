#include "tensor_layout.h"

#include "error.h"
#include "text.h"

#include <set>

namespace nsynth {
namespace {

void addConv(std::vector<TensorSpec>& specs, const std::string& name, int64_t taps, int64_t in, int64_t out)
{
    specs.push_back({name + "/W", {1, taps, in, out}});
    specs.push_back({name + "/biases", {out}});
}

} // namespace

std::vector<TensorSpec> modelTensorSpecs(const ModelConfig& c)
{
    std::vector<TensorSpec> specs;
    const int64_t ew = c.encoder.width, k = c.encoder.filterLength;
    addConv(specs, "ae_startconv", k, 1, ew);
    for (int i = 1; i <= c.encoder.layers; ++i) {
        addConv(specs, "ae_dilatedconv_" + std::to_string(i), k, ew, ew);
        addConv(specs, "ae_res_" + std::to_string(i), 1, ew, ew);
    }
    addConv(specs, "ae_bottleneck", 1, ew, c.bottleneckWidth);

    const int64_t w = c.decoder.width, s = c.decoder.skipWidth, z = c.bottleneckWidth;
    const int64_t dk = c.decoder.filterLength;
    addConv(specs, "startconv", dk, 1, w);
    addConv(specs, "skip_start", 1, w, s);
    for (int i = 1; i <= c.decoder.layers; ++i) {
        const std::string n = std::to_string(i);
        addConv(specs, "dilatedconv_" + n, dk, w, 2 * w);
        addConv(specs, "cond_map_" + n, 1, z, 2 * w);
        addConv(specs, "res_" + n, 1, w, w);
        addConv(specs, "skip_" + n, 1, w, s);
        if (c.pitch.enabled)
            specs.push_back({"pitch_map_" + n + "/W", {1, 1, c.pitch.numPitches, 2 * w}});
    }
    addConv(specs, "out1", 1, s, s);
    addConv(specs, "cond_map_out1", 1, z, s);
    if (c.pitch.enabled)
        specs.push_back({"pitch_map_out1/W", {1, 1, c.pitch.numPitches, s}});
    addConv(specs, "logits", 1, s, c.quantizationChannels);
    return specs;
}

void validateWeights(const ModelConfig& config, const WeightStore& weights, const std::string& source)
{
    std::vector<std::string> wrongShape, missing, unexpected;
    std::set<std::string> expected;
    for (const auto& spec : modelTensorSpecs(config)) {
        expected.insert(spec.name);
        if (!weights.contains(spec.name)) {
            missing.push_back(spec.name);
            continue;
        }
        const auto& t = weights.at(spec.name);
        if (t.shape != spec.shape)
            wrongShape.push_back("tensor " + spec.name + " has shape " + shapeToString(t.shape) +
                                 ", expected " + shapeToString(spec.shape));
    }
    for (const auto& name : weights.names())
        if (!expected.count(name))
            unexpected.push_back(name);
    if (wrongShape.empty() && missing.empty() && unexpected.empty())
        return;

    std::string msg = source + ": ";
    std::string sep;
    if (!wrongShape.empty()) {
        msg += joinLimited(wrongShape, 8);
        sep = "; ";
    }
    if (!missing.empty()) {
        msg += sep + "missing " + joinLimited(missing, 12);
        sep = "; ";
    }
    if (!unexpected.empty())
        msg += sep + "unexpected " + joinLimited(unexpected, 12);
    throw Error(msg);
}

} // namespace nsynth
