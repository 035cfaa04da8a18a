// Every `nsynth` command end to end through the real binary, on real audio from ../shared/data
// (copied into a temporary folder under workshop names where a command needs them), and every
// bad-input case: one clear line naming the file and the problem, a non-zero exit, no partial
// output, inputs untouched.

#include "audio_file.h"
#include "model_file.h"
#include "npy.h"
#include "test_support.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <csignal>

using namespace nsynth;

namespace {

struct Result {
    int exitCode = -1;
    QString out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Result nsynthRun(const QStringList& args, int timeoutMs = 300000, const QStringList& extraEnv = {})
{
    QProcess p;
    if (!extraEnv.isEmpty()) {
        auto env = QProcessEnvironment::systemEnvironment();
        for (const auto& kv : extraEnv)
            env.insert(kv.section('=', 0, 0), kv.section('=', 1));
        p.setProcessEnvironment(env);
    }
    p.start(QString::fromUtf8(NSYNTH_CLI), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    Result r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// The last line of stderr: the one-line error message.
QString lastLine(const QString& text)
{
    const auto lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : lines.last();
}

QStringList filesIn(const QString& dir, const QStringList& filters = {})
{
    return QDir(dir).entryList(filters, QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

#define CHECK_FAILS(result, code, ...)                                                                         \
    do {                                                                                                       \
        const Result& r_ = (result);                                                                           \
        QVERIFY2(r_.exitCode == (code), qPrintable(QString("exit %1, expected %2; stderr: %3")                 \
                                                      .arg(r_.exitCode).arg(code).arg(r_.err)));               \
        for (const QString& needle : {__VA_ARGS__})                                                            \
            QVERIFY2(lastLine(r_.err).contains(needle),                                                        \
                     qPrintable(QString("expected \"%1\" in: %2").arg(needle, lastLine(r_.err))));            \
    } while (0)

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model;    // tiny random model
    QString m_notes;    // real notes conformed under workshop names

    QString path(const QString& name) const { return m_dir.path() + "/" + name; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = path("tiny.safetensors");
        const auto r = nsynthRun({"init", "--preset", "tiny", "--seed", "5", "-o", m_model, "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()["preset"].toString(), QString("tiny"));
    }

    void helpVersionAndUsageErrors()
    {
        const auto help = nsynthRun({"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* c : {"conform", "encode", "decode", "reconstruct", "interpolate", "info", "init", "score"})
            QVERIFY2(help.out.contains(QString("  ") + c), c);
        QCOMPARE(nsynthRun({"--version"}).exitCode, 0);
        CHECK_FAILS(nsynthRun({"frobnicate"}), 2, "unknown command");
        CHECK_FAILS(nsynthRun({"decode", "--temperature", "0", "-o", path("x"), m_model}), 2, "--temperature");
        CHECK_FAILS(nsynthRun({"decode", "--threads", "many", "-o", path("x"), m_model}), 2, "--threads");
        CHECK_FAILS(nsynthRun({"decode", "--format", "mp3", "-o", path("x"), m_model}), 2, "mp3");
        CHECK_FAILS(nsynthRun({"decode", "--format", "flac", "--bit-depth", "32f", "-o", path("x"), m_model}), 2,
                    "FLAC cannot store 32-bit float");
        CHECK_FAILS(nsynthRun({"interpolate", "--model", m_model, "-o", path("x"), m_model}), 2, "at least two inputs");
        CHECK_FAILS(nsynthRun({"init", "--preset", "huge", "-o", path("huge.safetensors")}), 1, "unknown preset");
        QVERIFY(!QFileInfo::exists(path("x")));
        QVERIFY(!QFileInfo::exists(path("huge.safetensors")));
        // Every command has its own --help.
        for (const char* c : {"conform", "encode", "decode", "reconstruct", "interpolate", "info", "init", "score"})
            QCOMPARE(nsynthRun({c, "--help"}).exitCode, 0);
    }

    void conformRealNotes()
    {
        NSYNTH_REQUIRE_TEST_DATA("instruments/ixox-flute");
        // Real recordings (44.1 kHz FLAC, 48 kHz FLAC, a 16 kHz NSynth WAV) under workshop names.
        const QString raw = path("raw");
        QDir().mkpath(raw);
        const QString data = nsynth::test::testDataDir();
        QVERIFY(QFile::copy(data + "/instruments/ixox-flute/nor_m_1_6.flac", raw + "/flute_69.flac"));
        QVERIFY(QFile::copy(data + "/instruments/mtg-solo-sax/alt_f_01.flac", raw + "/altosax_49.flac"));
        QVERIFY(QFile::copy(data + "/nsynth/string_acoustic_014-063-050.wav", raw + "/string_acoustic_014-063-050.wav"));
        const QByteArray before = fileHash(raw + "/flute_69.flac");

        const auto check = nsynthRun({"conform", "--check", "--json", raw});
        QVERIFY2(check.exitCode == 0 || check.exitCode == 1, qPrintable(check.err));
        const auto report = check.json();
        QCOMPARE(report["checked"].toInt(), 3);
        QVERIFY(!QFileInfo::exists(path("notes")));

        m_notes = path("notes");
        const auto r = nsynthRun({"conform", "-o", m_notes, "--json", raw});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList expected = {"altosax_49.wav", "flute_69.wav", "manifest.json", "string-acoustic-014_63.wav"};
        QCOMPARE(filesIn(m_notes), expected);
        for (const char* f : {"altosax_49.wav", "flute_69.wav", "string-acoustic-014_63.wav"}) {
            const auto a = audio::readAudio((m_notes + "/" + QString(f)).toStdString());
            QCOMPARE(a.sampleRate, 16000);
            QCOMPARE(a.channels, 1);
            QCOMPARE(a.frames(), int64_t(64000));
            QVERIFY(QString::fromStdString(a.formatDescription).contains("16-bit"));
        }
        QCOMPARE(fileHash(raw + "/flute_69.flac"), before);  // input untouched
        const auto manifest = QJsonDocument::fromJson([&] {
                                  QFile f(m_notes + "/manifest.json");
                                  f.open(QIODevice::ReadOnly);
                                  return f.readAll();
                              }()).object();
        QCOMPARE(manifest["command"].toString(), QString("conform"));
        QCOMPARE(manifest["inputs"].toArray().size(), 3);
        QVERIFY(manifest["inputs"].toArray()[0].toObject()["sha256"].toString().size() == 64);
    }

    void conformListsEveryProblemAndWritesNothing()
    {
        NSYNTH_REQUIRE_TEST_DATA("instruments/ixox-flute");
        const QString raw = path("class");
        QDir().mkpath(raw);
        const QString data = nsynth::test::testDataDir();
        QVERIFY(QFile::copy(data + "/instruments/ixox-flute/nor_m_1_6.flac", raw + "/flute_69.flac"));
        QVERIFY(QFile::copy(data + "/instruments/ixox-flute/nor_m_1_6.flac", raw + "/my_flute_69.flac"));  // bad name
        QFile text(raw + "/broken_60.wav");
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("this is not audio at all, just text that ends in .wav\n");
        text.close();
        std::vector<float> silence(32000, 0.0f);
        audio::writeAudio((raw + "/silence_60.wav").toStdString(), silence.data(), int64_t(silence.size()), 16000);

        const auto r = nsynthRun({"conform", "-o", path("class-out"), raw});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("my_flute_69.flac") && r.err.contains("underscore"), qPrintable(r.err));
        QVERIFY2(r.err.contains("broken_60.wav"), qPrintable(r.err));
        QVERIFY2(r.err.contains("silence_60.wav") && r.err.contains("silent"), qPrintable(r.err));
        QVERIFY2(r.err.contains("3 failed"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path("class-out")) || filesIn(path("class-out")).isEmpty());

        const auto going = nsynthRun({"conform", "--keep-going", "-o", path("class-out"), raw});
        QCOMPARE(going.exitCode, 1);
        QCOMPARE(filesIn(path("class-out")), (QStringList{"flute_69.wav", "manifest.json"}));
    }

    void encodeDecodeReconstruct()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth/string_acoustic_014-063-050.wav");
        const QString note = nsynth::test::testDataDir() + "/nsynth/string_acoustic_014-063-050.wav";
        const QString note2 = nsynth::test::testDataDir() + "/nsynth/organ_electronic_007-058-025.wav";
        auto enc = nsynthRun({"encode", "--model", m_model, "-o", path("emb"), "--json", note, note2});
        QVERIFY2(enc.exitCode == 0, qPrintable(enc.err));
        const auto e = readEmbedding(path("emb/string_acoustic_014-063-050.npy").toStdString(), 16);
        QCOMPARE(e.frames, int64_t(125));
        // Deterministic: encoding again gives identical bytes.
        QVERIFY(nsynthRun({"encode", "--model", m_model, "-o", path("emb2"), note}).exitCode == 0);
        QCOMPARE(fileHash(path("emb2/string_acoustic_014-063-050.npy")),
                 fileHash(path("emb/string_acoustic_014-063-050.npy")));

        // Decode: exactly frames x 512 samples, same command twice -> identical audio.
        const auto d1 = nsynthRun({"decode", "--model", m_model, "-o", path("dec1"), "--seed", "3", "--json", path("emb")});
        QVERIFY2(d1.exitCode == 0, qPrintable(d1.err));
        QCOMPARE(d1.json()["outputs"].toArray().size(), 2);
        QVERIFY(nsynthRun({"decode", "--model", m_model, "-o", path("dec2"), "--seed", "3", path("emb")}).exitCode == 0);
        QVERIFY(nsynthRun({"decode", "--model", m_model, "-o", path("dec3"), "--seed", "4", path("emb")}).exitCode == 0);
        const QString name = "string_acoustic_014-063-050.wav";
        const auto a = audio::readAudio((path("dec1/") + name).toStdString());
        QCOMPARE(a.frames(), int64_t(125 * 512));
        QCOMPARE(a.sampleRate, 16000);
        QCOMPARE(fileHash(path("dec1/") + name), fileHash(path("dec2/") + name));
        QVERIFY(fileHash(path("dec1/") + name) != fileHash(path("dec3/") + name));
        // The batch does not matter: decoding one file alone gives the same audio.
        QVERIFY(nsynthRun({"decode", "--model", m_model, "-o", path("dec4"), "--seed", "3", "--batch-size", "1",
                           path("emb/string_acoustic_014-063-050.npy")})
                    .exitCode == 0);
        QCOMPARE(fileHash(path("dec4/") + name), fileHash(path("dec1/") + name));

        // Output length follows the embedding, whatever its length (no units bug).
        Embedding shortE;
        shortE.frames = 3;
        shortE.channels = 16;
        shortE.data.assign(48, 0.5f);
        writeEmbedding(path("three.npy").toStdString(), shortE);
        writeNpy(path("squeezed.npy").toStdString(), {1, 3, 16}, shortE.data.data());
        QVERIFY(nsynthRun({"decode", "--model", m_model, "-o", path("short"), "--format", "flac", "--bit-depth", "24",
                           path("three.npy"), path("squeezed.npy")})
                    .exitCode == 0);
        const auto s = audio::readAudio(path("short/three.flac").toStdString());
        QCOMPARE(s.frames(), int64_t(3 * 512));
        QVERIFY(QString::fromStdString(s.formatDescription).contains("FLAC"));
        QCOMPARE(audio::readAudio(path("short/squeezed.flac").toStdString()).frames(), int64_t(3 * 512));
        QVERIFY(nsynthRun({"decode", "--model", m_model, "-o", path("f32"), "--bit-depth", "32f", path("three.npy")})
                    .exitCode == 0);
        QVERIFY(QString::fromStdString(audio::readAudio(path("f32/three.wav").toStdString()).formatDescription)
                    .contains("float"));
        // Float WAVs are reproducible byte for byte too (no time-stamped PEAK chunk).
        QThread::msleep(1100);
        QVERIFY(nsynthRun({"decode", "--model", m_model, "-o", path("f32b"), "--bit-depth", "32f", path("three.npy")})
                    .exitCode == 0);
        QCOMPARE(fileHash(path("f32b/three.wav")), fileHash(path("f32/three.wav")));

        const auto rec = nsynthRun({"reconstruct", "--model", m_model, "-o", path("rec"), "--save-embeddings",
                                    "--greedy", "--json", note});
        QVERIFY2(rec.exitCode == 0, qPrintable(rec.err));
        QCOMPARE(audio::readAudio((path("rec/") + name).toStdString()).frames(), int64_t(64000));
        QVERIFY(QFileInfo::exists(path("rec/string_acoustic_014-063-050.npy")));
    }

    void interpolateModes()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth/string_acoustic_014-063-050.wav");
        const QString a = nsynth::test::testDataDir() + "/nsynth/string_acoustic_014-063-050.wav";
        const QString b = nsynth::test::testDataDir() + "/nsynth/organ_electronic_007-058-025.wav";
        // --embeddings-only: the blend is exactly the weighted sum of the inputs' embeddings.
        QVERIFY(nsynthRun({"encode", "--model", m_model, "-o", path("ie"), a, b}).exitCode == 0);
        const QString ea = path("ie/string_acoustic_014-063-050.npy"), eb = path("ie/organ_electronic_007-058-025.npy");
        const auto r = nsynthRun({"interpolate", "--model", m_model, "-o", path("blend"), "--mix", "0.25,0.75",
                                  "--embeddings-only", "--json", ea, eb});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString out = r.json()["outputs"].toArray()[0].toObject()["path"].toString();
        const auto blend = readEmbedding(out.toStdString(), 16);
        const auto A = readEmbedding(ea.toStdString(), 16), B = readEmbedding(eb.toStdString(), 16);
        for (size_t i = 0; i < blend.data.size(); ++i)
            QVERIFY(std::fabs(blend.data[i] - (0.25f * A.data[i] + 0.75f * B.data[i])) < 1e-5f);
        // Audio inputs, --steps and --crossfade.
        const auto steps = nsynthRun({"interpolate", "--model", m_model, "-o", path("steps"), "--steps", "3",
                                      "--max-samples", "2048", "--json", a, b});
        QVERIFY2(steps.exitCode == 0, qPrintable(steps.err));
        QCOMPARE(steps.json()["outputs"].toArray().size(), 3);
        for (const auto& o : steps.json()["outputs"].toArray())
            QCOMPARE(audio::readAudio(o.toObject()["path"].toString().toStdString()).frames(), int64_t(2048));
        const auto xf = nsynthRun({"interpolate", "--model", m_model, "-o", path("xf"), "--crossfade",
                                   "--max-samples", "2048", a, b});
        QVERIFY2(xf.exitCode == 0, qPrintable(xf.err));
        // Unequal lengths are refused, naming both files.
        Embedding shortE;
        shortE.frames = 3;
        shortE.channels = 16;
        shortE.data.assign(48, 0.0f);
        writeEmbedding(path("three3.npy").toStdString(), shortE);
        CHECK_FAILS(nsynthRun({"interpolate", "--model", m_model, "-o", path("bad"), "--steps", "2", ea,
                               path("three3.npy")}),
                    1, "three3.npy has 3", "equal lengths");
    }

    void infoAndScore()
    {
        const auto info = nsynthRun({"info", "--model", m_model, "--json"});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        const auto j = info.json();
        QCOMPARE(j["preset"].toString(), QString("tiny"));
        QVERIFY(j["speed"].toObject()["decoder_samples_per_s_batch1"].toDouble() > 0);
        QVERIFY(j["receptive_field_samples"].toInt() > 0);
        QVERIFY(j["parameters"].toObject()["total"].toInt() > 0);
        QCOMPARE(nsynthRun({"info", "--no-speed", m_model}).exitCode, 0);

        NSYNTH_REQUIRE_TEST_DATA("nsynth/string_acoustic_014-063-050.wav");
        const QString note = nsynth::test::testDataDir() + "/nsynth/string_acoustic_014-063-050.wav";
        const auto fast = nsynthRun({"score", "--model", m_model, "--max-samples", "2048", "--json",
                                     "--logits-dir", path("logits"), note});
        const auto ref = nsynthRun({"score", "--model", m_model, "--max-samples", "2048", "--json", "--reference", note});
        QVERIFY2(fast.exitCode == 0 && ref.exitCode == 0, qPrintable(fast.err + ref.err));
        const double f = fast.json()["notes"].toArray()[0].toObject()["nll_nats_per_sample"].toDouble();
        const double r = ref.json()["notes"].toArray()[0].toObject()["nll_nats_per_sample"].toDouble();
        qInfo("score: fast %.6f, float64 reference %.6f nats/sample", f, r);
        QVERIFY(f > 0.5 && f < 20);
        QVERIFY2(std::fabs(f - r) <= 1e-4 * r, qPrintable(QString("%1 vs %2").arg(f).arg(r)));
        const auto logits = readNpy(path("logits/string_acoustic_014-063-050_logits.npy").toStdString());
        QCOMPARE(logits.shape, (Shape{2048, 256}));
    }

    void badInputs()
    {
        // A text file named .npy, NaN embeddings, wrong shapes and dtypes, missing and corrupt
        // models, outputs that would overwrite inputs: each one line, non-zero, nothing written.
        QFile text(path("text.npy"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not numpy");
        text.close();
        CHECK_FAILS(nsynthRun({"decode", "--model", m_model, "-o", path("o1"), path("text.npy")}), 1, "text.npy",
                    "not a NumPy .npy file");
        std::vector<float> nanData(48, 0.0f);
        nanData[7] = NAN;
        writeNpy(path("nan.npy").toStdString(), {3, 16}, nanData.data());
        CHECK_FAILS(nsynthRun({"decode", "--model", m_model, "-o", path("o1"), path("nan.npy")}), 1, "nan.npy", "NaN");
        writeNpy(path("wide.npy").toStdString(), {3, 8}, nanData.data());
        CHECK_FAILS(nsynthRun({"decode", "--model", m_model, "-o", path("o1"), path("wide.npy")}), 1, "wide.npy",
                    "expected [frames, 16]");
        // One good and one bad input: the bad one stops everything before any output.
        Embedding good;
        good.frames = 2;
        good.channels = 16;
        good.data.assign(32, 0.1f);
        writeEmbedding(path("good.npy").toStdString(), good);
        CHECK_FAILS(nsynthRun({"decode", "--model", m_model, "-o", path("o2"), path("good.npy"), path("wide.npy")}), 1,
                    "wide.npy");
        QVERIFY(filesIn(path("o2")).isEmpty());
        CHECK_FAILS(nsynthRun({"decode", "--model", m_model, "-o", path("o3"), path("missing.npy")}), 1,
                    "no such file or folder: ", "missing.npy");
        // Models.
        CHECK_FAILS(nsynthRun({"decode", "--model", path("nomodel.safetensors"), "-o", path("o4"), path("good.npy")}), 1,
                    "nomodel.safetensors");
        QFile src(m_model);
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QByteArray bytes = src.readAll();
        QFile trunc(path("trunc.safetensors"));
        QVERIFY(trunc.open(QIODevice::WriteOnly));
        trunc.write(bytes.left(bytes.size() - 64));
        trunc.close();
        CHECK_FAILS(nsynthRun({"decode", "--model", path("trunc.safetensors"), "-o", path("o4"), path("good.npy")}), 1,
                    "trunc.safetensors", "truncated");
        CHECK_FAILS(nsynthRun({"decode", "--model", path("text.npy"), "-o", path("o4"), path("good.npy")}), 1,
                    "text.npy", "not a safetensors file");
        QVERIFY(!QFileInfo::exists(path("o4")) || filesIn(path("o4")).isEmpty());
        // Output folder that is a file; output over an input.
        CHECK_FAILS(nsynthRun({"decode", "--model", m_model, "-o", path("good.npy"), path("good.npy")}), 1,
                    "not a folder");
        CHECK_FAILS(nsynthRun({"encode", "--model", m_model, "-o", m_dir.path(), path("text.npy")}), 1, "text.npy");
        // Audio that is not audio, and audio too short for one frame.
        QFile notAudio(path("fake.wav"));
        QVERIFY(notAudio.open(QIODevice::WriteOnly));
        notAudio.write(QByteArray(4000, 'x'));
        notAudio.close();
        CHECK_FAILS(nsynthRun({"encode", "--model", m_model, "-o", path("o5"), path("fake.wav")}), 1, "fake.wav");
        std::vector<float> tiny(100, 0.1f);
        audio::writeAudio(path("tiny.wav").toStdString(), tiny.data(), 100, 16000);
        CHECK_FAILS(nsynthRun({"encode", "--model", m_model, "-o", path("o5"), path("tiny.wav")}), 1, "tiny.wav",
                    "too short");
        QVERIFY(!QFileInfo::exists(path("o5")) || filesIn(path("o5")).isEmpty());
        // No stray temporaries anywhere.
        QVERIFY(QDir(m_dir.path()).entryList({".*.part-*"}, QDir::Files | QDir::Hidden).isEmpty());
    }

    void fallbackKernelsAgree()
    {
        // The decoder's GEMM kernels for CPUs without AVX-512 (NSYNTH_ISA forces them here):
        // AVX2 gives bitwise the same logits as AVX-512 (same FMA chains), the baseline (no FMA)
        // agrees within 1e-5 of the largest logit.
        std::vector<float> tone(4096);
        for (size_t i = 0; i < tone.size(); ++i)
            tone[i] = 0.5f * float(std::sin(2 * M_PI * 220.0 * double(i) / 16000.0));
        audio::writeAudio(path("tone_57.wav").toStdString(), tone.data(), int64_t(tone.size()), 16000);
        const QString small = path("fallback.safetensors");
        QCOMPARE(nsynthRun({"init", "--preset", "small", "--seed", "3", "-o", small}).exitCode, 0);
        auto score = [&](const QString& isa) {
            const QString dir = path("logits-" + (isa.isEmpty() ? QString("native") : isa));
            const auto r = nsynthRun({"score", "--model", small, "--logits-dir", dir, "--json", path("tone_57.wav")},
                                     300000, isa.isEmpty() ? QStringList{} : QStringList{"NSYNTH_ISA=" + isa});
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            return readNpy((dir + "/tone_57_logits.npy").toStdString());
        };
        const auto native = score(""), avx2 = score("avx2"), baseline = score("baseline");
        QVERIFY(!native.data.empty());
        QVERIFY(native.data == avx2.data);
        double diff = 0, scale = 0;
        for (size_t i = 0; i < native.data.size(); ++i) {
            diff = std::max(diff, double(std::fabs(native.data[i] - baseline.data[i])));
            scale = std::max(scale, double(std::fabs(native.data[i])));
        }
        qInfo("baseline kernel vs native: max difference %.3g of the largest logit", diff / scale);
        QVERIFY(diff <= 1e-5 * scale);
    }

    void progressJsonAndCancel()
    {
        // A longer job: --progress json lines on stderr; SIGINT stops it with exit 130 and leaves
        // only finished files.
        Embedding e;
        e.frames = 125;
        e.channels = 16;
        e.data.assign(125 * 16, 0.3f);
        QDir().mkpath(path("many"));
        for (int i = 0; i < 6; ++i)
            writeEmbedding(path("many/n%1.npy").arg(i).toStdString(), e);
        // The small preset is slow enough at batch 1 to be interrupted midway.
        const QString small = path("small.safetensors");
        QCOMPARE(nsynthRun({"init", "--preset", "small", "-o", small}).exitCode, 0);
        QProcess p;
        p.start(QString::fromUtf8(NSYNTH_CLI), {"decode", "--model", small, "--batch-size", "1", "--threads", "1",
                                                 "--progress", "json", "-o", path("cancelled"), path("many")});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QElapsedTimer t;
        t.start();
        while (!err.contains("\"event\":\"progress\"") && t.elapsed() < 60000) {
            p.waitForReadyRead(200);
            err += p.readAllStandardError();
        }
        QVERIFY2(err.contains("\"event\":\"progress\""), err.constData());
        QJsonObject firstLine;
        for (const QByteArray& line : err.split('\n'))
            if (line.contains("\"event\":\"progress\"")) {
                firstLine = QJsonDocument::fromJson(line).object();
                break;
            }
        QCOMPARE(firstLine["task"].toString(), QString("decode"));
        QVERIFY(firstLine["total"].toInteger() == 6 * 64000);
        QThread::msleep(300);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        err += p.readAllStandardError();
        QCOMPARE(p.exitCode(), 130);
        QVERIFY2(err.contains("cancelled"), err.constData());
        for (const QString& f : filesIn(path("cancelled"))) {
            QVERIFY2(!f.startsWith("."), qPrintable(f));  // no temporaries left
            QCOMPARE(audio::readAudio((path("cancelled/") + f).toStdString()).frames(), int64_t(64000));
        }
        QVERIFY(filesIn(path("cancelled")).size() < 6);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
