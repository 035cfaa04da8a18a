#include "packed_gemm.h"

#include "error.h"
#include "half_float.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <immintrin.h>
#include <omp.h>

namespace nsynth {

const char* precisionName(WeightPrecision precision)
{
    switch (precision) {
    case WeightPrecision::BF16:
        return "bf16";
    case WeightPrecision::INT8:
        return "int8";
    case WeightPrecision::F32:
        break;
    }
    return "fp32";
}

WeightPrecision parsePrecision(const std::string& name)
{
    if (name == "fp32" || name == "f32")
        return WeightPrecision::F32;
    if (name == "bf16")
        return WeightPrecision::BF16;
    if (name == "int8")
        return WeightPrecision::INT8;
    throw Error("unknown weight precision \"" + name + "\" (choose fp32, bf16 or int8)");
}

PackedMatrix::PackedMatrix(const float* B, int64_t K, int64_t N, int64_t ldb, WeightPrecision precision)
    : m_precision(precision), m_K(K), m_N(N), m_panels((N + kPanel - 1) / kPanel)
{
    const size_t count = static_cast<size_t>(m_panels * K * kPanel);
    if (precision == WeightPrecision::INT8) {
        // Per output column: the largest magnitude maps to 127.
        m_scales.resize(static_cast<size_t>(m_panels * kPanel));
        for (int64_t j = 0; j < N; ++j) {
            float largest = 0.0f;
            for (int64_t k = 0; k < K; ++k)
                largest = std::max(largest, std::fabs(B[k * ldb + j]));
            m_scales[size_t(j)] = largest > 0.0f ? largest / 127.0f : 1.0f;
        }
        m_int8.resize(count);
    } else if (precision == WeightPrecision::BF16) {
        m_bf16.resize(count);
    } else {
        m_f32.resize(count);
    }
    for (int64_t p = 0; p < m_panels; ++p) {
        const int64_t j0 = p * kPanel, width = std::min(kPanel, N - j0);
        const size_t base = size_t(p * K * kPanel);
        for (int64_t k = 0; k < K; ++k) {
            const float* src = B + k * ldb + j0;
            const size_t row = base + size_t(k * kPanel);
            for (int64_t c = 0; c < width; ++c) {
                switch (precision) {
                case WeightPrecision::F32:
                    m_f32[row + size_t(c)] = src[c];
                    break;
                case WeightPrecision::BF16:
                    m_bf16[row + size_t(c)] = floatToBf16(src[c]);
                    break;
                case WeightPrecision::INT8: {
                    const float q = std::nearbyint(src[c] / m_scales[size_t(j0 + c)]);
                    m_int8[row + size_t(c)] = int8_t(std::clamp(q, -127.0f, 127.0f));
                    break;
                }
                }
            }
        }
    }
}

const void* PackedMatrix::panel(int64_t p) const
{
    const size_t offset = static_cast<size_t>(p * m_K * kPanel);
    switch (m_precision) {
    case WeightPrecision::BF16:
        return m_bf16.data() + offset;
    case WeightPrecision::INT8:
        return m_int8.data() + offset;
    case WeightPrecision::F32:
        break;
    }
    return m_f32.data() + offset;
}

int64_t PackedMatrix::bytes() const { return int64_t(m_f32.bytes() + m_bf16.bytes() + m_int8.bytes() + m_scales.bytes()); }

namespace {

// Every kernel computes rows [0, MR) x the panel's `cols` (<= 32) columns, each element as a
// single FMA chain over k in order (see the header).

using P = WeightPrecision;

// The 32 weights of row k of a panel as two vectors of 16 floats.
template <P prec>
__attribute__((target("avx512f,fma"))) inline void loadRowAvx512(const void* panel, int64_t k, __m512& b0, __m512& b1)
{
    if constexpr (prec == P::F32) {
        const float* p = static_cast<const float*>(panel) + k * 32;
        b0 = _mm512_load_ps(p);
        b1 = _mm512_load_ps(p + 16);
    } else if constexpr (prec == P::BF16) {
        // bf16 is the top half of a float: widen to 32 bits and shift into place.
        const uint16_t* p = static_cast<const uint16_t*>(panel) + k * 32;
        const __m256i lo = _mm256_load_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i hi = _mm256_load_si256(reinterpret_cast<const __m256i*>(p + 16));
        // (The maskz forms with a full mask avoid a GCC 12 false -Wmaybe-uninitialized in the
        // unmasked intrinsics; they compile to the same instructions.)
        b0 = _mm512_castsi512_ps(_mm512_maskz_slli_epi32(0xffff, _mm512_maskz_cvtepu16_epi32(0xffff, lo), 16));
        b1 = _mm512_castsi512_ps(_mm512_maskz_slli_epi32(0xffff, _mm512_maskz_cvtepu16_epi32(0xffff, hi), 16));
    } else {
        const int8_t* p = static_cast<const int8_t*>(panel) + k * 32;
        const __m256i x = _mm256_load_si256(reinterpret_cast<const __m256i*>(p));
        b0 = _mm512_maskz_cvtepi32_ps(0xffff, _mm512_maskz_cvtepi8_epi32(0xffff, _mm256_castsi256_si128(x)));
        b1 = _mm512_maskz_cvtepi32_ps(0xffff, _mm512_maskz_cvtepi8_epi32(0xffff, _mm256_extracti128_si256(x, 1)));
    }
}

// Every kernel computes rows [0, MR) x the panel's `cols` (<= 32) columns, each element as a
// single FMA chain over k in order (see the header), then the per-column scale (INT8).
template <P prec, int MR>
__attribute__((target("avx512f,fma"))) void kernelAvx512(int64_t K, const float* A, int64_t lda, const void* panel,
                                                         const float* scales, float* C, int64_t ldc, bool accumulate,
                                                         int64_t cols)
{
    __m512 acc0[MR], acc1[MR];
    for (int i = 0; i < MR; ++i) {
        acc0[i] = _mm512_setzero_ps();
        acc1[i] = _mm512_setzero_ps();
    }
    for (int64_t k = 0; k < K; ++k) {
        __m512 b0, b1;
        loadRowAvx512<prec>(panel, k, b0, b1);
#pragma GCC unroll 8
        for (int i = 0; i < MR; ++i) {
            const __m512 a = _mm512_set1_ps(A[i * lda + k]);
            acc0[i] = _mm512_fmadd_ps(a, b0, acc0[i]);
            acc1[i] = _mm512_fmadd_ps(a, b1, acc1[i]);
        }
    }
    const __mmask16 m0 = cols >= 16 ? __mmask16(0xffff) : __mmask16((1u << cols) - 1u);
    const __mmask16 m1 = cols >= 32 ? __mmask16(0xffff) : (cols > 16 ? __mmask16((1u << (cols - 16)) - 1u) : 0);
    __m512 s0 = _mm512_set1_ps(1.0f), s1 = s0;
    if constexpr (prec == P::INT8) {
        s0 = _mm512_loadu_ps(scales);
        s1 = _mm512_loadu_ps(scales + 16);
    }
    for (int i = 0; i < MR; ++i) {
        float* c = C + i * ldc;
        if constexpr (prec == P::INT8) {
            acc0[i] = _mm512_mul_ps(acc0[i], s0);
            acc1[i] = _mm512_mul_ps(acc1[i], s1);
        }
        if (accumulate) {
            acc0[i] = _mm512_add_ps(_mm512_maskz_loadu_ps(m0, c), acc0[i]);
            acc1[i] = _mm512_add_ps(_mm512_maskz_loadu_ps(m1, c + 16), acc1[i]);
        }
        _mm512_mask_storeu_ps(c, m0, acc0[i]);
        _mm512_mask_storeu_ps(c + 16, m1, acc1[i]);
    }
}

// 8 weights of row k of a panel, from column c0, as floats.
template <P prec>
__attribute__((target("avx2,fma"))) inline __m256 loadEightAvx2(const void* panel, int64_t k, int64_t c0)
{
    if constexpr (prec == P::F32) {
        return _mm256_load_ps(static_cast<const float*>(panel) + k * 32 + c0);
    } else if constexpr (prec == P::BF16) {
        const __m128i x = _mm_load_si128(reinterpret_cast<const __m128i*>(static_cast<const uint16_t*>(panel) + k * 32 + c0));
        return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(x), 16));
    } else {
        const __m128i x = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(static_cast<const int8_t*>(panel) + k * 32 + c0));
        return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(x));
    }
}

