#pragma once
// General row-major matrix multiply for the encoder (and the benchmarks' GEMM-only rate):
//   C[M,N] = A[M,K] * B[K,N] + beta * C
// Leading dimensions are in elements. Uses oneDNN's sgemm when the build found oneDNN (about
// 5x faster than LibTorch's CPU matmul through Debian's OpenBLAS on these shapes), else the
// portable blocked GEMM below. (The decoder uses packed_gemm.h instead, for batch invariance.) Threads follow OpenMP's setting (setComputeThreads); called
// from inside an OpenMP parallel region it runs on the calling thread only.

#include <cstdint>
#include <string>

namespace nsynth {

void sgemm(int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B, int64_t ldb,
           float beta, float* C, int64_t ldc);

// Plain C++ blocked GEMM (auto-vectorised). Always built, tested against oneDNN, used when
// oneDNN is absent.
void portableSgemm(int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B,
                   int64_t ldb, float beta, float* C, int64_t ldc);

std::string gemmBackendName();   // "oneDNN 2.6.3" or "portable"
bool haveOneDnn();

// Threads for the fast paths (OpenMP, hence oneDNN too). 0 = all cores.
void setComputeThreads(int threads);
int computeThreads();

// Which vector instruction set the elementwise kernels run with on this CPU
// ("avx512", "avx2", "baseline"): they are compiled for each and picked at run time.
std::string vectorIsaName();

} // namespace nsynth
