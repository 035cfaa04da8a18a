// The workspace without widgets: the folder and its file (create, open, damaged files,
// autosave), import (planning, names never guessed, originals copied and never modified, batch
// conform), every undoable note operation on real files (add/replace, delete, rename, re-trim,
// re-conform) with undo and redo, reopening, the embedding cache with a real (small, random)
// model, cancel, and the demo workspace from whatever resources/demo holds.

#include "background_task.h"
#include "conform.h"
#include "current_model.h"
#include "demo_workspace.h"
#include "error.h"
#include "encode_job.h"
#include "import_job.h"
#include "model_file.h"
#include "note_conform.h"
#include "npy.h"
#include "widget_test_support.h"
#include "workspace.h"
#include "workspace_commands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace nsynth;
using app::Workspace;

namespace {

// Runs a BackgroundTask body to completion on its worker thread.
bool runTask(const app::BackgroundTask::Work& work, QString* error = nullptr, int timeoutMs = 60000)
{
    app::BackgroundTask task("test");
    QSignalSpy done(&task, &app::BackgroundTask::finished);
    task.start(work);
    if (!done.wait(timeoutMs))
        return false;
    if (error)
        *error = done.first().at(1).toString();
    return true;
}

// Imports `paths` (names resolved by `resolve` for the ones that need it) as one undo macro.
int importInto(Workspace& ws, const QStringList& paths, const std::function<void(app::ImportItem&)>& resolve = {})
{
    QList<app::ImportItem> items = app::planImport(paths);
    for (auto& item : items)
        if (item.needsName() && resolve)
            resolve(item);
    app::ImportResults results;
    const app::ImportTarget target = app::ImportTarget::of(ws);
    if (!runTask([&](app::BackgroundTask& t) { app::runImport(t, target, items, results); }))
        return -1;
    ws.undoStack()->beginMacro("import");
    for (const auto& n : results.notes)
        ws.undoStack()->push(new app::AddNoteCommand(&ws, n.note, n.stagedFile));
    ws.undoStack()->endMacro();
    return int(results.notes.size());
}

QString saveModel(const QString& dir, uint64_t seed, const char* preset = "tiny")
{
    const QString path = dir + QString("/model-%1.safetensors").arg(seed);
    nsynth::saveModel(path.toStdString(), initModel(ModelConfig::preset(preset), seed));
    return path;
}

QStringList noteNames(const Workspace& ws)
{
    QStringList names;
    for (const auto& n : ws.notes())
        names.append(n.name());
    return names;
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createOpenAndDamagedFiles();
    void autosave();
    void importPlansAndNeverGuesses();
    void importConformsAndKeepsOriginals();
    void deleteUndoRedo();
    void renameUndoRedo();
    void retrimAndReconformUndoRedo();
    void retakeReplacesAndUndoRestores();
    void reopenKeepsEverything();
    void encodeCacheAndInvalidation();
    void encodeCancel();
    void demoFromAudioFiles();
    void demoFromReadyWorkspace();
    void importRealInstrumentNotes();

private:
    QTemporaryDir m_tmp;
};

void TestWorkspace::createOpenAndDamagedFiles()
{
    const QString folder = m_tmp.filePath("ws-create");
    auto ws = Workspace::create(folder, "Group A");
    QCOMPARE(ws->name(), QString("Group A"));
    for (const char* sub : {"notes", "sources", "embeddings", "jobs", "exports"})
        QVERIFY2(QFileInfo(folder + "/" + sub).isDir(), sub);
    QVERIFY(Workspace::isWorkspace(folder));
    QCOMPARE(ws->targetPitches(), (QList<int>{24, 28, 32, 36, 40, 44, 48}));
    ws.reset();
    try {
        Workspace::create(folder, "again");
        QFAIL("creating over a workspace must fail");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).contains(folder));
    }
    QVERIFY_THROWS_EXCEPTION(nsynth::Error, Workspace::open(m_tmp.filePath("nowhere")));
    QDir().mkpath(m_tmp.filePath("plain"));
    QVERIFY_THROWS_EXCEPTION(nsynth::Error, Workspace::open(m_tmp.filePath("plain")));
    // A damaged workspace file is refused with its name, and left as it is.
    const QString damaged = m_tmp.filePath("ws-damaged");
    Workspace::create(damaged, "d");
    QFile f(damaged + "/" + Workspace::kFileName);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{\"format\": \"nsynth-workspace\", \"notes\": [");
    f.close();
    try {
        Workspace::open(damaged);
        QFAIL("a damaged file must be refused");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).contains(Workspace::kFileName));
    }
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().endsWith("\"notes\": ["));  // untouched
}

