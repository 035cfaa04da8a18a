#include "activations.h"

#include <bit>

namespace nsynth {
namespace {

#define NSYNTH_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

// exp(x) = 2^n * e^r, n = round(x / ln 2), r = x - n ln 2 split in two parts (Cephes expf).
inline float fastExp(float x)
{
    x = x < -87.3f ? -87.3f : x;
    x = x > 88.3f ? 88.3f : x;
    // Round to nearest by adding and subtracting 1.5 * 2^23 (branch-free on every ISA).
    const float shifter = 12582912.0f;
    const float n = (x * 1.44269504088896341f + shifter) - shifter;
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    const int32_t e = int32_t(n) + 127;
    return p * std::bit_cast<float>(e << 23);
}

inline float fastSigmoid(float x) { return 1.0f / (1.0f + fastExp(-x)); }
inline float fastTanh(float x) { return 2.0f / (1.0f + fastExp(-2.0f * x)) - 1.0f; }

} // namespace

NSYNTH_CLONES
void gatedActivation(int64_t rows, int64_t W, const float* z, const float* bias, int64_t biasRows,
                     int64_t firstRow, float* g)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* zr = z + r * 2 * W;
        const float* br = bias + ((firstRow + r) % biasRows) * 2 * W;
        float* gr = g + r * W;
        for (int64_t c = 0; c < W; ++c) {
            const float gate = fastSigmoid(zr[c] + br[c]);
            const float filter = fastTanh(zr[W + c] + br[W + c]);
            gr[c] = gate * filter;
        }
    }
}

NSYNTH_CLONES
void expArray(const float* x, float* out, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        out[i] = fastExp(x[i]);
}

NSYNTH_CLONES
void sigmoidArray(const float* x, float* out, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        out[i] = fastSigmoid(x[i]);
}

NSYNTH_CLONES
void tanhArray(const float* x, float* out, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        out[i] = fastTanh(x[i]);
}

} // namespace nsynth
