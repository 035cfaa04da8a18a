// audio_file.h: reading every format in the real test data (checked against libsndfile's own
// header info and against instruments/notes.json), bit-exact write/read round trips, clipping
// counted, and one clear error per kind of bad input with nothing left behind on failure.

#include "audio_file.h"
#include "error.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sndfile.h>

#include <cmath>
#include <map>
#include <random>

using namespace nsynth;
using namespace nsynth::audio;

namespace {

// Runs f and returns the Error's message; fails the test if nothing (or something else) is thrown.
template <class F>
QString errorOf(F&& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        return "UNEXPECTED std::exception: " + QString::fromStdString(e.what());
    }
    return "NO ERROR THROWN";
}

std::vector<float> randomSignal(size_t n, float amplitude, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> dist(-amplitude, amplitude);
    std::vector<float> x(n);
    for (float& v : x)
        v = dist(rng);
    return x;
}

// Writes raw float samples with libsndfile directly (bypassing writeAudio's checks).
void writeRawFloatWav(const std::string& path, const std::vector<float>& x, int channels, int rate)
{
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    QVERIFY2(f, sf_strerror(nullptr));
    QCOMPARE(sf_write_float(f, x.data(), sf_count_t(x.size())), sf_count_t(x.size()));
    sf_close(f);
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestAudioFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseOptions()
    {
        QCOMPARE(int(parseAudioFileFormat("wav")), int(AudioFileFormat::Wav));
        QCOMPARE(int(parseAudioFileFormat("FLAC")), int(AudioFileFormat::Flac));
        QCOMPARE(int(parseSampleEncoding("16")), int(SampleEncoding::Pcm16));
        QCOMPARE(int(parseSampleEncoding("24")), int(SampleEncoding::Pcm24));
        QCOMPARE(int(parseSampleEncoding("32f")), int(SampleEncoding::Float32));
        QCOMPARE(fileExtension(AudioFileFormat::Wav), std::string(".wav"));
        QCOMPARE(fileExtension(AudioFileFormat::Flac), std::string(".flac"));
        const QString fmt = errorOf([] { parseAudioFileFormat("mp3"); });
        QVERIFY2(fmt.contains("mp3") && fmt.contains("wav") && fmt.contains("flac"), qPrintable(fmt));
        const QString enc = errorOf([] { parseSampleEncoding("32"); });
        QVERIFY2(enc.contains("'32'") && enc.contains("16") && enc.contains("24") && enc.contains("32f"), qPrintable(enc));
        QVERIFY(errorOf([] { parseSampleEncoding(""); }).contains("choose"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<int>("rate");
        QTest::newRow("wav-16") << int(AudioFileFormat::Wav) << int(SampleEncoding::Pcm16) << 16000;
        QTest::newRow("wav-24") << int(AudioFileFormat::Wav) << int(SampleEncoding::Pcm24) << 44100;
        QTest::newRow("wav-32f") << int(AudioFileFormat::Wav) << int(SampleEncoding::Float32) << 48000;
        QTest::newRow("flac-16") << int(AudioFileFormat::Flac) << int(SampleEncoding::Pcm16) << 16000;
        QTest::newRow("flac-24") << int(AudioFileFormat::Flac) << int(SampleEncoding::Pcm24) << 32000;
    }

    // Every value read back equals the value we quantised: 16-bit = quantizeTo16Bit exactly,
    // 24-bit = round(x * 2^23) / 2^23 exactly, float = the input exactly.
    void roundTrip()
    {
        QFETCH(int, format);
        QFETCH(int, encoding);
        QFETCH(int, rate);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const AudioWriteOptions options{AudioFileFormat(format), SampleEncoding(encoding)};
        const std::string path = (dir.path() + "/note" + QString::fromStdString(fileExtension(options.format))).toStdString();
        // In range (|x| < 0.99) so no clipping here; exact boundary values added by hand.
        std::vector<float> x = randomSignal(20011, 0.99f, test::testSeed());
        x[0] = 0.0f;
        x[1] = -1.0f;                  // exactly representable in every encoding
        x[2] = 0.5f / 32768.0f;        // a tie: rounds to even (0)
        x[3] = 1.5f / 32768.0f;        // a tie: rounds to even (2)
        x[4] = 32767.0f / 32768.0f;
        const WriteReport report = writeAudio(path, x.data(), int64_t(x.size()), rate, options);
        QCOMPARE(report.clippedSamples, int64_t(0));

        const AudioData back = readAudio(path);
        QCOMPARE(back.sampleRate, rate);
        QCOMPARE(back.channels, 1);
        QCOMPARE(back.frames(), int64_t(x.size()));
        const char* expectedFormat[2][3] = {{"WAV 16-bit", "WAV 24-bit", "WAV 32-bit float"},
                                            {"FLAC 16-bit", "FLAC 24-bit", ""}};
        QCOMPARE(QString::fromStdString(back.formatDescription), QString(expectedFormat[format][encoding]));

        std::vector<float> expected;
        if (SampleEncoding(encoding) == SampleEncoding::Pcm16) {
            int64_t clipped = -1;
            expected = quantizeTo16Bit(x, &clipped);
            QCOMPARE(clipped, int64_t(0));
            QCOMPARE(expected[2], 0.0f);
            QCOMPARE(expected[3], 2.0f / 32768.0f);
        } else if (SampleEncoding(encoding) == SampleEncoding::Pcm24) {
            for (float v : x)
                expected.push_back(float(std::lrint(double(v) * 8388608.0)) / 8388608.0f);
        } else {
            expected = x;
        }
        int64_t mismatches = 0;
        for (size_t i = 0; i < x.size(); ++i)
            mismatches += back.samples[i] != expected[i];
        QCOMPARE(mismatches, int64_t(0));
    }

    void clippingCounted_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("encoding");
        QTest::newRow("wav-16") << int(AudioFileFormat::Wav) << int(SampleEncoding::Pcm16);
        QTest::newRow("wav-24") << int(AudioFileFormat::Wav) << int(SampleEncoding::Pcm24);
        QTest::newRow("flac-16") << int(AudioFileFormat::Flac) << int(SampleEncoding::Pcm16);
        QTest::newRow("flac-24") << int(AudioFileFormat::Flac) << int(SampleEncoding::Pcm24);
    }

    // Values beyond full scale are clamped to the extreme codes and every one is counted.
    void clippingCounted()
    {
        QFETCH(int, format);
        QFETCH(int, encoding);
        QTemporaryDir dir;
        const AudioWriteOptions options{AudioFileFormat(format), SampleEncoding(encoding)};
        const std::string path = (dir.path() + "/clip" + QString::fromStdString(fileExtension(options.format))).toStdString();
        const double scale = SampleEncoding(encoding) == SampleEncoding::Pcm16 ? 32768.0 : 8388608.0;
        // 1.0 itself is one step above the largest code, so it clips (by one step) too.
        const std::vector<float> x = {0.25f, 1.0f, 1.5f, -1.0f, -1.0001f, -3.0f, 1e30f, -1e30f, 0.0f,
                                      float((scale - 1.0) / scale)};
        const WriteReport report = writeAudio(path, x.data(), int64_t(x.size()), 16000, options);
        QCOMPARE(report.clippedSamples, int64_t(6)); // 1.0, 1.5, -1.0001, -3, 1e30, -1e30
        const AudioData back = readAudio(path);
        const float top = float((scale - 1.0) / scale);
        const std::vector<float> expected = {0.25f, top, top, -1.0f, -1.0f, -1.0f, top, -1.0f, 0.0f, top};
        for (size_t i = 0; i < x.size(); ++i)
            QVERIFY2(back.samples[i] == expected[i],
                     qPrintable(QString("sample %1: read %2, expected %3").arg(i).arg(back.samples[i]).arg(expected[i])));
        // On the 16-bit grid the largest 24-bit code (1 - 2^-23) also rounds up to 1.0 and clips.
        int64_t clipped16 = 0;
        quantizeTo16Bit(x, &clipped16);
        QCOMPARE(clipped16, int64_t(SampleEncoding(encoding) == SampleEncoding::Pcm16 ? 6 : 7));
    }

    // 32-bit float stores values beyond full scale as they are: nothing clipped.
    void floatKeepsValues()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/hot.wav").toStdString();
        const std::vector<float> x = {1.5f, -2.25f, 0.125f, 1e-30f};
        const WriteReport report = writeAudio(path, x.data(), 4, 16000, {AudioFileFormat::Wav, SampleEncoding::Float32});
        QCOMPARE(report.clippedSamples, int64_t(0));
        const AudioData back = readAudio(path);
        QVERIFY(back.samples == x);
    }

    void quantizeMatchesWrite()
    {
        // quantizeTo16Bit is the 16-bit grid: idempotent, within half a step, ties to even.
        const std::vector<float> x = randomSignal(5000, 0.9999f, test::testSeed() + 1);
        int64_t clipped = 0;
        const std::vector<float> q = quantizeTo16Bit(x, &clipped);
        QCOMPARE(clipped, int64_t(0));
        for (size_t i = 0; i < x.size(); ++i) {
            QVERIFY(std::abs(double(q[i]) - double(x[i])) <= 0.5 / 32768.0 + 1e-12);
            const double code = double(q[i]) * 32768.0;
            QCOMPARE(code, std::round(code));
        }
        QVERIFY(quantizeTo16Bit(q, nullptr) == q);
        int64_t bad = 0;
        const std::vector<float> odd = quantizeTo16Bit({std::nanf(""), INFINITY, -INFINITY}, &bad);
        QCOMPARE(bad, int64_t(3));
        QCOMPARE(odd[0], 0.0f);
        QCOMPARE(odd[1], 32767.0f / 32768.0f);
        QCOMPARE(odd[2], -1.0f);
    }

    void flacRejectsFloat()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/x.flac").toStdString();
        const std::vector<float> x(100, 0.1f);
        const QString msg = errorOf([&] { writeAudio(path, x.data(), 100, 16000, {AudioFileFormat::Flac, SampleEncoding::Float32}); });
        QCOMPARE(msg, QString::fromStdString(path) + ": FLAC cannot store 32-bit float; use --bit-depth 16 or 24");
        QVERIFY(filesIn(dir.path()).isEmpty());
    }

    // AIFF (big-endian, written here by libsndfile itself) reads like any other format.
    void aiffRead()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/stereo.aiff").toStdString();
        SF_INFO info{};
        info.samplerate = 22050;
        info.channels = 2;
        info.format = SF_FORMAT_AIFF | SF_FORMAT_PCM_16;
        SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
        QVERIFY2(f, sf_strerror(nullptr));
        std::vector<short> pcm;
        for (int i = 0; i < 1000; ++i) {
            pcm.push_back(short(i * 30 - 15000)); // left: a ramp
            pcm.push_back(short(-i * 7));         // right
        }
        QCOMPARE(sf_writef_short(f, pcm.data(), 1000), sf_count_t(1000));
        sf_close(f);

        const AudioData a = readAudio(path);
        QCOMPARE(a.sampleRate, 22050);
        QCOMPARE(a.channels, 2);
        QCOMPARE(a.frames(), int64_t(1000));
        QCOMPARE(QString::fromStdString(a.formatDescription), QString("AIFF 16-bit"));
        for (size_t i = 0; i < pcm.size(); ++i)
            QCOMPARE(a.samples[i], float(pcm[i]) / 32768.0f); // libsndfile's normalisation: s / 32768
        const std::vector<float> mono = mixToMono(a);
        QCOMPARE(mono.size(), size_t(1000));
        QCOMPARE(mono[10], (float(pcm[20]) / 32768.0f + float(pcm[21]) / 32768.0f) / 2.0f);
    }

    void badInputs_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason"); // what the message must say after the path (a regex)
        QTest::newRow("missing") << "missing" << "No such file or directory";
        QTest::newRow("folder") << "folder" << "is a folder";
        QTest::newRow("text renamed .wav") << "text" << "cannot read audio: (Format not recognised|File contains data in an unknown format)";
        QTest::newRow("truncated header") << "truncated" << "cannot read audio: .*WAV";
        QTest::newRow("truncated WAV data") << "half-wav" << "truncated: the data chunk declares 64000 bytes but the file holds only 31978";
        QTest::newRow("truncated FLAC") << "half-flac" << "truncated or corrupt: the header promises 32000 frames but only \\d+ could be decoded";
        QTest::newRow("truncated OGG") << "half-ogg" << "truncated";
        QTest::newRow("zero frames") << "empty" << "contains no audio";
        QTest::newRow("NaN samples") << "nan" << "contains NaN samples \\(first at frame 3\\)";
        QTest::newRow("Inf samples") << "inf" << "contains infinite samples \\(first at frame 1\\)";
    }

    void badInputs()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.path() + "/notes/flute_60.wav";
        QDir().mkpath(dir.path() + "/notes");
        const std::string p = path.toStdString();
        if (kind == "folder") {
            QDir().mkpath(path);
        } else if (kind == "text") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("This is not audio, just a text file someone renamed.\n");
        } else if (kind == "truncated" || kind == "empty") {
            const std::vector<float> x(1000, 0.25f);
            if (kind == "truncated") {
                writeAudio(p, x.data(), int64_t(x.size()), 16000);
                QVERIFY(QFile::resize(path, 30)); // inside the 44-byte header
            } else {
                SF_INFO info{};
                info.samplerate = 16000;
                info.channels = 1;
                info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
                SNDFILE* f = sf_open(p.c_str(), SFM_WRITE, &info);
                QVERIFY(f);
                sf_close(f); // header only, 0 frames
            }
        } else if (kind.startsWith("half-")) {
            // A 2-s noisy tone (so FLAC and Vorbis cannot compress it to nothing), cut in half.
            std::vector<float> x = randomSignal(32000, 0.3f, 11);
            for (size_t i = 0; i < x.size(); ++i)
                x[i] += float(0.3 * std::sin(0.05 * double(i)));
            if (kind == "half-ogg") {
                SF_INFO info{};
                info.samplerate = 16000;
                info.channels = 1;
                info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
                SNDFILE* f = sf_open(p.c_str(), SFM_WRITE, &info);
                QVERIFY2(f, sf_strerror(nullptr));
                QCOMPARE(sf_write_float(f, x.data(), sf_count_t(x.size())), sf_count_t(x.size()));
                sf_close(f);
                QCOMPARE(readAudio(p).frames(), int64_t(32000)); // whole, it reads
            } else {
                writeAudio(p, x.data(), int64_t(x.size()), 16000,
                           {kind == "half-flac" ? AudioFileFormat::Flac : AudioFileFormat::Wav, SampleEncoding::Pcm16});
            }
            QVERIFY(QFile::resize(path, QFileInfo(path).size() / 2));
        } else if (kind == "nan" || kind == "inf") {
            std::vector<float> x(8, 0.5f); // stereo: frame 3 = samples 6, 7
            if (kind == "nan")
                x[7] = std::nanf("");
            else
                x[2] = -INFINITY;
            writeRawFloatWav(p, x, 2, 16000);
        }
        const QByteArray before = QFileInfo(path).isFile() ? [&] {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }() : QByteArray();

        const QString msg = errorOf([&] { readAudio(p); });
        qInfo("%s", qPrintable(msg));
        QVERIFY2(msg.startsWith(path + ": "), qPrintable(msg));
        QVERIFY2(msg.contains(QRegularExpression(reason)), qPrintable(msg));
        QVERIFY2(!msg.contains('\n'), qPrintable(msg));
        QVERIFY2(msg.size() > path.size() + 12, qPrintable(msg)); // says something after the path
        if (QFileInfo(path).isFile()) { // input never modified
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), before);
        }
    }

    void badWrites()
    {
        QTemporaryDir dir;
        const std::string p = (dir.path() + "/out.wav").toStdString();
        std::vector<float> x(64, 0.1f);
        QVERIFY(errorOf([&] { writeAudio(p, x.data(), 0, 16000); }).contains("no audio to write"));
        QVERIFY(errorOf([&] { writeAudio(p, x.data(), 64, 0); }).contains("0 Hz"));
        QVERIFY(errorOf([&] { writeAudio(p, nullptr, 64, 16000); }).contains("null"));
        x[5] = std::nanf("");
        const QString nan = errorOf([&] { writeAudio(p, x.data(), 64, 16000); });
        QVERIFY2(nan.startsWith(QString::fromStdString(p)) && nan.contains("sample 5 is NaN"), qPrintable(nan));
        QVERIFY(filesIn(dir.path()).isEmpty());
    }

    // A write that fails after libsndfile has written the data (here: the destination is a
    // folder, so the final rename fails) leaves neither the output nor the temporary behind.
    void failedWriteLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString target = dir.path() + "/taken.wav";
        QVERIFY(QDir().mkpath(target + "/inner"));
        const std::vector<float> x(16000, 0.1f);
        const QString msg = errorOf([&] { writeAudio(target.toStdString(), x.data(), 16000, 16000); });
        QVERIFY2(msg.startsWith(target + ": "), qPrintable(msg));
        QCOMPARE(filesIn(dir.path()), QStringList());
        QVERIFY(QFileInfo(target + "/inner").isDir());

        const QString missingDir = dir.path() + "/no/such/folder/x.wav";
        const QString msg2 = errorOf([&] { writeAudio(missingDir.toStdString(), x.data(), 16000, 16000); });
        QVERIFY2(msg2.startsWith(missingDir + ": ") && msg2.contains("No such file"), qPrintable(msg2));
    }

    // A failed write over an existing file leaves the old file exactly as it was.
    void failedWriteKeepsOldFile()
    {
        QTemporaryDir dir;
        const std::string p = (dir.path() + "/keep.flac").toStdString();
        const std::vector<float> good = randomSignal(3000, 0.5f, 7);
        writeAudio(p, good.data(), 3000, 16000, {AudioFileFormat::Flac, SampleEncoding::Pcm16});
        const AudioData before = readAudio(p);
        QVERIFY(!errorOf([&] { writeAudio(p, good.data(), 3000, 16000, {AudioFileFormat::Flac, SampleEncoding::Float32}); }).isEmpty());
        std::vector<float> bad = good;
        bad[1234] = INFINITY;
        QVERIFY(errorOf([&] { writeAudio(p, bad.data(), 3000, 16000); }).contains("sample 1234 is infinite"));
        const AudioData after = readAudio(p);
        QVERIFY(after.samples == before.samples);
        QCOMPARE(filesIn(dir.path()), QStringList{"keep.flac"});
    }

    void monoMix()
    {
        AudioData a;
        a.sampleRate = 8000;
        a.channels = 3;
        a.samples = {0.3f, 0.6f, 0.9f, -1.0f, 0.0f, 1.0f};
        const std::vector<float> m = audio::mixToMono(a);
        QCOMPARE(m.size(), size_t(2));
        QCOMPARE(m[0], 0.6f);
        QCOMPARE(m[1], 0.0f);
        a.samples.push_back(0.1f); // not a whole frame
        QVERIFY(errorOf([&] { audio::mixToMono(a); }).contains("whole frames"));
    }

    // Every instrument file: rate, channels and frames as libsndfile's sf_info says, and as
    // instruments/notes.json says (sample_rate, channels, bits, duration_s); the formats the
    // data promises (FLAC 16/24, OGG, WAV 16/24, IEEE float, WAVE_FORMAT_EXTENSIBLE, 32/48 kHz)
    // are all present and read.
    void readRealFormats()
    {
        NSYNTH_REQUIRE_TEST_DATA("instruments/notes.json");
        QFile jf(test::testDataDir() + "/instruments/notes.json");
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QJsonArray notes = QJsonDocument::fromJson(jf.readAll()).array();
        QVERIFY(notes.size() >= 150);
        std::map<std::string, int> kinds;
        int checkedDuration = 0;
        for (const QJsonValue& v : notes) {
            const QJsonObject o = v.toObject();
            const QString rel = o["path"].toString();
            const std::string path = test::testDataPath("instruments/" + rel);
            AudioData a;
            try {
                a = readAudio(path);
            } catch (const Error& e) {
                QFAIL(e.what());
            }
            SF_INFO info{};
            SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
            QVERIFY2(f, qPrintable(rel));
            sf_close(f);
            const QByteArray name = rel.toUtf8();
            QVERIFY2(a.sampleRate == info.samplerate, name);
            QVERIFY2(a.channels == info.channels, name);
            QVERIFY2(a.frames() == info.frames, name);
            QVERIFY2(a.sampleRate == o["sample_rate"].toInt(), name);
            QVERIFY2(a.channels == o["channels"].toInt(), name);
            if (o.contains("duration_s")) {
                const double duration = double(a.frames()) / a.sampleRate;
                QVERIFY2(std::abs(duration - o["duration_s"].toDouble()) <= 0.0015,
                         qPrintable(rel + QString(": %1 s vs notes.json %2 s").arg(duration).arg(o["duration_s"].toDouble())));
                ++checkedDuration;
            }
            const QString desc = QString::fromStdString(a.formatDescription);
            const int bits = o["bits"].toInt();
            if (desc.contains("Vorbis"))
                QVERIFY2(bits == 0 && desc == "OGG Vorbis", name);
            else if (desc.contains("float"))
                QVERIFY2(bits == 32, name);
            else
                QVERIFY2(desc.endsWith(QString("%1-bit").arg(bits)), qPrintable(rel + ": " + desc));
            // Integer PCM is normalised by 2^(bits-1): every sample times that is an integer.
            if (bits == 16 || bits == 24) {
                const double scale = bits == 16 ? 32768.0 : 8388608.0;
                for (size_t i = 0; i < a.samples.size(); i += 97) {
                    const double code = double(a.samples[i]) * scale;
                    QVERIFY2(code == std::round(code), name);
                }
            }
            ++kinds[a.formatDescription];
            if (a.sampleRate == 32000 || a.sampleRate == 48000)
                ++kinds[std::to_string(a.sampleRate) + " Hz"];
            if (o["wav_format_tag"].toString().contains("EXTENSIBLE"))
                QVERIFY2(desc == "WAV (extensible) 24-bit", qPrintable(rel + ": " + desc));
        }
        QString summary;
        for (const auto& [kind, count] : kinds)
            summary += QString("  %1: %2\n").arg(QString::fromStdString(kind)).arg(count);
        qInfo("read %lld files (%d durations checked against notes.json):\n%s", (long long)notes.size(),
              checkedDuration, qPrintable(summary));
        for (const char* kind : {"FLAC 16-bit", "FLAC 24-bit", "OGG Vorbis", "WAV 16-bit", "WAV 24-bit",
                                 "WAV 32-bit float", "WAV (extensible) 24-bit", "32000 Hz", "48000 Hz"})
            QVERIFY2(kinds[kind] > 0, kind);
    }

    // The 13 NSynth notes: 16 kHz, mono, 16-bit, 64000 frames, and the same as Magenta reads them.
    void readNSynthNotes()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth");
        const QStringList files = QDir(test::testDataDir() + "/nsynth").entryList({"*.wav"}, QDir::Files);
        QCOMPARE(files.size(), 13);
        for (const QString& file : files) {
            const AudioData a = readAudio(test::testDataPath("nsynth/" + file));
            QVERIFY2(a.sampleRate == 16000 && a.channels == 1 && a.frames() == 64000, qPrintable(file));
            QCOMPARE(QString::fromStdString(a.formatDescription), QString("WAV 16-bit"));
            float peak = 0;
            for (float x : a.samples)
                peak = std::max(peak, std::abs(x));
            QVERIFY2(peak > 0.001f && peak <= 1.0f, qPrintable(file)); // -32768 reads as exactly -1.0
        }
    }
};

QTEST_GUILESS_MAIN(TestAudioFile)
#include "test_audio_file.moc"
