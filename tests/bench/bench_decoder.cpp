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
// With --precisions, the decoder is also timed with bf16 and int8 weights (the GEMM-only rates
// stay fp32: they are the machine's reference).
//
// Usage: bench_decoder [--preset NAME] [--batches 1,8,64] [--threads 1,2] [--precisions fp32,bf16,int8]
//                      [--seconds S] [--json FILE]

#include "aligned_buffer.h"
#include "bench_support.h"
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
#include <memory>
#include <string>
#include <vector>

using namespace nsynth;

namespace {

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

} // namespace

int main(int argc, char** argv)
{
    std::string preset = "magenta-h512-bo16", jsonPath;
    std::vector<int> batches = {1, 8, 64}, threads = {1, 2};
    std::vector<WeightPrecision> precisions = {WeightPrecision::F32};
    double seconds = 2.0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--preset")
            preset = next();
        else if (a == "--batches")
            batches = bench::parseIntList(next());
        else if (a == "--threads")
            threads = bench::parseIntList(next());
        else if (a == "--seconds")
            seconds = std::atof(next());
        else if (a == "--json")
            jsonPath = next();
        else if (a == "--precisions") {
            precisions.clear();
            for (const auto& name : bench::splitList(next()))
                precisions.push_back(parsePrecision(name));
        }
        else {
            std::fprintf(stderr, "usage: bench_decoder [--preset NAME] [--batches 1,8,64] [--threads 1,2] "
                                 "[--precisions fp32,bf16,int8] [--seconds S] [--json FILE]\n");
            return 2;
        }
    }
    const ModelConfig config = ModelConfig::preset(preset);
    const Model model = initModel(config, 1);
    std::printf("decoder benchmark: %s (%.1f M MACs, %.1f MB fp32 weights per step), library GEMM: %s, "
                "packed kernel: %s, elementwise: %s\n",
                preset.c_str(), config.decoderMacsPerSample() / 1e6, config.decoderWeightBytesPerStep() / 1e6,
                gemmBackendName().c_str(), packedGemmKernelName(), vectorIsaName().c_str());
    std::printf("%7s %5s %6s %14s %14s %14s %10s %10s %10s\n", "threads", "batch", "prec", "decoder", "oneDNN-GEMM",
                "packed-GEMM", "dec/oneDNN", "dec/packed", "MB/step");
    std::printf("%7s %5s %6s %14s %14s %14s\n", "", "", "", "samples/s", "only smp/s", "only smp/s");
    std::string json = "[";
    for (int t : threads) {
        setComputeThreads(t);
        for (int b : batches) {
            GemmOnly gemm(config, b);
            std::vector<std::unique_ptr<FastDecoder>> decoders;
            for (auto p : precisions) {
                decoders.push_back(std::make_unique<FastDecoder>(model, b, 1, p));
                decoders.back()->reset(b);
                std::vector<float> frame(static_cast<size_t>(b) * 16, 0.1f);
                decoders.back()->setConditioning(frame.data());
            }
            std::vector<float> input(static_cast<size_t>(b), 0.0f), logits(static_cast<size_t>(b) * 256);
            double bestOneDnn = 0, bestPacked = 0;
            std::vector<double> best(precisions.size(), 0.0);
            for (int round = 0; round < 3; ++round) {
                bestOneDnn = std::max(bestOneDnn, bench::samplesPerSecond([&] { gemm.step(false); }, b, seconds / 3));
                bestPacked = std::max(bestPacked, bench::samplesPerSecond([&] { gemm.step(true); }, b, seconds / 3));
                for (size_t k = 0; k < precisions.size(); ++k)
                    best[k] = std::max(best[k], bench::samplesPerSecond([&] { decoders[k]->advance(input.data(), 1, logits.data()); },
                                                                 b, seconds / 3));
            }
            for (size_t k = 0; k < precisions.size(); ++k) {
                std::printf("%7d %5d %6s %14.1f %14.1f %14.1f %9.1f%% %9.1f%% %10.1f\n", t, b, precisionName(precisions[k]),
                            best[k], bestOneDnn, bestPacked, 100.0 * best[k] / bestOneDnn, 100.0 * best[k] / bestPacked,
                            double(decoders[k]->weightBytesPerStep()) / 1e6);
                char entry[400];
                std::snprintf(entry, sizeof entry,
                              "%s{\"threads\":%d,\"batch\":%d,\"precision\":\"%s\",\"decoder_samples_per_s\":%.2f,"
                              "\"onednn_gemm_only_samples_per_s\":%.2f,\"packed_gemm_only_samples_per_s\":%.2f}",
                              json.size() > 1 ? "," : "", t, b, precisionName(precisions[k]), best[k], bestOneDnn,
                              bestPacked);
                json += entry;
            }
            std::fflush(stdout);
        }
    }
    json += "]\n";
    if (!jsonPath.empty())
        std::ofstream(jsonPath) << json;
    return 0;
}
