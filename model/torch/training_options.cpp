#include "training_options.h"

#include "config.h"
#include "error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace nsynth {

LearningRateSchedule magentaLearningRateSchedule()
{
    return {{0, 2e-4},       {90000, 1.333e-4}, {120000, 6e-5}, {150000, 4e-5},
            {180000, 2e-5},  {210000, 6e-6},    {240000, 2e-6}};
}

LearningRateSchedule parseLearningRateSchedule(const std::string& text)
{
    auto bad = [&](const std::string& why) -> Error {
        return Error("--lr-schedule \"" + text + "\": " + why +
                     " (expected a rate, or step:rate pairs such as 0:2e-4,90000:1.333e-4)");
    };
    auto parseRate = [&](const std::string& s) {
        size_t used = 0;
        double v = 0;
        try {
            v = std::stod(s, &used);
        } catch (const std::exception&) {
            throw bad("\"" + s + "\" is not a number");
        }
        if (used != s.size() || !std::isfinite(v) || v <= 0 || v > 1)
            throw bad("\"" + s + "\" is not a learning rate in (0, 1]");
        return v;
    };
    if (text.empty())
        throw bad("empty");
    LearningRateSchedule schedule;
    if (text.find(':') == std::string::npos) {
        schedule.push_back({0, parseRate(text)});
        return schedule;
    }
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto colon = item.find(':');
        if (colon == std::string::npos)
            throw bad("\"" + item + "\" has no step");
        const std::string stepText = item.substr(0, colon);
        size_t used = 0;
        long long step = -1;
        try {
            step = std::stoll(stepText, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != stepText.size() || stepText.empty() || step < 0)
            throw bad("\"" + stepText + "\" is not a step number");
        if (!schedule.empty() && step <= schedule.back().fromStep)
            throw bad("steps must increase");
        schedule.push_back({step, parseRate(item.substr(colon + 1))});
    }
    if (schedule.empty() || schedule.front().fromStep != 0)
        throw bad("the first entry must be at step 0");
    return schedule;
}

std::string formatLearningRateSchedule(const LearningRateSchedule& schedule)
{
    std::string s;
    for (const auto& e : schedule) {
        // The shortest decimal that reads back as the same double (a resumed run re-reads it).
        char rate[40];
        for (int precision = 6; precision <= 17; ++precision) {
            std::snprintf(rate, sizeof rate, "%.*g", precision, e.rate);
            if (std::strtod(rate, nullptr) == e.rate)
                break;
        }
        if (!s.empty())
            s += ',';
        s += std::to_string(e.fromStep);
        s += ':';
        s += rate;
    }
    return s;
}

double learningRateAt(const LearningRateSchedule& schedule, int64_t step)
{
    double rate = schedule.empty() ? 0.0 : schedule.front().rate;
    for (const auto& e : schedule)
        if (step >= e.fromStep)
            rate = e.rate;
    return rate;
}

int64_t TrainingOptions::cropLength(const ModelConfig& config) const
{
    const int64_t hop = config.hopLength;
    if (cropSamples > 0) {
        if (cropSamples % hop != 0)
            throw Error("--crop-samples " + std::to_string(cropSamples) + " is not a multiple of the hop (" +
                        std::to_string(hop) + ")");
        return cropSamples;
    }
    const int64_t wanted = config.decoderReceptiveField() + cropMargin;
    return (wanted + hop - 1) / hop * hop;
}

void TrainingOptions::validate() const
{
    auto require = [](bool ok, const std::string& what) {
        if (!ok)
            throw Error(what);
    };
    require(steps > 0, "--steps must be positive");
    require(batchSize > 0 && batchSize <= 4096, "--batch-size must be 1..4096");
    require(cropMargin >= 0, "--crop-margin must not be negative");
    require(cropSamples >= 0, "--crop-samples must not be negative");
    require(!schedule.empty() && schedule.front().fromStep == 0, "--lr-schedule must start at step 0");
    require(beta1 >= 0 && beta1 < 1, "--adam-beta1 must be in [0, 1)");
    require(beta2 >= 0 && beta2 < 1, "--adam-beta2 must be in [0, 1)");
    require(epsilon > 0, "--adam-epsilon must be positive");
    require(emaDecay >= 0 && emaDecay < 1, "--ema-decay must be in [0, 1)");
    require(validationCropsPerNote >= 1 && validationCropsPerNote <= 1000, "--validation-crops must be 1..1000");
    require(!device.empty(), "--device must not be empty");
}

std::string TrainingOptions::toJson() const
{
    nlohmann::ordered_json j;
    j["seed"] = std::to_string(seed);  // as a string: JSON readers may round 64-bit integers
    j["steps"] = steps;
    j["batch_size"] = batchSize;
    j["crop_margin"] = cropMargin;
    j["crop_samples"] = cropSamples;
    j["lr_schedule"] = formatLearningRateSchedule(schedule);
    j["adam"] = {{"beta1", beta1}, {"beta2", beta2}, {"epsilon", epsilon}};
    j["ema_decay"] = emaDecay;
    j["validation_crops_per_note"] = validationCropsPerNote;
    j["device"] = device;
    return j.dump();
}

TrainingOptions TrainingOptions::fromJson(const std::string& text)
{
    TrainingOptions o;
    try {
        const auto j = nlohmann::json::parse(text);
        o.seed = std::stoull(j.at("seed").get<std::string>());
        o.steps = j.at("steps").get<int64_t>();
        o.batchSize = j.at("batch_size").get<int>();
        o.cropMargin = j.at("crop_margin").get<int64_t>();
        o.cropSamples = j.at("crop_samples").get<int64_t>();
        o.schedule = parseLearningRateSchedule(j.at("lr_schedule").get<std::string>());
        o.beta1 = j.at("adam").at("beta1").get<double>();
        o.beta2 = j.at("adam").at("beta2").get<double>();
        o.epsilon = j.at("adam").at("epsilon").get<double>();
        o.emaDecay = j.at("ema_decay").get<double>();
        o.validationCropsPerNote = j.at("validation_crops_per_note").get<int>();
        o.device = j.at("device").get<std::string>();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(std::string("training options: not valid (") + e.what() + ")");
    }
    o.validate();
    return o;
}

} // namespace nsynth