// AVX2: the panel is done as two halves of 16 columns (2 ymm each), 4 rows at a time.
template <P prec, int MR>
__attribute__((target("avx2,fma"))) void kernelAvx2(int64_t K, const float* A, int64_t lda, const void* panel,
                                                    const float* scales, float* C, int64_t ldc, bool accumulate,
                                                    int64_t cols)
{
    for (int half = 0; half < 2; ++half) {
        const int64_t c0 = half * 16;
        if (c0 >= cols)
            break;
        __m256 acc0[MR], acc1[MR];
        for (int i = 0; i < MR; ++i) {
            acc0[i] = _mm256_setzero_ps();
            acc1[i] = _mm256_setzero_ps();
        }
        for (int64_t k = 0; k < K; ++k) {
            const __m256 b0 = loadEightAvx2<prec>(panel, k, c0);
            const __m256 b1 = loadEightAvx2<prec>(panel, k, c0 + 8);
#pragma GCC unroll 4
            for (int i = 0; i < MR; ++i) {
                const __m256 a = _mm256_broadcast_ss(A + i * lda + k);
                acc0[i] = _mm256_fmadd_ps(a, b0, acc0[i]);
                acc1[i] = _mm256_fmadd_ps(a, b1, acc1[i]);
            }
        }
        const int64_t n = std::min<int64_t>(16, cols - c0);
        for (int i = 0; i < MR; ++i) {
            alignas(32) float tmp[16];
            _mm256_store_ps(tmp, acc0[i]);
            _mm256_store_ps(tmp + 8, acc1[i]);
            float* c = C + i * ldc + c0;
            for (int64_t j = 0; j < n; ++j) {
                const float v = prec == P::INT8 ? tmp[j] * scales[c0 + j] : tmp[j];
                c[j] = accumulate ? c[j] + v : v;
            }
        }
    }
}

