// Mu-law exactly as nsynth-model.md section 2: every int16 input against the formula, and the
// decode/feedback round trip of every class.

#include "mulaw.h"
#include "test_support.h"

#include <cmath>

using namespace nsynth;

class TestMulaw : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void allInt16InputsMatchTheFormula()
    {
        // Reference: the same formula in double. float32 log may differ from the exact value by
        // an ulp, which only matters where 128 * mu(x) lies within ~1e-5 of an integer; there
        // the float32 result may be either neighbour (section 2.4) and must be one of them.
        int boundary = 0;
        for (int v = -32768; v <= 32767; ++v) {
            const float x = float(v) / 32768.0f;
            const double mu = std::copysign(std::log1p(255.0 * std::fabs(double(x))) / std::log(256.0), double(x));
            const double scaled = 128.0 * mu;
            const int expected = int(std::floor(scaled));
            const int got = mulaw::encode(x);
            QCOMPARE(mulaw::encodeInt16(int16_t(v)), got);
            if (got != expected) {
                const double distance = std::fabs(scaled - std::round(scaled));
                QVERIFY2(distance < 1e-4 && std::abs(got - expected) == 1,
                         qPrintable(QString("int16 %1: q = %2, formula %3 (128*mu = %4)")
                                        .arg(v).arg(got).arg(expected).arg(scaled, 0, 'g', 12)));
                ++boundary;
            }
            QVERIFY(got >= -128 && got <= 127);
        }
        qInfo("%d of 65536 inputs sit within 1e-4 of a class boundary and round the other way", boundary);
        QVERIFY(boundary < 16);
        QCOMPARE(mulaw::encode(0.0f), 0);
        QCOMPARE(mulaw::encode(-1.0f), -128);
    }

    void plusOneIsOutOfRangeAndClampedAsLabel()
    {
        QCOMPARE(mulaw::encode(1.0f), 128);
        QCOMPARE(mulaw::encodeToClass(1.0f), 255);
        QCOMPARE(mulaw::encodeToClass(1.5f), 255);
        QCOMPARE(mulaw::encodeToClass(-1.5f), 0);
        QCOMPARE(mulaw::encodeToInput(-1.0f), -1.0f);
    }

    void decodeMatchesInverseFormulaAndRoundTrips()
    {
        for (int k = 0; k < 256; ++k) {
            const int y = k - 128;
            const float out = mulaw::decodeClass(k);
            if (y == 0) {
                QCOMPARE(out, 0.0f);  // fastgen's special case
            } else {
                const double u = (y + 0.5) / 128.0;
                const double exact = std::copysign((std::pow(256.0, std::fabs(u)) - 1.0) / 255.0, u);
                QVERIFY2(std::fabs(out - exact) <= 1e-6 * std::fabs(exact) + 1e-9,
                         qPrintable(QString("class %1: %2 vs %3").arg(k).arg(out).arg(exact)));
            }
            QVERIFY(std::fabs(out) < 0.99f);
            // Feedback: the decoded sample re-encodes to the same class (section 2.3), so the
            // next decoder input is exactly (k - 128) / 128.
            QCOMPARE(mulaw::encode(out), y);
            QCOMPARE(mulaw::encodeToInput(out), mulaw::classToInput(k));
            QCOMPARE(mulaw::classToInput(k) * 128.0f, float(y));
        }
        // Monotone.
        for (int k = 1; k < 256; ++k)
            QVERIFY(mulaw::decodeClass(k) > mulaw::decodeClass(k - 1));
    }
};

QTEST_GUILESS_MAIN(TestMulaw)
#include "test_mulaw.moc"
