#include "trainer.h"

#include "error.h"
#include "random.h"
#include "safetensors.h"
#include "tensor_layout.h"
#include "torch_module.h"

#include <nlohmann/json.hpp>
#include <torch/cuda.h>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace nsynth {
namespace {

constexpr const char* kCheckpointFormat = "nsynth-training-checkpoint";
constexpr const char* kEmaSuffix = "/ExponentialMovingAverage";
constexpr const char* kAdamMSuffix = "/Adam";
constexpr const char* kAdamVSuffix = "/Adam_1";

// Stream keys of the two kinds of training randomness (see the header).
constexpr uint64_t kOrderStream = 0x6f72646572ull;  // "order"
constexpr uint64_t kCropStream = 0x63726f70ull;     // "crop"

std::string hex64(uint64_t v)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)v);
    return buf;
}

torch::Tensor toTensor(const Tensor& t, const torch::Device& device)
{
    return torch::from_blob(const_cast<float*>(t.data.data()), t.shape, torch::kFloat32).to(device, torch::kFloat32,
                                                                                            false, true);
}

Tensor fromTensor(const torch::Tensor& t, const Shape& shape)
{
    auto cpu = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return Tensor(shape, std::vector<float>(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel()));
}

// The options that must match for a checkpoint to continue a run: all but the step count
// (a run may be extended) and the device (moving a run is allowed; bitwise equality then is not
// promised).
std::string comparableOptions(TrainingOptions o)
{
    o.steps = 1;
    o.device = "cpu";
    return o.toJson();
}

} // namespace

bool trainingDeviceAvailable(const std::string& device, std::string* why)
{
    try {
        const torch::Device d(device);
        if (d.is_cpu())
            return true;
        if (d.is_cuda()) {
            if (!torch::cuda::is_available()) {
                if (why)
                    *why = "this LibTorch has no CUDA support or no GPU is visible";
                return false;
            }
            if (d.has_index() && d.index() >= int(torch::cuda::device_count())) {
                if (why)
                    *why = "only " + std::to_string(torch::cuda::device_count()) + " CUDA device(s) are visible";
                return false;
            }
            return true;
        }
        if (why)
            *why = "only cpu and cuda[:n] are supported";
        return false;
    } catch (const std::exception&) {
        if (why)
            *why = "not a device name (use cpu, cuda or cuda:N)";
        return false;
    }
}

struct Trainer::Impl {
    ModelConfig config;
    TrainingOptions options;
    torch::Device device{torch::kCPU};
    std::vector<TrainingNote> train, valid;
    int64_t crop = 0;
    uint64_t trainFp = 0, validFp = 0;
    std::unique_ptr<NSynthModule> module;
    std::vector<TensorSpec> specs;
    std::vector<torch::Tensor> params, adamM, adamV, ema;  // in specs order
    int64_t step = 0;
    // The permutation of the epoch most recently asked for.
    mutable int64_t cachedEpoch = -1;
    mutable std::vector<size_t> permutation;

    const std::vector<size_t>& epochOrder(int64_t epoch) const
    {
        if (epoch != cachedEpoch) {
            permutation.resize(train.size());
            for (size_t i = 0; i < permutation.size(); ++i)
                permutation[i] = i;
            SplitMix64 rng(mix64(mix64(options.seed ^ kOrderStream) + uint64_t(epoch)));
            for (size_t i = permutation.size(); i > 1; --i)
                std::swap(permutation[i - 1], permutation[size_t(rng.below(i))]);
            cachedEpoch = epoch;
        }
        return permutation;
    }

    // [B, crop] classes of the given crops as inputs (q/128, float32), labels (int64) and
    // pitches (int64, or undefined for unconditioned models), all on the device.
    struct Batch {
        torch::Tensor inputs, labels, pitches;
    };
    Batch makeBatch(const std::vector<TrainingNote>& notes, const std::vector<Crop>& crops) const
    {
        const int64_t B = int64_t(crops.size());
        auto classes = torch::empty({B, crop}, torch::kUInt8);
        auto pitches = torch::empty({B}, torch::kInt64);
        for (int64_t b = 0; b < B; ++b) {
            const auto& note = notes[crops[size_t(b)].note];
            std::memcpy(classes[b].data_ptr<uint8_t>(), note.classes.data() + crops[size_t(b)].offset, size_t(crop));
            pitches[b] = int64_t(note.pitch);
        }
        classes = classes.to(device);
        Batch batch;
        batch.labels = classes.to(torch::kInt64);
        batch.inputs = (classes.to(torch::kFloat32) - 128.0f) / 128.0f;  // exact in float32
        if (config.pitch.enabled)
            batch.pitches = pitches.to(device);
        return batch;
    }

