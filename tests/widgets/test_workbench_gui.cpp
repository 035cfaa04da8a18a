// The workbench driven like a user would, on the offscreen platform: create a workspace through
// its dialog, drop a folder of notes on the list (real QDragEnterEvent/QDropEvent with URLs),
// name the file whose name says nothing, see the badges, look at the views, rename / delete /
// re-trim with undo and redo by keyboard, encode with progress, switch to Finnish in the
// settings dialog, open the demo and a recent workspace. Screenshots at 1280x800 go to
// <build>/test-output/widgets/ for a person to look at.
//
// No sound server is used here (PULSE_SERVER points nowhere), so the recorder shows its
// "no input device" state; recording and playback for real are tests/widgets/test_audio_devices.

#include "app_settings.h"
#include "background_task.h"
#include "current_model.h"
#include "embedding_view.h"
#include "encode_job.h"
#include "language.h"
#include "main_window.h"
#include "model_file.h"
#include "name_resolve_dialog.h"
#include "new_workspace_dialog.h"
#include "note_checks.h"
#include "note_conform.h"
#include "note_info_panel.h"
#include "note_list_model.h"
#include "note_list_view.h"
#include "note_views.h"
#include "npy.h"
#include "recorder_panel.h"
#include "recording_session.h"
#include "rename_dialog.h"
#include "settings_dialog.h"
#include "spectrogram_view.h"
#include "task_progress.h"
#include "waveform_view.h"
#include "widget_test_support.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace nsynth;

namespace {

void clickOk(QDialog* dialog)
{
    auto* box = dialog->findChild<QDialogButtonBox*>();
    QVERIFY(box);
    QPushButton* ok = box->button(QDialogButtonBox::Ok);
    QVERIFY(ok && ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
}

void closeMessageBoxes()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible())
            box->close();
    QApplication::processEvents();
}

// A real drag of local files onto a widget: enter, move, drop.
bool dropFiles(QWidget* target, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths)
        urls.append(QUrl::fromLocalFile(p));
    mime.setUrls(urls);
    const QPointF pos(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(pos.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

QList<app::Badge> badgesOf(app::NoteListModel* model, const QString& name)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, app::NoteListModel::NameColumn).data().toString() == name)
            return model->index(row, app::NoteListModel::ChecksColumn).data(app::NoteListModel::BadgesRole).value<QList<app::Badge>>();
    return {};
}

bool hasBadge(const QList<app::Badge>& badges, const QString& code)
{
    return std::any_of(badges.begin(), badges.end(), [&](const app::Badge& b) { return b.code == code; });
}

} // namespace

class TestWorkbenchGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startPage();
    void createWorkspace();
    void noInputDevice();
    void importFolderByDragAndDrop();
    void badgesShowTheChecks();
    void noteViews();
    void renameUndoRedo();
    void deleteUndoRedo();
    void retrimUndo();
    void encodeWithProgress();
    void switchLanguage();
    void demoWorkspace();
    void reopenRecent();
    void importRealNotes();
    void realDemoMaterial();

private:
    void selectNote(const QString& name);
    void activate();
    QString noteId(const QString& name) const;

    QTemporaryDir m_tmp;
    std::unique_ptr<app::AppSettings> m_settings;
    std::unique_ptr<app::LanguageManager> m_language;
    std::unique_ptr<widgets::MainWindow> m_window;
    QString m_workspaceFolder;
};

