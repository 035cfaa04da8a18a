// The grid preview's and the job queue's logic without widgets (app/preview, app/jobs):
//   - the synthesiser: nearest pitch (the lower on ties), resampling by 2^(semitones/12) checked
//     on the pitch of what it renders, at least 8 voices with oldest-first stealing, attack and
//     release times, click-free retriggering and stealing (no step larger than the signal's own),
//     the end taper;
//   - the Open NSynth Super touch surface (11 positions, the device's rounding, weights);
//   - the computer keyboard map;
//   - `--progress json` lines, job records, detached processes found again by pid and start
//     time, the designer's inventory and problems, the model catalog's file.

#include "detached_process.h"
#include "grid.h"
#include "grid_design.h"
#include "job_record.h"
#include "keyboard_map.h"
#include "model_catalog.h"
#include "ons_touch.h"
#include "pitch.h"
#include "preview_synth.h"
#include "progress_line.h"
#include "widget_test_support.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cmath>
#include <numbers>

using namespace nsynth;

namespace {

// A steady harmonic tone (no decay) at MIDI `pitch`, `seconds` long, at `rate`.
std::shared_ptr<const std::vector<float>> steadyTone(double pitch, int rate, double seconds, double amplitude = 0.5)
{
    const double f = audio::midiToHz(pitch);
    auto x = std::make_shared<std::vector<float>>(size_t(seconds * rate));
    for (size_t i = 0; i < x->size(); ++i) {
        const double t = double(i) / rate;
        (*x)[i] = float(amplitude * (0.7 * std::sin(2 * std::numbers::pi * f * t) + 0.3 * std::sin(4 * std::numbers::pi * f * t)));
    }
    return x;
}

app::SynthSample sample(double pitch, int rate = 16000, double seconds = 3.0)
{
    app::SynthSample s;
    s.samples = steadyTone(pitch, rate, seconds);
    s.sampleRate = rate;
    s.pitch = int(pitch);
    return s;
}

std::vector<float> render(app::PreviewSynth& synth, double seconds)
{
    std::vector<float> out(size_t(seconds * synth.outputRate()));
    // In blocks, as the audio device asks.
    for (size_t i = 0; i < out.size(); i += 480)
        synth.render(out.data() + i, int64_t(std::min<size_t>(480, out.size() - i)));
    return out;
}

double maxStep(const std::vector<float>& x, size_t from = 0, size_t to = SIZE_MAX)
{
    double m = 0;
    for (size_t i = std::max<size_t>(from, 1); i < std::min(to, x.size()); ++i)
        m = std::max(m, double(std::fabs(x[i] - x[i - 1])));
    return m;
}

double centsOf(const std::vector<float>& x, int rate, double midi)
{
    const audio::PitchEstimate p = audio::estimatePitch(x.data(), int64_t(x.size()), rate);
    return p.voiced ? audio::centsBetween(p.frequencyHz, audio::midiToHz(midi)) : 1e9;
}

} // namespace

class TestGridLogic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nearestPitchLowerOnTies();
    void resamplesBySemitones();
    void atLeastEightVoicesOldestStolen();
    void attackAndRelease();
    void retriggerWithoutClicks();
    void stealingWithoutClicks();
    void endOfSampleTapered();
    void touchSurfaceLikeTheDevice();
    void keyboardMap();
    void progressLines();
    void jobRecordRoundTrip();
    void detachedProcessFoundAgain();
    void designInventoryAndProblems();
    void modelCatalogFile();
};

void TestGridLogic::nearestPitchLowerOnTies()
{
    const std::vector<int> pitches{24, 28, 32, 36};
    QCOMPARE(app::PreviewSynth::nearestPitch(pitches, 24), 0);
    QCOMPARE(app::PreviewSynth::nearestPitch(pitches, 25), 0);
    QCOMPARE(app::PreviewSynth::nearestPitch(pitches, 26), 0);  // 2 from 24 and 28: the lower
    QCOMPARE(app::PreviewSynth::nearestPitch(pitches, 27), 1);
    QCOMPARE(app::PreviewSynth::nearestPitch(pitches, 30), 1);  // tie 28/32
    QCOMPARE(app::PreviewSynth::nearestPitch(pitches, 10), 0);
    QCOMPARE(app::PreviewSynth::nearestPitch(pitches, 90), 3);
    QCOMPARE(app::PreviewSynth::nearestPitch({40, 36}, 38), 1);  // any order: the lower pitch
    QCOMPARE(app::PreviewSynth::nearestPitch({}, 60), -1);
    QCOMPARE(app::PreviewSynth::playbackStep(62, 60, 16000, 48000), std::pow(2.0, 2.0 / 12.0) / 3.0);
    QCOMPARE(app::PreviewSynth::playbackStep(60, 60, 16000, 16000), 1.0);
}

