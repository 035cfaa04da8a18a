// Exporting a bank set: a real grid job folder (planned with the tiny model and synthetic corner
// notes) whose raw notes are filled with synthetic audio instead of being decoded, then
//   1. `grid export --target ons`: read raw notes, ONS post-processing, banks + sha256, manifest;
//   2. the same without sha256;
//   3. the bank writer alone, from notes held in memory (the I/O ceiling).
// Reports MB/s of bank output for each. Files go to a temporary folder (--dir to choose one; it
// needs about (raw 256 KB + banks) per note, 1.3 GB for the default 2 per corner x 4 pitches).
// The page cache is not dropped: the raw notes were just written, so step 1 reads them from
// memory on most machines.
//
// Usage: bench_grid_export [--per-corner N] [--pitches P] [--dir FOLDER] [--keep]

#include "audio_file.h"
#include "error.h"
#include "grid_export.h"
#include "grid_job.h"
#include "model_file.h"
#include "ons_bank.h"
#include "ons_raw_notes.h"
#include "random.h"

#include <QDir>
#include <QTemporaryDir>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

using namespace nsynth;
using namespace nsynth::app;

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A decaying tone with a little noise, like a generated note (float, full scale 1).
std::vector<float> syntheticNote(uint64_t seed, double f0)
{
    SplitMix64 rng(seed);
    std::vector<float> x(64000);
    for (size_t i = 0; i < x.size(); ++i) {
        const double t = double(i) / 16000.0;
        x[i] = float(0.5 * std::exp(-t) * std::sin(2 * M_PI * f0 * t) + 0.01 * (rng.uniform01() - 0.5));
    }
    return x;
}

} // namespace

int main(int argc, char** argv)
{
    int perCorner = 2, pitchCount = 4;
    QString dirArg;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--per-corner") && i + 1 < argc)
            perCorner = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--pitches") && i + 1 < argc)
            pitchCount = std::clamp(std::atoi(argv[++i]), 1, 16);
        else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc)
            dirArg = QString::fromLocal8Bit(argv[++i]);
        else if (!std::strcmp(argv[i], "--keep"))
            keep = true;
        else {
            std::fprintf(stderr, "usage: bench_grid_export [--per-corner N] [--pitches P] [--dir FOLDER] [--keep]\n");
            return 2;
        }
    }
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + "/bench_grid_export-XXXXXX" : dirArg + "/bench_grid_export-XXXXXX");
    tmp.setAutoRemove(!keep);
    if (!tmp.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 1;
    }
    const QString root = tmp.path();
    try {
        // Corner notes and a tiny model; the plan encodes the corners (seconds).
        GridSettings settings;
        for (int k = 0; k < 4; ++k)
            for (int i = 0; i < perCorner; ++i)
                settings.corners[size_t(k)].append({QString("inst%1x%2").arg(k).arg(i), {}, {}});
        for (int j = 0; j < pitchCount; ++j)
            settings.pitches.push_back(24 + 4 * j);
        settings.resolution = 9;
        settings.notes = {root + "/notes"};
        settings.model = root + "/tiny.safetensors";
        QDir().mkpath(root + "/notes");
        saveModel(settings.model.toStdString(), initModel(ModelConfig::preset("tiny"), 1));
        for (int k = 0; k < 4; ++k)
            for (int i = 0; i < perCorner; ++i)
                for (int p : settings.pitches) {
                    const auto x = syntheticNote(uint64_t(k * 100 + i * 10 + p), 440.0 * std::pow(2.0, (p - 69) / 12.0));
                    audio::writeAudio(QString("%1/notes/inst%2x%3_%4.wav").arg(root).arg(k).arg(i).arg(p).toStdString(),
                                      x.data(), 64000, 16000);
                }
        GridPlanRequest request;
        request.settings = settings;
        request.folder = root + "/job";
        request.measure = false;
        request.loadModel = [](const QString& path, const QString&) { return loadModel(path.toStdString()); };
        planGridJob(request);
        const GridJob job = GridJob::open(root + "/job");
        const auto& plan = job.plan();

        // Raw notes as a finished run would leave them.
        auto t0 = std::chrono::steady_clock::now();
        for (size_t n = 0; n < plan.notes.size(); ++n) {
            const auto x = syntheticNote(n, 110.0 + double(n % 500));
            audio::writeRawNote(job.rawPath(int64_t(n)).toStdString(), x.data(), 64000, 16000);
        }
        const double rawSeconds = secondsSince(t0);
        const double rawMb = double(plan.notes.size()) * double(audio::rawNoteBytes(64000)) / 1e6;
        std::printf("job: %zu combinations, %zu unique notes, %lld bank rows; raw notes %.0f MB written in %.1f s "
                    "(%.0f MB/s, fsync per note)\n",
                    plan.combinations.size(), plan.notes.size(), (long long)plan.naiveNotes(), rawMb, rawSeconds,
                    rawMb / rawSeconds);

        GridExportOptions options;
        options.output = root + "/export";
        options.post = job.settings().post;
        const GridExportResult withHash = exportGrid(job, options);
        std::printf("export ons (post-processing + banks + sha256): %.1f MB in %.2f s = %.0f MB/s (%lld notes processed)\n",
                    double(withHash.bytes) / 1e6, withHash.seconds, double(withHash.bytes) / 1e6 / withHash.seconds,
                    (long long)withHash.notesProcessed);
        options.hash = false;
        options.output = root + "/export2";
        const GridExportResult noHash = exportGrid(job, options);
        std::printf("export ons without sha256:                      %.1f MB in %.2f s = %.0f MB/s\n",
                    double(noHash.bytes) / 1e6, noHash.seconds, double(noHash.bytes) / 1e6 / noHash.seconds);
        QDir(root + "/export2").removeRecursively();

        // The writer alone: the same banks from final notes already in memory.
        std::vector<std::vector<int16_t>> finals(plan.notes.size());
        for (size_t n = 0; n < plan.notes.size(); ++n) {
            const auto x = syntheticNote(n, 110.0 + double(n % 500));
            finals[n] = audio::onsPostProcess(x.data(), 64000, options.post);
        }
        QDir().mkpath(root + "/export3");
        const audio::OnsBankLayout layout{9, pitchCount, 60000};
        t0 = std::chrono::steady_clock::now();
        for (int c = 0; c < int(plan.combinations.size()); ++c)
            audio::writeOnsBank((root + "/export3/" + QString::fromStdString(plan.combinationName(c)) + ".bin").toStdString(),
                                layout, [&](int cell, int j) { return finals[size_t(plan.noteAt(c, cell, j))].data(); });
        const double writeSeconds = secondsSince(t0);
        const double bankMb = double(layout.bytes()) * double(plan.combinations.size()) / 1e6;
        std::printf("bank writer alone (notes in memory):            %.1f MB in %.2f s = %.0f MB/s\n", bankMb,
                    writeSeconds, bankMb / writeSeconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_grid_export: %s\n", e.what());
        return 1;
    }
    if (keep)
        std::printf("kept %s\n", qPrintable(root));
    return 0;
}
