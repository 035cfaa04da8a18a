#include "kernels.h"

namespace nsynth::kernels {

#define NSYNTH_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

namespace {
inline float relu(float v) { return v > 0.0f ? v : 0.0f; }
} // namespace

NSYNTH_CLONES
void threeTapScalarRow(float x0, float x1, float x2, const float* __restrict w0, const float* __restrict w1,
                       const float* __restrict w2, const float* __restrict bias, float* __restrict out, int64_t width)
{
    for (int64_t c = 0; c < width; ++c)
        out[c] = bias[c] + x0 * w0[c] + x1 * w1[c] + x2 * w2[c];
}

NSYNTH_CLONES
void winogradInputRow(const float* __restrict xm, const float* __restrict x0, const float* __restrict x1,
                      const float* __restrict x2, float* __restrict u1, float* __restrict u2, float* __restrict u3,
                      float* __restrict u4, int64_t width)
{
    for (int64_t c = 0; c < width; ++c) {
        const float rm = relu(xm[c]), r0 = relu(x0[c]), r1 = relu(x1[c]), r2 = relu(x2[c]);
        u1[c] = rm - r1;
        u2[c] = r0 + r1;
        u3[c] = r1 - r0;
        u4[c] = r0 - r2;
    }
}

NSYNTH_CLONES
void winogradOutputRows(int64_t rows, int64_t width, const float* __restrict m1, const float* __restrict m2,
                        const float* __restrict m3, const float* __restrict m4, const float* __restrict bias,
                        float* __restrict y0, float* __restrict y1)
{
    for (int64_t r = 0; r < rows; ++r) {
        const int64_t o = r * width;
        for (int64_t c = 0; c < width; ++c) {
            y0[o + c] = relu(m1[o + c] + m2[o + c] + m3[o + c] + bias[c]);
            y1[o + c] = relu(m2[o + c] - m3[o + c] - m4[o + c] + bias[c]);
        }
    }
}

NSYNTH_CLONES
void addRowsWithBias(const float* __restrict a, const float* __restrict b, const float* __restrict bias,
                     float* __restrict dst, int64_t width)
{
    for (int64_t c = 0; c < width; ++c)
        dst[c] = a[c] + b[c] + bias[c];
}

NSYNTH_CLONES
void accumulateRow(const float* __restrict row, double* __restrict sum, int64_t width)
{
    for (int64_t c = 0; c < width; ++c)
        sum[c] += double(row[c]);
}

NSYNTH_CLONES
void residualSkipUpdate(int64_t rows, int64_t W, int64_t S, const float* __restrict rs, int64_t rsStride,
                        const float* __restrict resBias, const float* __restrict skipBias, float* __restrict l,
                        float* __restrict s)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* src = rs + r * rsStride;
        float* lr = l + r * W;
        for (int64_t c = 0; c < W; ++c)
            lr[c] += src[c] + resBias[c];
        float* sr = s + r * S;
        for (int64_t c = 0; c < S; ++c)
            sr[c] += src[W + c] + skipBias[c];
    }
}

NSYNTH_CLONES
void reluInPlace(float* __restrict x, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        x[i] = relu(x[i]);
}

NSYNTH_CLONES
void addBiasReluRows(int64_t rows, int64_t width, float* __restrict x, const float* __restrict bias, int64_t biasRows)
{
    for (int64_t r = 0; r < rows; ++r) {
        float* xr = x + r * width;
        const float* br = bias + (r % biasRows) * width;
        for (int64_t c = 0; c < width; ++c)
            xr[c] = relu(xr[c] + br[c]);
    }
}

NSYNTH_CLONES
void addBiasRow(const float* __restrict src, const float* __restrict bias, float* __restrict dst, int64_t width)
{
    for (int64_t c = 0; c < width; ++c)
        dst[c] = src[c] + bias[c];
}

} // namespace nsynth::kernels
