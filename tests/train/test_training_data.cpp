// Training data and the training command end to end: TFRecord framing on the real 3-record file
// from Magenta's test data, NSynth TFRecord and json/wav layouts built here from real NSynth
// notes, bad data of every kind, the PNG loss plot decoded back, and `nsynth train` / `nsynth
// export` run as a user runs them (SIGINT, --resume, the exported model and its card).

#include "audio_file.h"
#include "crc32c.h"
#include "error.h"
#include "loss_plot.h"
#include "model_file.h"
#include "note_name.h"
#include "png_image.h"
#include "test_support.h"
#include "tfrecord.h"
#include "tfrecord_example.h"
#include "train_fixtures.h"
#include "training_run.h"
#include "training_sources.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <csignal>
#include <cstring>

using namespace nsynth;
using namespace nsynth::test;

namespace {

// The real NSynth notes the tests turn into TFRecord and json/wav datasets (CC BY 4.0).
const QStringList kRealNotes = {"bass_synthetic_135-067-025.wav", "flute_synthetic_000-051-100.wav",
                                "reed_acoustic_023-039-127.wav", "string_acoustic_056-047-075.wav"};

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(f.write(bytes), bytes.size());
}

// The message of the Error `f` throws, or "" when it throws none.
template <typename F> QString errorOf(F&& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

NSynthExample exampleFromWav(const QString& file)
{
    const auto data = audio::readAudio(testDataPath("nsynth/" + file));
    const auto name = audio::parseNoteName(file.toStdString());
    NSynthExample e;
    e.noteStr = file.chopped(4).toStdString();
    e.instrumentStr = name->instrument;
    e.pitch = name->pitch;
    e.velocity = name->velocity;
    e.sampleRate = data.sampleRate;
    e.familyStr = name->family;
    e.sourceStr = name->source;
    e.family = nsynthFamilyIndex(e.familyStr);
    e.source = nsynthSourceIndex(e.sourceStr);
    e.audio = data.samples;
    return e;
}

// The built nsynth run to completion; stdout and stderr as text.
struct Run {
    int exitCode = -1;
    QString out, err;
};

Run nsynthRun(const QStringList& args, int timeoutMs = 300000)
{
    const CommandRun r = runCommand(QString::fromUtf8(NSYNTH_CLI), args, timeoutMs);
    return {r.rc, QString::fromUtf8(r.out), QString::fromUtf8(r.err)};
}

QList<QJsonObject> jsonLines(const QString& path)
{
    QList<QJsonObject> out;
    for (const QByteArray& line : readBytes(path).split('\n'))
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

// The last non-empty line of `text`: the command's one-line message.
QString lastLine(const QString& text)
{
    const QStringList lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : lines.last();
}

uint32_t bigEndian32(const uchar* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

} // namespace

class TestTrainingData : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString path(const QString& name) const { return m_tmp.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void realTfRecordFraming()
    {
        NSYNTH_REQUIRE_TEST_DATA("tfrecord/tfrecord_iterator_test.tfrecord");
        const std::string file = testDataPath("tfrecord/tfrecord_iterator_test.tfrecord");
        TFRecordReader reader(file);
        std::vector<std::string> records;
        std::vector<int64_t> offsets{reader.offset()};
        std::string data;
        while (reader.next(data)) {
            records.push_back(data);
            offsets.push_back(reader.offset());
        }
        QCOMPARE(records, (std::vector<std::string>{"hello world", "12345", "success"}));
        QCOMPARE(offsets, (std::vector<int64_t>{0, 27, 48, 71}));  // 16 bytes of framing per record
        // Our writer frames each record byte for byte as TensorFlow did.
        const QByteArray original = readBytes(QString::fromStdString(file));
        std::string framed;
        for (const auto& r : records)
            framed += tfrecordFrame(r);
        QCOMPARE(QByteArray::fromStdString(framed), original);

        // Damage: each kind of corruption is named with the record and its offset.
        QByteArray lengthCrc = original;
        lengthCrc[27 + 9] = char(lengthCrc[27 + 9] ^ 0x01);  // record 2's length CRC
        writeBytes(path("length-crc.tfrecord"), lengthCrc);
        QByteArray dataCrc = original;
        dataCrc[48 + 12] = char(dataCrc[48 + 12] ^ 0x20);  // a byte of "success"
        writeBytes(path("data-crc.tfrecord"), dataCrc);
        writeBytes(path("truncated.tfrecord"), original.left(60));
        const auto readAll = [](const QString& p) {
            TFRecordReader r(p.toStdString());
            std::string d;
            while (r.next(d)) {
            }
        };
        const QString e1 = errorOf([&] { readAll(path("length-crc.tfrecord")); });
        QVERIFY2(e1.contains("length-crc.tfrecord: record 2 at byte 27") && e1.contains("length CRC"), qPrintable(e1));
        const QString e2 = errorOf([&] { readAll(path("data-crc.tfrecord")); });
        QVERIFY2(e2.contains("record 3 at byte 48") && e2.contains("data CRC mismatch"), qPrintable(e2));
        const QString e3 = errorOf([&] { readAll(path("truncated.tfrecord")); });
        QVERIFY2(e3.contains("record 3 at byte 48") && e3.contains("truncated"), qPrintable(e3));
    }

    void nsynthTfRecordFromRealNotes()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth/" + kRealNotes[0]);
        // Records written the way NSynth's files hold them, read back by the trainer's loader:
        // the labels come from the features and the audio is the note's, sample for sample.
        TFRecordWriter writer(path("nsynth-test.tfrecord").toStdString());
        for (const QString& f : kRealNotes)
            writer.write(serializeNSynthExample(exampleFromWav(f)));
        writer.commit();
        QCOMPARE(writer.recordsWritten(), int64_t(kRealNotes.size()));

        app::DataSpec spec;
        const auto notes = app::loadNotesFrom(path("nsynth-test.tfrecord"), spec, false, {});
        QCOMPARE(notes.size(), size_t(kRealNotes.size()));
        for (size_t i = 0; i < notes.size(); ++i) {
            const NSynthExample e = exampleFromWav(kRealNotes[int(i)]);
            QCOMPARE(notes[i].name, e.noteStr);
            QCOMPARE(notes[i].instrument, e.instrumentStr);
            QCOMPARE(notes[i].family, e.familyStr);
            QCOMPARE(notes[i].source, e.sourceStr);
            QCOMPARE(notes[i].pitch, e.pitch);
            QCOMPARE(notes[i].velocity, e.velocity);
            QCOMPARE(notes[i].classes, audioToClasses(e.audio.data(), int64_t(e.audio.size())));
            QCOMPARE(notes[i].origin, path("nsynth-test.tfrecord").toStdString() + "#" + std::to_string(i + 1));
        }
        // The filters apply while reading: only the synthetic notes, only pitches up to 60.
        app::DataSpec filtered;
        filtered.filter.sources = {"synthetic"};
        filtered.filter.pitchMax = 60;
        int64_t rejected = 0;
        const auto kept = app::loadNotesFrom(path("nsynth-test.tfrecord"), filtered, false, {}, nullptr, &rejected);
        QCOMPARE(kept.size(), size_t(1));
        QCOMPARE(kept[0].name, std::string("flute_synthetic_000-051-100"));
        QCOMPARE(rejected, int64_t(3));

        // A corrupt file stops loading with the record named; with skipBad it is reported.
        QByteArray bytes = readBytes(path("nsynth-test.tfrecord"));
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x40);
        writeBytes(path("corrupt.tfrecord"), bytes);
        const QString e = errorOf([&] { app::loadNotesFrom(path("corrupt.tfrecord"), spec, false, {}); });
        QVERIFY2(e.contains("corrupt.tfrecord: record ") && e.contains("CRC"), qPrintable(e));
        app::DataSpec lenient;
        lenient.skipBad = true;
        QStringList notices;
        int64_t skipped = 0;
        const auto partial = app::loadNotesFrom(path("corrupt.tfrecord"), lenient, false,
                                                [&](const QString& n) { notices << n; }, &skipped);
        QVERIFY(partial.size() < size_t(kRealNotes.size()));
        QCOMPARE(skipped, int64_t(1));
        QVERIFY2(notices.size() == 1 && notices[0].contains("CRC"), qPrintable(notices.join('|')));
    }

    void nsynthJsonWavLayout()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth/" + kRealNotes[0]);
        // examples.json + audio/<note_str>.wav as in NSynth's json/wav download.
        const QString folder = path("nsynth-json");
        QDir().mkpath(folder + "/audio");
        QJsonObject examples;
        for (const QString& f : kRealNotes) {
            const NSynthExample e = exampleFromWav(f);
            QVERIFY(QFile::copy(QString::fromStdString(testDataPath("nsynth/" + f)), folder + "/audio/" + f));
            examples[QString::fromStdString(e.noteStr)] = QJsonObject{
                {"instrument_str", QString::fromStdString(e.instrumentStr)},
                {"instrument_family_str", QString::fromStdString(e.familyStr)},
                {"instrument_source_str", QString::fromStdString(e.sourceStr)},
                {"pitch", e.pitch},
                {"velocity", e.velocity},
                {"sample_rate", 16000}};
        }
        writeBytes(folder + "/examples.json", QJsonDocument(examples).toJson());
        app::DataSpec spec;
        spec.filter.families = {"reed", "string"};
        const auto notes = app::loadNotesFrom(folder, spec, false, {});
        QCOMPARE(notes.size(), size_t(2));
        QCOMPARE(notes[0].name, std::string("reed_acoustic_023-039-127"));
        QCOMPARE(notes[1].name, std::string("string_acoustic_056-047-075"));
        QCOMPARE(notes[1].pitch, 47);

        // A note of the wrong length is named with what was expected.
        const auto data = audio::readAudio(testDataPath("nsynth/" + kRealNotes[3]));
        audio::writeAudio((folder + "/audio/" + kRealNotes[3]).toStdString(), data.samples.data(), 32000, 16000);
        const QString e = errorOf([&] { app::loadNotesFrom(folder, spec, false, {}); });
        QVERIFY2(e.endsWith(kRealNotes[3] + ": 32000 samples, expected 64000 (NSynth notes are 4 s at 16 kHz; see "
                                            "--note-length)"),
                 qPrintable(e));
    }

    void badDataIsNamed()
    {
        // An empty folder, a file that is not audio, a missing path, and no notes after filters.
        QDir().mkpath(path("empty"));
        QCOMPARE(errorOf([&] { app::loadNotesFrom(path("empty"), {}, false, {}); }),
                 path("empty") + ": no audio files, examples.json or .tfrecord files in this folder");
        QCOMPARE(errorOf([&] { app::loadNotesFrom(path("missing"), {}, false, {}); }),
                 path("missing") + ": no such file or folder");
        QDir().mkpath(path("garbage"));
        writeBytes(path("garbage/flute_60.wav"), "RIFF, but not really a WAV file");
        const QString e = errorOf([&] { app::loadNotesFrom(path("garbage"), {}, false, {}); });
        QVERIFY2(e.startsWith(path("garbage/flute_60.wav") + ": "), qPrintable(e));
        app::DataSpec spec;
        spec.paths = {path("garbage")};
        spec.skipBad = true;
        const QString none = errorOf([&] { app::loadTrainingData(spec, 1, {}); });
        QVERIFY2(none.startsWith("no training notes"), qPrintable(none));
        QCOMPARE(errorOf([&] { app::loadTrainingData(app::DataSpec{}, 1, {}); }),
                 QString("no training data given (--data PATH)"));
    }

    void lossPlotPngDecodes()
    {
        // The PNG is decoded here by hand (signature, chunk CRCs, IHDR, zlib, filter 0) and every
        // pixel compared with the image that was drawn.
        app::PlotSeries train{"train", {40, 90, 200}, {}}, valid{"held out", {220, 80, 40}, {}};
        for (int s = 0; s <= 1000; s += 10)
            train.points.push_back({double(s), 5.0 * std::exp(-s / 300.0) + 1.5});
        for (int s = 0; s <= 1000; s += 250)
            valid.points.push_back({double(s), 5.2 * std::exp(-s / 300.0) + 1.9});
        const app::RgbImage image = app::renderLossPlot({train, valid}, "loss");
        const QByteArray png = app::encodePng(image);
        QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
        const auto* p = reinterpret_cast<const uchar*>(png.constData());
        int64_t at = 8;
        QByteArray idat;
        QStringList chunks;
        while (at + 12 <= png.size()) {
            const uint32_t length = bigEndian32(p + at);
            const QByteArray type = png.mid(at + 4, 4);
            const uint32_t crc = uint32_t(::crc32(0, p + at + 4, uInt(length + 4)));
            QCOMPARE(bigEndian32(p + at + 8 + length), crc);
            chunks << QString::fromLatin1(type);
            if (type == "IHDR") {
                QCOMPARE(int(bigEndian32(p + at + 8)), image.width());
                QCOMPARE(int(bigEndian32(p + at + 12)), image.height());
                QCOMPARE(int(p[at + 16]), 8);  // bit depth
                QCOMPARE(int(p[at + 17]), 2);  // truecolour
            }
            if (type == "IDAT")
                idat += png.mid(at + 8, length);
            at += 12 + length;
        }
        QCOMPARE(at, int64_t(png.size()));
        QCOMPARE(chunks.first(), QString("IHDR"));
        QCOMPARE(chunks.last(), QString("IEND"));
        const int64_t rowBytes = 1 + 3 * int64_t(image.width());
        std::vector<uint8_t> raw(size_t(rowBytes * image.height()));
        uLongf rawSize = uLongf(raw.size());
        QCOMPARE(::uncompress(raw.data(), &rawSize, reinterpret_cast<const Bytef*>(idat.constData()), uLong(idat.size())),
                 Z_OK);
        QCOMPARE(int64_t(rawSize), int64_t(raw.size()));
        int64_t differing = 0, coloured = 0;
        for (int y = 0; y < image.height(); ++y) {
            QCOMPARE(int(raw[size_t(y * rowBytes)]), 0);  // filter type 0
            differing += std::memcmp(&raw[size_t(y * rowBytes + 1)], &image.data()[size_t(y) * size_t(image.width()) * 3],
                                     size_t(image.width()) * 3) != 0;
            for (int x = 0; x < image.width(); ++x) {
                const app::Rgb c = image.pixel(x, y);
                coloured += (c.r == 40 && c.g == 90 && c.b == 200) || (c.r == 220 && c.g == 80 && c.b == 40);
            }
        }
        QCOMPARE(differing, int64_t(0));
        QVERIFY2(coloured > 500, qPrintable(QString("only %1 pixels of the curves drawn").arg(coloured)));
        app::writePng(testOutputDir("train") + "/loss-plot-synthetic.png", image);
        QCOMPARE(app::niceTicks(0, 1000, 5), (std::vector<double>{0, 200, 400, 600, 800, 1000}));
    }

    void trainAndExportCommand()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth/" + kRealNotes[0]);
        // A folder of real notes (links), a tiny pitch-conditioned model, run as a user would.
        QDir().mkpath(path("notes"));
        for (const QString& f : kRealNotes)
            QVERIFY(QFile::link(QString::fromStdString(testDataPath("nsynth/" + f)), path("notes/" + f)));
        const QStringList newRun = {"train", "--data", path("notes"), "--preset", "tiny", "--pitch-conditioning",
                                    "--valid-instruments", "string_acoustic_056", "--batch-size", "2",
                                    "--crop-samples", "1024", "--steps", "100000", "--log-every", "1",
                                    "--validate-every", "20", "--checkpoint-every", "5", "--validation-crops", "1",
                                    "--seed", "7", "--threads", "1", "--progress", "json", "-o", path("run")};
        // Interrupted by SIGINT once a checkpoint exists: stops after the step, with a checkpoint.
        QProcess p;
        p.start(QString::fromUtf8(NSYNTH_CLI), newRun);
        QVERIFY(p.waitForStarted());
        QElapsedTimer timer;
        timer.start();
        while (app::latestCheckpoint(path("run")).isEmpty() && timer.elapsed() < 120000)
            p.waitForFinished(200);
        QVERIFY2(!app::latestCheckpoint(path("run")).isEmpty(), p.readAllStandardError().constData());
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 130);
        QVERIFY2(err.contains("nsynth train --resume " + path("run")), qPrintable(err));
        const auto log = jsonLines(path("run/log.jsonl"));
        QVERIFY(!log.isEmpty());
        QCOMPARE(log.first()["event"].toString(), QString("start"));
        QCOMPARE(log.last()["event"].toString(), QString("stop"));
        const qint64 stoppedAt = log.last()["step"].toInteger();
        QVERIFY(stoppedAt > 0);
        QVERIFY2(app::latestCheckpoint(path("run")).endsWith(QString("step-%1.safetensors").arg(stoppedAt, 8, 10, QChar('0'))),
                 qPrintable(app::latestCheckpoint(path("run"))));
        QVERIFY(readBytes(path("run/loss.png")).startsWith("\x89PNG"));

        // The run is refused a second time; --resume with a new step count continues it.
        const Run again = nsynthRun(newRun);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(lastLine(again.err).contains(path("run")), qPrintable(again.err));
        const qint64 target = stoppedAt + 12;
        const Run resumed = nsynthRun({"train", "--resume", path("run"), "--steps", QString::number(target), "--threads",
                                       "1", "--json"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        const QJsonObject summary = QJsonDocument::fromJson(resumed.out.toUtf8()).object();
        QCOMPARE(summary["stop_reason"].toString(), QString("finished"));
        QCOMPARE(summary["step"].toInteger(), target);
        QVERIFY(std::isfinite(summary["valid_loss_ema"].toDouble()));
        bool sawResume = false;
        for (const auto& line : jsonLines(path("run/log.jsonl")))
            sawResume |= line["event"].toString() == "resume" && line["step"].toInteger() == stoppedAt;
        QVERIFY(sawResume);

        // Export with a card and a short evaluation; the model loads and says what it is.
        writeBytes(path("CREDITS.md"), "NSynth notes: CC BY 4.0, Engel et al. 2017.\n");
        const Run exported = nsynthRun({"export", path("run"), "-o", path("model.safetensors"), "--name", "test model",
                                        "--credits", path("CREDITS.md"), "--evaluate", "--eval-samples", "2048",
                                        "--card", path("card.json"), "--threads", "1"});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const Model model = loadModel(path("model.safetensors").toStdString());
        QVERIFY(model.config.pitch.enabled);
        const QJsonObject card = QJsonDocument::fromJson(readBytes(path("card.json"))).object();
        QCOMPARE(card["name"].toString(), QString("test model"));
        QCOMPARE(card["training"].toObject()["steps"].toInteger(), target);
        QVERIFY2(card["credits"].toString().contains("CC BY 4.0"), qPrintable(QJsonDocument(card).toJson()));
        const QJsonObject evaluation = card["metrics"].toObject();
        QVERIFY2(evaluation.contains("train") && evaluation.contains("held_out"), qPrintable(QJsonDocument(card).toJson()));
        QCOMPARE(evaluation["held_out"].toObject()["notes"].toInteger(), qint64(1));
        QVERIFY(evaluation["held_out"].toObject()["teacher_forced_loss"].toDouble() > 0);
        const Run info = nsynthRun({"info", path("model.safetensors")});
        QVERIFY2(info.exitCode == 0 && info.out.contains("pitch"), qPrintable(info.out + info.err));

        // Bad input: one line, non-zero exit, nothing written.
        QDir().mkpath(path("no-notes"));
        const Run empty = nsynthRun({"train", "--data", path("no-notes"), "--preset", "tiny", "-o", path("run2")});
        QVERIFY(empty.exitCode != 0);
        QVERIFY2(lastLine(empty.err).contains(path("no-notes") + ": no audio files"), qPrintable(empty.err));
        QVERIFY(!QFileInfo::exists(path("run2/run.json")));
        const Run badExport = nsynthRun({"export", path("no-notes"), "-o", path("x.safetensors")});
        QVERIFY(badExport.exitCode != 0);
        QVERIFY(!QFileInfo::exists(path("x.safetensors")));
    }
};

QTEST_GUILESS_MAIN(TestTrainingData)
#include "test_training_data.moc"