void TestWorkbenchGui::initTestCase()
{
    // Hermetic: never talk to a sound server of the machine running the tests.
    qputenv("PULSE_SERVER", "unix:/nonexistent/nsynth-test-no-sound-server");
    qunsetenv("NSYNTH_MODEL");  // the model comes from this test's own resources folder
    QLocale::setDefault(QLocale(QLocale::English));
    m_settings = std::make_unique<app::AppSettings>(m_tmp.filePath("settings.ini"));
    m_settings->setLastFolder(m_tmp.path());
    m_language = std::make_unique<app::LanguageManager>();
    m_language->apply("en");
    widgets::WorkbenchOptions options;
    options.resourcesDir = m_tmp.filePath("resources");
    options.demoParentFolder = m_tmp.filePath("documents");
    QDir().mkpath(options.demoParentFolder);
    test::writeTone(options.resourcesDir + "/demo/marimba_60.wav", 60, 44100, 2.0);
    test::writeTone(options.resourcesDir + "/demo/marimba_64.wav", 64, 44100, 2.0);
    m_window = std::make_unique<widgets::MainWindow>(m_settings.get(), m_language.get(), options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    // As a user would click the list first: a text field with focus keeps Delete for itself.
    m_window->noteList()->setFocus();
}

void TestWorkbenchGui::cleanupTestCase()
{
    closeMessageBoxes();
    m_window.reset();
}

QString TestWorkbenchGui::noteId(const QString& name) const
{
    for (const auto& n : m_window->workspace()->notes())
        if (n.name() == name)
            return n.id;
    return {};
}

// Keyboard shortcuts go to the active window; the offscreen platform does not hand activation
// back to the main window when a dialog closes, as a desktop's window manager does.
void TestWorkbenchGui::activate()
{
    closeMessageBoxes();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    // As a user would click the list first: a text field with focus keeps Delete for itself.
    m_window->noteList()->setFocus();
}

void TestWorkbenchGui::selectNote(const QString& name)
{
    const QString id = noteId(name);
    QVERIFY2(!id.isEmpty(), qPrintable(name));
    m_window->noteList()->selectNote(id);
    QCOMPARE(m_window->currentNoteId(), id);
}

void TestWorkbenchGui::startPage()
{
    QVERIFY(!m_window->workspace());
    QCOMPARE(m_window->windowTitle(), QString("NSynth Workbench"));
    // No default model in this test's resources: the status says which file is missing.
    QVERIFY2(m_window->modelStatus().contains("default.safetensors"), qPrintable(m_window->modelStatus()));
    test::screenshot(m_window.get(), "start_page");
}

void TestWorkbenchGui::createWorkspace()
{
    auto* action = m_window->findChild<QAction*>("newWorkspaceAction");
    QVERIFY(action);
    action->trigger();
    auto* dialog = test::waitForDialog<widgets::NewWorkspaceDialog>();
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>("workspaceName");
    auto* location = dialog->findChild<QLineEdit*>("workspaceLocation");
    QVERIFY(name && location);
    QTest::keyClicks(name, "workshop");
    location->setText(m_tmp.path());
    m_workspaceFolder = dialog->folder();
    clickOk(dialog);
    QTRY_VERIFY(m_window->workspace());
    QCOMPARE(m_window->workspace()->folder(), m_workspaceFolder);
    QVERIFY(QFileInfo(m_workspaceFolder + "/nsynth-workspace.json").isFile());
    QVERIFY(m_window->windowTitle().contains("workshop"));
    QVERIFY(m_window->pages()->isVisible());
}

void TestWorkbenchGui::noInputDevice()
{
    m_window->pages()->setCurrentIndex(1);
    widgets::RecorderPanel* recorder = m_window->recorderPanel();
    QTRY_VERIFY(recorder->isVisible());
    QVERIFY2(recorder->errorText().contains("No audio input device"), qPrintable(recorder->errorText()));
    auto* record = recorder->findChild<QPushButton*>("recordButton");
    QVERIFY(record && !record->isEnabled());
    // The instrument name is validated as it is typed.
    auto* instrument = recorder->findChild<QLineEdit*>("instrumentName");
    QTest::keyClicks(instrument, "old_piano");
    auto* problem = recorder->findChild<QLabel*>("instrumentProblem");
    QVERIFY(problem->isVisible() && problem->text().contains("old_piano"));
    instrument->clear();
    QTest::keyClicks(instrument, "flute");
    QVERIFY(!problem->isVisible());
    QTRY_COMPARE(m_window->workspace()->instrument(), QString("flute"));
    QVERIFY(recorder->findChild<QLabel*>("recordTarget")->text().contains("flute_24"));
    test::screenshot(m_window.get(), "recorder_no_device");
    m_window->pages()->setCurrentIndex(0);
}

void TestWorkbenchGui::importFolderByDragAndDrop()
{
    const QString src = m_tmp.filePath("to-import");
    test::writeTone(src + "/flute_48.wav", 48, 44100, 4.6, 0.5, 0.25);
    test::writeTone(src + "/flute_52.wav", 52, 48000, 3.0, 1.7);   // clipped
    test::writeTone(src + "/flute_60.wav", 72, 22050, 3.0);        // an octave above its name
    test::writeTone(src + "/violin take 2.wav", 55, 44100, 4.5);   // no instrument or pitch in the name
    QSignalSpy finished(m_window.get(), &widgets::MainWindow::importFinished);
    QVERIFY(dropFiles(m_window->noteList()->viewport(), {src}));
    // The one name that does not parse is asked for, never guessed.
    auto* dialog = test::waitForDialog<widgets::NameResolveDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->table()->rowCount(), 1);
    QCOMPARE(dialog->table()->item(0, 0)->text(), QString("violin take 2.wav"));
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit*>("instrument0"), "violin");
    dialog->findChild<QSpinBox*>("pitch0")->setValue(55);
    test::screenshot(dialog, "import_name_dialog", {});
    clickOk(dialog);
    // Batch conform in the background, with progress in the status bar.
    QVERIFY(m_window->isImporting());
    QVERIFY(m_window->importProgress()->isVisible());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toInt(), 4);
    QVERIFY(finished.first().at(1).toStringList().isEmpty());
    QVERIFY(!m_window->importProgress()->isVisible());
    QCOMPARE(m_window->noteModel()->rowCount(), 4);
    QCOMPARE(QDir(m_workspaceFolder + "/notes").entryList(QDir::Files).size(), 4);
}

