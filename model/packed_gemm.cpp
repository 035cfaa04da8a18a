#include "packed_gemm.h"

#include "error.h"

#include <algorithm>
#include <cstring>
#include <immintrin.h>
#include <omp.h>

namespace nsynth {

PackedMatrix::PackedMatrix(const float* B, int64_t K, int64_t N, int64_t ldb)
    : m_K(K), m_N(N), m_panels((N + kPanel - 1) / kPanel)
{
    m_data.resize(static_cast<size_t>(m_panels * K * kPanel));
    for (int64_t p = 0; p < m_panels; ++p) {
        const int64_t j0 = p * kPanel, width = std::min(kPanel, N - j0);
        float* dst = m_data.data() + p * K * kPanel;
        for (int64_t k = 0; k < K; ++k)
            std::memcpy(dst + k * kPanel, B + k * ldb + j0, size_t(width) * sizeof(float));
    }
}

namespace {

// Every kernel computes rows [0, MR) x the panel's `cols` (<= 32) columns, each element as a
// single FMA chain over k in order (see the header).

template <int MR>
__attribute__((target("avx512f,fma"))) void kernelAvx512(int64_t K, const float* A, int64_t lda, const float* Bp,
                                                         float* C, int64_t ldc, bool accumulate, int64_t cols)
{
    __m512 acc0[MR], acc1[MR];
    for (int i = 0; i < MR; ++i) {
        acc0[i] = _mm512_setzero_ps();
        acc1[i] = _mm512_setzero_ps();
    }
    for (int64_t k = 0; k < K; ++k) {
        const __m512 b0 = _mm512_load_ps(Bp + k * 32);
        const __m512 b1 = _mm512_load_ps(Bp + k * 32 + 16);
#pragma GCC unroll 8
        for (int i = 0; i < MR; ++i) {
            const __m512 a = _mm512_set1_ps(A[i * lda + k]);
            acc0[i] = _mm512_fmadd_ps(a, b0, acc0[i]);
            acc1[i] = _mm512_fmadd_ps(a, b1, acc1[i]);
        }
    }
    const __mmask16 m0 = cols >= 16 ? __mmask16(0xffff) : __mmask16((1u << cols) - 1u);
    const __mmask16 m1 = cols >= 32 ? __mmask16(0xffff) : (cols > 16 ? __mmask16((1u << (cols - 16)) - 1u) : 0);
    for (int i = 0; i < MR; ++i) {
        float* c = C + i * ldc;
        if (accumulate) {
            acc0[i] = _mm512_add_ps(_mm512_maskz_loadu_ps(m0, c), acc0[i]);
            acc1[i] = _mm512_add_ps(_mm512_maskz_loadu_ps(m1, c + 16), acc1[i]);
        }
        _mm512_mask_storeu_ps(c, m0, acc0[i]);
        _mm512_mask_storeu_ps(c + 16, m1, acc1[i]);
    }
}

// AVX2: the panel is done as two halves of 16 columns (2 ymm each), 4 rows at a time.
template <int MR>
__attribute__((target("avx2,fma"))) void kernelAvx2(int64_t K, const float* A, int64_t lda, const float* Bp,
                                                    float* C, int64_t ldc, bool accumulate, int64_t cols)
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
            const __m256 b0 = _mm256_load_ps(Bp + k * 32 + c0);
            const __m256 b1 = _mm256_load_ps(Bp + k * 32 + c0 + 8);
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
            for (int64_t j = 0; j < n; ++j)
                c[j] = accumulate ? c[j] + tmp[j] : tmp[j];
        }
    }
}

void kernelBaseline(int MR, int64_t K, const float* A, int64_t lda, const float* Bp, float* C, int64_t ldc,
                    bool accumulate, int64_t cols)
{
    for (int i = 0; i < MR; ++i) {
        float acc[32] = {};
        for (int64_t k = 0; k < K; ++k) {
            const float a = A[i * lda + k];
            const float* b = Bp + k * 32;
            for (int j = 0; j < 32; ++j)
                acc[j] += a * b[j];
        }
        float* c = C + i * ldc;
        for (int64_t j = 0; j < cols; ++j)
            c[j] = accumulate ? c[j] + acc[j] : acc[j];
    }
}

enum class Isa { Avx512, Avx2, Baseline };

Isa detectIsa()
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma"))
        return Isa::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return Isa::Avx2;
    return Isa::Baseline;
}

const Isa kIsa = detectIsa();

// Rows [0, M) of one panel.
void panelRows(int64_t M, const float* A, int64_t lda, const float* Bp, int64_t K, float* C, int64_t ldc,
               bool accumulate, int64_t cols)
{
    int64_t i = 0;
    switch (kIsa) {
    case Isa::Avx512:
        for (; i + 8 <= M; i += 8)
            kernelAvx512<8>(K, A + i * lda, lda, Bp, C + i * ldc, ldc, accumulate, cols);
        for (; i + 4 <= M; i += 4)
            kernelAvx512<4>(K, A + i * lda, lda, Bp, C + i * ldc, ldc, accumulate, cols);
        for (; i + 2 <= M; i += 2)
            kernelAvx512<2>(K, A + i * lda, lda, Bp, C + i * ldc, ldc, accumulate, cols);
        for (; i < M; ++i)
            kernelAvx512<1>(K, A + i * lda, lda, Bp, C + i * ldc, ldc, accumulate, cols);
        break;
    case Isa::Avx2:
        for (; i + 4 <= M; i += 4)
            kernelAvx2<4>(K, A + i * lda, lda, Bp, C + i * ldc, ldc, accumulate, cols);
        for (; i < M; ++i)
            kernelAvx2<1>(K, A + i * lda, lda, Bp, C + i * ldc, ldc, accumulate, cols);
        break;
    case Isa::Baseline:
        for (; i < M; i += 4)
            kernelBaseline(int(std::min<int64_t>(4, M - i)), K, A + i * lda, lda, Bp, C + i * ldc, ldc, accumulate,
                           cols);
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
        for (int64_t i0 = 0; i0 < M; i0 += kRowBlock)
            panelRows(std::min(kRowBlock, M - i0), A + i0 * lda, lda, B.panel(p), K,
                      C + i0 * ldc + p * PackedMatrix::kPanel, ldc, accumulate, cols);
    };
    const bool parallel = !omp_in_parallel() && omp_get_max_threads() > 1 && panels > 1 && M * K * N >= (1 << 16);
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