template <P prec>
float weightAt(const void* panel, int64_t index)
{
    if constexpr (prec == P::F32)
        return static_cast<const float*>(panel)[index];
    else if constexpr (prec == P::BF16)
        return bf16ToFloat(static_cast<const uint16_t*>(panel)[index]);
    else
        return float(static_cast<const int8_t*>(panel)[index]);
}

template <P prec>
void kernelBaseline(int MR, int64_t K, const float* A, int64_t lda, const void* panel, const float* scales, float* C,
                    int64_t ldc, bool accumulate, int64_t cols)
{
    for (int i = 0; i < MR; ++i) {
        float acc[32] = {};
        for (int64_t k = 0; k < K; ++k) {
            const float a = A[i * lda + k];
            for (int j = 0; j < 32; ++j)
                acc[j] += a * weightAt<prec>(panel, k * 32 + j);
        }
        float* c = C + i * ldc;
        for (int64_t j = 0; j < cols; ++j) {
            const float v = prec == P::INT8 ? acc[j] * scales[j] : acc[j];
            c[j] = accumulate ? c[j] + v : v;
        }
    }
}

enum class Isa { Avx512, Avx2, Baseline };

Isa detectIsa()
{
    __builtin_cpu_init();
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
    const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    // NSYNTH_ISA=avx2|baseline picks a lesser kernel than the CPU allows: how the fallbacks are
    // tested on a machine that has AVX-512 (a kernel the CPU lacks is never chosen).
    if (const char* forced = std::getenv("NSYNTH_ISA")) {
        const std::string f = forced;
        if (f == "baseline")
            return Isa::Baseline;
        if (f == "avx2" && avx2)
            return Isa::Avx2;
    }
    if (avx512)
        return Isa::Avx512;
    if (avx2)
        return Isa::Avx2;
    return Isa::Baseline;
}

const Isa kIsa = detectIsa();