void TestWorkbenchGui::badgesShowTheChecks()
{
    app::NoteListModel* model = m_window->noteModel();
    const auto good = badgesOf(model, "flute_48");
    QVERIFY(hasBadge(good, "ok"));
    QVERIFY(hasBadge(good, "pitch"));
    QVERIFY(hasBadge(good, "resampled"));
    QVERIFY(hasBadge(good, "trimmed"));
    QVERIFY(hasBadge(badgesOf(model, "flute_52"), "clipping"));
    QVERIFY(!hasBadge(badgesOf(model, "flute_52"), "ok"));
    const auto octave = badgesOf(model, "flute_60");
    QVERIFY(hasBadge(octave, "octave_error"));
    QCOMPARE(octave.first().level, app::Badge::Level::Warning);
    QVERIFY(hasBadge(badgesOf(model, "violin_55"), "ok"));
    QSignalSpy shown(m_window.get(), &widgets::MainWindow::analysisShown);
    selectNote("flute_52");
    QVERIFY(shown.wait(10000));
    test::screenshot(m_window.get(), "main_window");
}

void TestWorkbenchGui::noteViews()
{
    QSignalSpy shown(m_window.get(), &widgets::MainWindow::analysisShown);
    selectNote("flute_48");
    QVERIFY(shown.wait(10000) || m_window->noteViews()->waveform()->samplesPerPixel() > 0);
    widgets::NoteViews* views = m_window->noteViews();
    QTRY_VERIFY(views->findChild<QLabel*>("noteTitle")->text() == "flute_48");
    // The info panel explains the checks with numbers.
    auto* checks = m_window->infoPanel()->findChild<QLabel*>("infoChecks");
    QVERIFY(checks->text().contains("Resampled from 44100 Hz"));
    auto* detected = m_window->infoPanel()->findChild<QLabel*>("infoDetected");
    QVERIFY(detected->text().contains("130."));  // MIDI 48 = 130.8 Hz

    views->tabs()->setCurrentIndex(0);
    widgets::WaveformView* wave = views->waveform();
    QTRY_VERIFY(wave->isVisible());
    const double fit = wave->samplesPerPixel();
    QVERIFY(fit > 10);
    test::screenshot(m_window.get(), "note_waveform");
    wave->setFocus();
    QTest::keyClick(wave, Qt::Key_Plus);
    QTest::keyClick(wave, Qt::Key_Plus);
    QVERIFY(wave->samplesPerPixel() < fit / 3);
    QTest::keyClick(wave, Qt::Key_Right);
    QVERIFY(wave->viewStart() > 0);
    QTest::keyClick(wave, Qt::Key_0);
    QCOMPARE(wave->samplesPerPixel(), fit);
    // The original the note was cut from, with the note's place marked.
    views->findChild<QComboBox*>("waveformSource")->setCurrentIndex(1);
    test::screenshot(views, "note_waveform_original", {});
    views->findChild<QComboBox*>("waveformSource")->setCurrentIndex(0);

    views->tabs()->setCurrentIndex(1);
    QTRY_VERIFY(views->spectrogram()->isVisible());
    test::screenshot(m_window.get(), "note_spectrogram");
    views->spectrogramMode()->setCurrentIndex(1);
    QCOMPARE(views->spectrogram()->mode(), widgets::SpectrogramView::Mode::Rainbowgram);
    test::screenshot(views, "note_rainbowgram", {});
    views->spectrogramMode()->setCurrentIndex(0);
    views->tabs()->setCurrentIndex(0);
}

