// Encoder speed as a multiple of real time: full 4-second notes (64000 samples at 16 kHz)
// through the fast encoder, for each thread count and number of notes encoded together.
//
// Usage: bench_encoder [--preset NAME] [--notes 1,4] [--threads 1,2] [--rounds N]

#include "bench_support.h"
#include "config.h"
#include "fast_encoder.h"
#include "gemm.h"
#include "model_file.h"
#include "random.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace nsynth;

int main(int argc, char** argv)
{
    std::string preset = "magenta-h512-bo16";
    std::vector<int> notesList = {1, 4}, threads = {1, 2};
    int rounds = 3;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--preset")
            preset = next();
        else if (a == "--notes")
            notesList = bench::parseIntList(next());
        else if (a == "--threads")
            threads = bench::parseIntList(next());
        else if (a == "--rounds")
            rounds = std::atoi(next());
        else {
            std::fprintf(stderr, "usage: bench_encoder [--preset NAME] [--notes 1,4] [--threads 1,2] [--rounds N]\n");
            return 2;
        }
    }
    const ModelConfig config = ModelConfig::preset(preset);
    const Model model = initModel(config, 1);
    const int64_t samples = 64000;
    const double gflopPerNote = 2.0 * double(config.encoderMacsPerSample()) * double(samples) / 1e9;
    std::printf("encoder benchmark: %s, 4 s notes (%.0f direct-convolution GFLOP each), GEMM: %s\n", preset.c_str(),
                gflopPerNote, gemmBackendName().c_str());
    std::printf("%7s %5s %12s %14s\n", "threads", "notes", "x real time", "equiv GFLOP/s");
    FastEncoder encoder(model);
    for (int t : threads) {
        setComputeThreads(t);
        for (int n : notesList) {
            std::vector<std::vector<float>> audio(static_cast<size_t>(n), std::vector<float>(static_cast<size_t>(samples)));
            SplitMix64 rng(3);
            for (auto& a : audio)
                for (float& v : a)
                    v = rng.uniform(-0.5f, 0.5f);
            std::vector<const float*> ptrs;
            for (auto& a : audio)
                ptrs.push_back(a.data());
            encoder.encode(ptrs, samples);  // warm-up
            double best = 1e30;
            for (int r = 0; r < rounds; ++r) {
                const auto t0 = std::chrono::steady_clock::now();
                encoder.encode(ptrs, samples);
                best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            }
            const double audioSeconds = double(n) * double(samples) / config.sampleRate;
            std::printf("%7d %5d %12.2f %14.1f\n", t, n, audioSeconds / best, gflopPerNote * n / best);
            std::fflush(stdout);
        }
    }
    return 0;
}