    torch::Tensor loss(const Batch& batch) const
    {
        const auto encoding = module->encode(batch.inputs);
        const auto logits = module->decode(batch.inputs, encoding, batch.pitches);
        return torch::nn::functional::cross_entropy(logits.reshape({-1, config.quantizationChannels}),
                                                    batch.labels.reshape({-1}));
    }

    std::vector<Crop> validationCrops() const
    {
        std::vector<Crop> crops;
        const int k = options.validationCropsPerNote;
        for (size_t n = 0; n < valid.size(); ++n) {
            const int64_t span = valid[n].samples() - crop;
            for (int i = 0; i < k; ++i)
                crops.push_back({n, k == 1 ? span / 2 : (span * i + (k - 1) / 2) / (k - 1)});
        }
        return crops;
    }

    void checkNotes(const std::vector<TrainingNote>& notes, const char* which) const
    {
        for (const auto& n : notes) {
            if (n.samples() < crop)
                throw Error(n.origin + ": " + std::to_string(n.samples()) + " samples, shorter than one training crop (" +
                            std::to_string(crop) + " samples); " + which + " notes must be at least that long");
            if (config.pitch.enabled && (n.pitch < 0 || n.pitch >= config.pitch.numPitches))
                throw Error(n.origin + ": " +
                            (n.pitch < 0 ? std::string("has no pitch")
                                         : "pitch " + std::to_string(n.pitch) + " is outside the model's " +
                                               std::to_string(config.pitch.numPitches) + " pitches") +
                            "; a pitch-conditioned model needs one for every note");
        }
    }
};

Trainer::Trainer(const Model& initial, const TrainingOptions& options, std::vector<TrainingNote> train,
                 std::vector<TrainingNote> valid)
    : m_impl(std::make_unique<Impl>())
{
    auto& s = *m_impl;
    options.validate();
    initial.config.validate();
    std::string why;
    if (!trainingDeviceAvailable(options.device, &why))
        throw Error("--device " + options.device + ": " + why);
    if (train.empty())
        throw Error("no training notes (check the data paths and filters)");
    s.config = initial.config;
    s.options = options;
    s.device = torch::Device(options.device);
    s.crop = options.cropLength(s.config);
    s.train = std::move(train);
    s.valid = std::move(valid);
    s.checkNotes(s.train, "training");
    s.checkNotes(s.valid, "held-out");
    s.trainFp = dataFingerprint(s.train);
    s.validFp = dataFingerprint(s.valid);
    s.module = std::make_unique<NSynthModule>(s.config, initial.weights, torch::kFloat32, s.device);
    s.specs = modelTensorSpecs(s.config);
    for (const auto& spec : s.specs) {
        auto& p = s.module->parameters().at(spec.name);
        p.requires_grad_(true);
        s.params.push_back(p);
        s.adamM.push_back(torch::zeros_like(p).detach());
        s.adamV.push_back(torch::zeros_like(p).detach());
        s.ema.push_back(p.detach().clone());
    }
}

Trainer::~Trainer() = default;

const ModelConfig& Trainer::config() const { return m_impl->config; }
const TrainingOptions& Trainer::options() const { return m_impl->options; }
int64_t Trainer::step() const { return m_impl->step; }
int64_t Trainer::cropSamples() const { return m_impl->crop; }
size_t Trainer::trainNotes() const { return m_impl->train.size(); }
size_t Trainer::validNotes() const { return m_impl->valid.size(); }
uint64_t Trainer::trainFingerprint() const { return m_impl->trainFp; }
uint64_t Trainer::validFingerprint() const { return m_impl->validFp; }
double Trainer::learningRate() const { return learningRateAt(m_impl->options.schedule, m_impl->step); }

