#include "tf_nsynth_import.h"

#include "atomic_file.h"
#include "error.h"
#include "text.h"
#include "tensor_layout.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace nsynth {
namespace {

constexpr const char* kReferencePreset = "magenta-h512-bo16";

// The model variable a checkpoint name belongs to ("dilatedconv_7/W/Adam" -> "dilatedconv_7/W"),
// or "" when it belongs to none. Variables are "<scope>/W" or "<scope>/biases".
std::string owningVariable(const std::string& name, const std::set<std::string>& variables)
{
    if (variables.count(name))
        return name;
    for (const char* leaf : {"/W/", "/biases/"}) {
        const size_t at = name.find(leaf);
        if (at != std::string::npos) {
            const std::string var = name.substr(0, at + std::char_traits<char>::length(leaf) - 1);
            if (variables.count(var))
                return var;
        }
    }
    return {};
}

CheckpointTensorRole roleOf(const std::string& name, const std::set<std::string>& variables)
{
    if (variables.count(name))
        return CheckpointTensorRole::Weight;
    if (name == "global_step" || name.rfind("beta1_power", 0) == 0 || name.rfind("beta2_power", 0) == 0)
        return CheckpointTensorRole::TrainingState;
    const std::string var = owningVariable(name, variables);
    if (var.empty())
        return CheckpointTensorRole::Other;
    return name == var + kEmaSuffix ? CheckpointTensorRole::EmaShadow : CheckpointTensorRole::OptimizerSlot;
}

std::set<std::string> variableNames(const ModelConfig& config)
{
    std::set<std::string> names;
    for (const auto& spec : modelTensorSpecs(config))
        names.insert(spec.name);
    return names;
}

// Layer count: the largest N of "<stem>N/..." among the checkpoint's names (so a missing layer
// in the middle is reported as missing rather than changing the architecture).
int largestLayer(const TfCheckpoint& ckpt, const std::vector<std::string>& stems)
{
    int largest = 0;
    for (const auto& e : ckpt.entries()) {
        for (const auto& stem : stems) {
            if (e.name.compare(0, stem.size(), stem) != 0)
                continue;
            size_t i = stem.size();
            int n = 0;
            while (i < e.name.size() && e.name[i] >= '0' && e.name[i] <= '9' && n < 100000)
                n = n * 10 + (e.name[i++] - '0');
            if (i > stem.size() && i < e.name.size() && e.name[i] == '/')
                largest = std::max(largest, n);
        }
    }
    return largest;
}

bool sameShapes(const ModelConfig& a, const ModelConfig& b)
{
    return a.encoder.layers == b.encoder.layers && a.encoder.width == b.encoder.width &&
           a.encoder.filterLength == b.encoder.filterLength && a.decoder.layers == b.decoder.layers &&
           a.decoder.width == b.decoder.width && a.decoder.skipWidth == b.decoder.skipWidth &&
           a.decoder.filterLength == b.decoder.filterLength && a.bottleneckWidth == b.bottleneckWidth &&
           a.quantizationChannels == b.quantizationChannels;
}

std::string describeShapes(const ModelConfig& c)
{
    return "encoder " + std::to_string(c.encoder.layers) + " layers of width " + std::to_string(c.encoder.width) +
           " (filter " + std::to_string(c.encoder.filterLength) + "), bottleneck " +
           std::to_string(c.bottleneckWidth) + ", decoder " + std::to_string(c.decoder.layers) + " layers of width " +
           std::to_string(c.decoder.width) + " skip " + std::to_string(c.decoder.skipWidth) + " (filter " +
           std::to_string(c.decoder.filterLength) + "), " + std::to_string(c.quantizationChannels) + " classes";
}

// Reads the architecture off the shapes; what is absent keeps the reference preset's value
// (the tensor is then reported missing).
ModelConfig inferShapes(const TfCheckpoint& ckpt)
{
    auto shapeOf = [&](const std::string& var) -> const Shape* {
        const TfTensorEntry* e = ckpt.find(var);
        if (!e)
            e = ckpt.find(var + kEmaSuffix);
        return e && e->shape.size() == 4 ? &e->shape : nullptr;
    };
    auto dim = [](int64_t v) { return int(std::clamp<int64_t>(v, 0, 1 << 30)); };
    ModelConfig c = ModelConfig::preset(kReferencePreset);
    if (const Shape* s = shapeOf("ae_startconv/W")) {
        c.encoder.filterLength = dim((*s)[1]);
        c.encoder.width = dim((*s)[3]);
    }
    if (const Shape* s = shapeOf("ae_bottleneck/W"))
        c.bottleneckWidth = dim((*s)[3]);
    if (const Shape* s = shapeOf("startconv/W")) {
        c.decoder.filterLength = dim((*s)[1]);
        c.decoder.width = dim((*s)[3]);
    }
    if (const Shape* s = shapeOf("skip_start/W"))
        c.decoder.skipWidth = dim((*s)[3]);
    if (const Shape* s = shapeOf("logits/W"))
        c.quantizationChannels = dim((*s)[3]);
    if (const int n = largestLayer(ckpt, {"ae_dilatedconv_", "ae_res_"}); n > 0)
        c.encoder.layers = n;
    if (const int n = largestLayer(ckpt, {"dilatedconv_", "res_", "skip_", "cond_map_"}); n > 0)
        c.decoder.layers = n;
    // Pitch conditioning is not in Magenta's model; a checkpoint written from one of ours has it.
    if (const Shape* s = shapeOf("pitch_map_1/W")) {
        c.pitch.enabled = true;
        c.pitch.numPitches = dim((*s)[2]);
    }
    return c;
}

void checkCancel(const std::atomic<bool>* cancel)
{
    if (cancel && cancel->load())
        throw Cancelled();
}

void checkFinite(const TfCheckpoint& ckpt, const TfTensorEntry& e, const float* v, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        if (!std::isfinite(v[i]))
            throw Error(ckpt.dataFiles()[size_t(e.shard)] + ": tensor " + e.name + " holds NaN or infinite values");
}

// The one-line reason from an Error thrown for `prefix` ("<prefix>: reason" -> "reason").
std::string reasonOf(const Error& e, const std::string& prefix)
{
    std::string text = e.what();
    if (text.compare(0, prefix.size() + 2, prefix + ": ") == 0)
        text = text.substr(prefix.size() + 2);
    return text;
}

} // namespace