// Rows [0, M) of one panel.
template <P prec>
void panelRows(int64_t M, const float* A, int64_t lda, const void* panel, const float* scales, int64_t K, float* C,
               int64_t ldc, bool accumulate, int64_t cols)
{
    int64_t i = 0;
    switch (kIsa) {
    case Isa::Avx512:
        for (; i + 8 <= M; i += 8)
            kernelAvx512<prec, 8>(K, A + i * lda, lda, panel, scales, C + i * ldc, ldc, accumulate, cols);
        for (; i + 4 <= M; i += 4)
            kernelAvx512<prec, 4>(K, A + i * lda, lda, panel, scales, C + i * ldc, ldc, accumulate, cols);
        for (; i + 2 <= M; i += 2)
            kernelAvx512<prec, 2>(K, A + i * lda, lda, panel, scales, C + i * ldc, ldc, accumulate, cols);
        for (; i < M; ++i)
            kernelAvx512<prec, 1>(K, A + i * lda, lda, panel, scales, C + i * ldc, ldc, accumulate, cols);
        break;
    case Isa::Avx2:
        for (; i + 4 <= M; i += 4)
            kernelAvx2<prec, 4>(K, A + i * lda, lda, panel, scales, C + i * ldc, ldc, accumulate, cols);
        for (; i < M; ++i)
            kernelAvx2<prec, 1>(K, A + i * lda, lda, panel, scales, C + i * ldc, ldc, accumulate, cols);
        break;
    case Isa::Baseline:
        for (; i < M; i += 4)
            kernelBaseline<prec>(int(std::min<int64_t>(4, M - i)), K, A + i * lda, lda, panel, scales, C + i * ldc,
                                 ldc, accumulate, cols);
        break;
    }
}

} // namespace

const char* packedGemmKernelName()
{
    switch (kIsa) {
    case Isa::Avx512:
        return "avx512";
    case Isa::Avx2:
        return "avx2";
    case Isa::Baseline:
        break;
    }
    return "baseline";
}

void gemmPacked(int64_t M, const float* A, int64_t lda, const PackedMatrix& B, float* C, int64_t ldc, bool accumulate)
{
    if (M <= 0)
        return;
    const int64_t K = B.rows(), N = B.cols(), panels = B.panels();
    // Row blocks of up to 64 keep a block of A and the panel in L2 together.
    constexpr int64_t kRowBlock = 64;
    auto panelTask = [&](int64_t p) {
        const int64_t cols = std::min(PackedMatrix::kPanel, N - p * PackedMatrix::kPanel);
        const float* scales = B.precision() == P::INT8 ? B.scales() + p * PackedMatrix::kPanel : nullptr;
        for (int64_t i0 = 0; i0 < M; i0 += kRowBlock) {
            const int64_t rows = std::min(kRowBlock, M - i0);
            const float* a = A + i0 * lda;
            float* c = C + i0 * ldc + p * PackedMatrix::kPanel;
            switch (B.precision()) {
            case P::F32:
                panelRows<P::F32>(rows, a, lda, B.panel(p), scales, K, c, ldc, accumulate, cols);
                break;
            case P::BF16:
                panelRows<P::BF16>(rows, a, lda, B.panel(p), scales, K, c, ldc, accumulate, cols);
                break;
            case P::INT8:
                panelRows<P::INT8>(rows, a, lda, B.panel(p), scales, K, c, ldc, accumulate, cols);
                break;
            }
        }
    };
    // Threads pay off when there are weights to stream (>= 256 KB: each thread reads its panels)
    // or enough arithmetic; below that, forking costs more than it saves, and on a loaded
    // machine every fork can wait for a time slice.
    const bool worthIt = B.bytes() >= (256 << 10) || M * K * N >= (1 << 22);
    const bool parallel = !omp_in_parallel() && omp_get_max_threads() > 1 && panels > 1 && worthIt;
    if (parallel) {
#pragma omp parallel for schedule(static)
        for (int64_t p = 0; p < panels; ++p)
            panelTask(p);
    } else {
        for (int64_t p = 0; p < panels; ++p)
            panelTask(p);
    }
}

} // namespace nsynth
