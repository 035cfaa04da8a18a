// conform.h: the seed exercise's spec (mono, 16 kHz, 16-bit grid, exactly 64000 samples), onset
// trimming, cutting with a fade and padding, every check, the pitch check against the name on a
// deliberately misnamed real note, and every real instrument note conformed without exception.

#include "audio_file.h"
#include "conform.h"
#include "error.h"
#include "pitch.h"
#include "resample.h"
#include "test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <map>
#include <numbers>
#include <random>

using namespace nsynth;
using namespace nsynth::audio;

namespace {

constexpr int64_t kLength = 64000;
constexpr int64_t kPreOnset = 80; // 5 ms at 16 kHz, ConformOptions' default

// Mono note at `rate`: `silenceS` of silence (or noise at `noiseLevel` RMS), then a harmonic
// tone at MIDI `midi` for `noteS` with a `attackS` linear attack and a slow decay, peak about `peak`.
std::vector<float> makeNote(int rate, double silenceS, double noteS, int midi, double peak = 0.5,
                            double attackS = 0.005, double noiseLevel = 0.0, uint64_t seed = 1)
{
    const int64_t silence = int64_t(std::llround(silenceS * rate));
    const int64_t n = silence + int64_t(std::llround(noteS * rate));
    const double hz = midiToHz(midi);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, noiseLevel > 0 ? noiseLevel : 1.0);
    std::vector<float> x(size_t(n), 0.0f);
    for (int64_t i = 0; i < n; ++i) {
        double v = noiseLevel > 0 ? noise(rng) : 0.0;
        if (i >= silence) {
            const double t = double(i - silence) / rate;
            const double env = std::min(1.0, t / attackS) * std::exp(-t / 3.0);
            double s = 0;
            for (int k = 1; k <= 6 && k * hz < 0.45 * rate; ++k)
                s += std::sin(2.0 * std::numbers::pi * k * hz * t) / k;
            v += peak * env * s / 1.6;
        }
        x[size_t(i)] = float(v);
    }
    return x;
}

AudioData monoData(std::vector<float> x, int rate)
{
    AudioData a;
    a.sampleRate = rate;
    a.channels = 1;
    a.samples = std::move(x);
    a.formatDescription = "test";
    return a;
}

const NoteCheck* findCheck(const ConformReport& r, const std::string& code)
{
    for (const NoteCheck& c : r.checks)
        if (c.code == code)
            return &c;
    return nullptr;
}

QString describe(const ConformReport& r)
{
    QStringList parts;
    for (const NoteCheck& c : r.checks)
        parts << QString::fromStdString(severityName(c.severity) + " " + c.code + ": " + c.message);
    return parts.join(" | ");
}

// First sample whose magnitude reaches `level`.
int64_t firstAbove(const std::vector<float>& y, float level)
{
    for (size_t i = 0; i < y.size(); ++i)
        if (std::abs(y[i]) >= level)
            return int64_t(i);
    return -1;
}

void verifySpec(const ConformedNote& c)
{
    QCOMPARE(int64_t(c.samples.size()), kLength);
    for (float v : c.samples) {
        const double code = double(v) * 32768.0;
        QVERIFY(code == std::round(code) && code >= -32768 && code <= 32767);
    }
}

bool hasCode(const ConformReport& r, const char* code) { return findCheck(r, code) != nullptr; }

} // namespace

