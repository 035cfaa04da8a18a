// Decoder speed against the machine's GEMM rate, measured in the same run.
//
// For each (threads, batch) it times
//   - the fast decoder: FastDecoder::advance() one step at a time (generation);
//   - "oneDNN GEMM-only": exactly the GEMMs of one decoder step, same shapes, 30 distinct weight
//     sets like the model (the ~236 MB of fp32 weights do not fit in cache, so batch 1 is bound
//     by streaming them), through oneDNN's sgemm, and nothing else;
//   - "packed GEMM-only": the same GEMMs through the decoder's own packed kernel.
// decoder / oneDNN-GEMM-only is the share of the machine's library GEMM rate the decoder
// reaches (it can exceed 100%: the packed kernel beats oneDNN's sgemm on these shapes);
// decoder / packed-GEMM-only is what everything between the GEMMs costs.
// Measurements alternate between the three, three rounds, best of each kept.
//
// Usage: bench_decoder [--preset NAME] [--batches 1,8,64] [--threads 1,2] [--seconds S] [--json FILE]

#include "aligned_buffer.h"
#include "config.h"
#include "fast_decoder.h"
#include "gemm.h"
#include "model_file.h"
#include "packed_gemm.h"
#include "random.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using namespace nsynth;

namespace {

std::vector<int> parseList(const char* s)
{
    std::vector<int> out;
    for (const char* p = s; *p;) {
        out.push_back(std::atoi(p));
        while (*p && *p != ',')
            ++p;
        if (*p == ',')
            ++p;
    }
    return out;
}

// The GEMMs of one decoder step (fast_decoder.cpp): skip_start, per layer the dilated conv
// [B,3W]x[3W,2W] and res+skip [B,W]x[W,W+S] ([W,S] for the last), out1, logits.
struct GemmOnly {
    int B, W, S, Q, layers;
    struct Weights {
        std::vector<float> plain;  // [K][N]
        PackedMatrix packed;
        int64_t K = 0, N = 0;
    };
    Weights skipStart, out1, logits;
    std::vector<Weights> dil, resSkip;
    AlignedBuffer a, z, g, rs, l, s, o, lg;

    static Weights makeWeights(SplitMix64& rng, int64_t K, int64_t N)
    {
        Weights w;
        w.K = K;
        w.N = N;
        w.plain.resize(static_cast<size_t>(K * N));
        for (float& v : w.plain)
            v = rng.uniform(-0.05f, 0.05f);
        w.packed = PackedMatrix(w.plain.data(), K, N, N);
        return w;
    }

    GemmOnly(const ModelConfig& c, int batch)
        : B(batch), W(c.decoder.width), S(c.decoder.skipWidth), Q(c.quantizationChannels), layers(c.decoder.layers)
    {
        SplitMix64 rng(7);
        skipStart = makeWeights(rng, W, S);
        out1 = makeWeights(rng, S, S);
        logits = makeWeights(rng, S, Q);
        for (int i = 0; i < layers; ++i) {
            dil.push_back(makeWeights(rng, 3 * W, 2 * W));
            resSkip.push_back(makeWeights(rng, W, i + 1 == layers ? S : W + S));
        }
        auto fill = [&](AlignedBuffer& buf, size_t n) {
            buf.resize(n);
            for (size_t i = 0; i < n; ++i)
                buf[i] = rng.uniform(-1.0f, 1.0f);
        };
        fill(a, size_t(B) * 3 * W);
        fill(g, size_t(B) * W);
        fill(l, size_t(B) * W);
        fill(s, size_t(B) * S);
        fill(o, size_t(B) * S);
        z.resize(size_t(B) * 2 * W);
        rs.resize(size_t(B) * (W + S));
        lg.resize(size_t(B) * Q);
    }

    // C = A * weights (+ C when accumulate), through oneDNN or the packed kernel.
    void mul(bool packed, const float* A, const Weights& w, float* C, bool accumulate)
    {
        if (packed)
            gemmPacked(B, A, w.K, w.packed, C, w.N, accumulate);
        else
            sgemm(B, w.N, w.K, A, w.K, w.plain.data(), w.N, accumulate ? 1.0f : 0.0f, C, w.N);
    }

