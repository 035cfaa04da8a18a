// audio/ons_postprocess.h, ons_bank.h and ons_pack.h: ONS's post-processing steps one by one
// and switched off, the bank byte layout (written, then read back by (yi, xi, pitch) and as raw
// little-endian bytes), the device and Pd settings files, screen labels, pack names, and a write
// that fails for lack of space (RLIMIT_FSIZE in a child process) leaving nothing finished-looking.

#include "error.h"
#include "ons_bank.h"
#include "ons_pack.h"
#include "ons_postprocess.h"
#include "ons_raw_notes.h"
#include "audio_file.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <csignal>
#include <set>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsynth;
using namespace nsynth::audio;

namespace {

OnsPostProcessOptions allOff()
{
    OnsPostProcessOptions o;
    o.declick = false;
    o.normalize = false;
    o.onsetCrop = false;
    o.finalLength = 0;
    o.fadeSamples = 0;
    return o;
}

// A 64000-sample note: `lead` samples of silence, then a decaying 440 Hz tone at `peak`.
std::vector<float> toneNote(int64_t lead, double peak)
{
    std::vector<float> x(64000, 0.0f);
    for (int64_t i = lead; i < 64000; ++i) {
        const double t = double(i - lead) / 16000.0;
        x[size_t(i)] = float(peak * std::exp(-t * 2.0) * std::sin(2 * M_PI * 440.0 * t + 0.3));
    }
    return x;
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestOnsAudio : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void declick();
    void normalize();
    void onsetCrop();
    void finalLength();
    void fades();
    void switchedOff();
    void invalidOptions();
    void bankLayout();
    void bankReadChecks();
    void deviceSettings();
    void pdSettings();
    void labels();
    void packNames();
    void rawNotes();
    void diskFullBank();
};

void TestOnsAudio::declick()
{
    // A one-sample spike up and back (both differences > 1.0) becomes its neighbours' mean.
    std::vector<float> x(100, 0.2f);
    x[50] = -0.9f;  // |diff| = 1.1 both ways
    x[51] = 0.2f;
    QCOMPARE(removeClicks(x, 1.0), int64_t(1));
    QCOMPARE(x[50], 0.2f);
    // A step (one big difference only) is music, not a click.
    std::vector<float> step(100, -0.6f);
    for (size_t i = 50; i < 100; ++i)
        step[i] = 0.6f;
    auto copy = step;
    QCOMPARE(removeClicks(step, 1.0), int64_t(0));
    QVERIFY(step == copy);
    // Differences of exactly 1.0 are kept (ONS: strictly greater).
    std::vector<float> edge = {0.0f, 0.5f, -0.5f, 0.5f, 0.0f};
    QCOMPARE(removeClicks(edge, 1.0), int64_t(0));
    // In the chain, the report counts it.
    std::vector<float> note = toneNote(100, 0.3);
    note[30000] = note[29999] > 0 ? note[29999] - 1.2f : note[29999] + 1.2f;
    OnsPostProcessReport r;
    onsPostProcess(note.data(), int64_t(note.size()), OnsPostProcessOptions{}, &r);
    QCOMPARE(r.clicksRemoved, int64_t(1));
}

void TestOnsAudio::normalize()
{
    // Peak to -12 dBFS: round(10^(-12/20) * 32768) = 8231 (+-1 for the float rounding of the gain).
    auto note = toneNote(0, 0.7);
    OnsPostProcessOptions o = allOff();
    o.normalize = true;
    OnsPostProcessReport r;
    const auto out = onsPostProcess(note.data(), int64_t(note.size()), o, &r);
    int peak = 0;
    for (int16_t v : out)
        peak = std::max(peak, std::abs(int(v)));
    QVERIFY2(std::abs(peak - 8231) <= 1, qPrintable(QString("peak %1").arg(peak)));
    double sourcePeak = 0;
    for (float v : note)
        sourcePeak = std::max(sourcePeak, std::fabs(double(v)));
    QVERIFY(std::fabs(r.gainDb - (-12.0 - 20.0 * std::log10(sourcePeak))) < 1e-9);
    // Another level; silence stays silent (no division by zero).
    o.normalizeDb = -6.0;
    const auto louder = onsPostProcess(note.data(), int64_t(note.size()), o);
    peak = 0;
    for (int16_t v : louder)
        peak = std::max(peak, std::abs(int(v)));
    QVERIFY(std::abs(peak - int(std::lround(std::pow(10.0, -0.3) * 32768))) <= 1);
    std::vector<float> silence(1000, 0.0f);
    const auto s = onsPostProcess(silence.data(), 1000, o);
    QVERIFY(std::all_of(s.begin(), s.end(), [](int16_t v) { return v == 0; }));
}

void TestOnsAudio::onsetCrop()
{
    // Silence, then a note: the final note starts 16 samples before the first sample above 10% of
    // the peak.
    auto note = toneNote(3000, 0.5);
    OnsPostProcessOptions o = allOff();
    o.onsetCrop = true;
    OnsPostProcessReport r;
    const auto out = onsPostProcess(note.data(), int64_t(note.size()), o, &r);
    std::vector<int16_t> q(note.size());
    for (size_t i = 0; i < note.size(); ++i)
        q[i] = int16_t(std::lrint(note[i] * 32768.0));
    const int64_t onset = findOnset(q.data(), int64_t(q.size()), 0.1);
    QVERIFY(onset >= 3000 && onset < 3020);
    QCOMPARE(r.onset, onset);
    QCOMPARE(r.start, onset - 16);
    QCOMPARE(out[0], q[size_t(onset - 16)]);
    QCOMPARE(out.size(), note.size());                   // finalLength 0: same length,
    QCOMPARE(r.paddedSamples, onset - 16);               // zero-padded at the end
    QCOMPARE(out.back(), int16_t(0));
    // The threshold is strict and relative to the peak over the whole note.
    std::vector<int16_t> v = {0, 10, 100, 1000, 50};
    QCOMPARE(findOnset(v.data(), 5, 0.1), int64_t(3));  // 100 is not above 10% of 1000
    std::vector<int16_t> zeros(10, 0);
    QCOMPARE(findOnset(zeros.data(), 10, 0.1), int64_t(-1));
}

void TestOnsAudio::finalLength()
{
    auto note = toneNote(0, 0.5);
    OnsPostProcessOptions o = allOff();
    o.finalLength = 60000;
    auto out = onsPostProcess(note.data(), int64_t(note.size()), o);
    QCOMPARE(out.size(), size_t(60000));
    QCOMPARE(out[59999], int16_t(std::lrint(note[59999] * 32768.0)));
    o.finalLength = 70000;
    OnsPostProcessReport r;
    out = onsPostProcess(note.data(), int64_t(note.size()), o, &r);
    QCOMPARE(out.size(), size_t(70000));
    QCOMPARE(r.paddedSamples, int64_t(6000));
    QVERIFY(std::all_of(out.begin() + 64000, out.end(), [](int16_t s) { return s == 0; }));
}

void TestOnsAudio::fades()
{
    // Linear 8-sample fades: factors linspace(0, 1, 8) and linspace(1, 0, 8), products rounded to
    // float32 then truncated toward zero.
    std::vector<int16_t> x(100, 7000);
    for (size_t i = 50; i < 100; ++i)
        x[i] = -7;
    applyOnsFades(x, 8);
    QCOMPARE(x[0], int16_t(0));
    QCOMPARE(x[1], int16_t(1000));  // 7000 / 7
    QCOMPARE(x[3], int16_t(3000));
    QCOMPARE(x[7], int16_t(7000));
    QCOMPARE(x[8], int16_t(7000));
    QCOMPARE(x[92], int16_t(-7));   // factor 1
    QCOMPARE(x[93], int16_t(-6));   // -7 * 6/7 = -6
    QCOMPARE(x[98], int16_t(-1));   // -7 * 1/7: rounded to float32 (-1.0) before truncation
    QCOMPARE(x[99], int16_t(0));
    std::vector<int16_t> y(100, 1000);
    applyOnsFades(y, 8);
    QCOMPARE(y[2], int16_t(285));   // 1000 * 2/7 = 285.71 -> 285 (truncated, not rounded)
    QCOMPARE(y[97], int16_t(285));
    // Longer than the note: the whole note is faded both ways without going out of bounds.
    std::vector<int16_t> tiny(4, 1000);
    applyOnsFades(tiny, 8);
    QCOMPARE(tiny[0], int16_t(0));
    QCOMPARE(tiny[3], int16_t(0));
}

void TestOnsAudio::switchedOff()
{
    // Every step off: only the int16 quantisation (round to nearest) remains.
    auto note = toneNote(500, 0.4);
    note[1000] = 0.9f;  // would be a click
    const auto out = onsPostProcess(note.data(), int64_t(note.size()), allOff());
    QCOMPARE(out.size(), note.size());
    for (size_t i = 0; i < note.size(); ++i)
        QCOMPARE(out[i], int16_t(std::lrint(double(note[i]) * 32768.0)));
    // Full scale clamps and is counted.
    std::vector<float> loud = {1.0f, -1.0f, 0.5f};
    OnsPostProcessReport r;
    const auto q = onsPostProcess(loud.data(), 3, allOff(), &r);
    QCOMPARE(q[0], int16_t(32767));
    QCOMPARE(q[1], int16_t(-32768));
    QCOMPARE(r.clippedSamples, int64_t(1));
    // The default chain (ONS): 60000 samples, peak at -12 dBFS, fades at both ends.
    const auto ons = onsPostProcess(note.data(), int64_t(note.size()), OnsPostProcessOptions{});
    QCOMPARE(ons.size(), size_t(60000));
    QCOMPARE(ons[0], int16_t(0));
    QCOMPARE(ons[59999], int16_t(0));
}

void TestOnsAudio::invalidOptions()
{
    std::vector<float> x(10, 0.1f);
    OnsPostProcessOptions o;
    o.normalizeDb = 3;
    QVERIFY_THROWS_EXCEPTION(Error, onsPostProcess(x.data(), 10, o));
    o = {};
    o.onsetThreshold = 0;
    QVERIFY_THROWS_EXCEPTION(Error, onsPostProcess(x.data(), 10, o));
    o = {};
    o.finalLength = -1;
    QVERIFY_THROWS_EXCEPTION(Error, onsPostProcess(x.data(), 10, o));
    x[3] = NAN;
    QVERIFY_THROWS_EXCEPTION(Error, onsPostProcess(x.data(), 10, OnsPostProcessOptions{}));
    QVERIFY_THROWS_EXCEPTION(Error, onsPostProcess(x.data(), 0, OnsPostProcessOptions{}));
}

void TestOnsAudio::bankLayout()
{
    // Every sample encodes its (cell, pitch index, time), so any misplaced row is caught.
    QTemporaryDir dir;
    const OnsBankLayout layout{3, 2, 1000};
    QCOMPARE(layout.rows(), int64_t(18));
    QCOMPARE(layout.bytes(), int64_t(36000));
    auto value = [](int cell, int j, int64_t t) { return int16_t(cell * 1000 + j * 500 + int(t % 500) - 16000); };
    std::vector<int16_t> note(1000);
    const std::string path = (dir.path() + "/a_b_c_d.bin").toStdString();
    writeOnsBank(path, layout, [&](int cell, int j) {
        for (int64_t t = 0; t < 1000; ++t)
            note[size_t(t)] = value(cell, j, t);
        return note.data();
    });
    QCOMPARE(QFileInfo(QString::fromStdString(path)).size(), qint64(36000));
    for (int yi = 0; yi < 3; ++yi)
        for (int xi = 0; xi < 3; ++xi)
            for (int j = 0; j < 2; ++j) {
                const auto back = readOnsBankNote(path, layout, yi, xi, j);
                for (int64_t t = 0; t < 1000; ++t)
                    QCOMPARE(back[size_t(t)], value(yi * 3 + xi, j, t));
            }
    // The raw bytes: row (yi*R + xi)*P + j, little-endian int16.
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const int64_t row = layout.row(2, 1, 1);
    QCOMPARE(row, int64_t(15));
    const int64_t t = 123;
    const auto off = size_t((row * 1000 + t) * 2);
    const int16_t expected = value(7, 1, t);
    QCOMPARE(uint8_t(bytes[qsizetype(off)]), uint8_t(uint16_t(expected) & 0xff));
    QCOMPARE(uint8_t(bytes[qsizetype(off + 1)]), uint8_t(uint16_t(expected) >> 8));
    QCOMPARE(entries(dir.path()), QStringList{"a_b_c_d.bin"});  // no temporaries left
}

void TestOnsAudio::bankReadChecks()
{
    QTemporaryDir dir;
    const QString path = dir.path() + "/short.bin";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(100, 0));
    f.close();
    const OnsBankLayout layout{9, 16, 60000};
    try {
        readOnsBankNote(path.toStdString(), layout, 0, 0, 0);
        QFAIL("a short bank was accepted");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).contains("155520000"));
    }
    QVERIFY_THROWS_EXCEPTION(Error, readOnsBankNote(path.toStdString(), layout, 9, 0, 0));
    QVERIFY_THROWS_EXCEPTION(Error, readOnsBankNote((dir.path() + "/none.bin").toStdString(), layout, 0, 0, 0));
}