void TestGridLogic::resamplesBySemitones()
{
    // Samples at 60 and 64 (16 kHz), output at 48 kHz: every key from 58 to 66 comes out at its
    // own pitch, from the nearest sample (62 from 60: the lower of a tie).
    for (int key = 58; key <= 66; ++key) {
        app::PreviewSynth synth(48000, 8);
        synth.setSamples({sample(60), sample(64)});
        QVERIFY(synth.noteOn(key));
        const std::vector<float> out = render(synth, 1.0);
        const double cents = centsOf(out, 48000, key);
        QVERIFY2(std::fabs(cents) < 5, qPrintable(QString("key %1: %2 cents").arg(key).arg(cents)));
    }
    // No sample, no sound.
    app::PreviewSynth empty(48000);
    QVERIFY(!empty.noteOn(60));
    empty.setSamples({app::SynthSample{}});
    QVERIFY(!empty.noteOn(60));
}

void TestGridLogic::atLeastEightVoicesOldestStolen()
{
    app::PreviewSynth synth(48000, 4);
    QCOMPARE(synth.maxVoices(), app::PreviewSynth::kMinVoices);  // never fewer than 8
    synth.setMaxVoices(8);
    synth.setSamples({sample(60)});
    for (int k = 0; k < 8; ++k)
        QVERIFY(synth.noteOn(60 + k));
    QCOMPARE(synth.activeVoices(), 8);
    for (int k = 0; k < 8; ++k)
        QVERIFY(synth.isKeyDown(60 + k));
    // A ninth key takes the oldest voice (60), which fades out beside it.
    QVERIFY(synth.noteOn(70));
    QCOMPARE(synth.activeVoices(), 8);
    QVERIFY(!synth.isKeyDown(60));
    QVERIFY(synth.isKeyDown(61) && synth.isKeyDown(70));
    QCOMPARE(synth.soundingVoices(), 9);
    render(synth, 0.02);  // longer than the 5 ms fade
    QCOMPARE(synth.soundingVoices(), 8);
    // Released voices are taken before held ones.
    synth.noteOff(65);
    QVERIFY(synth.noteOn(71));
    QVERIFY(!synth.isKeyDown(65));
    QVERIFY(synth.isKeyDown(61));
    // 16 voices sound together.
    app::PreviewSynth wide(48000, 16);
    wide.setSamples({sample(60)});
    for (int k = 0; k < 16; ++k)
        wide.noteOn(48 + k);
    QCOMPARE(wide.activeVoices(), 16);
    synth.allNotesOff();
    render(synth, 0.5);
    QCOMPARE(synth.soundingVoices(), 0);
}

void TestGridLogic::attackAndRelease()
{
    app::PreviewSynth synth(48000, 8);
    app::SynthSample dc;
    dc.samples = std::make_shared<std::vector<float>>(48000 * 3, 0.5f);  // a constant: the envelope itself
    dc.sampleRate = 48000;
    dc.pitch = 60;
    synth.setSamples({dc});
    synth.setGain(1.0);
    synth.setEnvelope({0.1, 0.0, 1.0, 0.2});
    QVERIFY(synth.noteOn(60));
    std::vector<float> a = render(synth, 0.3);
    QVERIFY(std::fabs(a[0]) < 1e-3);                   // starts from silence
    QVERIFY(std::fabs(a[2400] - 0.25f) < 0.01f);       // half-way through a 100 ms attack
    QVERIFY(std::fabs(a[4800 + 10] - 0.5f) < 1e-3f);   // full level after it
    synth.noteOff(60);
    std::vector<float> r = render(synth, 0.3);
    QVERIFY(std::fabs(r[4800] - 0.25f) < 0.01f);       // half-way through a 200 ms release
    QVERIFY(std::fabs(r[9600 + 10]) < 1e-4f);          // silent after it
    QCOMPARE(synth.soundingVoices(), 0);
    // Floors: no zero-length attack or release.
    synth.setEnvelope({0.0, 0.0, 1.0, 0.0});
    QCOMPARE(synth.envelope().attackSeconds, app::PreviewSynth::kMinAttackSeconds);
    QCOMPARE(synth.envelope().releaseSeconds, app::PreviewSynth::kMinReleaseSeconds);
    // Decay to a sustain level.
    synth.setEnvelope({0.01, 0.1, 0.5, 0.1});
    synth.noteOn(60);
    std::vector<float> d = render(synth, 0.3);
    QVERIFY(std::fabs(d[48000 * 25 / 100] - 0.25f) < 0.01f);
}