class TestConform : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // 44.1 kHz stereo, 300 ms of digital silence, then a 5-s C4: exactly 64000 samples at
    // 16 kHz, the onset 5 ms (preOnsetMs) into the output, tolerance +-1.5 ms; cut with a fade.
    void stereo44kWithLeadingSilence()
    {
        const std::vector<float> left = makeNote(44100, 0.300, 5.0, 60);
        AudioData a;
        a.sampleRate = 44100;
        a.channels = 2;
        for (float v : left) {
            a.samples.push_back(v);
            a.samples.push_back(0.5f * v);
        }
        const ConformedNote c = conformNote(a, "synth_60.wav");
        const ConformReport& r = c.report;
        verifySpec(c);
        qInfo("%s", qPrintable(describe(r)));
        QCOMPARE(r.sourceRate, 44100);
        QCOMPARE(r.sourceChannels, 2);
        QCOMPARE(r.sourceFrames, int64_t(left.size()));
        QVERIFY2(std::abs(r.onsetSample - 4800) <= 24, qPrintable(QString::number(r.onsetSample)));
        QCOMPARE(r.trimmedSamples, r.onsetSample - kPreOnset);
        QCOMPARE(r.paddedSamples, int64_t(0));
        // 5.3 s at 16 kHz = 84800 samples, minus the trim, minus 64000 kept.
        QCOMPARE(r.cutSamples, 84800 - r.trimmedSamples - kLength);
        const int64_t start = firstAbove(c.samples, 0.01f);
        QVERIFY2(std::abs(start - kPreOnset) <= 24, qPrintable(QString("sound starts at %1").arg(start)));
        for (int64_t i = 0; i < kPreOnset - 24; ++i)
            QVERIFY(std::abs(c.samples[size_t(i)]) < 0.001f);
        for (const char* code : {"resampled", "mixed_down", "trimmed", "cut"})
            QVERIFY2(hasCode(r, code), code);
        QVERIFY2(!r.hasWarnings() && !r.hasErrors(), qPrintable(describe(r)));
        // Fade-out: the last sample is exactly 0, the last 5 ms (gain <= 0.024) far quieter than before the fade.
        QCOMPARE(c.samples.back(), 0.0f);
        double before = 0, tail = 0;
        for (int64_t i = kLength - 2400; i < kLength - 800; ++i)
            before = std::max(before, double(std::abs(c.samples[size_t(i)])));
        for (int64_t i = kLength - 80; i < kLength; ++i)
            tail = std::max(tail, double(std::abs(c.samples[size_t(i)])));
        QVERIFY2(tail < 0.05 * before, qPrintable(QString("tail %1, before fade %2").arg(tail).arg(before)));
        // Name and pitch.
        QVERIFY(r.name && r.name->pitch == 60 && r.name->instrument == "synth");
        QVERIFY(r.pitch.voiced);
        QVERIFY(r.centsFromNamed && std::abs(*r.centsFromNamed) < 5.0);
        QVERIFY(!r.octaveError);
        // Levels of the mono mix (0.75 of the left channel).
        QVERIFY(r.peakDb < 0 && r.peakDb > -12);
        QVERIFY(r.rmsDb < r.peakDb);
        QVERIFY(std::abs(r.dcOffset) < 1e-3);
    }

    // A home recording: hiss at -70 dBFS before a slow-ish (20 ms) attack. The hiss must not
    // hide the onset; the output starts 5 ms before the sound, tolerance -1.5 ms .. +5 ms.
    void noisyLeadingSilence()
    {
        const ConformedNote c = conformNote(monoData(makeNote(48000, 0.8, 3.0, 45, 0.5, 0.020, 0.0003, 7), 48000), "bass_45.wav");
        verifySpec(c);
        const ConformReport& r = c.report;
        qInfo("onset %lld, trimmed %lld; %s", (long long)r.onsetSample, (long long)r.trimmedSamples, qPrintable(describe(r)));
        QVERIFY2(r.onsetSample >= 12800 - 24 && r.onsetSample <= 12800 + 80, qPrintable(QString::number(r.onsetSample)));
        QVERIFY(hasCode(r, "short")); // 3.0 s of note
        QVERIFY(!hasCode(r, "quiet") && !hasCode(r, "silent"));
        QVERIFY(r.centsFromNamed && std::abs(*r.centsFromNamed) < 5.0);
    }

    // A bowed-string-like 400 ms attack: the onset is where the sound starts, not where it is
    // already loud (the -20 dB point is 40 ms in); tolerance 10 ms.
    void slowAttack()
    {
        const ConformedNote c = conformNote(monoData(makeNote(16000, 0.5, 4.0, 55, 0.5, 0.400), 16000), "cello_55.wav");
        verifySpec(c);
        const ConformReport& r = c.report;
        QVERIFY2(std::abs(r.onsetSample - 8000) <= 160, qPrintable(QString::number(r.onsetSample)));
        QVERIFY2(!hasCode(r, "resampled") && !hasCode(r, "mixed_down"), qPrintable(describe(r)));
    }

    // A 1-s note: padded with zeros to 64000 and reported as "short" (a warning, not an error).
    void shortNotePadded()
    {
        const ConformedNote c = conformNote(monoData(makeNote(16000, 0.0, 1.0, 72), 16000), "bell_72.wav");
        verifySpec(c);
        const ConformReport& r = c.report;
        QCOMPARE(r.trimmedSamples, int64_t(0)); // starts at its onset
        QCOMPARE(r.paddedSamples, kLength - 16000);
        QCOMPARE(r.cutSamples, int64_t(0));
        const NoteCheck* s = findCheck(r, "short");
        QVERIFY(s && s->severity == NoteCheck::Severity::Warning);
        QVERIFY2(QString::fromStdString(s->message).contains("3000.0 ms"), s->message.c_str());
        QVERIFY(!r.hasErrors());
        for (int64_t i = 16000; i < kLength; ++i)
            QCOMPARE(c.samples[size_t(i)], 0.0f);
        // No click where the padding starts: the last source samples fade to (near) zero.
        QVERIFY(std::abs(c.samples[15999]) < 0.001f);
        QVERIFY(std::abs(c.samples[15000]) > 0.01f);
        QVERIFY(r.centsFromNamed && std::abs(*r.centsFromNamed) < 5.0);
    }

    // A 10-s note cut to 4 s with a 50 ms half-cosine fade ending at exactly 0.
    void longNoteCut()
    {
        ConformOptions o;
        o.fadeOutMs = 50;
        const std::vector<float> x = makeNote(16000, 0.0, 10.0, 40);
        const ConformedNote c = conformNote(monoData(x, 16000), "tuba_40.wav", o);
        verifySpec(c);
        const ConformReport& r = c.report;
        QCOMPARE(r.cutSamples, int64_t(160000 - kLength));
        QVERIFY(hasCode(r, "cut") && !hasCode(r, "short"));
        QCOMPARE(c.samples.back(), 0.0f);
        // Before the fade the output is the input (on the 16-bit grid); inside it, scaled down.
        const std::vector<float> q = quantizeTo16Bit(std::vector<float>(x.begin(), x.begin() + kLength), nullptr);
        for (int64_t i = 0; i < kLength - 800; ++i)
            QCOMPARE(c.samples[size_t(i)], q[size_t(i)]);
        const double mid = c.samples[size_t(kLength - 400)] / double(q[size_t(kLength - 400)]); // halfway: gain ~0.5
        QVERIFY2(std::abs(mid - 0.5) < 0.01 || std::abs(q[size_t(kLength - 400)]) < 0.01f, qPrintable(QString::number(mid)));
    }

    // conformNote resamples only the part of a long source that it keeps (plus a margin); the
    // result must be what resampling the whole file and then trimming gives, sample for sample.
    void matchesFullResample()
    {
        const std::vector<float> x = makeNote(44100, 0.25, 12.0, 52);
        const ConformedNote c = conformNote(monoData(x, 44100), "horn_52.wav");
        const std::vector<float> full = resample(x, 44100, 16000);
        const int64_t start = c.report.trimmedSamples;
        QVERIFY(start > 3000);
        const std::vector<float> expected =
            quantizeTo16Bit(std::vector<float>(full.begin() + start, full.begin() + start + kLength - 800), nullptr);
        int64_t differ = 0;
        for (size_t i = 0; i < expected.size(); ++i)
            differ += c.samples[i] != expected[i];
        QCOMPARE(differ, int64_t(0));
    }

    // A note that is already to spec (16 kHz, mono, 64000 samples, starting at its onset) comes
    // out unchanged.
    void exactLengthUntouched()
    {
        const std::vector<float> x = quantizeTo16Bit(makeNote(16000, 0.002, 3.998, 64), nullptr);
        const ConformedNote c = conformNote(monoData(x, 16000), "keys_64.wav");
        QVERIFY(c.samples == x);
        QVERIFY2(c.report.checks.empty(), qPrintable(describe(c.report)));
    }

    void silentNote_data()
    {
        QTest::addColumn<double>("noise");
        QTest::newRow("digital silence") << 0.0;
        QTest::newRow("hiss, peak about -72 dBFS") << 0.00005; // RMS -86 dB
    }

    void silentNote()
    {
        QFETCH(double, noise);
        std::vector<float> x(48000, 0.0f);
        std::mt19937_64 rng(3);
        std::normal_distribution<double> d(0.0, noise > 0 ? noise : 1.0);
        if (noise > 0)
            for (float& v : x)
                v = float(d(rng));
        const ConformedNote c = conformNote(monoData(x, 44100), "flute_60.wav");
        verifySpec(c);
        const NoteCheck* s = findCheck(c.report, "silent");
        QVERIFY2(s && s->severity == NoteCheck::Severity::Error, qPrintable(describe(c.report)));
        QVERIFY(c.report.hasErrors());
        QCOMPARE(c.report.onsetSample, int64_t(-1));
        QVERIFY(c.report.peakDb < -60);
        QVERIFY(!hasCode(c.report, "quiet") && !hasCode(c.report, "no_pitch"));
    }

    // Peak -40 dBFS: "quiet" warning, still conformed and pitch-checked.
    void quietNote()
    {
        const ConformedNote c = conformNote(monoData(makeNote(16000, 0.1, 4.0, 67, 0.01), 16000), "oboe_67.wav");
        verifySpec(c);
        const NoteCheck* q = findCheck(c.report, "quiet");
        QVERIFY2(q && q->severity == NoteCheck::Severity::Warning, qPrintable(describe(c.report)));
        QVERIFY(!c.report.hasErrors());
        QVERIFY(c.report.peakDb < -30 && c.report.peakDb > -60);
        QVERIFY(c.report.centsFromNamed && std::abs(*c.report.centsFromNamed) < 5.0);
    }

    // A +0.05 DC offset: reported (warning); with removeDc, removed (info) and the output's mean is ~0.
    void dcOffset()
    {
        std::vector<float> x = makeNote(16000, 0.2, 4.0, 57);
        for (float& v : x)
            v += 0.05f;
        ConformedNote c = conformNote(monoData(x, 16000), "horn_57.wav");
        verifySpec(c);
        const NoteCheck* dc = findCheck(c.report, "dc_offset");
        QVERIFY2(dc && dc->severity == NoteCheck::Severity::Warning, qPrintable(describe(c.report)));
        QVERIFY(std::abs(c.report.dcOffset - 0.05) < 0.002);
        // The offset must not read as sound: the onset is still found at 200 ms.
        QVERIFY2(std::abs(c.report.onsetSample - 3200) <= 24, qPrintable(QString::number(c.report.onsetSample)));

        ConformOptions o;
        o.removeDc = true;
        c = conformNote(monoData(x, 16000), "horn_57.wav", o);
        dc = findCheck(c.report, "dc_offset");
        QVERIFY(dc && dc->severity == NoteCheck::Severity::Info);
        double mean = 0;
        for (float v : c.samples)
            mean += v;
        mean /= double(c.samples.size());
        QVERIFY2(std::abs(mean) < 0.002, qPrintable(QString::number(mean)));
        QVERIFY(std::abs(c.samples[10]) < 0.001f); // the leading samples are silence again, not 0.05
    }

    // Runs of >= 3 samples at |x| >= 0.999 count; isolated full-scale samples do not.
    void clippingDetected()
    {
        std::vector<float> x = makeNote(16000, 0.1, 4.0, 50, 0.5);
        int64_t expected = 0;
        for (size_t i = 8000; i < 40000; ++i) // a hard-clipped stretch: 2x gain, clamped to +-1
            x[i] = std::clamp(4.0f * x[i], -1.0f, 1.0f);
        for (size_t i = 0, run = 0; i <= x.size(); ++i) {
            if (i < x.size() && std::abs(x[i]) >= 0.999f) {
                ++run;
            } else {
                expected += run >= 3 ? int64_t(run) : 0;
                run = 0;
            }
        }
        QVERIFY(expected > 100);
        x[50000] = 1.0f; // isolated: not clipping
        x[50100] = -1.0f;
        x[50101] = -1.0f; // a pair: not clipping either
        AudioData stereo;
        stereo.sampleRate = 16000;
        stereo.channels = 2;
        for (float v : x) {
            stereo.samples.push_back(v);
            stereo.samples.push_back(0.1f * v); // the quiet channel never clips
        }
        const ConformedNote c = conformNote(stereo, "guitar_50.wav");
        verifySpec(c);
        QCOMPARE(c.report.clippedSamples, expected);
        const NoteCheck* clip = findCheck(c.report, "clipping");
        QVERIFY2(clip && clip->severity == NoteCheck::Severity::Warning, qPrintable(describe(c.report)));
        QVERIFY(QString::fromStdString(clip->message).startsWith(QString::number(expected) + " clipped samples"));
    }

    void normalize()
    {
        ConformOptions o;
        o.normalize = true;
        o.normalizePeakDb = -1.0;
        const ConformedNote c = conformNote(monoData(makeNote(16000, 0.0, 4.0, 62, 0.05), 16000), "sax_62.wav", o);
        float peak = 0;
        for (float v : c.samples)
            peak = std::max(peak, std::abs(v));
        QVERIFY2(std::abs(peak - std::pow(10.0, -1.0 / 20.0)) <= 1.0 / 32768.0, qPrintable(QString::number(peak)));
        QVERIFY(hasCode(c.report, "normalized"));
        QVERIFY(!hasCode(c.report, "output_clipped"));
    }

    void trimDisabled()
    {
        ConformOptions o;
        o.trimLeadingSilence = false;
        const ConformedNote c = conformNote(monoData(makeNote(16000, 0.3, 4.0, 60), 16000), "synth_60.wav", o);
        QCOMPARE(c.report.trimmedSamples, int64_t(0));
        QVERIFY(std::abs(c.report.onsetSample - 4800) <= 24); // still reported
        QVERIFY(std::abs(firstAbove(c.samples, 0.01f) - 4800) <= 24);
        QVERIFY(!hasCode(c.report, "trimmed"));
    }

    void nameProblems()
    {
        const AudioData a = monoData(makeNote(16000, 0.0, 4.0, 60), 16000);
        ConformedNote c = conformNote(a, "my recording.wav");
        const NoteCheck* n = findCheck(c.report, "name");
        QVERIFY(n && n->severity == NoteCheck::Severity::Error);
        QCOMPARE(n->message, explainNoteNameProblem("my recording.wav"));
        QVERIFY(!c.report.name && !c.report.centsFromNamed);
        QVERIFY(c.report.pitch.voiced); // still measured, just not compared
        verifySpec(c);
        c = conformNote(a, "flute_130.wav");
        n = findCheck(c.report, "name");
        QVERIFY(n && QString::fromStdString(n->message).contains("130"));
    }

    void invalidOptions()
    {
        const AudioData a = monoData(std::vector<float>(1000, 0.1f), 16000);
        std::vector<ConformOptions> bad(6);
        bad[0].sampleRate = 0;
        bad[1].length = 0;
        bad[2].preOnsetMs = -1;
        bad[3].fadeOutMs = std::nan("");
        bad[4].normalize = true;
        bad[4].normalizePeakDb = 3;
        bad[5].length = -5;
        for (size_t i = 0; i < bad.size(); ++i) {
            bool threw = false;
            try {
                conformNote(a, "x_60.wav", bad[i]);
            } catch (const Error& e) {
                threw = QString(e.what()).startsWith("conform: ");
            }
            QVERIFY2(threw, qPrintable(QString("options %1").arg(i)));
        }
        AudioData broken;
        broken.sampleRate = 16000;
        broken.channels = 0;
        bool threw = false;
        try {
            conformNote(broken, "x_60.wav");
        } catch (const Error&) {
            threw = true;
        }
        QVERIFY(threw);
        // A different target spec works too.
        ConformOptions o;
        o.sampleRate = 22050;
        o.length = 22050;
        const ConformedNote c = conformNote(monoData(makeNote(44100, 0.1, 2.0, 60), 44100), "x_60.wav", o);
        QCOMPARE(c.samples.size(), size_t(22050));
    }

    // A real flute note named with its true pitch, one octave off, and an octave and a semitone
    // off: no pitch warning, "octave_error", "pitch_off" (13 semitones is not an octave error).
    void misnamedRealNote()
    {
        NSYNTH_REQUIRE_TEST_DATA("instruments/notes.json");
        QFile jf(test::testDataDir() + "/instruments/notes.json");
        QVERIFY(jf.open(QIODevice::ReadOnly));
        QJsonObject flute;
        for (const QJsonValue& v : QJsonDocument::fromJson(jf.readAll()).array())
            if (v.toObject()["path"].toString().startsWith("ixox-flute/")) {
                flute = v.toObject();
                break;
            }
        QVERIFY2(!flute.isEmpty(), "no ixox-flute note in notes.json");
        const int truePitch = flute["midi_pitch"].toInt();
        const AudioData a = readAudio(test::testDataPath("instruments/" + flute["path"].toString()));
        qInfo("%s, true MIDI %d", qPrintable(flute["path"].toString()), truePitch);

        ConformedNote c = conformNote(a, workshopFileName("flute", truePitch));
        QVERIFY2(!hasCode(c.report, "pitch_off") && !hasCode(c.report, "octave_error") && !hasCode(c.report, "no_pitch"),
                 qPrintable(describe(c.report)));
        QVERIFY(c.report.centsFromNamed && std::abs(*c.report.centsFromNamed) <= 50);

        c = conformNote(a, workshopFileName("flute", truePitch - 12));
        const NoteCheck* oct = findCheck(c.report, "octave_error");
        QVERIFY2(oct && oct->severity == NoteCheck::Severity::Warning, qPrintable(describe(c.report)));
        QVERIFY(c.report.octaveError);
        QVERIFY(std::abs(*c.report.centsFromNamed - 1200) <= 50);
        qInfo("%s", oct->message.c_str());

        c = conformNote(a, workshopFileName("flute", truePitch + 13));
        const NoteCheck* off = findCheck(c.report, "pitch_off");
        QVERIFY2(off && off->severity == NoteCheck::Severity::Warning, qPrintable(describe(c.report)));
        QVERIFY(!c.report.octaveError && !hasCode(c.report, "octave_error"));
        QVERIFY(std::abs(*c.report.centsFromNamed + 1300) <= 50);
        QVERIFY2(QString::fromStdString(off->message).contains("flat of"), off->message.c_str());
        qInfo("%s", off->message.c_str());
    }

    // The 13 NSynth notes are already to spec: conform leaves them bit-for-bit unchanged, except
    // that a note whose onset is more than 15 ms in is shifted to start 5 ms before it (and padded
    // by as much, reported as info, not as a warning).
    void realNSynthNotesShiftedOnly()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth");
        const QStringList files = QDir(test::testDataDir() + "/nsynth").entryList({"*.wav"}, QDir::Files);
        QCOMPARE(files.size(), 13);
        int unchanged = 0;
        for (const QString& f : files) {
            const AudioData a = readAudio(test::testDataPath("nsynth/" + f));
            const ConformedNote c = conformNote(a, f.toStdString());
            const ConformReport& r = c.report;
            qInfo("%s: onset %lld; %s", qPrintable(f), (long long)r.onsetSample, qPrintable(describe(r)));
            QVERIFY2(!hasCode(r, "cut") && !hasCode(r, "name") && !hasCode(r, "resampled") && !r.hasErrors(),
                     qPrintable(f + ": " + describe(r)));
            const int64_t shift = r.trimmedSamples;
            QCOMPARE(r.paddedSamples, shift);
            QVERIFY2(shift <= 800, qPrintable(f)); // at most 50 ms of silence at the start of an NSynth note
            if (shift == 0) {
                QVERIFY2(c.samples == a.samples, qPrintable(f));
                ++unchanged;
                continue;
            }
            const NoteCheck* s = findCheck(r, "short");
            QVERIFY(s && s->severity == NoteCheck::Severity::Info);
            // Shifted exactly, up to the 5 ms fade before the padding.
            for (int64_t i = 0; i < kLength - shift - 80; ++i)
                QVERIFY2(c.samples[size_t(i)] == a.samples[size_t(i + shift)], qPrintable(f));
        }
        QVERIFY(unchanged >= 10);
    }

    // Every real instrument note (all formats, rates, channel counts and lengths) conforms without
    // an exception to exactly 64000 samples on the 16-bit grid, named with its true pitch; the
    // summary counts each check, and the pitch check agrees with notes.json for at least 90%.
    void allRealInstrumentNotes()
    {
        NSYNTH_REQUIRE_TEST_DATA("instruments/notes.json");
        QFile jf(test::testDataDir() + "/instruments/notes.json");
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QJsonArray notes = QJsonDocument::fromJson(jf.readAll()).array();
        QVERIFY(notes.size() >= 150);
        std::map<std::string, int> counts;
        int pitchAgrees = 0;
        QStringList pitchProblems;
        QElapsedTimer timer;
        timer.start();
        for (const QJsonValue& v : notes) {
            const QJsonObject o = v.toObject();
            const QString rel = o["path"].toString();
            const int midi = o["midi_pitch"].toInt();
            ConformedNote c;
            try {
                const AudioData a = readAudio(test::testDataPath("instruments/" + rel));
                c = conformNote(a, workshopFileName("note", midi));
            } catch (const std::exception& e) {
                QFAIL(qPrintable(rel + ": " + e.what()));
            }
            QVERIFY2(int64_t(c.samples.size()) == kLength, qPrintable(rel));
            for (size_t i = 0; i < c.samples.size(); i += 7) {
                const double code = double(c.samples[i]) * 32768.0;
                QVERIFY2(code == std::round(code), qPrintable(rel));
            }
            QVERIFY2(!c.report.hasErrors(), qPrintable(rel + ": " + describe(c.report)));
            for (const NoteCheck& ch : c.report.checks)
                ++counts[ch.code];
            if (c.report.centsFromNamed && std::abs(*c.report.centsFromNamed) <= 50)
                ++pitchAgrees;
            else
                pitchProblems << rel + ": " + describe(c.report);
        }
        const double seconds = timer.elapsed() * 1e-3;
        QString summary;
        for (const auto& [code, count] : counts)
            summary += QString(" %1=%2").arg(QString::fromStdString(code)).arg(count);
        qInfo("conformed %lld real notes in %.1f s (%.0f ms each); checks:%s", (long long)notes.size(), seconds,
              1e3 * seconds / double(notes.size()), qPrintable(summary));
        qInfo("pitch agrees with notes.json for %d of %lld; the others:", pitchAgrees, (long long)notes.size());
        for (const QString& p : pitchProblems)
            qInfo("  %s", qPrintable(p));
        QVERIFY(pitchAgrees >= 0.90 * notes.size());
    }
};

QTEST_GUILESS_MAIN(TestConform)
#include "test_conform.moc"
