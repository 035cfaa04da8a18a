#include "fast_encoder.h"

#include "aligned_buffer.h"
#include "error.h"
#include "gemm.h"
#include "kernels.h"
#include "model_file.h"
#include "mulaw.h"
#include "packed_gemm.h"

#include <algorithm>
#include <cstring>
#include <omp.h>
#include <string>

namespace nsynth {
namespace {

constexpr int64_t kTile = 128;  // pairs of output rows per tile; 8 tiles of [kTile][W] scratch

void copyTensor(AlignedBuffer& dst, const float* src, size_t n)
{
    dst.resize(n);
    std::memcpy(dst.data(), src, n * sizeof(float));
}

struct Scratch {
    AlignedBuffer u;  // [4][kTile][W]: U1..U4, later H [2 kTile][W] and the residual [2 kTile][W]
    AlignedBuffer m;  // [4][kTile][W]: M1..M4
};

} // namespace

struct FastEncoder::Impl {
    struct Layer {
        int dilation = 1;
        AlignedBuffer g0, gp, gm, g2;  // [W][W] Winograd filter transforms
        AlignedBuffer bias;            // [W]
        AlignedBuffer resW, resB;      // [W][W], [W]
    };
    ModelConfig cfg;
    int W = 0, Z = 0, hop = 0, maxDilation = 1;
    AlignedBuffer startW, startB;      // [3][W], [W]
    std::vector<Layer> layers;
    PackedMatrix bottleneckW;          // [W][Z]
    AlignedBuffer bottleneckB;         // [Z]