    void step(bool packed)
    {
        mul(packed, l.data(), skipStart, s.data(), true);
        for (int i = 0; i < layers; ++i) {
            mul(packed, a.data(), dil[size_t(i)], z.data(), false);
            mul(packed, g.data(), resSkip[size_t(i)], rs.data(), false);
        }
        mul(packed, s.data(), out1, o.data(), false);
        mul(packed, o.data(), logits, lg.data(), false);
    }
};

template <typename F>
double samplesPerSecond(F&& step, int batch, double seconds)
{
    for (int i = 0; i < 2; ++i)
        step();
    int64_t steps = 0;
    const auto t0 = std::chrono::steady_clock::now();
    double elapsed = 0;
    while (elapsed < seconds || steps < 5) {
        step();
        ++steps;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    return double(steps) * batch / elapsed;
}

} // namespace

int main(int argc, char** argv)
{
    std::string preset = "magenta-h512-bo16", jsonPath;
    std::vector<int> batches = {1, 8, 64}, threads = {1, 2};
    double seconds = 2.0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--preset")
            preset = next();
        else if (a == "--batches")
            batches = parseList(next());
        else if (a == "--threads")
            threads = parseList(next());
        else if (a == "--seconds")
            seconds = std::atof(next());
        else if (a == "--json")
            jsonPath = next();
        else {
            std::fprintf(stderr, "usage: bench_decoder [--preset NAME] [--batches 1,8,64] [--threads 1,2] "
                                 "[--seconds S] [--json FILE]\n");
            return 2;
        }
    }
    const ModelConfig config = ModelConfig::preset(preset);
    const Model model = initModel(config, 1);
    const double gflopPerSample = 2.0 * double(config.decoderMacsPerSample()) / 1e9;
    std::printf("decoder benchmark: %s (%.1f M MACs, %.1f MB fp32 weights per step), library GEMM: %s, "
                "packed kernel: %s, elementwise: %s\n",
                preset.c_str(), config.decoderMacsPerSample() / 1e6, config.decoderWeightBytesPerStep() / 1e6,
                gemmBackendName().c_str(), packedGemmKernelName(), vectorIsaName().c_str());
    std::printf("%7s %5s %14s %14s %14s %10s %10s %10s\n", "threads", "batch", "decoder", "oneDNN-GEMM", "packed-GEMM",
                "dec/oneDNN", "dec/packed", "dec GFLOP/s");
    std::printf("%7s %5s %14s %14s %14s\n", "", "", "samples/s", "only smp/s", "only smp/s");
    std::string json = "[";
    for (int t : threads) {
        setComputeThreads(t);
        for (int b : batches) {
            FastDecoder decoder(model, b, 1);
            decoder.reset(b);
            std::vector<float> frame(static_cast<size_t>(b) * 16, 0.1f), input(static_cast<size_t>(b), 0.0f),
                logits(static_cast<size_t>(b) * 256);
            decoder.setConditioning(frame.data());
            GemmOnly gemm(config, b);
            double best = 0, bestOneDnn = 0, bestPacked = 0;
            for (int round = 0; round < 3; ++round) {
                bestOneDnn = std::max(bestOneDnn, samplesPerSecond([&] { gemm.step(false); }, b, seconds / 3));
                bestPacked = std::max(bestPacked, samplesPerSecond([&] { gemm.step(true); }, b, seconds / 3));
                best = std::max(best, samplesPerSecond([&] { decoder.advance(input.data(), 1, logits.data()); }, b,
                                                       seconds / 3));
            }
            std::printf("%7d %5d %14.1f %14.1f %14.1f %9.1f%% %9.1f%% %10.1f\n", t, b, best, bestOneDnn, bestPacked,
                        100.0 * best / bestOneDnn, 100.0 * best / bestPacked, best * gflopPerSample);
            std::fflush(stdout);
            char entry[320];
            std::snprintf(entry, sizeof entry,
                          "%s{\"threads\":%d,\"batch\":%d,\"decoder_samples_per_s\":%.2f,"
                          "\"onednn_gemm_only_samples_per_s\":%.2f,\"packed_gemm_only_samples_per_s\":%.2f}",
                          json.size() > 1 ? "," : "", t, b, best, bestOneDnn, bestPacked);
            json += entry;
        }
    }
    json += "]\n";
    if (!jsonPath.empty())
        std::ofstream(jsonPath) << json;
    return 0;
}