std::vector<Trainer::Crop> Trainer::batchPlan(int64_t step) const
{
    const auto& s = *m_impl;
    const int64_t B = s.options.batchSize, N = int64_t(s.train.size());
    const uint64_t cropKey = mix64(s.options.seed ^ kCropStream);
    std::vector<Crop> plan(static_cast<size_t>(B));
    for (int64_t j = 0; j < B; ++j) {
        const int64_t global = step * B + j;
        const size_t note = s.epochOrder(global / N)[size_t(global % N)];
        // Offset uniform in [0, samples - crop]: a 32-bit Philox draw scaled by the range
        // (bias below 2^-16 for notes up to 4096 s).
        const uint64_t range = uint64_t(s.train[note].samples() - s.crop + 1);
        const Philox4x32 r(cropKey, uint64_t(global));
        plan[size_t(j)] = {note, int64_t((uint64_t(r.out[0]) * range) >> 32)};
    }
    return plan;
}

double Trainer::trainStep()
{
    auto& s = *m_impl;
    const auto batch = s.makeBatch(s.train, batchPlan(s.step));
    for (auto& p : s.params)
        p.mutable_grad() = torch::Tensor();
    auto loss = s.loss(batch);
    const double value = loss.item<double>();
    if (!std::isfinite(value))
        throw Error("training diverged at step " + std::to_string(s.step + 1) + " (loss " + std::to_string(value) +
                    "); lower the learning rate (--lr-schedule) or resume from an earlier checkpoint");
    loss.backward();

    torch::NoGradGuard noGrad;
    const double t = double(s.step + 1);
    const double b1 = s.options.beta1, b2 = s.options.beta2;
    const double lr = learningRateAt(s.options.schedule, s.step);
    const double lrT = lr * std::sqrt(1.0 - std::pow(b2, t)) / (1.0 - std::pow(b1, t));
    const double decay = std::min(s.options.emaDecay, (1.0 + t) / (10.0 + t));
    for (size_t i = 0; i < s.params.size(); ++i) {
        auto& p = s.params[i];
        const auto& g = p.grad();
        if (g.defined()) {
            s.adamM[i].mul_(b1).add_(g, 1.0 - b1);
            s.adamV[i].mul_(b2).addcmul_(g, g, 1.0 - b2);
            p.addcdiv_(s.adamM[i], s.adamV[i].sqrt().add_(s.options.epsilon), -lrT);
        }
        s.ema[i].sub_((s.ema[i] - p).mul_(1.0 - decay));
    }
    ++s.step;
    return value;
}

double Trainer::validationLoss(bool ema)
{
    auto& s = *m_impl;
    if (s.valid.empty())
        return std::nan("");
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> saved;
    if (ema)
        for (size_t i = 0; i < s.params.size(); ++i) {
            saved.push_back(s.params[i].detach().clone());
            s.params[i].copy_(s.ema[i]);
        }
    const auto crops = s.validationCrops();
    double total = 0;
    const size_t B = size_t(s.options.batchSize);
    for (size_t start = 0; start < crops.size(); start += B) {
        const std::vector<Crop> chunk(crops.begin() + long(start), crops.begin() + long(std::min(crops.size(), start + B)));
        total += s.loss(s.makeBatch(s.valid, chunk)).item<double>() * double(chunk.size());
    }
    for (size_t i = 0; i < saved.size(); ++i)
        s.params[i].copy_(saved[i]);
    return total / double(crops.size());
}

Model Trainer::currentModel(bool ema) const
{
    const auto& s = *m_impl;
    Model model;
    model.config = s.config;
    for (size_t i = 0; i < s.specs.size(); ++i)
        model.weights.set(s.specs[i].name, fromTensor(ema ? s.ema[i] : s.params[i], s.specs[i].shape));
    return model;
}

void Trainer::saveCheckpoint(const std::string& path, const std::map<std::string, std::string>& extra) const
{
    const auto& s = *m_impl;
    WeightStore store;
    for (size_t i = 0; i < s.specs.size(); ++i) {
        const auto& spec = s.specs[i];
        store.set(spec.name, fromTensor(s.params[i], spec.shape));
        store.set(spec.name + kEmaSuffix, fromTensor(s.ema[i], spec.shape));
        store.set(spec.name + kAdamMSuffix, fromTensor(s.adamM[i], spec.shape));
        store.set(spec.name + kAdamVSuffix, fromTensor(s.adamV[i], spec.shape));
    }
    auto metadata = extra;
    metadata["nsynth.config"] = s.config.toJson();
    nlohmann::ordered_json info;
    info["format"] = kCheckpointFormat;
    info["version"] = 1;
    info["step"] = s.step;
    info["options"] = nlohmann::json::parse(s.options.toJson());
    info["crop_samples"] = s.crop;
    info["train_notes"] = s.train.size();
    info["valid_notes"] = s.valid.size();
    info["train_fingerprint"] = hex64(s.trainFp);
    info["valid_fingerprint"] = hex64(s.validFp);
    metadata["nsynth.checkpoint"] = info.dump();
    writeSafetensors(path, store, metadata);
}

