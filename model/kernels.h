#pragma once
// The elementwise passes between the GEMMs of the fast encoder and decoder. Like
// activations.h they are compiled for AVX-512, AVX2 and baseline x86-64 and picked at run
// time; pointers never alias (callers guarantee it). Rows are `width` floats.

#include <cstdint>

namespace nsynth::kernels {

// out[c] = bias[c] + x0 * w0[c] + x1 * w1[c] + x2 * w2[c]: a 3-tap conv of a scalar signal.
void threeTapScalarRow(float x0, float x1, float x2, const float* w0, const float* w1, const float* w2,
                       const float* bias, float* out, int64_t width);

// Winograd F(2,3) input transform of one row pair (fast_encoder.h), relu applied to the inputs:
//   r(v) = max(v, 0); u1 = r(xm) - r(x1); u2 = r(x0) + r(x1); u3 = r(x1) - r(x0); u4 = r(x0) - r(x2)
void winogradInputRow(const float* xm, const float* x0, const float* x1, const float* x2, float* u1, float* u2,
                      float* u3, float* u4, int64_t width);

// Winograd F(2,3) output transform of `rows` rows, bias and relu:
//   y0 = relu(m1 + m2 + m3 + bias), y1 = relu(m2 - m3 - m4 + bias)
void winogradOutputRows(int64_t rows, int64_t width, const float* m1, const float* m2, const float* m3,
                        const float* m4, const float* bias, float* y0, float* y1);

// dst[c] = a[c] + b[c] + bias[c]
void addRowsWithBias(const float* a, const float* b, const float* bias, float* dst, int64_t width);

// sum[c] += row[c] (double accumulators, for average pooling)
void accumulateRow(const float* row, double* sum, int64_t width);

// Decoder residual/skip update for `rows` rows of rs = [res (W) | skip (S)] (or skip only when
// W == 0), rs rows `rsStride` floats apart: l += res + resBias; s += skip + skipBias.
void residualSkipUpdate(int64_t rows, int64_t W, int64_t S, const float* rs, int64_t rsStride, const float* resBias,
                        const float* skipBias, float* l, float* s);

// x = max(x, 0) over n values.
void reluInPlace(float* x, int64_t n);

// For `rows` rows: x[r] = max(x[r] + bias[r % biasRows], 0).
void addBiasReluRows(int64_t rows, int64_t width, float* x, const float* bias, int64_t biasRows);

// dst[c] = src[c] + bias[c]
void addBiasRow(const float* src, const float* bias, float* dst, int64_t width);

} // namespace nsynth::kernels