void TestWorkspace::autosave()
{
    const QString folder = m_tmp.filePath("ws-autosave");
    auto ws = Workspace::create(folder, "auto");
    ws->setInstrument("cello");
    ws->setTargetPitches({36, 40});
    QVERIFY(ws->hasPendingSave());
    auto read = [&] {
        QFile f(folder + "/" + Workspace::kFileName);
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll()).object().value("recording").toObject();
    };
    QTRY_COMPARE_WITH_TIMEOUT(read().value("instrument").toString(), QString("cello"), 3000);
    QCOMPARE(read().value("target_pitches").toArray().size(), 2);
    QVERIFY(!ws->hasPendingSave());
}

void TestWorkspace::importPlansAndNeverGuesses()
{
    const QString src = m_tmp.filePath("plan");
    test::writeTone(src + "/flute_60.wav", 60, 44100, 1.0);
    test::writeTone(src + "/deep/guitar_acoustic_030-048-127.wav", 48, 16000, 1.0);
    test::writeTone(src + "/take 3.wav", 62, 44100, 1.0);
    test::writeTone(src + "/flute_200.wav", 60, 44100, 1.0);
    QFile txt(src + "/readme.txt");
    QVERIFY(txt.open(QIODevice::WriteOnly));
    txt.write("not audio");
    txt.close();
    QStringList ignored;
    const QList<app::ImportItem> items = app::planImport({src, m_tmp.filePath("missing.wav")}, &ignored);
    QCOMPARE(items.size(), 4);
    QCOMPARE(ignored.size(), 2);
    int unnamed = 0;
    for (const auto& item : items) {
        if (item.path.endsWith("flute_60.wav"))
            QCOMPARE(item.noteName(), QString("flute_60"));
        if (item.path.endsWith("030-048-127.wav"))
            QCOMPARE(item.noteName(), QString("guitar-acoustic-030_48"));
        if (item.needsName()) {
            ++unnamed;
            QVERIFY(!item.nameProblem.isEmpty());
        }
    }
    QCOMPARE(unnamed, 2);  // "take 3" and pitch 200: reported, not guessed
}

void TestWorkspace::importConformsAndKeepsOriginals()
{
    const QString src = m_tmp.filePath("import-src");
    test::writeTone(src + "/flute_60.wav", 60, 44100, 3.0, 0.5, 0.3);
    test::writeTone(src + "/clip_64.wav", 64, 48000, 3.0, 1.6);  // clipped
    test::writeTone(src + "/wrong_48.wav", 60, 22050, 3.0);      // an octave above its name
    test::writeTone(src + "/my take.wav", 55, 44100, 2.0);
    const QString before = app::fileSha256(src + "/flute_60.wav");
    auto ws = Workspace::create(m_tmp.filePath("ws-import"), "import");
    const int added = importInto(*ws, {src}, [](app::ImportItem& item) {
        item.instrument = "voice";
        item.pitch = 55;
    });
    QCOMPARE(added, 4);
    QCOMPARE(ws->notes().size(), 4);
    QCOMPARE(app::fileSha256(src + "/flute_60.wav"), before);  // input untouched
    for (const auto& n : ws->notes()) {
        const audio::AudioData d = audio::readAudio(ws->notePath(n).toStdString());
        QCOMPARE(d.sampleRate, 16000);
        QCOMPARE(d.channels, 1);
        QCOMPARE(d.frames(), int64_t(64000));
        QCOMPARE(app::fileSha256(ws->notePath(n)), n.sha256);
        QVERIFY2(QFileInfo(ws->sourcePath(n)).isFile(), qPrintable(n.source));
        QVERIFY(n.source.startsWith("sources/"));
    }
    const app::Note* clip = ws->noteByName("clip", 64);
    QVERIFY(clip && clip->report.hasCheck("clipping"));
    const app::Note* wrong = ws->noteByName("wrong", 48);
    QVERIFY(wrong && wrong->report.octaveError);
    const app::Note* flute = ws->noteByName("flute", 60);
    QVERIFY(flute && flute->report.centsFromNamed && std::fabs(*flute->report.centsFromNamed) < 10);
    QVERIFY(flute->report.hasCheck("trimmed") && flute->report.hasCheck("resampled"));
    QVERIFY(ws->noteByName("voice", 55));
    // The whole import is one undo step.
    ws->undoStack()->undo();
    QCOMPARE(ws->notes().size(), 0);
    QCOMPARE(QDir(ws->notesDir()).entryList(QDir::Files).size(), 0);
    ws->undoStack()->redo();
    QCOMPARE(ws->notes().size(), 4);
    QCOMPARE(QDir(ws->notesDir()).entryList(QDir::Files).size(), 4);
}