void TestGridLogic::retriggerWithoutClicks()
{
    // A low tone has small steps between samples; a cut or a jump to a new voice would show as a
    // step of up to its amplitude.
    app::PreviewSynth synth(48000, 8);
    synth.setSamples({sample(48)});
    synth.setEnvelope({0.005, 0.0, 1.0, 0.3});
    const double signalStep = maxStep(*sample(48, 48000).samples) * synth.gain();
    QVERIFY(synth.noteOn(48));
    std::vector<float> out = render(synth, 0.237);  // mid-cycle, at full level
    for (int k = 0; k < 5; ++k) {
        QVERIFY(synth.noteOn(48));  // the same key again, repeatedly
        const std::vector<float> more = render(synth, 0.0731);
        out.insert(out.end(), more.begin(), more.end());
        QCOMPARE(synth.activeVoices(), 1);
    }
    const double step = maxStep(out);
    QVERIFY2(step < 2.0 * signalStep, qPrintable(QString("largest step %1, the tone's own %2").arg(step).arg(signalStep)));
}

void TestGridLogic::stealingWithoutClicks()
{
    app::PreviewSynth synth(48000, 8);
    synth.setSamples({sample(48)});
    const double signalStep = maxStep(*sample(48, 48000).samples) * synth.gain();
    std::vector<float> out;
    for (int k = 0; k < 24; ++k) {  // three times the voices, each stealing the oldest
        QVERIFY(synth.noteOn(36 + k % 12));
        const std::vector<float> more = render(synth, 0.0173);
        out.insert(out.end(), more.begin(), more.end());
    }
    QVERIFY(synth.activeVoices() <= 8);
    // Up to eight voices add up; each of them moves smoothly.
    const double step = maxStep(out);
    QVERIFY2(step < 8.0 * 2.0 * signalStep * 1.5, qPrintable(QString("largest step %1").arg(step)));
    // Without fades the first retrigger alone would jump by about the amplitude.
    QVERIFY(signalStep < 0.05);
}

void TestGridLogic::endOfSampleTapered()
{
    app::PreviewSynth synth(16000, 8);
    app::SynthSample s;
    s.samples = std::make_shared<std::vector<float>>(16000, 0.5f);  // 1 s of DC
    s.sampleRate = 16000;
    s.pitch = 60;
    synth.setSamples({s});
    synth.setGain(1.0);
    synth.noteOn(60);
    const std::vector<float> out = render(synth, 1.2);
    QVERIFY(std::fabs(out[8000] - 0.5f) < 1e-4f);
    // The last 100 samples fall to zero instead of stopping at 0.5.
    QVERIFY(maxStep(out, 15000, 17000) < 0.5 / 100 * 1.5);
    QVERIFY(std::fabs(out[16500]) == 0.0f);
    QCOMPARE(synth.soundingVoices(), 0);
}

