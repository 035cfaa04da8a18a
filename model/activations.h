#pragma once
// Elementwise kernels of the fast paths, compiled for AVX-512, AVX2 and baseline x86-64 and
// chosen at run time. exp() is a Cephes-style range reduction plus degree-6 polynomial
// (relative error below 2e-7 over the clamped range); sigmoid and tanh built on it have
// absolute error below 3e-7, far inside the engine's 1e-4 logit tolerance.

#include <cstdint>

namespace nsynth {

// The WaveNet gate for `rows` rows of width W: for row r, with b = (firstRow + r) % biasRows,
//   g[r, c] = sigmoid(z[r, c] + bias[b, c]) * tanh(z[r, W + c] + bias[b, W + c])
// z: [rows, 2W]; bias: [biasRows, 2W]; g: [rows, W]. Sigmoid on the first half (Magenta's order).
void gatedActivation(int64_t rows, int64_t W, const float* z, const float* bias, int64_t biasRows,
                     int64_t firstRow, float* g);

// out[i] = exp(x[i]) for n values (for tests and softmax).
void expArray(const float* x, float* out, int64_t n);
void sigmoidArray(const float* x, float* out, int64_t n);
void tanhArray(const float* x, float* out, int64_t n);

} // namespace nsynth