void TestWorkbenchGui::renameUndoRedo()
{
    selectNote("flute_60");
    const QString id = m_window->currentNoteId();
    auto* action = m_window->findChild<QAction*>("renameAction");
    QVERIFY(action->isEnabled());
    activate();
    QTest::keyClick(m_window->noteList(), Qt::Key_F2);
    auto* dialog = test::waitForDialog<widgets::RenameDialog>();
    QVERIFY(dialog);
    // The name is checked as it is typed: a taken name is refused.
    dialog->findChild<QSpinBox*>("renamePitch")->setValue(48);
    QVERIFY(!dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->findChild<QSpinBox*>("renamePitch")->setValue(72);
    auto* instrument = dialog->findChild<QLineEdit*>("renameInstrument");
    instrument->selectAll();
    QTest::keyClicks(instrument, "piccolo");
    clickOk(dialog);
    QTRY_COMPARE(m_window->workspace()->note(id)->name(), QString("piccolo_72"));
    activate();
    QVERIFY(QFileInfo::exists(m_workspaceFolder + "/notes/piccolo_72.wav"));
    QVERIFY(!QFileInfo::exists(m_workspaceFolder + "/notes/flute_60.wav"));
    QVERIFY(!hasBadge(badgesOf(m_window->noteModel(), "piccolo_72"), "octave_error"));
    // Undo and redo from the keyboard.
    QTest::keySequence(m_window.get(), QKeySequence::Undo);
    QTRY_COMPARE(m_window->workspace()->note(id)->name(), QString("flute_60"));
    QVERIFY(QFileInfo::exists(m_workspaceFolder + "/notes/flute_60.wav"));
    QVERIFY(hasBadge(badgesOf(m_window->noteModel(), "flute_60"), "octave_error"));
    QTest::keySequence(m_window.get(), QKeySequence::Redo);
    QTRY_COMPARE(m_window->workspace()->note(id)->name(), QString("piccolo_72"));
    QVERIFY(m_window->findChild<QAction*>("undoAction")->text().contains("piccolo_72"));
    // Autosaved.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->workspace()->hasPendingSave(), 3000);
    QFile f(m_workspaceFolder + "/nsynth-workspace.json");
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("\"piccolo\""));
}