void TestOnsAudio::deviceSettings()
{
    OnsDeviceSettings s;
    s.resolution = 9;
    s.pitches = {24, 28, 32};
    s.length = 60000;
    s.sampleRate = 16000;
    s.corners[0] = {{"cleanbass", "CLN BASS", "CB"}, {"synthbass", "SYN BASS", "SB"}};
    s.corners[1] = {{"flute", "FLUTE", "FL"}};
    s.corners[2] = {{"marimba", "MARIMBA", "MA"}};
    s.corners[3] = {{"susvox", "SUS. VOX", "SV"}};
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(onsDeviceSettingsJson(s))).object();
    const QJsonObject n = o["nsynth"].toObject();
    QCOMPARE(n["resolution"].toInt(), 9);
    QCOMPARE(n["length"].toInt(), 60000);
    QCOMPARE(n["sampleRate"].toInt(), 16000);
    QCOMPARE(n["dataDirectory"].toString(), QString("/home/pi/pads"));
    QCOMPARE(n["pitches"].toArray(), (QJsonArray{24, 28, 32}));
    const QJsonArray corners = o["corners"].toArray();
    QCOMPARE(corners.size(), 4);
    const QJsonObject first = corners[0].toObject()["instruments"].toArray()[1].toObject();
    QCOMPARE(first["name"].toString(), QString("synthbass"));
    QCOMPARE(first["display"].toString(), QString("SYN BASS"));
    QCOMPARE(first["abbr"].toString(), QString("SB"));
    QCOMPARE(o["audio"].toObject()["sampleRate"].toInt(), 48000);
    QCOMPARE(o["audio"].toObject()["bufferSize"].toInt(), 128);
    // Labels the screen cannot show are errors.
    s.corners[1][0].display = "NINECHARS";
    QVERIFY_THROWS_EXCEPTION(Error, onsDeviceSettingsJson(s));
    s.corners[1][0].display = "FLUTE";
    s.corners[1][0].abbr = "F";
    QVERIFY_THROWS_EXCEPTION(Error, onsDeviceSettingsJson(s));
    s.corners[1].clear();
    QVERIFY_THROWS_EXCEPTION(Error, onsDeviceSettingsJson(s));
}