void TestGridLogic::touchSurfaceLikeTheDevice()
{
    // 11 equal zones per axis.
    QCOMPARE(app::onsTouchFromFraction(0.0), 0);
    QCOMPARE(app::onsTouchFromFraction(0.999), 10);
    QCOMPARE(app::onsTouchFromFraction(1.5), 10);
    QCOMPARE(app::onsTouchFromFraction(-1), 0);
    for (int t = 0; t < 11; ++t) {
        QCOMPARE(app::onsTouchFromFraction(app::onsTouchZoneCentre(t)), t);
        QCOMPARE(app::onsTouchFromFraction(t / 11.0 + 1e-9), t);
    }
    // R = 9 (ons-pipeline.md section 4): touch t plays cell round(t / 10 * 8).
    const int cells9[11] = {0, 1, 2, 2, 3, 4, 5, 6, 6, 7, 8};
    for (int t = 0; t < 11; ++t)
        QCOMPARE(app::onsCellFromTouch(t, 9), cells9[t]);
    // R = 3 and R = 2 (a half rounds away from zero, as C's round()).
    const int cells3[11] = {0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2};
    for (int t = 0; t < 11; ++t)
        QCOMPARE(app::onsCellFromTouch(t, 3), cells3[t]);
    QCOMPARE(app::onsCellFromTouch(5, 2), 1);
    QCOMPARE(app::onsCellFromTouch(4, 2), 0);
    // The point: cell index and the weights the note was generated with.
    const app::OnsPadPoint p = app::onsPadPointFromTouch(1, 5, 9);
    QCOMPARE(p.cellX, 1);
    QCOMPARE(p.cellY, 4);
    QCOMPARE(p.cell, 4 * 9 + 1);
    const auto w = cornerWeights(gridCoordinate(1, 9), gridCoordinate(4, 9));
    for (int k = 0; k < 4; ++k)
        QCOMPARE(p.weights[size_t(k)], w[size_t(k)]);
    const app::OnsPadPoint corner = app::onsPadPoint(0.0, 0.0, 9);
    QCOMPARE(corner.weights[0], 1.0);
    const app::OnsPadPoint centre = app::onsPadPoint(0.5, 0.5, 9);
    QCOMPARE(centre.cell, 40);
    for (double x : centre.weights)
        QVERIFY(std::fabs(x - 0.25) < 1e-12);
}

void TestGridLogic::keyboardMap()
{
    app::KeyboardMap map(48);
    QCOMPARE(map.noteForKey(Qt::Key_A), 48);
    QCOMPARE(map.noteForKey(Qt::Key_W), 49);
    QCOMPARE(map.noteForKey(Qt::Key_K), 60);
    QCOMPARE(map.noteForKey(Qt::Key_Apostrophe), 65);
    QCOMPARE(map.noteForKey(Qt::Key_Q), -1);
    map.octaveUp();
    QCOMPARE(map.noteForKey(Qt::Key_A), 60);
    map.setBaseNote(200);
    QCOMPARE(map.baseNote(), 108);
    QCOMPARE(map.noteForKey(Qt::Key_Apostrophe), 125);
    QVERIFY(app::KeyboardMap::isOctaveDownKey(Qt::Key_Z));
    QVERIFY(app::KeyboardMap::isOctaveUpKey(Qt::Key_X));
    QCOMPARE(app::KeyboardMap::defaultBaseNote({40, 36, 44}), 36);
    QCOMPARE(app::KeyboardMap::defaultBaseNote({61, 65}), 60);
    QCOMPARE(app::KeyboardMap::defaultBaseNote({}), 60);
}

void TestGridLogic::progressLines()
{
    auto p = app::parseProgressLine(R"({"event":"progress","task":"grid run","done":12800,"total":64000,"unit":"samples","rate":1530.5,"eta_s":33.5,"elapsed_s":8.4})");
    QCOMPARE(int(p.kind), int(app::ProgressLine::Kind::Progress));
    QCOMPARE(p.task, QString("grid run"));
    QCOMPARE(p.done, 12800.0);
    QCOMPARE(p.total, 64000.0);
    QCOMPARE(p.rate, 1530.5);
    QCOMPARE(p.etaSeconds, 33.5);
    p = app::parseProgressLine(R"({"batch":3,"batches_done":4,"batches_total":9,"event":"batch","notes_done":8,"notes_total":18,"shard":"0/1","task":"grid run"})");
    QCOMPARE(int(p.kind), int(app::ProgressLine::Kind::Batch));
    QCOMPARE(p.batch, int64_t(3));
    QCOMPARE(p.notesDone, int64_t(8));
    QCOMPARE(p.notesTotal, int64_t(18));
    p = app::parseProgressLine(R"({"event":"done","task":"encode","done":4,"total":4,"unit":"notes","rate":2,"eta_s":-1,"elapsed_s":2})");
    QCOMPARE(int(p.kind), int(app::ProgressLine::Kind::Done));
    QCOMPARE(p.etaSeconds, -1.0);
    p = app::parseProgressLine("measuring the decoder at batch 2 ...");
    QCOMPARE(int(p.kind), int(app::ProgressLine::Kind::Text));
    QCOMPARE(p.text, QString("measuring the decoder at batch 2 ..."));
    QCOMPARE(int(app::parseProgressLine("{not json").kind), int(app::ProgressLine::Kind::Text));
    QCOMPARE(int(app::parseProgressLine(R"({"event":"other"})").kind), int(app::ProgressLine::Kind::Text));
    QCOMPARE(app::errorOfLine("nsynth grid: error: job.json: no such job folder"), QString("job.json: no such job folder"));
    QCOMPARE(app::errorOfLine("nsynth grid: stopping"), QString());
}

