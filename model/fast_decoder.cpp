#include "fast_decoder.h"

#include "activations.h"
#include "aligned_buffer.h"
#include "error.h"
#include "packed_gemm.h"
#include "kernels.h"
#include "model_file.h"

#include <algorithm>
#include <omp.h>
#include <cstring>
#include <string>
#include <vector>

namespace nsynth {
namespace {

void copyTensor(AlignedBuffer& dst, const Tensor& t)
{
    dst.resize(t.data.size());
    std::memcpy(dst.data(), t.data.data(), t.data.size() * sizeof(float));
}

// A 1x1 or k-tap kernel [1, taps, in, out] as the GEMM operand [taps*in][out].
PackedMatrix packTensor(const Tensor& t, WeightPrecision precision = WeightPrecision::F32)
{
    const int64_t out = t.shape.back();
    const int64_t rows = t.elements() / out;
    return PackedMatrix(t.data.data(), rows, out, out, precision);
}

int64_t positiveMod(int64_t a, int64_t m)
{
    const int64_t r = a % m;
    return r < 0 ? r + m : r;
}

// Elementwise loops run on all threads only when there is enough work to pay for the fork.
constexpr int64_t kParallelElements = 1 << 15;

// Multiply-adds of a decoder step each thread should have before a step is split over threads
// (4 Mi: about 0.2 ms on one Zen 4 core at fp32).
constexpr int64_t kMinMacsPerThread = int64_t(4) << 20;

} // namespace

struct FastDecoder::Impl {
    struct Layer {
        int dilation = 1;
        int64_t ringSlots = 0;       // 2 * dilation + maxBlock
        PackedMatrix dilW;           // [3W][2W]: taps t-2d, t-d, t stacked along K (TF layout)
        AlignedBuffer dilAndCondBias;  // [2W] dilatedconv bias + cond_map bias
        PackedMatrix condW;          // [Z][2W]
        AlignedBuffer pitchW;        // [P][2W] (pitch-conditioned models only)
        PackedMatrix resSkipW;       // [W][W+S] res and skip side by side; [W][S] for the last layer
        AlignedBuffer resB;          // [W]
        AlignedBuffer skipB;         // [S]
        AlignedBuffer ring;          // [ringSlots][maxBatch][W] past inputs of this layer
        AlignedBuffer condBias;      // [maxBatch][2W] per-row gate bias for the current frame
    };

    ModelConfig cfg;
    int W = 0, S = 0, Z = 0, Q = 0, P = 0;
    int maxBatch = 0, maxBlock = 0, batch = 0;
    WeightPrecision precision = WeightPrecision::F32;
    int64_t time = 0;
    bool pitchConditioned = false;

    AlignedBuffer startW, startB;        // [3][W], [W]
    PackedMatrix skipStartW;             // [W][S]
    AlignedBuffer skipStartB;            // [S]
    std::vector<Layer> layers;
    PackedMatrix out1W, condOutW, logitsW;  // [S][S], [Z][S], [S][Q]
    AlignedBuffer out1AndCondBias;       // [S]
    AlignedBuffer pitchOutW;             // [P][S]
    AlignedBuffer logitsB;               // [Q]

    AlignedBuffer inputRing;             // [2 + maxBlock][maxBatch] past decoder inputs
    AlignedBuffer outBias;               // [maxBatch][S]: out1 + cond_map_out1 terms of the frame

    // Scratch, rows = T * batch, row r = j * batch + b (step-major).
    AlignedBuffer l, s, a, z, g, rs, o, lg;