void TestOnsAudio::pdSettings()
{
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(
                                                      pdGridSettingsJson(3, {36, 40}, 60000, 16000, {"a", "b", "c", "d"})))
                              .object();
    const QJsonObject n = o["nsynth"].toObject();
    QCOMPARE(n["resolution"].toInt(), 3);
    QCOMPARE(n["length"].toInt(), 60000);
    QCOMPARE(n["sampleRate"].toInt(), 16000);
    QCOMPARE(n["pitches"].toArray(), (QJsonArray{36, 40}));
    QCOMPARE(o["corners"].toArray().size(), 4);
}

void TestOnsAudio::labels()
{
    QCOMPARE(defaultDisplayName("electricpiano"), std::string("ELECTRIC"));
    QCOMPARE(defaultDisplayName("sax"), std::string("SAX"));
    const auto abbr = defaultAbbreviations({"brass", "bass", "bell", "b"});
    QCOMPARE(abbr.size(), size_t(4));
    std::set<std::string> unique(abbr.begin(), abbr.end());
    QCOMPARE(unique.size(), size_t(4));
    for (const auto& a : abbr)
        QCOMPARE(a.size(), size_t(2));
    QCOMPARE(abbr[0], std::string("BR"));
}

void TestOnsAudio::packNames()
{
    QCOMPARE(onsPackPitchFolder(24), std::string("024-C1"));
    QCOMPARE(onsPackPitchFolder(60), std::string("060-C4"));
    QCOMPARE(onsPackFileName({{"flute", 110}, {"brass", 780}, {"organ", 110}}, ".wav"),
             std::string("brass_78+flute_11+organ_11.wav"));
    QCOMPARE(onsPackFileName({{"a", 875}, {"b-2", 125}}, ".flac"), std::string("a_87.5+b-2_12.5.flac"));
    QCOMPARE(onsPackFileName({{"piano", 1000}}, ".wav"), std::string("piano_100.wav"));
    QVERIFY_THROWS_EXCEPTION(Error, onsPackFileName({}, ".wav"));
}