void TestWorkspace::deleteUndoRedo()
{
    auto ws = Workspace::open(m_tmp.filePath("ws-import"));
    QCOMPARE(ws->notes().size(), 4);
    const app::Note flute = *ws->noteByName("flute", 60);
    const int index = ws->indexOf(flute.id);
    ws->undoStack()->push(new app::DeleteNotesCommand(ws.get(), {flute.id}));
    QVERIFY(!ws->note(flute.id));
    QVERIFY(!QFileInfo::exists(ws->notePath(flute)));
    ws->undoStack()->undo();
    QCOMPARE(ws->indexOf(flute.id), index);
    QCOMPARE(app::fileSha256(ws->notePath(flute)), flute.sha256);
    ws->undoStack()->redo();
    QVERIFY(!QFileInfo::exists(ws->notePath(flute)));
    ws->undoStack()->undo();
    // Several at once.
    const QStringList ids = {ws->notes()[0].id, ws->notes()[2].id};
    ws->undoStack()->push(new app::DeleteNotesCommand(ws.get(), ids));
    QCOMPARE(ws->notes().size(), 2);
    ws->undoStack()->undo();
    QCOMPARE(ws->notes().size(), 4);
    QCOMPARE(ws->notes()[0].id, ids[0]);
    QCOMPARE(ws->notes()[2].id, ids[1]);
}

void TestWorkspace::renameUndoRedo()
{
    auto ws = Workspace::open(m_tmp.filePath("ws-import"));
    const app::Note wrong = *ws->noteByName("wrong", 48);
    QVERIFY(!app::RenameNoteCommand::renameProblem(ws.get(), wrong.id, "flute", 60).isEmpty());  // taken
    QVERIFY(!app::RenameNoteCommand::renameProblem(ws.get(), wrong.id, "bad_name", 60).isEmpty());
    QVERIFY(app::RenameNoteCommand::renameProblem(ws.get(), wrong.id, "right", 60).isEmpty());
    ws->undoStack()->push(new app::RenameNoteCommand(ws.get(), wrong.id, "right", 60));
    const app::Note* renamed = ws->note(wrong.id);
    QCOMPARE(renamed->name(), QString("right_60"));
    QVERIFY(QFileInfo::exists(ws->notesDir() + "/right_60.wav"));
    QVERIFY(!QFileInfo::exists(ws->notesDir() + "/wrong_48.wav"));
    QCOMPARE(app::fileSha256(ws->notePath(*renamed)), wrong.sha256);
    // Named correctly now: the octave error is gone.
    QVERIFY(!renamed->report.octaveError);
    QVERIFY(std::fabs(*renamed->report.centsFromNamed) < 10);
    ws->undoStack()->undo();
    QCOMPARE(ws->note(wrong.id)->name(), QString("wrong_48"));
    QVERIFY(ws->note(wrong.id)->report.octaveError);
    QVERIFY(QFileInfo::exists(ws->notesDir() + "/wrong_48.wav"));
    ws->undoStack()->redo();
    QVERIFY(QFileInfo::exists(ws->notesDir() + "/right_60.wav"));
}

