#include "model_source.h"

#include "atomic_file.h"
#include "error.h"
#include "tf_checkpoint.h"
#include "tf_content_hash.h"
#include "tf_nsynth_import.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace nsynth {
namespace {

// Bump when the conversion's output for the same checkpoint changes (metadata, layout).
constexpr const char* kCacheFormat = "nsynth-workbench checkpoint cache v1";

std::string cacheKey(const TfCheckpoint& ckpt, CheckpointWeights weights)
{
    Sha256 h;
    h.update(kCacheFormat);
    h.update("\nweights=" + checkpointWeightsName(weights) + "\nindex=");
    h.update(readFileBytes(ckpt.paths().index));
    for (const auto& shard : ckpt.dataFiles()) {
        std::error_code ec;
        const auto size = fs::file_size(shard, ec);
        h.update("\nshard bytes=" + std::to_string(ec ? 0 : size));
    }
    return h.hexDigest();
}

std::string secondsText(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", s);
    return buf;
}

} // namespace

std::string checkpointCacheFolder()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute())  // the XDG spec ignores relative values
        return (fs::path(xdg) / "nsynth-workbench" / "checkpoints").string();
    const char* home = std::getenv("HOME");
    if (home && *home)
        return (fs::path(home) / ".cache" / "nsynth-workbench" / "checkpoints").string();
    return {};
}

Model loadModelFromPath(const std::string& path, const ModelLoadOptions& options)
{
    if (!isTfCheckpointPath(path))
        return loadModel(path);

    const auto notice = [&](const std::string& text) {
        if (options.notice)
            options.notice(text);
    };
    const CheckpointWeights weights =
        options.weights == ModelLoadOptions::Weights::Ema ? CheckpointWeights::Ema : CheckpointWeights::Raw;
    const TfCheckpoint ckpt(path);
    const std::string what = "TensorFlow checkpoint " + ckpt.prefix() + " (" + checkpointWeightsName(weights) +
                             " weights)";

    const std::string folder = options.useCache ? checkpointCacheFolder() : std::string();
    std::string cached;
    if (!folder.empty()) {
        cached = (fs::path(folder) / (fs::path(ckpt.prefix()).filename().string() + "-" +
                                      checkpointWeightsName(weights) + "-" +
                                      cacheKey(ckpt, weights).substr(0, 32) + ".safetensors"))
                     .string();
        std::error_code ec;
        if (fs::is_regular_file(cached, ec)) {
            try {
                Model model = loadModel(cached);
                notice("using " + cached + ", the cached conversion of " + what);
                return model;
            } catch (const Error& e) {
                notice("the cached conversion " + cached + " does not load (" + e.what() + "); converting again");
            }
        }
    }

    const auto start = std::chrono::steady_clock::now();
    const NSynthImportPlan plan = planNSynthImport(ckpt, weights);
    Model model = importNSynthCheckpoint(ckpt, plan);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string converted = "converted " + what + ", preset " + plan.preset + ", in " + secondsText(seconds);
    if (cached.empty()) {
        notice(converted + " (in memory; not cached)");
        return model;
    }
    try {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec)
            throw Error(folder + ": cannot create: " + ec.message());
        saveModel(cached, model);
        notice(converted + "; cached as " + cached + " for later runs");
    } catch (const Error& e) {
        notice(converted + " (in memory; could not cache it: " + e.what() + ")");
    }
    return model;
}

} // namespace nsynth