void TestOnsAudio::rawNotes()
{
    // Float WAVs whose bytes depend only on the samples (no time-stamped PEAK chunk), read back
    // exactly by libsndfile.
    QTemporaryDir dir;
    auto note = toneNote(100, 0.9);
    note[5] = -1.0f;
    note[6] = 0.99999994f;
    const QString a = dir.path() + "/a.wav", b = dir.path() + "/b.wav";
    writeRawNote(a.toStdString(), note.data(), int64_t(note.size()), 16000);
    QThread::msleep(1100);  // a timestamp would now differ
    writeRawNote(b.toStdString(), note.data(), int64_t(note.size()), 16000);
    QFile fa(a), fb(b);
    QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
    const QByteArray bytes = fa.readAll();
    QCOMPARE(bytes, fb.readAll());
    QCOMPARE(qint64(bytes.size()), qint64(rawNoteBytes(64000)));
    const AudioData back = readAudio(a.toStdString());
    QCOMPARE(back.sampleRate, 16000);
    QCOMPARE(back.channels, 1);
    QVERIFY(back.samples == note);
    QVERIFY(QString::fromStdString(back.formatDescription).contains("float", Qt::CaseInsensitive));
    // Bad input leaves nothing behind.
    note[7] = NAN;
    QVERIFY_THROWS_EXCEPTION(Error, writeRawNote((dir.path() + "/c.wav").toStdString(), note.data(), 64000, 16000));
    QVERIFY_THROWS_EXCEPTION(Error, writeRawNote((dir.path() + "/d.wav").toStdString(), note.data(), 0, 16000));
    QCOMPARE(entries(dir.path()), (QStringList{"a.wav", "b.wav"}));
}

