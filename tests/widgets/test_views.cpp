// The maths behind the workbench's views and recorder, on small exact cases: the FFT against a
// direct DFT, the spectrogram's level and frequency mapping, the rainbowgram's instantaneous
// frequency, the peak cache against brute force, PCM conversion, the streaming WAV writer, the
// pitch-list syntax and the check badges.

#include "audio_file.h"
#include "error.h"
#include "fft.h"
#include "note_checks.h"
#include "note_images.h"
#include "pcm.h"
#include "peak_cache.h"
#include "recording_session.h"
#include "spectrogram.h"
#include "wav_writer.h"
#include "widget_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <complex>
#include <numbers>
#include <random>

using namespace nsynth;

class TestViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fftMatchesDft();
    void fftRejectsBadSizes();
    void spectrogramSineLevelAndRow();
    void rainbowgramInstantaneousFrequency();
    void spectrogramCancel();
    void peakCacheMatchesBruteForce();
    void peakCacheColumnsCoverEverything();
    void pcmRoundTrip();
    void wavWriterStreamsAndFinishes();
    void pitchListSyntax();
    void badgesFromChecks();
    void imagesHaveDataSize();
};

void TestViews::fftMatchesDft()
{
    std::mt19937 rng(uint32_t(test::testSeed()));
    std::uniform_real_distribution<float> u(-1, 1);
    for (int n : {2, 8, 64, 1024}) {
        std::vector<float> x(static_cast<size_t>(n));
        for (float& v : x)
            v = u(rng);
        audio::Fft fft(n);
        std::vector<std::complex<double>> out(size_t(n / 2 + 1));
        fft.forwardReal(x.data(), out.data());
        for (int k = 0; k <= n / 2; ++k) {
            std::complex<double> ref = 0;
            for (int t = 0; t < n; ++t)
                ref += double(x[size_t(t)]) * std::polar(1.0, -2.0 * std::numbers::pi * k * t / n);
            QVERIFY2(std::abs(out[size_t(k)] - ref) < 1e-9 * n, qPrintable(QString("n=%1 k=%2").arg(n).arg(k)));
        }
    }
}

void TestViews::fftRejectsBadSizes()
{
    for (int n : {0, 1, 3, 1000, 1 << 17})
        QVERIFY_THROWS_EXCEPTION(nsynth::Error, audio::Fft{n});
}

void TestViews::spectrogramSineLevelAndRow()
{
    // A full-scale sine at a bin centre reads 0 dB at the row nearest its frequency.
    const int rate = 16000, n = 16000;
    const double hz = 1000.0;  // bin 128 of 2048
    std::vector<float> x(n);
    for (int i = 0; i < n; ++i)
        x[size_t(i)] = float(std::sin(2.0 * std::numbers::pi * hz * i / rate));
    const audio::Spectrogram s = audio::computeSpectrogram(x.data(), n, rate);
    QCOMPARE(s.frames, (n + 255) / 256);
    const int mid = s.frames / 2;
    int best = 0;
    for (int r = 1; r < s.rows; ++r)
        if (s.db(mid, r) > s.db(mid, best))
            best = r;
    QVERIFY2(std::fabs(s.db(mid, best)) < 0.1, qPrintable(QString::number(s.db(mid, best))));
    QVERIFY(std::fabs(best - audio::spectrogramRowForHz(s, hz)) <= 1.0);
    // Far from the sine there is (almost) nothing.
    QVERIFY(s.db(mid, int(audio::spectrogramRowForHz(s, 100.0))) < -80);
}

void TestViews::rainbowgramInstantaneousFrequency()
{
    // Off a bin centre, the phase advance still gives the sine's exact frequency.
    const int rate = 16000, n = 32000;
    const double hz = 440.0;  // between bins 56 and 57 of 2048
    std::vector<float> x(n);
    for (int i = 0; i < n; ++i)
        x[size_t(i)] = float(0.5 * std::sin(2.0 * std::numbers::pi * hz * i / rate));
    const audio::Spectrogram s = audio::computeSpectrogram(x.data(), n, rate);
    const int row = int(std::lround(audio::spectrogramRowForHz(s, hz)));
    for (int f = 10; f < s.frames - 10; f += 17) {
        const float measured = s.frequencyHz[size_t(f) * s.rows + row];
        QVERIFY2(std::fabs(measured - hz) < 0.5, qPrintable(QString("frame %1: %2 Hz").arg(f).arg(measured)));
        QVERIFY(std::fabs(s.phase[size_t(f) * s.rows + row]) <= 1.0f);
    }
}