std::string checkpointWeightsName(CheckpointWeights weights)
{
    return weights == CheckpointWeights::Ema ? "ema" : "raw";
}

std::string checkpointTensorRoleName(CheckpointTensorRole role)
{
    switch (role) {
    case CheckpointTensorRole::Weight: return "weight";
    case CheckpointTensorRole::EmaShadow: return "ema";
    case CheckpointTensorRole::OptimizerSlot: return "optimizer slot";
    case CheckpointTensorRole::TrainingState: return "training state";
    default: return "other";
    }
}

NSynthImportPlan planNSynthImport(const TfCheckpoint& ckpt, CheckpointWeights weights)
{
    const std::string& prefix = ckpt.prefix();
    const bool ema = weights == CheckpointWeights::Ema;
    auto stored = [&](const std::string& var) { return ema ? var + kEmaSuffix : var; };

    // 1. Is it NSynth at all? Every NSynth model starts with the encoder's first convolution.
    if (!ckpt.find("ae_startconv/W") && !ckpt.find(std::string("ae_startconv/W") + kEmaSuffix)) {
        const auto reference = modelTensorSpecs(ModelConfig::preset(kReferencePreset));
        size_t missing = 0;
        for (const auto& spec : reference)
            missing += ckpt.find(spec.name) ? 0 : 1;
        std::vector<std::string> holds;
        for (const auto& e : ckpt.entries())
            holds.push_back(e.name);
        std::string msg = prefix + ": this is not an NSynth checkpoint: missing ae_startconv/W";
        msg += missing == reference.size() ? " and every other of the " + std::to_string(reference.size()) +
                                                 " NSynth variables"
                                           : " and " + std::to_string(missing - 1) + " more of the " +
                                                 std::to_string(reference.size()) + " NSynth variables";
        msg += "; it holds " + std::to_string(holds.size()) + " tensors" +
               (holds.empty() ? std::string() : " (" + joinLimited(holds, 5) + ")");
        throw Error(msg);
    }

    // 2. The architecture, from the shapes, must be a known one.
    const ModelConfig inferred = inferShapes(ckpt);
    NSynthImportPlan plan;
    plan.weights = weights;
    bool matched = false;
    for (const auto& name : ModelConfig::presetNames()) {
        ModelConfig p = ModelConfig::preset(name);
        if (sameShapes(p, inferred)) {
            plan.config = p;
            plan.config.pitch = inferred.pitch;
            plan.preset = name;
            matched = true;
            break;
        }
    }
    if (!matched)
        throw Error(prefix + ": its shapes describe an NSynth model of no known size (" + describeShapes(inferred) +
                    "; " + kReferencePreset + " has " + describeShapes(ModelConfig::preset(kReferencePreset)) +
                    "); a checkpoint does not record the dilation cycle, so only the known presets can be imported");

    // 3. Every variable present, float, and of the right shape; all problems in one message.
    const auto specs = modelTensorSpecs(plan.config);
    if (ema) {
        const bool anyShadow = std::any_of(specs.begin(), specs.end(),
                                           [&](const TensorSpec& s) { return ckpt.find(s.name + kEmaSuffix); });
        if (!anyShadow)
            throw Error(prefix + ": has no ExponentialMovingAverage shadows of the NSynth variables "
                                 "(it holds the raw values only); use --weights raw");
    }
    std::vector<std::string> problems, missing;
    for (const auto& spec : specs) {
        const std::string name = stored(spec.name);
        const TfTensorEntry* e = ckpt.find(name);
        if (!e) {
            missing.push_back(name);
        } else if (e->shape != spec.shape) {
            problems.push_back("tensor " + name + " has shape " + shapeToString(e->shape) + ", expected " +
                               shapeToString(spec.shape));
        } else if (!e->isFloat()) {
            problems.push_back("tensor " + name + " is " + e->dtypeName() + ", expected a floating-point type");
        } else if (e->partitioned) {
            problems.push_back("tensor " + name + " is a partitioned variable (not supported)");
        } else {
            plan.items.push_back({spec.name, e});
            plan.keptBytes += e->elements() * int64_t(sizeof(float));
        }
    }
    if (!problems.empty() || !missing.empty()) {
        std::string msg = prefix + ": ";
        if (!problems.empty())
            msg += joinLimited(problems, 8);
        if (!missing.empty())
            msg += std::string(problems.empty() ? "" : "; ") + "missing " + joinLimited(missing, 12);
        throw Error(msg);
    }
    std::sort(plan.items.begin(), plan.items.end(),
              [](const NSynthImportPlan::Item& a, const NSynthImportPlan::Item& b) { return a.modelName < b.modelName; });

    // 4. What else is there.
    const auto variables = variableNames(plan.config);
    plan.hasEma = std::all_of(specs.begin(), specs.end(),
                              [&](const TensorSpec& s) { return ckpt.find(s.name + kEmaSuffix) != nullptr; });
    for (const auto& e : ckpt.entries())
        if (roleOf(e.name, variables) == CheckpointTensorRole::OptimizerSlot)
            plan.hasOptimizerSlots = true;
    if (const TfTensorEntry* step = ckpt.find("global_step"); step && step->isInteger() && step->elements() == 1) {
        try {
            plan.globalStep = ckpt.readInts(*step)[0];
        } catch (const Error&) {
            // Only metadata: a damaged step counter does not stop the weights from loading.
        }
    }
    plan.ignoredTensors = int(ckpt.entries().size() - plan.items.size());

    const std::string weightsName = checkpointWeightsName(weights);
    plan.metadata["nsynth.source"] = "TensorFlow checkpoint " + fs::path(prefix).filename().string() + " (" +
                                     weightsName + " weights" +
                                     (plan.globalStep ? ", global step " + std::to_string(*plan.globalStep) : "") +
                                     "), converted by nsynth-workbench";
    plan.metadata["nsynth.checkpoint.weights"] = weightsName;
    if (plan.globalStep)
        plan.metadata["nsynth.checkpoint.global_step"] = std::to_string(*plan.globalStep);
    return plan;
}