void TestOnsAudio::diskFullBank()
{
    // The writer runs in a child whose file size limit (RLIMIT_FSIZE) is below the bank's size,
    // with SIGXFSZ ignored so write() fails with EFBIG: the write must throw and leave neither a
    // bank nor a temporary, and an older bank at the same path must survive untouched.
    QTemporaryDir dir;
    const QString path = dir.path() + "/x_y_z_w.bin";
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("previous bank");
    }
    const OnsBankLayout layout{3, 2, 60000};  // 2,160,000 bytes
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    QVERIFY(pid >= 0);
    if (pid == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit{};
        limit.rlim_cur = limit.rlim_max = 512 * 1024;
        ::setrlimit(RLIMIT_FSIZE, &limit);
        std::vector<int16_t> note(60000, 1234);
        try {
            writeOnsBank(path.toStdString(), layout, [&](int, int) { return note.data(); });
        } catch (const Error& e) {
            const bool named = QString(e.what()).contains("x_y_z_w.bin");
            ::_exit(named ? 3 : 4);
        }
        ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(pid, &status, 0), pid);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 3);
    QCOMPARE(entries(dir.path()), QStringList{"x_y_z_w.bin"});
    QFile old(path);
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("previous bank"));
}

QTEST_GUILESS_MAIN(TestOnsAudio)
#include "test_ons_audio.moc"