void TestWorkbenchGui::deleteUndoRedo()
{
    selectNote("violin_55");
    const QString id = m_window->currentNoteId();
    activate();
    QCOMPARE(m_window->noteList()->selectedNoteIds(), QStringList{id});
    QTest::keyClick(m_window->noteList(), Qt::Key_Delete);
    QTRY_VERIFY(!m_window->workspace()->note(id));
    QCOMPARE(m_window->noteModel()->rowCount(), 3);
    QVERIFY(!QFileInfo::exists(m_workspaceFolder + "/notes/violin_55.wav"));
    QTest::keySequence(m_window.get(), QKeySequence::Undo);
    QTRY_VERIFY(m_window->workspace()->note(id));
    QCOMPARE(m_window->noteModel()->rowCount(), 4);
    QVERIFY(QFileInfo::exists(m_workspaceFolder + "/notes/violin_55.wav"));
    QTest::keySequence(m_window.get(), QKeySequence::Redo);
    QTRY_VERIFY(!m_window->workspace()->note(id));
    QTest::keySequence(m_window.get(), QKeySequence::Undo);
    QTRY_VERIFY(m_window->workspace()->note(id));
}

void TestWorkbenchGui::retrimUndo()
{
    selectNote("flute_48");
    const QString id = m_window->currentNoteId();
    const QString before = m_window->workspace()->note(id)->sha256;
    widgets::NoteInfoPanel* info = m_window->infoPanel();
    QTRY_COMPARE(info->noteId(), id);
    auto* autoTrim = info->findChild<QCheckBox*>("autoTrim");
    auto* start = info->findChild<QDoubleSpinBox*>("startSeconds");
    QVERIFY(autoTrim->isChecked());
    QVERIFY(std::fabs(start->value() - 0.25) < 0.02);  // the detected onset, shown in seconds
    autoTrim->click();
    QVERIFY(!autoTrim->isChecked());
    start->setValue(0.1);
    QTest::mouseClick(info->findChild<QPushButton*>("retrimButton"), Qt::LeftButton);
    activate();
    QTRY_VERIFY(m_window->workspace()->note(id)->sha256 != before);
    QVERIFY(m_window->findChild<QAction*>("undoAction")->text().contains("Re-trim"));
    QCOMPARE(m_window->workspace()->note(id)->settings.startSeconds, 0.1);
    QTest::keySequence(m_window.get(), QKeySequence::Undo);
    QTRY_COMPARE(m_window->workspace()->note(id)->sha256, before);
    QCOMPARE(app::fileSha256(m_workspaceFolder + "/notes/flute_48.wav"), before);
    QTRY_VERIFY(info->findChild<QCheckBox*>("autoTrim")->isChecked());
}