void TestWorkspace::retrimAndReconformUndoRedo()
{
    auto ws = Workspace::open(m_tmp.filePath("ws-import"));
    const app::Note flute = *ws->noteByName("flute", 60);
    QVERIFY(flute.report.trimmedSamples > 4000);  // 0.3 s of silence was trimmed
    // Re-trim: start 0.1 s into the original (keeping some of the silence).
    app::ConformSettings s = flute.settings;
    s.autoTrim = false;
    s.startSeconds = 0.1;
    const app::ConformOutcome outcome = app::ReconformNoteCommand::prepare(ws.get(), flute.id, s);
    auto* retrim = new app::ReconformNoteCommand(ws.get(), flute.id, s, outcome);
    QVERIFY(retrim->text().contains("Re-trim"));
    ws->undoStack()->push(retrim);
    const app::Note* after = ws->note(flute.id);
    QVERIFY(after->sha256 != flute.sha256);
    QCOMPARE(app::fileSha256(ws->notePath(*after)), after->sha256);
    QCOMPARE(after->settings.startSeconds, 0.1);
    std::vector<float> x = app::readNoteSamples(ws->notePath(*after), nullptr);
    QVERIFY(std::fabs(x[1000]) < 1e-6f);  // 0.2 s of silence now lead the note
    ws->undoStack()->undo();
    QCOMPARE(ws->note(flute.id)->sha256, flute.sha256);
    QCOMPARE(app::fileSha256(ws->notePath(flute)), flute.sha256);
    QVERIFY(ws->note(flute.id)->settings.autoTrim);
    ws->undoStack()->redo();
    QCOMPARE(app::fileSha256(ws->notePath(flute)), ws->note(flute.id)->sha256);
    ws->undoStack()->undo();
    // Re-conform with normalisation.
    s = flute.settings;
    s.normalize = true;
    auto* reconform = new app::ReconformNoteCommand(ws.get(), flute.id, s, app::ReconformNoteCommand::prepare(ws.get(), flute.id, s));
    QVERIFY(reconform->text().contains("Re-conform"));
    ws->undoStack()->push(reconform);
    QVERIFY(ws->note(flute.id)->report.hasCheck("normalized"));
    ws->undoStack()->undo();
    QVERIFY(!ws->note(flute.id)->report.hasCheck("normalized"));
    // A start past the end of the original is refused, and nothing changes.
    s.autoTrim = false;
    s.startSeconds = 99;
    QVERIFY_THROWS_EXCEPTION(nsynth::Error, app::ReconformNoteCommand::prepare(ws.get(), flute.id, s));
    QCOMPARE(app::fileSha256(ws->notePath(flute)), flute.sha256);
}

void TestWorkspace::retakeReplacesAndUndoRestores()
{
    auto ws = Workspace::open(m_tmp.filePath("ws-import"));
    const app::Note old = *ws->noteByName("flute", 60);
    const int oldIndex = ws->indexOf(old.id);
    const QString src = m_tmp.filePath("retake");
    test::writeTone(src + "/flute_60.wav", 60, 48000, 2.0, 0.3);
    QCOMPARE(importInto(*ws, {src + "/flute_60.wav"}), 1);
    QCOMPARE(ws->notes().size(), 4);
    const app::Note* now = ws->noteByName("flute", 60);
    QVERIFY(now->id != old.id);
    QCOMPARE(ws->indexOf(now->id), oldIndex);  // in the place of the note it replaced
    QVERIFY(now->sha256 != old.sha256);
    ws->undoStack()->undo();
    QCOMPARE(ws->noteByName("flute", 60)->id, old.id);
    QCOMPARE(app::fileSha256(ws->notePath(old)), old.sha256);
}

void TestWorkspace::reopenKeepsEverything()
{
    QStringList names;
    QList<QString> shas;
    {
        auto ws = Workspace::open(m_tmp.filePath("ws-import"));
        ws->setInstrument("oboe");
        names = noteNames(*ws);
        for (const auto& n : ws->notes())
            shas.append(n.sha256);
    }  // closing saves
    auto ws = Workspace::open(m_tmp.filePath("ws-import"));
    QCOMPARE(noteNames(*ws), names);
    for (int i = 0; i < ws->notes().size(); ++i)
        QCOMPARE(ws->notes()[i].sha256, shas[i]);
    QCOMPARE(ws->instrument(), QString("oboe"));
    QVERIFY(!QFileInfo::exists(ws->trashDir()));  // emptied
    QVERIFY(ws->missingNoteFiles().isEmpty());
}