    void runLayer(const Layer& L, const float* in, float* out, int64_t samples, Scratch& sc,
                  int64_t j0, int64_t j1) const;
};

FastEncoder::FastEncoder(const Model& model) : m_impl(std::make_unique<Impl>())
{
    auto& e = *m_impl;
    e.cfg = model.config;
    e.W = e.cfg.encoder.width;
    e.Z = e.cfg.bottleneckWidth;
    e.hop = e.cfg.hopLength;
    const auto& w = model.weights;
    const size_t WW = size_t(e.W) * size_t(e.W);
    copyTensor(e.startW, w.at("ae_startconv/W").data.data(), size_t(3 * e.W));
    copyTensor(e.startB, w.at("ae_startconv/biases").data.data(), size_t(e.W));
    e.layers.resize(size_t(e.cfg.encoder.layers));
    for (int i = 0; i < e.cfg.encoder.layers; ++i) {
        auto& L = e.layers[size_t(i)];
        const std::string n = std::to_string(i + 1);
        L.dilation = e.cfg.encoderDilation(i);
        e.maxDilation = std::max(e.maxDilation, L.dilation);
        const float* k = w.at("ae_dilatedconv_" + n + "/W").data.data();  // [3][W][W]
        copyTensor(L.g0, k, WW);
        copyTensor(L.g2, k + 2 * WW, WW);
        L.gp.resize(WW);
        L.gm.resize(WW);
        for (size_t q = 0; q < WW; ++q) {
            L.gp[q] = (k[q] + k[WW + q] + k[2 * WW + q]) * 0.5f;
            L.gm[q] = (k[q] - k[WW + q] + k[2 * WW + q]) * 0.5f;
        }
        copyTensor(L.bias, w.at("ae_dilatedconv_" + n + "/biases").data.data(), size_t(e.W));
        copyTensor(L.resW, w.at("ae_res_" + n + "/W").data.data(), WW);
        copyTensor(L.resB, w.at("ae_res_" + n + "/biases").data.data(), size_t(e.W));
    }
    e.bottleneckW = PackedMatrix(w.at("ae_bottleneck/W").data.data(), e.W, e.Z, e.Z);
    copyTensor(e.bottleneckB, w.at("ae_bottleneck/biases").data.data(), size_t(e.Z));
}

FastEncoder::~FastEncoder() = default;

const ModelConfig& FastEncoder::config() const { return m_impl->cfg; }

// One tile of a residual layer: pairs j in [j0, j1) of the first-half rows t(j) of each block
// of 2d rows, producing rows t and t + d. `in` and `out` point at row 0 of buffers that have
// zero rows before 0 and after the clip (relu(0) = 0 keeps the padding exact).
void FastEncoder::Impl::runLayer(const Layer& L, const float* in, float* out, int64_t samples,
                                 Scratch& sc, int64_t j0, int64_t j1) const
{
    const int64_t d = L.dilation, nt = j1 - j0;
    const size_t tile = size_t(kTile) * size_t(W);
    float* u1 = sc.u.data();
    float* u2 = u1 + tile;
    float* u3 = u2 + tile;
    float* u4 = u3 + tile;
    float* m1 = sc.m.data();
    float* m2 = m1 + tile;
    float* m3 = m2 + tile;
    float* m4 = m3 + tile;
    auto rowOf = [d](int64_t j) { return (j / d) * 2 * d + (j % d); };

    for (int64_t jj = 0; jj < nt; ++jj) {
        const int64_t t = rowOf(j0 + jj);
        kernels::winogradInputRow(in + (t - d) * W, in + t * W, in + (t + d) * W, in + (t + 2 * d) * W, u1 + jj * W,
                                  u2 + jj * W, u3 + jj * W, u4 + jj * W, W);
    }
    sgemm(nt, W, W, u1, W, L.g0.data(), W, 0.0f, m1, W);
    sgemm(nt, W, W, u2, W, L.gp.data(), W, 0.0f, m2, W);
    sgemm(nt, W, W, u3, W, L.gm.data(), W, 0.0f, m3, W);
    sgemm(nt, W, W, u4, W, L.g2.data(), W, 0.0f, m4, W);

    float* h = sc.u.data();           // [2 nt][W]: relu(y[t]) rows, then relu(y[t+d]) rows
    float* res = h + 2 * tile;        // [2 nt][W]
    kernels::winogradOutputRows(nt, W, m1, m2, m3, m4, L.bias.data(), h, h + nt * W);
    sgemm(2 * nt, W, W, h, W, L.resW.data(), W, 0.0f, res, W);
    for (int64_t jj = 0; jj < nt; ++jj) {
        const int64_t t = rowOf(j0 + jj);
        for (int half = 0; half < 2; ++half) {
            const int64_t row = t + half * d;
            if (row >= samples)
                continue;
            kernels::addRowsWithBias(in + row * W, res + (half * nt + jj) * W, L.resB.data(), out + row * W, W);
        }
    }
}

std::vector<std::vector<float>> FastEncoder::encode(const std::vector<const float*>& notes, int64_t samples,
                                                    const std::function<void(int64_t, int64_t)>& progress,
                                                    const std::atomic<bool>* cancel)
{
    const auto& e = *m_impl;
    if (samples <= 0 || samples % e.hop != 0)
        throw Error("encoder: note length " + std::to_string(samples) + " is not a positive multiple of " +
                    std::to_string(e.hop) + " samples");
    const int64_t W = e.W, frames = samples / e.hop;
    const int64_t front = e.maxDilation, back = 3 * int64_t(e.maxDilation) + 1;
    const int64_t bufferRows = front + samples + back;
    const int64_t groupSize = std::min<int64_t>(int64_t(notes.size()), 4);
    const int64_t totalWork = int64_t(notes.size()) * int64_t(e.layers.size() + 1);
    int64_t doneWork = 0;

    std::vector<std::vector<float>> result(notes.size());
    std::vector<AlignedBuffer> bufA(static_cast<size_t>(groupSize)), bufB(static_cast<size_t>(groupSize));
    for (int64_t g = 0; g < groupSize; ++g) {
        bufA[size_t(g)].resize(size_t(bufferRows * W));
        bufB[size_t(g)].resize(size_t(bufferRows * W));
    }
    std::vector<Scratch> scratch(size_t(std::max(1, omp_get_max_threads())));
    for (auto& sc : scratch) {
        sc.u.resize(size_t(4 * kTile * W));
        sc.m.resize(size_t(4 * kTile * W));
    }

    for (size_t first = 0; first < notes.size(); first += size_t(groupSize)) {
        const int64_t count = std::min<int64_t>(groupSize, int64_t(notes.size() - first));
        // Start conv (non-causal, 3 taps, 1 -> W) on the mu-law inputs q/128.
        for (int64_t g = 0; g < count; ++g) {
            bufA[size_t(g)].zero();
            bufB[size_t(g)].zero();
            const float* audio = notes[first + size_t(g)];
            std::vector<float> xs(size_t(samples + 2), 0.0f);  // xs[t + 1] = input at t
            for (int64_t t = 0; t < samples; ++t)
                xs[size_t(t + 1)] = mulaw::encodeToInput(audio[t]);
            float* en = bufA[size_t(g)].data() + front * W;
#pragma omp parallel for schedule(static)
            for (int64_t t = 0; t < samples; ++t)
                kernels::threeTapScalarRow(xs[size_t(t)], xs[size_t(t + 1)], xs[size_t(t + 2)], e.startW.data(),
                                           e.startW.data() + W, e.startW.data() + 2 * W, e.startB.data(), en + t * W, W);
        }
        doneWork += count;
        if (progress)
            progress(doneWork, totalWork);

        bool inA = true;
        for (const auto& L : e.layers) {
            if (cancel && cancel->load())
                throw Cancelled();
            const int64_t d = L.dilation;
            const int64_t padded = (samples + 2 * d - 1) / (2 * d) * (2 * d);
            const int64_t pairs = padded / 2;
            const int64_t tiles = (pairs + kTile - 1) / kTile;
#pragma omp parallel for schedule(static)
            for (int64_t work = 0; work < count * tiles; ++work) {
                const int64_t g = work / tiles, tileIndex = work % tiles;
                const float* in = (inA ? bufA : bufB)[size_t(g)].data() + front * W;
                float* out = (inA ? bufB : bufA)[size_t(g)].data() + front * W;
                const int64_t j0 = tileIndex * kTile, j1 = std::min(pairs, j0 + kTile);
                e.runLayer(L, in, out, samples, scratch[size_t(omp_get_thread_num())], j0, j1);
            }
            inA = !inA;
            doneWork += count;
            if (progress)
                progress(doneWork, totalWork);
        }

        // Average-pool each frame, then the bottleneck 1x1 (both linear, so their order is free).
        for (int64_t g = 0; g < count; ++g) {
            const float* en = (inA ? bufA : bufB)[size_t(g)].data() + front * W;
            std::vector<float> pooled(size_t(frames * W));
            std::vector<double> sum(static_cast<size_t>(W));
            for (int64_t f = 0; f < frames; ++f) {
                std::fill(sum.begin(), sum.end(), 0.0);
                for (int64_t t = f * e.hop; t < (f + 1) * e.hop; ++t)
                    kernels::accumulateRow(en + t * W, sum.data(), W);
                for (int64_t k = 0; k < W; ++k)
                    pooled[size_t(f * W + k)] = float(sum[size_t(k)] / double(e.hop));
            }
            std::vector<float> z(size_t(frames * e.Z));
            for (int64_t f = 0; f < frames; ++f)
                std::memcpy(z.data() + f * e.Z, e.bottleneckB.data(), size_t(e.Z) * sizeof(float));
            gemmPacked(frames, pooled.data(), W, e.bottleneckW, z.data(), e.Z, /*accumulate=*/true);
            result[first + size_t(g)] = std::move(z);
        }
    }
    return result;
}

} // namespace nsynth