void TestGridLogic::jobRecordRoundTrip()
{
    app::JobRecord r;
    r.id = "flute-9x9";
    r.folder = "/ws/jobs/flute-9x9";
    r.settingsFile = "/ws/jobs/.queue/flute-9x9/grid.json";
    r.state = app::JobState::Pausing;
    r.threads = 2;
    r.message = "stopped at a batch boundary";
    r.progress.stage = "run";
    r.progress.fraction = 0.25;
    r.progress.notesDone = 4;
    r.progress.notesTotal = 18;
    r.progress.etaSeconds = 12.5;
    r.runnerState = QJsonObject{{"stage", "run"}, {"process", QJsonObject{{"pid", 1234}, {"start_ticks", 99}}}};
    r.logs = QStringList{"/a/run-001.log"};
    r.created = QDateTime::fromString("2024-05-01T10:00:00.000Z", Qt::ISODateWithMs);
    const QJsonObject j = QJsonDocument::fromJson(QJsonDocument(r.toJson()).toJson()).object();
    const app::JobRecord back = app::JobRecord::fromJson(j);
    QCOMPARE(back.id, r.id);
    QCOMPARE(back.folder, r.folder);
    QCOMPARE(back.settingsFile, r.settingsFile);
    QCOMPARE(int(back.state), int(r.state));
    QCOMPARE(back.threads, 2);
    QCOMPARE(back.message, r.message);
    QCOMPARE(back.progress.notesDone, int64_t(4));
    QCOMPARE(back.progress.etaSeconds, 12.5);
    QCOMPARE(back.runnerState, r.runnerState);
    QCOMPARE(back.logs, r.logs);
    QCOMPARE(back.created, r.created);
    for (auto s : {app::JobState::Queued, app::JobState::Running, app::JobState::Pausing, app::JobState::Paused,
                   app::JobState::Cancelling, app::JobState::Cancelled, app::JobState::Interrupted,
                   app::JobState::Failed, app::JobState::Finished}) {
        bool ok = false;
        QCOMPARE(int(app::jobStateFromKey(app::jobStateKey(s), &ok)), int(s));
        QVERIFY(ok);
        QVERIFY(!app::jobStateName(s).isEmpty());
    }
    QVERIFY_THROWS_EXCEPTION(Error, app::JobRecord::fromJson(QJsonObject{{"id", "x"}, {"folder", "/y"}, {"state", "nope"}}));
    QVERIFY_THROWS_EXCEPTION(Error, app::JobRecord::fromJson(QJsonObject{{"state", "queued"}}));
}

void TestGridLogic::detachedProcessFoundAgain()
{
    QTemporaryDir tmp;
    QString error;
    const app::DetachedProcess p = app::startDetachedProcess("/bin/sh", {"-c", "echo out; echo err >&2; exec sleep 30"},
                                                             tmp.filePath("out.txt"), tmp.filePath("err.txt"), &error);
    QVERIFY2(p.isValid(), qPrintable(error));
    QVERIFY(p.startTicks >= 0);
    QVERIFY(p.isRunning());
    // The same process from its JSON (as a reopened workbench finds it).
    const app::DetachedProcess again = app::DetachedProcess::fromJson(p.toJson());
    QVERIFY(again.isRunning());
    // Another start time: not our process (the pid was reused).
    app::DetachedProcess other = again;
    other.startTicks += 1;
    QVERIFY(!other.isRunning());
    QVERIFY(!other.signal(SIGTERM));
    QTRY_VERIFY(QFile(tmp.filePath("err.txt")).size() > 0);
    QVERIFY(again.signal(SIGTERM));
    QTRY_VERIFY_WITH_TIMEOUT(!again.isRunning(), 5000);
    QFile out(tmp.filePath("out.txt"));
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll(), QByteArray("out\n"));
    // A program that does not exist.
    const app::DetachedProcess missing =
        app::startDetachedProcess("/nonexistent/nsynth", {}, tmp.filePath("o"), tmp.filePath("e"), &error);
    QVERIFY(!missing.isValid());
    QVERIFY(error.contains("/nonexistent/nsynth"));
}

