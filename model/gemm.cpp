#include "gemm.h"

#include "error.h"

#include <algorithm>
#include <omp.h>
#include <thread>
#include <vector>

#if NSYNTH_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.h>
#endif

namespace nsynth {

namespace {

__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
void portableKernel(int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B,
                    int64_t ldb, float* C, int64_t ldc)
{
    // C += A * B, blocked over K and N so a B panel stays in cache; the innermost loop over
    // columns vectorises.
    constexpr int64_t kc = 256, nc = 512;
    for (int64_t k0 = 0; k0 < K; k0 += kc) {
        const int64_t k1 = std::min(K, k0 + kc);
        for (int64_t n0 = 0; n0 < N; n0 += nc) {
            const int64_t n1 = std::min(N, n0 + nc);
            for (int64_t i = 0; i < M; ++i) {
                float* c = C + i * ldc;
                const float* a = A + i * lda;
                for (int64_t k = k0; k < k1; ++k) {
                    const float aik = a[k];
                    const float* b = B + k * ldb;
                    for (int64_t j = n0; j < n1; ++j)
                        c[j] += aik * b[j];
                }
            }
        }
    }
}

} // namespace

void portableSgemm(int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B,
                   int64_t ldb, float beta, float* C, int64_t ldc)
{
    for (int64_t i = 0; i < M; ++i) {
        float* c = C + i * ldc;
        if (beta == 0.0f)
            std::fill(c, c + N, 0.0f);
        else if (beta != 1.0f)
            for (int64_t j = 0; j < N; ++j)
                c[j] *= beta;
    }
    if (omp_in_parallel() || M < 4) {
        portableKernel(M, N, K, A, lda, B, ldb, C, ldc);
        return;
    }
#pragma omp parallel
    {
        const int64_t threads = omp_get_num_threads();
        const int64_t id = omp_get_thread_num();
        const int64_t rows = (M + threads - 1) / threads;
        const int64_t r0 = std::min(M, id * rows), r1 = std::min(M, r0 + rows);
        if (r1 > r0)
            portableKernel(r1 - r0, N, K, A + r0 * lda, lda, B, ldb, C + r0 * ldc, ldc);
    }
}

void sgemm(int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B, int64_t ldb,
           float beta, float* C, int64_t ldc)
{
    if (M <= 0 || N <= 0)
        return;
#if NSYNTH_HAVE_ONEDNN
    const dnnl_status_t status = dnnl_sgemm('N', 'N', M, N, K, 1.0f, A, lda, B, ldb, beta, C, ldc);
    if (status != dnnl_success)
        throw Error("oneDNN sgemm failed (status " + std::to_string(int(status)) + ")");
#else
    portableSgemm(M, N, K, A, lda, B, ldb, beta, C, ldc);
#endif
}

bool haveOneDnn()
{
#if NSYNTH_HAVE_ONEDNN
    return true;
#else
    return false;
#endif
}

std::string gemmBackendName()
{
#if NSYNTH_HAVE_ONEDNN
    const dnnl_version_t* v = dnnl_version();
    return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
#else
    return "portable";
#endif
}

void setComputeThreads(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    omp_set_num_threads(threads);
}

int computeThreads() { return omp_get_max_threads(); }

std::string vectorIsaName()
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
        return "avx512";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "avx2";
    return "baseline";
}

} // namespace nsynth