void TestViews::spectrogramCancel()
{
    std::vector<float> x(64000, 0.1f);
    std::atomic<bool> cancel{true};
    QVERIFY_THROWS_EXCEPTION(nsynth::Cancelled, audio::computeSpectrogram(x.data(), int64_t(x.size()), 16000, {}, &cancel));
    audio::SpectrogramOptions bad;
    bad.maxHz = 9000;  // above Nyquist
    QVERIFY_THROWS_EXCEPTION(nsynth::Error, audio::computeSpectrogram(x.data(), int64_t(x.size()), 16000, bad));
}

void TestViews::peakCacheMatchesBruteForce()
{
    std::mt19937 rng(uint32_t(test::testSeed()));
    std::uniform_real_distribution<float> u(-1, 1);
    std::vector<float> x(100003);
    for (float& v : x)
        v = u(rng);
    const app::PeakCache cache(x, 16000);
    std::uniform_int_distribution<int64_t> pos(0, int64_t(x.size()));
    for (int trial = 0; trial < 2000; ++trial) {
        int64_t a = pos(rng), b = pos(rng);
        if (a > b)
            std::swap(a, b);
        if (trial % 3 == 0)
            b = std::min<int64_t>(int64_t(x.size()), a + trial % 50);  // short ranges too
        const app::PeakCache::Range r = cache.range(a, b);
        if (a == b) {
            QCOMPARE(r.min, 0.0f);
            continue;
        }
        const auto [lo, hi] = std::minmax_element(x.begin() + a, x.begin() + b);
        QCOMPARE(r.min, *lo);
        QCOMPARE(r.max, *hi);
    }
}

void TestViews::peakCacheColumnsCoverEverything()
{
    std::vector<float> x(64000, 0.0f);
    x[12345] = 0.9f;  // one spike: it must show at every zoom
    x[50000] = -0.7f;
    const app::PeakCache cache(x, 16000);
    for (double spp : {0.25, 1.0, 7.3, 64.0, 1000.0}) {
        const int count = int(std::ceil(64000 / spp));
        std::vector<app::PeakCache::Range> cols;
        cache.columns(0, spp, count, cols);
        float top = 0, bottom = 0;
        for (const auto& c : cols) {
            top = std::max(top, c.max);
            bottom = std::min(bottom, c.min);
        }
        QCOMPARE(top, 0.9f);
        QCOMPARE(bottom, -0.7f);
    }
}

void TestViews::pcmRoundTrip()
{
    const std::vector<float> mono = {0.0f, 0.5f, -0.5f, 0.999f, -1.0f};
    for (auto sf : {QAudioFormat::UInt8, QAudioFormat::Int16, QAudioFormat::Int32, QAudioFormat::Float}) {
        QAudioFormat f;
        f.setSampleRate(48000);
        f.setChannelCount(2);
        f.setSampleFormat(sf);
        const QByteArray bytes = audio::monoToPcm(mono.data(), qint64(mono.size()), f);
        QCOMPARE(bytes.size(), qsizetype(mono.size() * 2 * f.bytesPerSample()));
        std::vector<float> back;
        audio::appendPcmAsFloat(bytes.constData(), qint64(mono.size()), f, back);
        QCOMPARE(back.size(), mono.size() * 2);
        const float tolerance = sf == QAudioFormat::UInt8 ? 1.0f / 100 : 1e-4f;
        for (size_t i = 0; i < mono.size(); ++i) {
            QVERIFY(std::fabs(back[2 * i] - mono[i]) <= tolerance);
            QCOMPARE(back[2 * i], back[2 * i + 1]);
        }
    }
    const audio::Levels l = audio::measureLevels(mono.data(), qint64(mono.size()));
    QCOMPARE(l.peak, 1.0f);
    QVERIFY(l.clipped);
}

void TestViews::wavWriterStreamsAndFinishes()
{
    QTemporaryDir dir;
    QAudioFormat f;
    f.setSampleRate(44100);
    f.setChannelCount(2);
    f.setSampleFormat(QAudioFormat::Int16);
    const QString path = dir.filePath("take.wav");
    audio::WavWriter w;
    w.open(path, f);
    const auto tone = test::harmonicTone(60, 44100, 0.5, 0.0, 0.5);
    const QByteArray pcm = audio::monoToPcm(tone.data(), qint64(tone.size()), f);
    w.append(pcm.constData(), pcm.size() / 2);
    // While recording: only the hidden temporary exists, and it is already readable.
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(QFileInfo::exists(w.tempPath()));
    const audio::AudioData partial = audio::readAudio(w.tempPath().toStdString());
    QCOMPARE(partial.frames(), qint64(tone.size() / 2));
    w.append(pcm.constData() + pcm.size() / 2, pcm.size() - pcm.size() / 2);
    QCOMPARE(w.finish(), path);
    QVERIFY(!QFileInfo::exists(w.tempPath()));
    const audio::AudioData data = audio::readAudio(path.toStdString());
    QCOMPARE(data.sampleRate, 44100);
    QCOMPARE(data.channels, 2);
    QCOMPARE(data.frames(), qint64(tone.size()));
    QVERIFY(std::fabs(data.samples[2000] - tone[1000]) < 1.0f / 32768 + 1e-6f);
    QVERIFY(QString::fromStdString(data.formatDescription).contains("16"));
}

