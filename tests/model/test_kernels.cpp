// The numeric building blocks of the fast paths against plain double-precision loops:
// packed GEMM (every shape class, and its batch invariance), the library and portable GEMMs,
// the vectorised activations and the elementwise kernels.

#include "activations.h"
#include "gemm.h"
#include "kernels.h"
#include "packed_gemm.h"
#include "random.h"
#include "test_support.h"

#include <cmath>
#include <vector>

using namespace nsynth;

namespace {

std::vector<float> randomVector(size_t n, uint64_t seed, float scale = 1.0f)
{
    SplitMix64 rng(seed);
    std::vector<float> v(n);
    for (float& x : v)
        x = rng.uniform(-scale, scale);
    return v;
}

// max |C - A*B| / (max |A| * max |B| * K): the rounding error per term, ~1e-7 for float.
double gemmError(int64_t M, int64_t N, int64_t K, const std::vector<float>& A, const std::vector<float>& B,
                 const std::vector<float>& C, const std::vector<float>* C0)
{
    double worst = 0;
    for (int64_t i = 0; i < M; ++i)
        for (int64_t j = 0; j < N; ++j) {
            double ref = C0 ? double((*C0)[size_t(i * N + j)]) : 0.0;
            for (int64_t k = 0; k < K; ++k)
                ref += double(A[size_t(i * K + k)]) * double(B[size_t(k * N + j)]);
            worst = std::max(worst, std::fabs(ref - double(C[size_t(i * N + j)])));
        }
    return worst / double(K);
}

} // namespace