CheckpointInfo readCheckpointInfo(const std::string& path)
{
    std::map<std::string, std::string> metadata;
    readSafetensorsIndex(path, &metadata);
    const auto it = metadata.find("nsynth.checkpoint");
    if (it == metadata.end() || !metadata.count("nsynth.config"))
        throw Error(path + ": not a training checkpoint (no nsynth.checkpoint metadata; a model file is exported, "
                           "not resumed)");
    CheckpointInfo info;
    info.config = ModelConfig::fromJson(metadata.at("nsynth.config"));
    try {
        const auto j = nlohmann::json::parse(it->second);
        if (j.at("format").get<std::string>() != kCheckpointFormat || j.at("version").get<int>() != 1)
            throw Error(path + ": unsupported checkpoint format");
        info.step = j.at("step").get<int64_t>();
        info.options = TrainingOptions::fromJson(j.at("options").dump());
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(path + ": checkpoint metadata is not valid (" + e.what() + ")");
    }
    info.metadata = std::move(metadata);
    return info;
}

std::map<std::string, std::string> Trainer::loadCheckpoint(const std::string& path)
{
    auto& s = *m_impl;
    const CheckpointInfo info = readCheckpointInfo(path);
    if (!(info.config == s.config))
        throw Error(path + ": written for another model configuration (" + info.config.toJson() + ")");
    if (comparableOptions(info.options) != comparableOptions(s.options))
        throw Error(path + ": written with other training options (" + info.options.toJson() + ")");
    const auto j = nlohmann::json::parse(info.metadata.at("nsynth.checkpoint"));
    if (j.at("train_fingerprint").get<std::string>() != hex64(s.trainFp) ||
        j.at("valid_fingerprint").get<std::string>() != hex64(s.validFp))
        throw Error(path + ": written for other data (the notes, their order or their labels differ: " +
                    std::to_string(j.at("train_notes").get<int64_t>()) + " training and " +
                    std::to_string(j.at("valid_notes").get<int64_t>()) + " held-out notes then, " +
                    std::to_string(s.train.size()) + " and " + std::to_string(s.valid.size()) + " now)");
    const auto content = readSafetensors(path);
    torch::NoGradGuard noGrad;
    auto restore = [&](torch::Tensor& target, const std::string& name, const Shape& shape) {
        if (!content.tensors.contains(name))
            throw Error(path + ": tensor " + name + " is missing");
        const auto& t = content.tensors.at(name);
        if (t.shape != shape)
            throw Error(path + ": tensor " + name + " has shape " + shapeToString(t.shape) + ", expected " +
                        shapeToString(shape));
        target.copy_(toTensor(t, s.device));
    };
    for (size_t i = 0; i < s.specs.size(); ++i) {
        const auto& spec = s.specs[i];
        restore(s.params[i], spec.name, spec.shape);
        restore(s.ema[i], spec.name + kEmaSuffix, spec.shape);
        restore(s.adamM[i], spec.name + kAdamMSuffix, spec.shape);
        restore(s.adamV[i], spec.name + kAdamVSuffix, spec.shape);
    }
    s.step = info.step;
    return info.metadata;
}

Model modelFromCheckpoint(const std::string& path, bool ema)
{
    const CheckpointInfo info = readCheckpointInfo(path);
    const auto content = readSafetensors(path);
    Model model;
    model.config = info.config;
    for (const auto& spec : modelTensorSpecs(info.config)) {
        const std::string name = ema ? spec.name + kEmaSuffix : spec.name;
        if (!content.tensors.contains(name))
            throw Error(path + ": tensor " + name + " is missing");
        model.weights.set(spec.name, content.tensors.at(name));
    }
    validateWeights(model.config, model.weights, path);
    return model;
}

} // namespace nsynth
