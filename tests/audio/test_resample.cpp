// resample.h: exact output lengths, identity at equal rates, a sine resampled stays that sine
// (libsamplerate's best sinc: the error is far below a 16-bit step), content above the new
// Nyquist frequency is removed, and bad rates are errors.

#include "error.h"
#include "resample.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <numbers>

using namespace nsynth;
using namespace nsynth::audio;

namespace {

std::vector<float> sine(int64_t n, double hz, int rate, double amplitude, double phase = 0.0)
{
    std::vector<float> x(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        x[size_t(i)] = float(amplitude * std::sin(2.0 * std::numbers::pi * hz * double(i) / rate + phase));
    return x;
}

double rms(const std::vector<float>& x, size_t from, size_t to)
{
    double s = 0;
    for (size_t i = from; i < to; ++i)
        s += double(x[i]) * x[i];
    return std::sqrt(s / double(to - from));
}

} // namespace

class TestResample : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identityAtEqualRates()
    {
        const std::vector<float> x = sine(1000, 440, 16000, 0.3);
        QVERIFY(resample(x, 16000, 16000) == x);
        QVERIFY(resample({}, 16000, 16000).empty());
    }

    void lengths_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<qint64>("expected"); // round(n * to / from)
        QTest::newRow("4 s at 44.1k") << qint64(176400) << 44100 << 16000 << qint64(64000);
        QTest::newRow("64000 at 44.1k") << qint64(64000) << 44100 << 16000 << qint64(23220); // 23219.95
        QTest::newRow("48k") << qint64(48001) << 48000 << 16000 << qint64(16000);              // 16000.33
        QTest::newRow("32k half up") << qint64(3) << 32000 << 16000 << qint64(2);              // 1.5 -> 2
        QTest::newRow("up 16k->44.1k") << qint64(16000) << 16000 << 44100 << qint64(44100);
        QTest::newRow("up odd") << qint64(12345) << 22050 << 48000 << qint64(26873);           // 26873.47
        QTest::newRow("one sample") << qint64(1) << 44100 << 16000 << qint64(0);               // 0.36
        QTest::newRow("empty") << qint64(0) << 44100 << 16000 << qint64(0);
    }

    void lengths()
    {
        QFETCH(qint64, n);
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(qint64, expected);
        QCOMPARE(resampledLength(n, from, to), int64_t(expected));
        const std::vector<float> x = sine(n, 100, from, 0.5);
        const std::vector<float> y = resample(x, from, to);
        QCOMPARE(qint64(y.size()), expected);
        for (float v : y)
            QVERIFY(std::isfinite(v));
    }

    void sinePreserved_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<double>("hz");
        QTest::newRow("44.1k->16k 1 kHz") << 44100 << 16000 << 1000.0;
        QTest::newRow("48k->16k 7 kHz") << 48000 << 16000 << 7000.0;
        QTest::newRow("32k->16k 61.7 Hz") << 32000 << 16000 << 61.7;
        QTest::newRow("16k->44.1k 3 kHz") << 16000 << 44100 << 3000.0;
    }

    // Away from the ends (the filter sees zeros beyond them), the output is the same sine sampled
    // at the new rate: error below 1e-4 RMS (-80 dB re the 0.5 amplitude; 16-bit step is 3e-5).
    void sinePreserved()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(double, hz);
        const int64_t n = from; // 1 s
        const std::vector<float> y = resample(sine(n, hz, from, 0.5, 0.3), from, to);
        const std::vector<float> ideal = sine(int64_t(y.size()), hz, to, 0.5, 0.3);
        const size_t edge = size_t(to / 20); // 50 ms
        std::vector<float> err(y.size());
        double maxErr = 0;
        for (size_t i = edge; i < y.size() - edge; ++i) {
            err[i] = y[i] - ideal[i];
            maxErr = std::max(maxErr, double(std::abs(err[i])));
        }
        const double errRms = rms(err, edge, y.size() - edge);
        qInfo("%d -> %d Hz, %.1f Hz sine: error RMS %.2e, max %.2e", from, to, hz, errRms, maxErr);
        QVERIFY2(errRms < 1e-4, qPrintable(QString::number(errRms)));
        QVERIFY2(maxErr < 5e-4, qPrintable(QString::number(maxErr)));
    }

    // A 10 kHz tone cannot exist at 16 kHz; it must be filtered out, not folded to 6 kHz.
    void antiAliasing()
    {
        const std::vector<float> x = sine(44100, 10000, 44100, 0.5);
        const std::vector<float> y = resample(x, 44100, 16000);
        const double level = rms(y, 800, y.size() - 800) / rms(x, 0, x.size());
        qInfo("10 kHz tone after 44.1k -> 16k: %.1f dB", 20 * std::log10(level));
        QVERIFY(level < 1e-3); // below -60 dB
    }

    void badRates()
    {
        const std::vector<float> x(100, 0.1f);
        for (auto [from, to] : std::vector<std::pair<int, int>>{{0, 16000}, {44100, 0}, {-8000, 16000}, {1, 1000}, {2'000'000, 16000}}) {
            bool threw = false;
            try {
                resample(x, from, to);
            } catch (const Error& e) {
                threw = true;
                QVERIFY2(QString(e.what()).startsWith("resample: "), e.what());
            }
            QVERIFY2(threw, qPrintable(QString("%1 -> %2").arg(from).arg(to)));
        }
    }

    void speed()
    {
        const std::vector<float> x = sine(44100 * 4, 440, 44100, 0.5);
        QElapsedTimer t;
        t.start();
        const std::vector<float> y = resample(x, 44100, 16000);
        const double s = t.nsecsElapsed() * 1e-9;
        qInfo("4 s at 44.1 kHz -> 16 kHz (best quality): %.1f ms, %.1f M input samples/s", s * 1e3, double(x.size()) / s * 1e-6);
        QCOMPARE(y.size(), size_t(64000));
    }
};

QTEST_GUILESS_MAIN(TestResample)
#include "test_resample.moc"