TfCheckpointSummary summarizeTfCheckpoint(const TfCheckpoint& ckpt)
{
    TfCheckpointSummary s;
    try {
        s.plan = planNSynthImport(ckpt, CheckpointWeights::Raw);
    } catch (const Error& raw) {
        // An export holding only the EMA shadows is still an NSynth checkpoint.
        try {
            s.plan = planNSynthImport(ckpt, CheckpointWeights::Ema);
        } catch (const Error&) {
            s.description = reasonOf(raw, ckpt.prefix());
        }
    }
    const ModelConfig config = s.plan ? s.plan->config : ModelConfig::preset(kReferencePreset);
    const auto variables = variableNames(config);
    for (const auto& e : ckpt.entries())
        s.roles.push_back(roleOf(e.name, variables));
    if (s.plan) {
        const auto& p = *s.plan;
        s.isNSynth = true;
        s.description = "NSynth WaveNet autoencoder, preset " + p.preset +
                        (p.config.pitch.enabled ? " (pitch-conditioned)" : "") + ": " +
                        std::to_string(p.items.size()) + " variables (" +
                        (p.weights == CheckpointWeights::Ema ? "EMA shadows only; use --weights ema"
                                                             : std::string("raw values") +
                                                                   (p.hasEma ? ", EMA shadows" : "")) +
                        (p.hasOptimizerSlots ? ", optimizer slots" : "") + ")" +
                        (p.globalStep ? ", global step " + std::to_string(*p.globalStep) : "");
    }
    return s;
}

