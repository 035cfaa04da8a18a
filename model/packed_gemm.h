#pragma once
// The decoder's GEMM: C[M,N] = A[M,K] * B[K,N] with B (the weights) packed once at load time,
// in fp32, bf16 or int8.
//
// Why not oneDNN here: a note must decode to the same samples whether it is alone or one row of
// a batch (and whichever shard or machine core count ran it). oneDNN's sgemm takes a different
// code path for M = 1 (GEMV) than for M >= 2, so a note's logits differ in the last bits between
// batch 1 and batch 8, and greedy decoding can then diverge. This kernel computes every output
// element the same way for every M, row position and thread count:
//     acc = 0; for k = 0..K-1: acc = fma(A[i,k], w(B[k,j]), acc);  C[i,j] = s_j * acc (+ C[i,j])
// so rows are bitwise independent of their batch. (The AVX-512 and AVX2 kernels both use FMA
// in that order and agree bitwise; the baseline kernel has no FMA and rounds differently.)
//
// Weight precisions (activations and accumulation stay fp32 in all of them):
//   F32   w = B, s = 1                                            4 bytes per weight
//   BF16  w = bf16(B) (round to nearest even), s = 1              2 bytes per weight
//   INT8  w = round(B / s_j) in -127..127, s_j = max_k |B[k,j]| / 127 (per output column)
//                                                                 1 byte per weight (+ N scales)
// At batch 1 the decoder is bound by reading its weights every step, so fewer bytes per weight
// is directly more samples per second.
//
// Layout: B is cut into panels of 32 columns; panel p holds B[k][32p .. 32p+31] for k = 0..K-1,
// contiguous (zero-padded past N). Threads split the panels; within a panel, blocks of rows
// reuse the panel from cache.

#include "aligned_buffer.h"

#include <cstdint>
#include <string>

namespace nsynth {

enum class WeightPrecision { F32, BF16, INT8 };

const char* precisionName(WeightPrecision precision);  // "fp32", "bf16", "int8"
WeightPrecision parsePrecision(const std::string& name);  // throws Error listing the choices

class PackedMatrix {
public:
    static constexpr int64_t kPanel = 32;

    PackedMatrix() = default;
    // B: [K][N] row-major with leading dimension ldb.
    PackedMatrix(const float* B, int64_t K, int64_t N, int64_t ldb, WeightPrecision precision = WeightPrecision::F32);

    WeightPrecision precision() const { return m_precision; }
    int64_t rows() const { return m_K; }
    int64_t cols() const { return m_N; }
    int64_t panels() const { return m_panels; }
    // Panel p's weights: float, uint16 (bf16 bits) or int8, depending on the precision.
    const void* panel(int64_t p) const;
    const float* scales() const { return m_scales.data(); }  // INT8: [panels * 32]
    int64_t bytes() const;

private:
    WeightPrecision m_precision = WeightPrecision::F32;
    int64_t m_K = 0, m_N = 0, m_panels = 0;
    AlignedArray<float> m_f32;
    AlignedArray<uint16_t> m_bf16;
    AlignedArray<int8_t> m_int8;
    AlignedArray<float> m_scales;
};

// C[M, N] = A[M, K] * B (accumulate: C += ...). lda, ldc in elements. Multi-threaded over panels
// when the work is large enough (OpenMP; single-threaded inside a parallel region).
void gemmPacked(int64_t M, const float* A, int64_t lda, const PackedMatrix& B, float* C, int64_t ldc,
                bool accumulate);

// Which kernel gemmPacked runs on this CPU: "avx512", "avx2" or "baseline" (the best the CPU
// has, unless the environment variable NSYNTH_ISA=avx2|baseline asks for a lesser one).
const char* packedGemmKernelName();

} // namespace nsynth