void TestGridLogic::designInventoryAndProblems()
{
    QTemporaryDir tmp;
    app::NoteInventory notes;
    for (const char* i : {"flute", "cello", "sax", "piano"})
        for (int p : {36, 40, 44}) {
            if (QString(i) == "sax" && p == 44)
                continue;  // sax lacks 44
            const QString path = tmp.filePath(QString("%1_%2.wav").arg(i).arg(p));
            // piano_40 is shorter than the others.
            test::writeTone(path, p, 16000, QString(i) == "piano" && p == 40 ? 3.5 : 4.0);
            notes.add(i, p, path);
        }
    QCOMPARE(notes.instruments(), (QStringList{"cello", "flute", "piano", "sax"}));
    QCOMPARE(notes.commonPitches({"flute", "cello"}), (std::vector<int>{36, 40, 44}));
    QCOMPARE(notes.commonPitches({"flute", "sax"}), (std::vector<int>{36, 40}));
    QVERIFY(notes.commonPitches({}).empty());
    QCOMPARE(notes.allPitches(), (std::vector<int>{36, 40, 44}));

    app::GridDesign d;
    d.corners = {QStringList{"flute"}, QStringList{"cello"}, QStringList{"sax"}, QStringList{"piano", "flute"}};
    d.pitches = {36, 44};
    d.resolution = 3;
    d.batchSize = 2;
    QCOMPARE(d.instruments(), (QStringList{"cello", "flute", "piano", "sax"}));
    const app::GridDesignReport r = app::analyzeGridDesign(d, notes, true);
    QVERIFY(r.counts.valid);
    QCOMPARE(r.counts.combinations, int64_t(2));
    QCOMPARE(r.counts.gridNotes, int64_t(2 * 9 * 2));
    QCOMPARE(r.problems.size(), 1);
    QVERIFY2(r.problems[0].contains("sax") && r.problems[0].contains("44"), qPrintable(r.problems.join('\n')));
    QCOMPARE(r.samplesPerNote, int64_t(64000));
    d.pitches = {36, 40};
    const app::GridDesignReport lengths = app::analyzeGridDesign(d, notes, true);
    QCOMPARE(lengths.problems.size(), 1);
    QVERIFY2(lengths.problems[0].contains("piano_40") && lengths.problems[0].contains("56000"),
             qPrintable(lengths.problems.join('\n')));
    d.corners[1].clear();
    d.pitches.clear();
    const app::GridDesignReport empty = app::analyzeGridDesign(d, notes, false);
    QVERIFY(!empty.counts.valid);
    QCOMPARE(empty.problems.size(), 2);  // an empty corner, no pitches
}

void TestGridLogic::modelCatalogFile()
{
    QTemporaryDir tmp;
    const QString file = tmp.filePath("config/models.json");
    app::ModelCatalog catalog(file);
    QVERIFY(catalog.load().isEmpty());
    catalog.add("/m/a.safetensors", "raw");
    catalog.add("/m/ckpt/model.ckpt-200000", "ema");
    catalog.add("/m/a.safetensors", "raw");  // once
    QCOMPARE(catalog.load().size(), 2);
    app::ModelSummary s;
    s.path = "/m/ckpt/model.ckpt-200000";
    s.weights = "ema";
    s.kind = "checkpoint";
    s.encoderParameters = 10;
    s.decoderParameters = 20;
    s.measured = true;
    s.decoderBatch16 = 5000;
    s.sampleRate = 16000;
    s.measuredAt = QDateTime::currentDateTimeUtc();
    catalog.setSummary(s);
    app::ModelSummary d;
    d.path = "/default.safetensors";
    catalog.setSummary(d);  // the default model is not listed, but its summary is kept
    const auto entries = app::ModelCatalog(file).load();
    QCOMPARE(entries.size(), 2);
    QVERIFY(!entries[0].hasSummary);
    QVERIFY(entries[1].hasSummary);
    QCOMPARE(entries[1].summary.parameters(), int64_t(30));
    QVERIFY(entries[1].summary.describe().join('\n').contains("5000"));
    app::ModelSummary found;
    QVERIFY(catalog.summaryFor("/default.safetensors", "raw", &found));
    catalog.remove("/m/a.safetensors", "raw");
    QCOMPARE(catalog.load().size(), 1);
    QFile broken(tmp.filePath("broken.json"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"format\": \"something else\"}");
    broken.close();
    QVERIFY_THROWS_EXCEPTION(Error, app::ModelCatalog(tmp.filePath("broken.json")).load());
}

QTEST_MAIN(TestGridLogic)
#include "test_grid_logic.moc"