    void load(const Model& model);
    void allocate();
    // One layer for rows b0..b1-1 of the batch (T = 1), or for all T * batch rows (T > 1).
    void layerStep(size_t i, int T, int64_t b0, int64_t b1);
    // The whole step for those rows: start conv, layers, output, logits.
    void advanceRows(const float* inputs, int T, int64_t b0, int64_t b1, float* logits);
    int64_t weightBytes() const;
};

void FastDecoder::Impl::load(const Model& model)
{
    const auto& w = model.weights;
    copyTensor(startW, w.at("startconv/W"));
    copyTensor(startB, w.at("startconv/biases"));
    skipStartW = packTensor(w.at("skip_start/W"));
    copyTensor(skipStartB, w.at("skip_start/biases"));
    layers.resize(size_t(cfg.decoder.layers));
    for (int i = 0; i < cfg.decoder.layers; ++i) {
        Layer& L = layers[size_t(i)];
        const std::string n = std::to_string(i + 1);
        L.dilation = cfg.decoderDilation(i);
        L.dilW = packTensor(w.at("dilatedconv_" + n + "/W"), precision);
        L.condW = packTensor(w.at("cond_map_" + n + "/W"));
        const auto& db = w.at("dilatedconv_" + n + "/biases").data;
        const auto& cb = w.at("cond_map_" + n + "/biases").data;
        L.dilAndCondBias.resize(size_t(2 * W));
        for (int c = 0; c < 2 * W; ++c)
            L.dilAndCondBias[size_t(c)] = db[size_t(c)] + cb[size_t(c)];
        if (pitchConditioned)
            copyTensor(L.pitchW, w.at("pitch_map_" + n + "/W"));
        const bool last = i + 1 == cfg.decoder.layers;
        const auto& skipW = w.at("skip_" + n + "/W").data;  // [W][S]
        copyTensor(L.skipB, w.at("skip_" + n + "/biases"));
        if (last) {
            // res_<last> is dead: its output is never read (nsynth-model.md section 4.2).
            L.resSkipW = PackedMatrix(skipW.data(), W, S, S, precision);
        } else {
            const auto& resW = w.at("res_" + n + "/W").data;  // [W][W]
            copyTensor(L.resB, w.at("res_" + n + "/biases"));
            std::vector<float> both(static_cast<size_t>(W) * static_cast<size_t>(W + S));
            for (int r = 0; r < W; ++r) {
                float* row = both.data() + size_t(r) * size_t(W + S);
                std::memcpy(row, resW.data() + size_t(r) * size_t(W), size_t(W) * sizeof(float));
                std::memcpy(row + W, skipW.data() + size_t(r) * size_t(S), size_t(S) * sizeof(float));
            }
            L.resSkipW = PackedMatrix(both.data(), W, W + S, W + S, precision);
        }
    }
    out1W = packTensor(w.at("out1/W"));
    condOutW = packTensor(w.at("cond_map_out1/W"));
    const auto& ob = w.at("out1/biases").data;
    const auto& cob = w.at("cond_map_out1/biases").data;
    out1AndCondBias.resize(size_t(S));
    for (int c = 0; c < S; ++c)
        out1AndCondBias[size_t(c)] = ob[size_t(c)] + cob[size_t(c)];
    if (pitchConditioned)
        copyTensor(pitchOutW, w.at("pitch_map_out1/W"));
    logitsW = packTensor(w.at("logits/W"));
    copyTensor(logitsB, w.at("logits/biases"));
}

void FastDecoder::Impl::allocate()
{
    const size_t B = size_t(maxBatch), rows = size_t(maxBlock) * B;
    inputRing.resize(size_t(2 + maxBlock) * B);
    outBias.resize(B * size_t(S));
    for (auto& L : layers) {
        L.ringSlots = 2 * int64_t(L.dilation) + maxBlock;
        L.ring.resize(size_t(L.ringSlots) * B * size_t(W));
        L.condBias.resize(B * size_t(2 * W));
    }
    l.resize(rows * size_t(W));
    s.resize(rows * size_t(S));
    a.resize(rows * size_t(3 * W));
    z.resize(rows * size_t(2 * W));
    g.resize(rows * size_t(W));
    rs.resize(rows * size_t(W + S));
    o.resize(rows * size_t(S));
    lg.resize(rows * size_t(Q));
}

FastDecoder::FastDecoder(const Model& model, int maxBatch, int maxBlock, WeightPrecision precision)
    : m_impl(std::make_unique<Impl>())
{
    if (maxBatch < 1 || maxBlock < 1)
        throw Error("decoder: batch size and block length must be at least 1");
    auto& d = *m_impl;
    d.cfg = model.config;
    d.W = d.cfg.decoder.width;
    d.S = d.cfg.decoder.skipWidth;
    d.Z = d.cfg.bottleneckWidth;
    d.Q = d.cfg.quantizationChannels;
    d.P = d.cfg.pitch.numPitches;
    d.pitchConditioned = d.cfg.pitch.enabled;
    d.maxBatch = maxBatch;
    d.maxBlock = maxBlock;
    d.precision = precision;
    d.load(model);
    try {
        d.allocate();
    } catch (const std::bad_alloc&) {
        throw Error("decoder: not enough memory for batch " + std::to_string(maxBatch) +
                    " (history needs about " +
                    std::to_string(int64_t(maxBatch) * d.cfg.decoderReceptiveField() * d.W * 4 >> 20) +
                    " MB); use a smaller --batch-size");
    }
    reset(maxBatch);
}

FastDecoder::~FastDecoder() = default;

const ModelConfig& FastDecoder::config() const { return m_impl->cfg; }
int FastDecoder::maxBatch() const { return m_impl->maxBatch; }
int FastDecoder::maxBlock() const { return m_impl->maxBlock; }
int FastDecoder::batch() const { return m_impl->batch; }
int64_t FastDecoder::time() const { return m_impl->time; }
WeightPrecision FastDecoder::precision() const { return m_impl->precision; }

int64_t FastDecoder::weightBytesPerStep() const { return m_impl->weightBytes(); }

int64_t FastDecoder::stateBytes() const
{
    const auto& d = *m_impl;
    size_t n = d.inputRing.size() + d.outBias.size() + d.l.size() + d.s.size() + d.a.size() +
               d.z.size() + d.g.size() + d.rs.size() + d.o.size() + d.lg.size();
    for (const auto& L : d.layers)
        n += L.ring.size() + L.condBias.size();
    return int64_t(n * sizeof(float));
}

void FastDecoder::reset(int batch)
{
    auto& d = *m_impl;
    if (batch < 1 || batch > d.maxBatch)
        throw Error("decoder: batch " + std::to_string(batch) + " outside 1.." + std::to_string(d.maxBatch));
    d.batch = batch;
    d.time = 0;
    d.inputRing.zero();
    for (auto& L : d.layers)
        L.ring.zero();
}

void FastDecoder::setConditioning(const float* frames, const int* pitches)
{
    auto& d = *m_impl;
    const int B = d.batch, W2 = 2 * d.W;
    if (d.pitchConditioned && !pitches)
        throw Error("decoder: this model is pitch-conditioned; a pitch is needed for every note");
    for (auto& L : d.layers) {
        for (int b = 0; b < B; ++b) {
            float* row = L.condBias.data() + size_t(b) * size_t(W2);
            std::memcpy(row, L.dilAndCondBias.data(), size_t(W2) * sizeof(float));
            if (d.pitchConditioned) {
                const int p = pitches[b];
                if (p < 0 || p >= d.P)
                    throw Error("decoder: pitch " + std::to_string(p) + " outside 0.." + std::to_string(d.P - 1));
                const float* pw = L.pitchW.data() + size_t(p) * size_t(W2);
                for (int c = 0; c < W2; ++c)
                    row[c] += pw[c];
            }
        }
        gemmPacked(B, frames, d.Z, L.condW, L.condBias.data(), W2, /*accumulate=*/true);
    }
    for (int b = 0; b < B; ++b) {
        float* row = d.outBias.data() + size_t(b) * size_t(d.S);
        std::memcpy(row, d.out1AndCondBias.data(), size_t(d.S) * sizeof(float));
        if (d.pitchConditioned) {
            const float* pw = d.pitchOutW.data() + size_t(pitches[b]) * size_t(d.S);
            for (int c = 0; c < d.S; ++c)
                row[c] += pw[c];
        }
    }
    gemmPacked(B, frames, d.Z, d.condOutW, d.outBias.data(), d.S, /*accumulate=*/true);
}

void FastDecoder::Impl::layerStep(size_t i, int T, int64_t b0, int64_t b1)
{
    Layer& L = layers[i];
    const int64_t B = batch, d = L.dilation, R = L.ringSlots;
    // Rows r = j * B + b: for T = 1 the range [b0, b1) is contiguous, for T > 1 it is all rows.
    const int64_t first = T == 1 ? b0 : 0, rows = T == 1 ? b1 - b0 : int64_t(T) * B;
    const size_t rowBytes = size_t(W) * sizeof(float);
    const bool last = i + 1 == layers.size();
    float* lRows = l.data() + first * W;
    float* sRows = s.data() + first * S;
    float* aRows = a.data() + first * 3 * W;
    float* zRows = z.data() + first * 2 * W;
    float* gRows = g.data() + first * W;

    // 1. This layer's inputs for the block go into its history, 2. the three taps
    //    (t-2d, t-d, t) of every row are gathered side by side: a[r] = [x_{t-2d} | x_{t-d} | x_t].
    for (int j = 0; j < T; ++j)
        std::memcpy(L.ring.data() + (size_t(positiveMod(time + j, R)) * size_t(maxBatch) + size_t(b0)) * size_t(W),
                    l.data() + (size_t(j) * size_t(B) + size_t(b0)) * size_t(W), size_t(b1 - b0) * rowBytes);
    for (int j = 0; j < T; ++j) {
        for (int k = 0; k < 3; ++k) {
            const float* src =
                L.ring.data() + size_t(positiveMod(time + j - (2 - k) * d, R)) * size_t(maxBatch) * size_t(W);
            float* dst = a.data() + size_t(j) * size_t(B) * size_t(3 * W) + size_t(k) * size_t(W);
            for (int64_t b = b0; b < b1; ++b)
                std::memcpy(dst + size_t(b) * size_t(3 * W), src + size_t(b) * size_t(W), rowBytes);
        }
    }

    // 3. Dilated conv: [rows, 3W] x [3W, 2W].
    gemmPacked(rows, aRows, 3 * W, L.dilW, zRows, 2 * W, /*accumulate=*/false);

    // 4. Gate with the frame's conditioning bias (sigmoid half first); row r's bias is row r % B.
    if (rows * W >= kParallelElements && !omp_in_parallel()) {
#pragma omp parallel for schedule(static)
        for (int64_t r = 0; r < rows; ++r)
            gatedActivation(1, W, zRows + r * 2 * W, L.condBias.data(), B, first + r, gRows + r * W);
    } else {
        gatedActivation(rows, W, zRows, L.condBias.data(), B, first, gRows);
    }

    // 5. Residual and skip 1x1s in one GEMM, then one fused pass adds them and their biases.
    //    rs rows keep the stride W + S in every layer (the last one, skip only, fills the skip
    //    columns), so threads that own different rows never touch each other's part of rs.
    const int64_t stride = W + S;
    float* rsRows = rs.data() + first * stride + (last ? W : 0);
    gemmPacked(rows, gRows, W, L.resSkipW, rsRows, stride, /*accumulate=*/false);
    const float* resB = last ? nullptr : L.resB.data();
    const int64_t resWidth = last ? 0 : W;
    if (rows * stride >= kParallelElements && !omp_in_parallel()) {
#pragma omp parallel for schedule(static)
        for (int64_t r = 0; r < rows; ++r)
            kernels::residualSkipUpdate(1, resWidth, S, rsRows + r * stride, stride, resB, L.skipB.data(),
                                        lRows + r * W, sRows + r * S);
    } else {
        kernels::residualSkipUpdate(rows, resWidth, S, rsRows, stride, resB, L.skipB.data(), lRows, sRows);
    }
}

void FastDecoder::Impl::advanceRows(const float* inputs, int T, int64_t b0, int64_t b1, float* logits)
{
    const int64_t B = batch;
    const int64_t first = T == 1 ? b0 : 0, rows = T == 1 ? b1 - b0 : int64_t(T) * B;
    const int64_t R0 = 2 + maxBlock;

    // Start conv (causal, 3 taps, 1 -> W) on the decoder inputs, whose history is inputRing.
    for (int j = 0; j < T; ++j)
        for (int64_t b = b0; b < b1; ++b)
            inputRing[size_t(positiveMod(time + j, R0) * maxBatch + b)] = inputs[b * T + j];
    for (int j = 0; j < T; ++j) {
        for (int64_t b = b0; b < b1; ++b) {
            const float x0 = inputRing[size_t(positiveMod(time + j - 2, R0) * maxBatch + b)];
            const float x1 = inputRing[size_t(positiveMod(time + j - 1, R0) * maxBatch + b)];
            const float x2 = inputRing[size_t(positiveMod(time + j, R0) * maxBatch + b)];
            kernels::threeTapScalarRow(x0, x1, x2, startW.data(), startW.data() + W, startW.data() + 2 * W,
                                       startB.data(), l.data() + (j * B + b) * W, W);
        }
    }

    // Skip path starts from skip_start(l).
    for (int64_t r = first; r < first + rows; ++r)
        std::memcpy(s.data() + r * S, skipStartB.data(), size_t(S) * sizeof(float));
    gemmPacked(rows, l.data() + first * W, W, skipStartW, s.data() + first * S, S, /*accumulate=*/true);

    for (size_t i = 0; i < layers.size(); ++i)
        layerStep(i, T, b0, b1);

    // Output: relu(s) -> out1 + conditioning -> relu -> logits.
    kernels::reluInPlace(s.data() + first * S, rows * S);
    gemmPacked(rows, s.data() + first * S, S, out1W, o.data() + first * S, S, /*accumulate=*/false);
    // Row first + r has batch row (first + r) % B: pass the bias table from that offset.
    for (int64_t r = 0; r < rows; ++r)
        kernels::addBiasReluRows(1, S, o.data() + (first + r) * S, outBias.data() + ((first + r) % B) * S, 1);
    gemmPacked(rows, o.data() + first * S, S, logitsW, lg.data() + first * Q, Q, /*accumulate=*/false);
    for (int j = 0; j < T; ++j)
        for (int64_t b = b0; b < b1; ++b)
            kernels::addBiasRow(lg.data() + (j * B + b) * Q, logitsB.data(), logits + (b * T + j) * Q, Q);
}

int64_t FastDecoder::Impl::weightBytes() const
{
    int64_t n = skipStartW.bytes() + out1W.bytes() + logitsW.bytes();
    for (const auto& L : layers)
        n += L.dilW.bytes() + L.resSkipW.bytes();
    return n;
}

void FastDecoder::advance(const float* inputs, int T, float* logits)
{
    auto& d = *m_impl;
    if (T < 1 || T > d.maxBlock)
        throw Error("decoder: block of " + std::to_string(T) + " steps outside 1.." + std::to_string(d.maxBlock));
    const int64_t B = d.batch;
    // Threads either split every GEMM's column panels (the weights are read once per step: best
    // when reading them is the cost, small batches of big models) or take a share of the rows
    // each and run the whole step alone (one fork per step instead of one per GEMM: best for
    // models whose weights stay in cache, and for big batches). Either way every row is
    // computed the same way, so the samples do not depend on the choice.
    //
    // A fork per step pays only when every thread has enough of the step to do: below about
    // kMinMacsPerThread the join dominates, and on a loaded machine a descheduled thread holds
    // the others at the join for a whole time slice (measured at load 10 on 2 cores: the tiny
    // model at batch 16 fell from 390k samples/s on one thread to 1.25k on two). So small steps
    // use fewer threads, down to one.
    const int64_t stepMacs = B * T * d.cfg.decoderMacsPerSample();
    const int threads = omp_in_parallel()
                            ? 1
                            : int(std::clamp<int64_t>(stepMacs / kMinMacsPerThread, 1, omp_get_max_threads()));
    const bool splitRows = threads > 1 && T == 1 && B >= 2 * threads && (d.weightBytes() <= (16 << 20) || B >= 48);
    if (splitRows) {
#pragma omp parallel num_threads(threads)
        {
            const int64_t id = omp_get_thread_num(), n = omp_get_num_threads();
            const int64_t b0 = B * id / n, b1 = B * (id + 1) / n;
            if (b1 > b0)
                d.advanceRows(inputs, T, b0, b1, logits);
        }
    } else {
        d.advanceRows(inputs, T, 0, B, logits);
    }
    d.time += T;
}

} // namespace nsynth