void TestWorkbenchGui::encodeWithProgress()
{
    const QString path = m_tmp.filePath("small.safetensors");
    saveModel(path.toStdString(), initModel(ModelConfig::preset("small"), 7));
    m_window->useModel(path);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentModel()->state(), app::CurrentModel::State::Ready, 30000);
    QVERIFY(m_window->modelStatus().contains("small.safetensors"));
    QSignalSpy progress(m_window->encoder(), &app::EncodeController::progressChanged);
    QSignalSpy finished(m_window.get(), &widgets::MainWindow::encodeFinished);
    activate();
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QTRY_VERIFY(m_window->encoder()->isRunning() || finished.size() == 1);
    QVERIFY(m_window->encodeProgress()->isVisible() || finished.size() == 1);
    QVERIFY(finished.wait(120000) || finished.size() == 1);
    QCOMPARE(finished.first().at(0).toInt(), 4);
    QVERIFY(!finished.first().at(2).toBool());
    // Progress went up to the total, with the counts in the text.
    QVERIFY(progress.size() >= 1);
    const auto last = progress.last().first().value<app::ProgressSnapshot>();
    QCOMPARE(last.done, 4.0);
    QCOMPARE(last.total, 4.0);
    QVERIFY(!m_window->encodeProgress()->isVisible());
    for (const auto& n : m_window->workspace()->notes()) {
        const Embedding e = readEmbedding(m_window->workspace()->embeddingPath(n).toStdString(), 16);
        QCOMPARE(e.frames, int64_t(125));
    }
    for (int row = 0; row < m_window->noteModel()->rowCount(); ++row)
        QCOMPARE(m_window->noteModel()->index(row, app::NoteListModel::EmbeddingColumn).data().toString(), QString("encoded"));
    // Cached: encoding again does nothing.
    QVERIFY(!m_window->encodeNotes());
    // The embedding view of the selected note.
    selectNote("flute_48");
    m_window->noteViews()->tabs()->setCurrentIndex(2);
    QTRY_VERIFY(m_window->noteViews()->findChild<QLabel*>("embeddingCaption")->isVisible());
    QVERIFY(m_window->noteViews()->findChild<QLabel*>("embeddingCaption")->text().contains("125 frames x 16"));
    m_window->noteViews()->embedding()->setSelectedDimensions({0, 3, 7, 12});
    test::screenshot(m_window.get(), "embedding_view");
    m_window->noteViews()->tabs()->setCurrentIndex(0);
}

void TestWorkbenchGui::switchLanguage()
{
    m_window->findChild<QAction*>("settingsAction")->trigger();
    auto* dialog = test::waitForDialog<widgets::SettingsDialog>();
    QVERIFY(dialog);
    QComboBox* language = dialog->languageBox();
    const int fi = language->findData("fi");
    QVERIFY2(fi >= 0, "the Finnish translation is not embedded");
    language->setCurrentIndex(fi);
    clickOk(dialog);
    QTRY_COMPARE(m_window->pages()->tabText(0), QString("Nuotit"));
    QCOMPARE(m_window->pages()->tabText(1), QString("Äänitä"));
    QCOMPARE(m_window->menuBar()->actions().first()->text(), QString("&Tiedosto"));
    QCOMPARE(m_window->noteModel()->headerData(0, Qt::Horizontal).toString(), QString("Nuotti"));
    QCOMPARE(m_window->noteViews()->tabs()->tabText(1), QString("Spektrogrammi"));
    QCOMPARE(badgesOf(m_window->noteModel(), "flute_52").first().label, QString("leikkautuu"));
    QCOMPARE(m_settings->language(), QString("fi"));
    QSignalSpy shown(m_window.get(), &widgets::MainWindow::analysisShown);
    selectNote("flute_52");
    QVERIFY(shown.size() > 0 || shown.wait(10000));
    test::screenshot(m_window.get(), "main_window_fi");
    m_window->pages()->setCurrentIndex(1);
    QTRY_VERIFY(m_window->recorderPanel()->errorText().contains("Äänen tuloa ei löytynyt"));
    test::screenshot(m_window.get(), "recorder_fi");
    m_window->pages()->setCurrentIndex(0);
    m_window->applyLanguage("en");
    QTRY_COMPARE(m_window->pages()->tabText(0), QString("Notes"));
    QCOMPARE(m_window->menuBar()->actions().first()->text(), QString("&File"));
}

void TestWorkbenchGui::demoWorkspace()
{
    closeMessageBoxes();
    QSignalSpy finished(m_window.get(), &widgets::MainWindow::importFinished);
    QVERIFY(m_window->findChild<QAction*>("demoWorkspaceAction")->isEnabled());
    m_window->findChild<QAction*>("demoWorkspaceAction")->trigger();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toInt(), 2);
    QVERIFY(m_window->workspace()->folder().startsWith(m_tmp.filePath("documents")));
    QCOMPARE(m_window->noteModel()->rowCount(), 2);
}