Model importNSynthCheckpoint(const TfCheckpoint& ckpt, const NSynthImportPlan& plan, const ImportProgress& progress,
                             const std::atomic<bool>* cancel)
{
    Model model;
    model.config = plan.config;
    model.metadata = plan.metadata;
    int64_t done = 0;
    for (const auto& item : plan.items) {
        checkCancel(cancel);
        Tensor t(item.entry->shape);
        ckpt.readFloats(*item.entry, t.data.data());
        checkFinite(ckpt, *item.entry, t.data.data(), t.data.size());
        model.weights.set(item.modelName, std::move(t));
        done += item.entry->elements() * int64_t(sizeof(float));
        if (progress)
            progress(done, plan.keptBytes);
    }
    return model;
}

Model importNSynthCheckpoint(const TfCheckpoint& ckpt, CheckpointWeights weights)
{
    return importNSynthCheckpoint(ckpt, planNSynthImport(ckpt, weights));
}

void convertNSynthCheckpoint(const TfCheckpoint& ckpt, const NSynthImportPlan& plan, const std::string& outputPath,
                             const ImportProgress& progress, const std::atomic<bool>* cancel)
{
    // Inputs are never modified: refuse to write over one of the checkpoint's own files.
    std::vector<std::string> inputs = ckpt.dataFiles();
    inputs.push_back(ckpt.paths().index);
    if (!ckpt.paths().meta.empty())
        inputs.push_back(ckpt.paths().meta);
    for (const auto& in : inputs) {
        std::error_code ec;
        if (fs::equivalent(in, outputPath, ec))
            throw Error(outputPath + ": is a file of the checkpoint being converted; choose another output name");
    }

    // The same header saveModel/writeSafetensors writes: metadata first, then the tensors in
    // name order, float32, contiguous; JSON padded with spaces to a multiple of 8 bytes.
    std::map<std::string, std::string> metadata = plan.metadata;
    metadata["nsynth.config"] = plan.config.toJson();
    nlohmann::ordered_json header;
    nlohmann::ordered_json meta = nlohmann::ordered_json::object();
    for (const auto& [k, v] : metadata)
        meta[k] = v;
    header["__metadata__"] = meta;
    uint64_t offset = 0;
    size_t largest = 0;
    for (const auto& item : plan.items) {
        const uint64_t bytes = uint64_t(item.entry->elements()) * sizeof(float);
        header[item.modelName] = {{"dtype", "F32"},
                                  {"shape", item.entry->shape},
                                  {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        largest = std::max(largest, size_t(item.entry->elements()));
    }
    std::string text = header.dump();
    while ((text.size() % 8) != 0)
        text.push_back(' ');
    unsigned char lengthBytes[8];
    for (int i = 0; i < 8; ++i)
        lengthBytes[i] = static_cast<unsigned char>((uint64_t(text.size()) >> (8 * i)) & 0xffu);

    AtomicFile out(outputPath);
    out.write(lengthBytes, 8);
    out.write(text.data(), text.size());
    std::vector<float> buffer(largest);  // one tensor at a time (6 MB for h512_bo16)
    int64_t done = 0;
    for (const auto& item : plan.items) {
        checkCancel(cancel);
        const size_t n = size_t(item.entry->elements());
        ckpt.readFloats(*item.entry, buffer.data());
        checkFinite(ckpt, *item.entry, buffer.data(), n);
        out.write(buffer.data(), n * sizeof(float));
        done += int64_t(n * sizeof(float));
        if (progress)
            progress(done, plan.keptBytes);
    }
    out.commit();
}

} // namespace nsynth