void TestWorkspace::encodeCacheAndInvalidation()
{
    auto ws = Workspace::open(m_tmp.filePath("ws-import"));
    app::CurrentModel model;
    QSignalSpy changed(&model, &app::CurrentModel::changed);
    model.load(saveModel(m_tmp.path(), 1));
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), app::CurrentModel::State::Ready, 30000);
    QCOMPARE(model.sha256(), app::fileSha256(model.path()));
    app::EncodeController encoder(&model);
    encoder.setWorkspace(ws.get());
    QCOMPARE(encoder.pending().size(), 4);
    QSignalSpy progress(&encoder, &app::EncodeController::progressChanged);
    QSignalSpy finished(&encoder, &app::EncodeController::finished);
    QVERIFY(encoder.start());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toInt(), 4);
    QVERIFY(finished.first().at(1).toStringList().isEmpty());
    QVERIFY(progress.size() >= 1);
    for (const auto& n : ws->notes()) {
        QCOMPARE(ws->embeddingState(n, model.sha256()), Workspace::EmbeddingState::Current);
        const Embedding e = readEmbedding(ws->embeddingPath(n).toStdString(), 16);
        QCOMPARE(e.frames, int64_t(125));
    }
    QString why;
    QVERIFY(!encoder.start({}, &why));  // all cached
    QVERIFY(why.contains("already"));

    // A re-conformed note is stale; the others stay cached.
    const app::Note flute = *ws->noteByName("flute", 60);
    app::ConformSettings s = flute.settings;
    s.removeDc = true;
    s.preOnsetMs = 20;
    ws->undoStack()->push(new app::ReconformNoteCommand(ws.get(), flute.id, s, app::ReconformNoteCommand::prepare(ws.get(), flute.id, s)));
    QCOMPARE(ws->embeddingState(*ws->note(flute.id), model.sha256()), Workspace::EmbeddingState::Stale);
    QCOMPARE(encoder.pending().size(), 1);
    finished.clear();
    QVERIFY(encoder.start());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toInt(), 1);
    // Undo the re-conform: the note is back, its embedding (of the re-conformed one) is stale.
    ws->undoStack()->undo();
    QCOMPARE(ws->embeddingState(*ws->note(flute.id), model.sha256()), Workspace::EmbeddingState::Stale);
    ws->undoStack()->redo();
    QCOMPARE(ws->embeddingState(*ws->note(flute.id), model.sha256()), Workspace::EmbeddingState::Current);

    // Another model: everything is stale.
    model.load(saveModel(m_tmp.path(), 2));
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), app::CurrentModel::State::Ready, 30000);
    QCOMPARE(encoder.pending().size(), 4);
    // A renamed note keeps its embedding (the content did not change).
    model.load(saveModel(m_tmp.path(), 1));
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), app::CurrentModel::State::Ready, 30000);
    QCOMPARE(encoder.pending().size(), 0);
    ws->undoStack()->push(new app::RenameNoteCommand(ws.get(), flute.id, "piccolo", 60));
    QCOMPARE(ws->embeddingState(*ws->note(flute.id), model.sha256()), Workspace::EmbeddingState::Current);
    QVERIFY(QFileInfo::exists(ws->embeddingsDir() + "/piccolo_60.npy"));
    ws->undoStack()->undo();
}

void TestWorkspace::encodeCancel()
{
    auto ws = Workspace::open(m_tmp.filePath("ws-import"));
    app::CurrentModel model;
    model.load(saveModel(m_tmp.path(), 3, "small"));
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), app::CurrentModel::State::Ready, 30000);
    app::EncodeController encoder(&model);
    encoder.setWorkspace(ws.get());
    QSignalSpy finished(&encoder, &app::EncodeController::finished);
    QVERIFY(encoder.start());
    encoder.cancel();
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().at(2).toBool());  // cancelled
    QVERIFY(finished.first().at(0).toInt() < 4);
    // Nothing half-written is left behind.
    for (const QString& f : QDir(ws->embeddingsDir()).entryList(QDir::Files | QDir::Hidden))
        QVERIFY2(f.endsWith(".npy") && !f.startsWith("."), qPrintable(f));
}