void TestWorkbenchGui::reopenRecent()
{
    m_window->closeWorkspace();
    QVERIFY(!m_window->workspace());
    auto* recent = m_window->findChild<QListWidget*>("recentList");
    QTRY_VERIFY(recent->isVisible());
    QCOMPARE(recent->count(), 2);  // the demo and the workshop
    test::screenshot(m_window.get(), "start_page_recent");
    QListWidgetItem* item = nullptr;
    for (int i = 0; i < recent->count(); ++i)
        if (recent->item(i)->data(Qt::UserRole).toString() == m_workspaceFolder)
            item = recent->item(i);
    QVERIFY(item);
    Q_EMIT recent->itemActivated(item);
    QTRY_VERIFY(m_window->workspace());
    QCOMPARE(m_window->noteModel()->rowCount(), 4);
    QVERIFY(noteId("piccolo_72").size() > 0);
}

void TestWorkbenchGui::importRealNotes()
{
    NSYNTH_REQUIRE_TEST_DATA("instruments/nsynth-l-sampler");
    closeMessageBoxes();
    QVERIFY(m_window->createWorkspace(m_tmp.filePath("real"), "real"));
    const QString folder = test::testDataDir() + "/instruments/nsynth-l-sampler";
    const QString weresax = test::testDataDir() + "/instruments/karoryfer-weresax/a3_f_rr1_cnd.wav";
    QStringList files = QDir(folder).entryList({"*.wav"}, QDir::Files);
    const QString sha = app::fileSha256(weresax);
    QSignalSpy finished(m_window.get(), &widgets::MainWindow::importFinished);
    QVERIFY(dropFiles(m_window->noteList()->viewport(), {folder, weresax}));
    auto* dialog = test::waitForDialog<widgets::NameResolveDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->table()->rowCount(), 1);
    QTest::keyClicks(dialog->findChild<QLineEdit*>("instrument0"), "alto-sax");
    dialog->findChild<QSpinBox*>("pitch0")->setValue(69);  // notes.json: MIDI 69 (the file names count octaves differently)
    clickOk(dialog);
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().at(0).toInt(), files.size() + 1);
    QCOMPARE(app::fileSha256(weresax), sha);
    // NSynth dataset names become workshop names; their pitch checks agree with the names.
    QVERIFY(noteId("bass-electronic-015_48").size() > 0);
    const auto sax = badgesOf(m_window->noteModel(), "alto-sax_69");
    QVERIFY(hasBadge(sax, "pitch"));
    QVERIFY(!hasBadge(sax, "pitch_off") && !hasBadge(sax, "octave_error"));
    selectNote("alto-sax_69");
    test::screenshot(m_window.get(), "main_window_real_notes");
}

void TestWorkbenchGui::realDemoMaterial()
{
    const QString demo = QString::fromUtf8(NSYNTH_SOURCE_RESOURCES) + "/demo";
    if (!QFileInfo(demo).isDir())
        QSKIP(qPrintable("no demo material yet: " + demo + " does not exist (it is produced by another part of the project)"));
    closeMessageBoxes();
    widgets::WorkbenchOptions options;
    options.resourcesDir = QString::fromUtf8(NSYNTH_SOURCE_RESOURCES);
    options.demoParentFolder = m_tmp.filePath("real-demo");
    QDir().mkpath(options.demoParentFolder);
    widgets::MainWindow window(m_settings.get(), m_language.get(), options);
    QSignalSpy finished(&window, &widgets::MainWindow::importFinished);
    QVERIFY(window.openDemoWorkspace());
    if (window.workspace()->notes().isEmpty())  // made from audio files: wait for their import
        QVERIFY(finished.wait(300000));
    QVERIFY(window.workspace()->notes().size() > 0);
    test::screenshot(&window, "demo_workspace");
}

QTEST_MAIN(TestWorkbenchGui)
#include "test_workbench_gui.moc"