void TestViews::pitchListSyntax()
{
    QList<int> p;
    QString why;
    QVERIFY(app::RecordingSession::parsePitchList("24, 28 32;36", &p, &why));
    QCOMPARE(p, (QList<int>{24, 28, 32, 36}));
    QVERIFY(app::RecordingSession::parsePitchList("24-48/4", &p, &why));
    QCOMPARE(p, (QList<int>{24, 28, 32, 36, 40, 44, 48}));
    QVERIFY(app::RecordingSession::parsePitchList("60-62, 72", &p, &why));
    QCOMPARE(p, (QList<int>{60, 61, 62, 72}));
    for (const char* bad : {"", "abc", "128", "-3", "48-24", "24-48/0"}) {
        QVERIFY2(!app::RecordingSession::parsePitchList(bad, &p, &why), bad);
        QVERIFY(!why.isEmpty());
    }
    QCOMPARE(app::RecordingSession::formatPitchList({24, 28}), QString("24, 28"));
    QVERIFY(app::RecordingSession::instrumentProblem("old-piano").isEmpty());
    QVERIFY(!app::RecordingSession::instrumentProblem("old_piano").isEmpty());
    QVERIFY(!app::RecordingSession::instrumentProblem("old piano").isEmpty());
    QVERIFY(!app::RecordingSession::instrumentProblem("").isEmpty());
}

void TestViews::badgesFromChecks()
{
    app::Note n;
    n.instrument = "flute";
    n.pitch = 60;
    n.report.voiced = true;
    n.report.detectedHz = audio::midiToHz(60.05);
    n.report.centsFromNamed = 5.0;
    n.report.checks.append({"resampled", app::CheckItem::Severity::Info, "x"});
    QList<app::Badge> b = app::noteBadges(n);
    QCOMPARE(b.first().code, QString("ok"));
    QVERIFY(std::any_of(b.begin(), b.end(), [](const app::Badge& x) { return x.code == "pitch" && x.level == app::Badge::Level::Ok; }));
    n.report.checks.append({"clipping", app::CheckItem::Severity::Warning, "x"});
    n.report.clippedSamples = 42;
    b = app::noteBadges(n, true);
    QCOMPARE(b.first().code, QString("missing"));  // errors first
    QCOMPARE(b[1].code, QString("clipping"));
    QVERIFY(b[1].tooltip.contains("42"));
    QVERIFY(std::none_of(b.begin(), b.end(), [](const app::Badge& x) { return x.code == "ok"; }));
    // Rename recomputes the pitch checks from the detected pitch.
    const app::NoteReport renamed = n.report.renamedTo(72);
    QVERIFY(renamed.octaveError);
    QVERIFY(renamed.hasCheck("octave_error"));
    QVERIFY(renamed.hasCheck("clipping"));
    const app::NoteReport off = n.report.renamedTo(62);
    QVERIFY(off.hasCheck("pitch_off"));
    QVERIFY(std::fabs(*off.centsFromNamed + 195.0) < 1.0);
}

void TestViews::imagesHaveDataSize()
{
    std::vector<float> x = test::harmonicTone(48, 16000, 4.0);
    const audio::Spectrogram s = audio::computeSpectrogram(x.data(), int64_t(x.size()), 16000);
    QCOMPARE(app::spectrogramImage(s).size(), QSize(s.frames, s.rows));
    QCOMPARE(app::rainbowgramImage(s).size(), QSize(s.frames, s.rows));
    Embedding e{125, 16, std::vector<float>(2000, 0.0f)};
    e.data[17] = -2.0f;
    float limit = 0;
    const QImage h = app::embeddingHeatmap(e, &limit);
    QCOMPARE(h.size(), QSize(125, 16));
    QCOMPARE(limit, 2.0f);
    QCOMPARE(QColor(h.pixel(1, 1)), app::divergingColor(-1.0));  // frame 1, channel 1 = data[17]
}

QTEST_MAIN(TestViews)
#include "test_views.moc"