void TestWorkspace::demoFromAudioFiles()
{
    const QString resources = m_tmp.filePath("res-audio");
    test::writeTone(resources + "/demo/flute/flute_48.wav", 48, 16000, 4.0);
    test::writeTone(resources + "/demo/organ_electronic_007-058-025.wav", 58, 16000, 4.0);
    test::writeTone(resources + "/demo/mystery.wav", 50, 16000, 1.0);
    const app::DemoContent demo = app::findDemoContent(resources);
    QCOMPARE(demo.folder, QDir::cleanPath(resources + "/demo"));
    QVERIFY(demo.workspaceFolder.isEmpty());
    QCOMPARE(demo.audioFiles.size(), 2);
    QCOMPARE(demo.unnamedFiles.size(), 1);
    QVERIFY(app::findDemoContent(m_tmp.filePath("res-none")).isEmpty());
}

void TestWorkspace::demoFromReadyWorkspace()
{
    const QString resources = m_tmp.filePath("res-ws");
    {
        auto ws = Workspace::create(resources + "/demo/workshop", "Demo");
        QCOMPARE(importInto(*ws, {m_tmp.filePath("import-src/flute_60.wav")}), 1);
    }
    const app::DemoContent demo = app::findDemoContent(resources);
    QCOMPARE(demo.workspaceFolder, QDir::cleanPath(resources + "/demo/workshop"));
    QVERIFY(demo.audioFiles.isEmpty());  // the workspace's own files are not separate notes
    const QString target = m_tmp.filePath("my-demo");
    app::copyDemoWorkspace(demo, target);
    auto ws = Workspace::open(target);
    QCOMPARE(noteNames(*ws), QStringList{"flute_60"});
    QVERIFY(QFileInfo::exists(ws->notePath(ws->notes().first())));
    QVERIFY_THROWS_EXCEPTION(nsynth::Error, app::copyDemoWorkspace(demo, target));  // not empty
}

void TestWorkspace::importRealInstrumentNotes()
{
    NSYNTH_REQUIRE_TEST_DATA("instruments/notes.json");
    QFile json(test::testDataDir() + "/instruments/notes.json");
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray entries = QJsonDocument::fromJson(json.readAll()).array();
    // One file of each format, as a workshop participant would drop them.
    QStringList wanted = {"splendid-grand-piano/Mf G0.flac", "karoryfer-weresax/a3_f_rr1_cnd.wav"};
    for (const auto& v : entries) {
        const QString path = v.toObject().value("path").toString();
        if (path.endsWith(".ogg") && wanted.size() < 3)
            wanted.append(path);
    }
    QMap<QString, int> pitchOf;
    QStringList paths;
    for (const auto& v : entries) {
        const QJsonObject o = v.toObject();
        if (wanted.contains(o.value("path").toString())) {
            const QString abs = test::testDataDir() + "/instruments/" + o.value("path").toString();
            pitchOf[abs] = o.value("midi_pitch").toInt();
            paths.append(abs);
        }
    }
    QVERIFY(paths.size() >= 2);
    QMap<QString, QString> before;
    for (const QString& p : paths)
        before[p] = app::fileSha256(p);
    auto ws = Workspace::create(m_tmp.filePath("ws-real"), "real");
    int k = 0;
    const int added = importInto(*ws, paths, [&](app::ImportItem& item) {
        item.instrument = QString("real%1").arg(++k);
        item.pitch = pitchOf[item.path];
    });
    QCOMPARE(added, paths.size());
    for (const QString& p : paths)
        QCOMPARE(app::fileSha256(p), before[p]);  // read in place, never modified
    for (const auto& n : ws->notes()) {
        // The badges come from exactly the engine's checks.
        const audio::ConformedNote direct =
            audio::conformNote(audio::readAudio(ws->sourcePath(n).toStdString()), n.fileName().toStdString());
        QCOMPARE(n.report.checks.size(), qsizetype(direct.report.checks.size()));
        for (size_t i = 0; i < direct.report.checks.size(); ++i)
            QCOMPARE(n.report.checks[qsizetype(i)].code, QString::fromStdString(direct.report.checks[i].code));
        const auto x = app::readNoteSamples(ws->notePath(n), nullptr);
        QCOMPARE(x, direct.samples);
    }
}

QTEST_MAIN(TestWorkspace)
#include "test_workspace.moc"