class TestKernels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void packedGemmMatchesDoubleLoops()
    {
        const int64_t shapes[][3] = {{1, 32, 16}, {1, 1024, 1536}, {3, 40, 7}, {8, 768, 512}, {9, 256, 256},
                                     {13, 5, 33}, {64, 96, 48}, {70, 1024, 64}};
        uint64_t seed = 1;
        for (const auto& s : shapes) {
            const int64_t M = s[0], N = s[1], K = s[2];
            const auto A = randomVector(size_t(M * K), seed++), B = randomVector(size_t(K * N), seed++);
            const PackedMatrix P(B.data(), K, N, N);
            std::vector<float> C(size_t(M * N), 0.0f);
            gemmPacked(M, A.data(), K, P, C.data(), N, false);
            const double err = gemmError(M, N, K, A, B, C, nullptr);
            QVERIFY2(err < 1e-6, qPrintable(QString("M=%1 N=%2 K=%3: error %4").arg(M).arg(N).arg(K).arg(err)));
            // accumulate
            auto C0 = randomVector(size_t(M * N), seed++);
            auto C1 = C0;
            gemmPacked(M, A.data(), K, P, C1.data(), N, true);
            QVERIFY(gemmError(M, N, K, A, B, C1, &C0) < 1e-6);
        }
        qInfo("packed kernel: %s", packedGemmKernelName());
    }

    void packedGemmRowsDoNotDependOnTheBatch()
    {
        // Every row of a batch is bitwise what it is alone (packed_gemm.h), for every batch size
        // and position, and for 1 or 2 threads.
        const int64_t K = 1536, N = 1024, maxM = 67;
        const auto A = randomVector(size_t(maxM * K), 11), B = randomVector(size_t(K * N), 12, 0.05f);
        const PackedMatrix P(B.data(), K, N, N);
        std::vector<std::vector<float>> alone(static_cast<size_t>(maxM), std::vector<float>(static_cast<size_t>(N)));
        setComputeThreads(1);
        for (int64_t i = 0; i < maxM; ++i)
            gemmPacked(1, A.data() + i * K, K, P, alone[size_t(i)].data(), N, false);
        for (int threads : {1, 2}) {
            setComputeThreads(threads);
            for (int64_t M : {2, 3, 8, 9, 16, 33, 64, 67}) {
                std::vector<float> C(size_t(M * N));
                gemmPacked(M, A.data(), K, P, C.data(), N, false);
                for (int64_t i = 0; i < M; ++i)
                    QVERIFY2(std::memcmp(C.data() + i * N, alone[size_t(i)].data(), size_t(N) * 4) == 0,
                             qPrintable(QString("row %1 of %2 (%3 threads) differs from the row alone").arg(i).arg(M)
                                            .arg(threads)));
            }
        }
        setComputeThreads(0);
    }

    void libraryAndPortableGemmsMatchDoubleLoops()
    {
        for (auto [M, N, K] : {std::tuple<int64_t, int64_t, int64_t>{1, 64, 128}, {5, 33, 17}, {128, 128, 384}}) {
            const auto A = randomVector(size_t(M * K), 21), B = randomVector(size_t(K * N), 22);
            std::vector<float> C(size_t(M * N), 0.0f), D(size_t(M * N), 0.0f);
            sgemm(M, N, K, A.data(), K, B.data(), N, 0.0f, C.data(), N);
            portableSgemm(M, N, K, A.data(), K, B.data(), N, 0.0f, D.data(), N);
            QVERIFY(gemmError(M, N, K, A, B, C, nullptr) < 1e-6);
            QVERIFY(gemmError(M, N, K, A, B, D, nullptr) < 1e-6);
        }
        qInfo("library GEMM: %s", gemmBackendName().c_str());
    }

    void activationsAreAccurate()
    {
        const int n = 200001;
        std::vector<float> x(n), e(n), sg(n), th(n);
        for (int i = 0; i < n; ++i)
            x[size_t(i)] = -20.0f + 40.0f * float(i) / float(n - 1);
        expArray(x.data(), e.data(), n);
        sigmoidArray(x.data(), sg.data(), n);
        tanhArray(x.data(), th.data(), n);
        double expRel = 0, sigAbs = 0, tanhAbs = 0;
        for (int i = 0; i < n; ++i) {
            const double v = x[size_t(i)];
            expRel = std::max(expRel, std::fabs(e[size_t(i)] - std::exp(v)) / std::exp(v));
            sigAbs = std::max(sigAbs, std::fabs(sg[size_t(i)] - 1.0 / (1.0 + std::exp(-v))));
            tanhAbs = std::max(tanhAbs, std::fabs(th[size_t(i)] - std::tanh(v)));
        }
        qInfo("exp relative error %.3g, sigmoid absolute %.3g, tanh absolute %.3g", expRel, sigAbs, tanhAbs);
        QVERIFY(expRel < 2e-7);
        QVERIFY(sigAbs < 3e-7);
        QVERIFY(tanhAbs < 3e-7);
        // Saturation and extremes stay finite and exact at the limits.
        const float big[] = {-1000.0f, -90.0f, 90.0f, 1000.0f};
        float out[4];
        sigmoidArray(big, out, 4);
        QCOMPARE(out[0], 0.0f);
        QCOMPARE(out[3], 1.0f);
        tanhArray(big, out, 4);
        QCOMPARE(out[0], -1.0f);
        QCOMPARE(out[3], 1.0f);
    }

    void gateUsesSigmoidOnTheFirstHalf()
    {
        const int64_t W = 37, rows = 3;
        const auto z = randomVector(size_t(rows * 2 * W), 31, 3.0f), bias = randomVector(size_t(2 * 2 * W), 32);
        std::vector<float> g(size_t(rows * W));
        gatedActivation(rows, W, z.data(), bias.data(), 2, 1, g.data());
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t c = 0; c < W; ++c) {
                const float* br = bias.data() + ((1 + r) % 2) * 2 * W;
                const double a = z[size_t(r * 2 * W + c)] + br[c], f = z[size_t(r * 2 * W + W + c)] + br[W + c];
                const double expected = 1.0 / (1.0 + std::exp(-a)) * std::tanh(f);
                QVERIFY(std::fabs(g[size_t(r * W + c)] - expected) < 1e-6);
            }
    }

    void winogradTransformsGiveTheDilatedConv()
    {
        // y[t] = r(x[t-d]) W0 + r(x[t]) W1 + r(x[t+d]) W2 through the input transform, the four
        // transformed filters and the output transform, against the direct sum.
        const int64_t W = 19;
        const auto rows = randomVector(size_t(4 * W), 41);  // x[t-d], x[t], x[t+d], x[t+2d]
        const auto w = randomVector(size_t(3 * W * W), 42);
        std::vector<float> u(size_t(4 * W));
        kernels::winogradInputRow(rows.data(), rows.data() + W, rows.data() + 2 * W, rows.data() + 3 * W, u.data(),
                                  u.data() + W, u.data() + 2 * W, u.data() + 3 * W, W);
        std::vector<float> g0(size_t(W * W)), gp(size_t(W * W)), gm(size_t(W * W)), g2(size_t(W * W));
        for (int64_t q = 0; q < W * W; ++q) {
            g0[size_t(q)] = w[size_t(q)];
            g2[size_t(q)] = w[size_t(2 * W * W + q)];
            gp[size_t(q)] = (w[size_t(q)] + w[size_t(W * W + q)] + w[size_t(2 * W * W + q)]) * 0.5f;
            gm[size_t(q)] = (w[size_t(q)] - w[size_t(W * W + q)] + w[size_t(2 * W * W + q)]) * 0.5f;
        }
        std::vector<float> m(size_t(4 * W), 0.0f), bias(static_cast<size_t>(W), 0.0f), y0(static_cast<size_t>(W)), y1(static_cast<size_t>(W));
        portableSgemm(1, W, W, u.data(), W, g0.data(), W, 0.0f, m.data(), W);
        portableSgemm(1, W, W, u.data() + W, W, gp.data(), W, 0.0f, m.data() + W, W);
        portableSgemm(1, W, W, u.data() + 2 * W, W, gm.data(), W, 0.0f, m.data() + 2 * W, W);
        portableSgemm(1, W, W, u.data() + 3 * W, W, g2.data(), W, 0.0f, m.data() + 3 * W, W);
        kernels::winogradOutputRows(1, W, m.data(), m.data() + W, m.data() + 2 * W, m.data() + 3 * W, bias.data(),
                                    y0.data(), y1.data());
        auto relu = [](double v) { return v > 0 ? v : 0.0; };
        for (int64_t o = 0; o < W; ++o) {
            double d0 = 0, d1 = 0;
            for (int64_t i = 0; i < W; ++i) {
                for (int tap = 0; tap < 3; ++tap) {
                    const double wt = w[size_t((tap * W + i) * W + o)];
                    d0 += relu(rows[size_t(tap * W + i)]) * wt;      // taps t-d, t, t+d
                    d1 += relu(rows[size_t((tap + 1) * W + i)]) * wt;  // taps t, t+d, t+2d
                }
            }
            QVERIFY(std::fabs(y0[size_t(o)] - relu(d0)) < 1e-5);
            QVERIFY(std::fabs(y1[size_t(o)] - relu(d1)) < 1e-5);
        }
    }
};

QTEST_GUILESS_MAIN(TestKernels)
#include "test_kernels.moc"
