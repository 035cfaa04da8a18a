// The workbench's part 2 driven like a user would, offscreen, with real processes: the grid
// designer's counts against the headless planner (`nsynth grid plan --dry-run`), its problems
// before anything runs, the XY pad against the Open NSynth Super touch surface, the model
// manager; then, with real instrument notes conformed from ../shared/data as tests/grid does and
// a tiny model from `nsynth init --preset tiny`, a 3 x 3 grid of 2 pitches queued from the
// designer and run by the job queue as a separate `nsynth grid` process: paused, resumed,
// cancelled, resumed again and finished with bitwise the notes of an uninterrupted headless run;
// a job that goes on while the workbench is closed and is reattached when it is reopened, and
// one that stops when it closes and resumes when it is reopened; the export dialog's banks
// byte-identical to `nsynth grid export`; the preview playing exactly the banks' rows.
// Screenshots go to <build>/test-output/widgets/.

#include "app_settings.h"
#include "audio_file.h"
#include "conform.h"
#include "current_model.h"
#include "detached_process.h"
#include "grid.h"
#include "grid_designer_page.h"
#include "grid_export_dialog.h"
#include "grid_preview_page.h"
#include "job_queue.h"
#include "job_queue_page.h"
#include "language.h"
#include "main_window.h"
#include "model_file.h"
#include "model_manager_dialog.h"
#include "note_name.h"
#include "ons_bank.h"
#include "ons_touch.h"
#include "piano_keyboard.h"
#include "preview_synth.h"
#include "tf_fixture.h"
#include "widget_test_support.h"
#include "workspace.h"
#include "xy_pad.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

using namespace nsynth;

namespace {

using Run = test::CommandRun;

Run nsynthRun(const QStringList& args, int timeoutMs = 300000)
{
    return test::runCommand(QString::fromUtf8(NSYNTH_BIN), args, timeoutMs);
}

QStringList filesUnder(const QString& root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(root).relativeFilePath(it.next());
    out.sort();
    return out;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file of a (but `skip`) is in b with the same bytes, and b has no others.
bool sameTrees(const QString& a, const QString& b, const QStringList& skip, QString* why)
{
    QStringList fa = filesUnder(a), fb = filesUnder(b);
    for (const auto& s : skip) {
        fa.removeAll(s);
        fb.removeAll(s);
    }
    if (fa != fb || fa.isEmpty()) {
        *why = QString("files differ: %1 | %2").arg(fa.join(","), fb.join(","));
        return false;
    }
    for (const auto& f : fa)
        if (readAll(a + "/" + f) != readAll(b + "/" + f)) {
            *why = f + " differs";
            return false;
        }
    return true;
}

int rawCount(const QString& job)
{
    return QDir(job + "/raw").entryList({"*.wav"}, QDir::Files).size();
}

QJsonObject queueRecord(const QString& jobsFolder, const QString& id)
{
    const QJsonObject q = QJsonDocument::fromJson(readAll(jobsFolder + "/queue.json")).object();
    for (const auto& v : q["jobs"].toArray())
        if (v.toObject()["id"].toString() == id)
            return v.toObject();
    return {};
}

app::DetachedProcess processOf(const QJsonObject& record)
{
    return app::DetachedProcess::fromJson(record["runner_state"].toObject()["process"].toObject());
}

void closeMessageBoxes()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible())
            box->close();
    QApplication::processEvents();
}

} // namespace

class TestGridWorkbench : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    // synthetic notes
    void designerCountsMatchPlanner();
    void designerShowsProblems();
    void xyPadMapsLikeTheDevice();
    void modelManager();
    // real notes
    void importRealNotes();
    void jobPauseCancelResumeBitwise();
    void jobSurvivesRestart();
    void exportMatchesHeadless();
    void previewPlaysTheBankRows();

private:
    void openWindow();
    void importFolder(const QString& folder, int expected);
    void design(const std::array<QStringList, 4>& corners, const std::vector<int>& pitches, int resolution,
                int batchSize = 16);
    bool queueRealJob(const QString& name);
    const QString& reference();
    const app::JobRecord* record(const QString& id) const;
    void click(const char* button);

    QTemporaryDir m_tmp;
    std::unique_ptr<app::AppSettings> m_settings;
    std::unique_ptr<app::LanguageManager> m_language;
    std::unique_ptr<widgets::MainWindow> m_window;
    widgets::WorkbenchOptions m_options;
    QString m_model, m_workspace, m_reference;
};

void TestGridWorkbench::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(QString::fromUtf8(NSYNTH_BIN)));
    // Hermetic: no sound server, our own configuration and cache folders, the built nsynth.
    qputenv("PULSE_SERVER", "unix:/nonexistent/nsynth-test-no-sound-server");
    qputenv("XDG_CONFIG_HOME", m_tmp.filePath("config").toUtf8());
    qputenv("XDG_CACHE_HOME", m_tmp.filePath("cache").toUtf8());
    qputenv("NSYNTH_COMMAND", NSYNTH_BIN);
    qunsetenv("NSYNTH_MODEL");
    qunsetenv("NSYNTH_MODEL_CATALOG");
    // A configured cluster, for the designer's estimate.
    const QString profiles = m_tmp.filePath("cluster-profiles.json");
    {
        QFile f(profiles);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "nsynth-cluster-profiles", "version": 1, "profiles": [
            {"name": "triton", "host": "triton.aalto.fi", "work_dir": "/scratch/work/me/nsynth", "cpus": 4,
             "memory": "8G", "time_limit": "00:10:00", "signal_seconds": 60}]})");
    }
    qputenv("NSYNTH_CLUSTER_PROFILES", profiles.toUtf8());
    QLocale::setDefault(QLocale(QLocale::English));
    m_model = m_tmp.filePath("tiny.safetensors");
    const Run init = nsynthRun({"init", "--preset", "tiny", "--seed", "3", "-o", m_model});
    QVERIFY2(init.rc == 0, qPrintable(init.why()));
    m_settings = std::make_unique<app::AppSettings>(m_tmp.filePath("settings.ini"));
    m_settings->setLastFolder(m_tmp.path());
    m_language = std::make_unique<app::LanguageManager>();
    m_language->apply("en");
    m_options.resourcesDir = m_tmp.filePath("resources");
    m_options.modelPath = m_model;
    openWindow();
    m_workspace = m_tmp.filePath("grids");
    QVERIFY(m_window->createWorkspace(m_workspace, "grids"));
}

void TestGridWorkbench::cleanupTestCase()
{
    closeMessageBoxes();
    // Nothing may keep running after the test: stop what the queue still has under way.
    if (m_window && m_window->jobQueue()->isOpen()) {
        for (const auto& r : m_window->jobQueue()->jobs())
            if (app::jobStateIsActive(r.state))
                m_window->jobQueue()->cancel(r.id);
        QTRY_VERIFY_WITH_TIMEOUT(std::none_of(m_window->jobQueue()->jobs().begin(), m_window->jobQueue()->jobs().end(),
                                              [](const app::JobRecord& r) { return app::jobStateIsActive(r.state); }),
                                 30000);
    }
    m_window.reset();
}

void TestGridWorkbench::openWindow()
{
    m_window = std::make_unique<widgets::MainWindow>(m_settings.get(), m_language.get(), m_options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentModel()->state() == app::CurrentModel::State::Ready, 30000);
}

const app::JobRecord* TestGridWorkbench::record(const QString& id) const
{
    return m_window->jobQueue()->job(id);
}

void TestGridWorkbench::click(const char* button)
{
    auto* b = m_window->findChild<QPushButton*>(QString::fromLatin1(button));
    QVERIFY2(b, button);
    QVERIFY2(b->isEnabled(), button);
    QTest::mouseClick(b, Qt::LeftButton);
}

void TestGridWorkbench::importFolder(const QString& folder, int expected)
{
    QSignalSpy imported(m_window.get(), &widgets::MainWindow::importFinished);
    m_window->importPaths({folder});
    QVERIFY(imported.wait(120000));
    QCOMPARE(imported.last()[0].toInt(), expected);
    QVERIFY2(imported.last()[1].toStringList().isEmpty(), qPrintable(imported.last()[1].toStringList().join('\n')));
}

void TestGridWorkbench::design(const std::array<QStringList, 4>& corners, const std::vector<int>& pitches,
                               int resolution, int batchSize)
{
    widgets::GridDesignerPage* d = m_window->gridDesigner();
    for (int k = 0; k < 4; ++k)
        d->setCorner(k, corners[size_t(k)]);
    if (pitches.empty())
        d->useCommonPitches();
    else
        d->setPitches(pitches);
    d->setResolution(resolution);
    d->setBatchSize(batchSize);
}

// ---------------------------------------------------------------------------------------------

void TestGridWorkbench::designerCountsMatchPlanner()
{
    // Eight instruments at 36, 40 and 44 (harp lacks 44).
    const QString folder = m_tmp.filePath("synthetic");
    const QStringList instruments{"reed", "bell", "pad", "bass", "flute", "organ", "harp", "brass"};
    int n = 0;
    for (const QString& i : instruments)
        for (int p : {36, 40, 44})
            if (!(i == "harp" && p == 44)) {
                test::writeTone(QString("%1/%2_%3.wav").arg(folder, i).arg(p), p, 16000, 4.0, 0.5, 0.05);
                ++n;
            }
    importFolder(folder, n);
    m_window->pages()->setCurrentIndex(widgets::MainWindow::GridPage);
    widgets::GridDesignerPage* d = m_window->gridDesigner();

    // The default pitches: those every chosen instrument has.
    design({QStringList{"reed"}, {"bell"}, {"pad"}, {"harp"}}, {}, 9);
    QCOMPARE(d->design().pitches, (std::vector<int>{36, 40}));
    design({QStringList{"reed"}, {"bell"}, {"pad"}, {"bass"}}, {}, 9);
    QCOMPARE(d->design().pitches, (std::vector<int>{36, 40, 44}));

    struct Case {
        std::array<QStringList, 4> corners;
        std::vector<int> pitches;
        int resolution;
        int batch;
    };
    const Case cases[] = {
        {{QStringList{"reed"}, {"bell"}, {"pad"}, {"bass"}}, {36, 40}, 3, 2},
        {{QStringList{"reed", "flute"}, {"bell", "organ"}, {"pad", "harp"}, {"bass", "brass"}}, {36, 40}, 9, 16},
        {{QStringList{"reed"}, {"bell", "organ", "flute"}, {"pad"}, {"bass", "brass"}}, {40}, 5, 7},
        {{QStringList{"reed"}, {"reed", "bell"}, {"pad"}, {"pad", "bass"}}, {36, 44}, 4, 3},
        {{QStringList{"reed", "flute", "organ", "brass"}, {"bell"}, {"pad"}, {"bass"}}, {36, 40, 44}, 9, 16},
    };
    for (const Case& c : cases) {
        design(c.corners, c.pitches, c.resolution, c.batch);
        const app::GridDesignCounts counts = d->counts();
        QStringList cornerArgs, pitchArgs;
        for (const auto& corner : c.corners)
            cornerArgs << corner.join('+');
        for (int p : c.pitches)
            pitchArgs << QString::number(p);
        const Run plan = nsynthRun({"grid", "plan", "--dry-run", "--json", "--no-measure", "--progress", "none",
                                    "--notes", m_workspace + "/notes", "--corners", cornerArgs.join(','), "--pitches",
                                    pitchArgs.join(','), "--resolution", QString::number(c.resolution), "--batch-size",
                                    QString::number(c.batch), "--model", m_model});
        QVERIFY2(plan.rc == 0, qPrintable(plan.why()));
        const QJsonObject expected = plan.json()["counts"].toObject();
        const QString what = cornerArgs.join(',') + QString(" R%1").arg(c.resolution);
        QVERIFY(counts.valid);
        QCOMPARE(counts.combinations, expected["combinations"].toInteger());
        QCOMPARE(qint64(counts.cells), expected["cells"].toInteger());
        QCOMPARE(counts.gridNotes, expected["naive_notes"].toInteger());
        QVERIFY2(counts.uniqueNotes == expected["unique_notes"].toInteger(),
                 qPrintable(QString("%1: %2 vs %3").arg(what).arg(counts.uniqueNotes).arg(expected["unique_notes"].toInteger())));
        QCOMPARE(counts.batches, plan.json()["schedule"].toObject()["batches"].toInteger());
        // The page says the same number.
        QTRY_VERIFY(m_window->findChild<QLabel*>("designCounts")->text().contains(
            QLocale().toString(qlonglong(counts.uniqueNotes))));
        QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy(), 60000);
        QVERIFY2(d->problems().isEmpty(), qPrintable(d->problems().join('\n')));
    }
    // The screenshot: 4 x 1 x 1 x 1 instruments, 9 x 9, 3 pitches; the time measured here.
    QTRY_VERIFY_WITH_TIMEOUT(d->speedMeasured() && !d->isBusy(), 60000);
    const QString estimate = d->estimateText();
    QVERIFY2(estimate.contains("This computer's CPU") && estimate.contains("samples/s"), qPrintable(estimate));
    QVERIFY2(estimate.contains("Local GPU: none found"), qPrintable(estimate));
    QVERIFY2(estimate.contains("triton"), qPrintable(estimate));
    QVERIFY(m_window->findChild<QPushButton*>("addToQueue")->isEnabled());
    test::screenshot(m_window.get(), "grid_designer");
}

void TestGridWorkbench::designerShowsProblems()
{
    widgets::GridDesignerPage* d = m_window->gridDesigner();
    m_window->pages()->setCurrentIndex(widgets::MainWindow::GridPage);
    // harp has no note at 44: listed before anything runs, as the planner would refuse it.
    design({QStringList{"reed"}, {"bell"}, {"harp"}, {"bass"}}, {36, 44}, 9);
    QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy(), 60000);
    QCOMPARE(d->problems().size(), 1);
    QVERIFY2(d->problems()[0].contains("harp") && d->problems()[0].contains("44"), qPrintable(d->problems()[0]));
    QVERIFY(!m_window->findChild<QPushButton*>("addToQueue")->isEnabled());
    const Run refused = nsynthRun({"grid", "plan", "--dry-run", "--no-measure", "--progress", "none", "--notes",
                                   m_workspace + "/notes", "--corners", "reed,bell,harp,bass", "--pitches", "36,44",
                                   "--model", m_model});
    QCOMPARE(refused.rc, 1);
    QVERIFY2(refused.err.contains("harp") && refused.err.contains("44"), qPrintable(refused.why()));
    // A note of another length (changed outside the workbench).
    const QString bell40 = m_workspace + "/notes/bell_40.wav";
    const QByteArray original = readAll(bell40);
    test::writeTone(bell40, 40, 16000, 3.0, 0.5, 0.05);
    design({QStringList{"reed"}, {"bell"}, {"pad"}, {"bass", "harp"}}, {36, 40}, 9);
    QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy(), 60000);
    QCOMPARE(d->problems().size(), 1);
    QVERIFY2(d->problems()[0].contains("bell_40") && d->problems()[0].contains("48000"), qPrintable(d->problems()[0]));
    const Run lengths = nsynthRun({"grid", "plan", "--dry-run", "--no-measure", "--progress", "none", "--notes",
                                   m_workspace + "/notes", "--corners", "reed,bell,pad,bass+harp", "--pitches", "36,40",
                                   "--model", m_model});
    QCOMPARE(lengths.rc, 1);
    QVERIFY2(lengths.err.contains("bell_40"), qPrintable(lengths.why()));
    // An empty corner.
    design({QStringList{"reed"}, {}, {"pad"}, {"bass"}}, {36, 40}, 9);
    QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy(), 60000);
    QVERIFY(d->problems().join('\n').contains("top-right corner has no instrument"));
    QVERIFY(!d->counts().valid);
    // Adding it anyway is refused with the reason.
    QString error;
    QVERIFY(!d->addToQueue(&error));
    QVERIFY2(error.contains("top-right"), qPrintable(error));
    design({QStringList{"reed"}, {"bell"}, {"pad"}, {"bass", "harp"}}, {36, 40}, 9);
    QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy(), 60000);
    test::screenshot(m_window.get(), "grid_designer_problems");
    QFile f(bell40);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(original);
}

void TestGridWorkbench::xyPadMapsLikeTheDevice()
{
    widgets::XyPad pad;
    pad.resize(440, 520);
    pad.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pad));
    QSignalSpy touched(&pad, &widgets::XyPad::touched);
    for (int R : {2, 3, 9}) {
        pad.setResolution(R);
        const std::vector<int> nonZero = nonZeroWeightCounts(R);
        QSet<int> cellsReached;
        for (int ty = 0; ty < 11; ++ty)
            for (int tx = 0; tx < 11; ++tx) {
                touched.clear();
                QTest::mouseClick(&pad, Qt::LeftButton, Qt::NoModifier, pad.touchPosition(tx, ty));
                QCOMPARE(touched.size(), 1);
                const auto p = touched.last()[0].value<app::OnsPadPoint>();
                // The device: x = t / 10, cell = round(x * (R - 1)) (C's round), weights of the
                // cell's grid point (model/grid.h), bank row (yi * R + xi) * P + j.
                const int xi = int(std::round(tx / 10.0 * (R - 1))), yi = int(std::round(ty / 10.0 * (R - 1)));
                QCOMPARE(p.touchX, tx);
                QCOMPARE(p.touchY, ty);
                QCOMPARE(p.cellX, xi);
                QCOMPARE(p.cellY, yi);
                QCOMPARE(p.cell, yi * R + xi);
                const auto w = cornerWeights(gridCoordinate(xi, R), gridCoordinate(yi, R));
                int positive = 0;
                for (int k = 0; k < 4; ++k) {
                    QCOMPARE(p.weights[size_t(k)], w[size_t(k)]);
                    positive += p.weights[size_t(k)] > 0;
                }
                QCOMPARE(positive, nonZero[size_t(p.cell)]);
                cellsReached.insert(p.cell);
            }
        // Every cell is reachable with 11 positions per axis up to R = 11.
        QCOMPARE(cellsReached.size(), R * R);
    }
    // R = 9: positions 2 and 3 both play cell 2, 7 and 8 both cell 6 (ons-pipeline.md section 4).
    pad.setResolution(9);
    for (auto [t, cell] : {std::pair{2, 2}, {3, 2}, {7, 6}, {8, 6}}) {
        touched.clear();
        QTest::mouseClick(&pad, Qt::LeftButton, Qt::NoModifier, pad.touchPosition(t, 0));
        QCOMPARE(touched.last()[0].value<app::OnsPadPoint>().cellX, cell);
    }
    // Just inside the edges of a zone.
    const QRectF r = pad.padRect();
    for (int t = 0; t < 11; ++t)
        for (double edge : {t / 11.0 + 0.004, (t + 1) / 11.0 - 0.004}) {
            touched.clear();
            QTest::mouseClick(&pad, Qt::LeftButton, Qt::NoModifier,
                              QPointF(r.left() + edge * r.width(), r.center().y()).toPoint());
            QCOMPARE(touched.last()[0].value<app::OnsPadPoint>().touchX, t);
        }
    // Outside the square nothing is touched.
    touched.clear();
    QTest::mouseClick(&pad, Qt::LeftButton, Qt::NoModifier, QPoint(int(r.center().x()), 2));
    QCOMPARE(touched.size(), 0);
}

void TestGridWorkbench::modelManager()
{
    // The three kinds the manager lists: the shipped default (a model file where the workbench
    // looks for it), a model trained with the project's trainer (nsynth train + nsynth export,
    // a few steps on two tones) and a Magenta TensorFlow checkpoint (NSynth's variable
    // layout, written by the checkpoint tests' fixture), each summarised from its own files.
    const QString defaultModel = QDir(m_options.resourcesDir).filePath("models/default.safetensors");
    QVERIFY(QDir().mkpath(QFileInfo(defaultModel).path()));
    const Run initDefault = nsynthRun({"init", "--preset", "tiny", "--seed", "5", "-o", defaultModel});
    QVERIFY2(initDefault.rc == 0, qPrintable(initDefault.why()));
    const QString run = m_tmp.filePath("train-run"), trained = m_tmp.filePath("trained.safetensors");
    const QString trainNotes = m_tmp.filePath("train-notes");
    for (int p : {48, 55})
        test::writeTone(QString("%1/sine_%2.wav").arg(trainNotes).arg(p), p, 16000, 1.0, 0.5, 0.05);
    const Run train = nsynthRun({"train", "--data", trainNotes, "--preset", "tiny", "--steps", "3",
                                 "--batch-size", "2", "--crop-samples", "1024", "--valid-fraction", "0", "--threads",
                                 "1", "--progress", "none", "-o", run});
    QVERIFY2(train.rc == 0, qPrintable(train.why()));
    const Run exported = nsynthRun({"export", run, "-o", trained, "--progress", "none"});
    QVERIFY2(exported.rc == 0, qPrintable(exported.why()));
    const QString checkpoint = m_tmp.filePath("magenta/model.ckpt-200000");
    QVERIFY(QDir().mkpath(m_tmp.filePath("magenta")));
    test::writeNSynthCheckpoint(checkpoint.toStdString(), ModelConfig::preset("tiny"), 11);

    widgets::ModelManagerDialog* dialog = m_window->openModelManager();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QSignalSpy summarized(dialog, &widgets::ModelManagerDialog::summarized);
    QVERIFY(dialog->addModel(m_model));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
    const ModelConfig tiny = ModelConfig::preset("tiny");
    const QString text = dialog->summaryText();
    QVERIFY2(text.contains(QLocale().toString(qlonglong(tiny.encoderParameterCount() + tiny.decoderParameterCount()))),
             qPrintable(text));
    QVERIFY2(text.contains(QString("Receptive field: %1 samples").arg(tiny.decoderReceptiveField())), qPrintable(text));
    QVERIFY2(text.contains("multiply-adds") && text.contains("not measured yet"), qPrintable(text));
    // The speed here, measured in the background.
    dialog->summarizeSelected(true);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 60000);
    QVERIFY2(dialog->summaryText().contains("samples/s at batch 16"), qPrintable(dialog->summaryText()));
    // Kept for next time.
    QVERIFY(QFileInfo::exists(m_tmp.filePath("config/nsynth-workbench/models.json")));
    // Something that is not a model: one clear message.
    const QString notModel = m_tmp.filePath("not-a-model.safetensors");
    {
        QFile f(notModel);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a model");
    }
    QVERIFY(dialog->addModel(notModel));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
    QVERIFY2(dialog->errorText().contains("not-a-model.safetensors"), qPrintable(dialog->errorText()));
    QVERIFY(!dialog->addModel(m_tmp.filePath("missing.safetensors")));
    QVERIFY2(dialog->errorText().contains("missing.safetensors") && dialog->errorText().contains("does not exist"),
             qPrintable(dialog->errorText()));
    const int listed = dialog->modelCount();
    dialog->selectModel(notModel);
    QVERIFY(dialog->removeSelected());
    QCOMPARE(dialog->modelCount(), listed - 1);
    // The default model comes first, summarised like any other, and cannot be removed.
    QVERIFY(dialog->selectedPath() != QFileInfo(notModel).absoluteFilePath());
    dialog->selectModel(QDir::cleanPath(defaultModel));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
    QVERIFY2(dialog->summaryText().contains("Kind: model file"), qPrintable(dialog->summaryText()));
    QVERIFY(dialog->findChild<QListWidget*>()->item(0)->text().contains("(default)"));
    QVERIFY(!dialog->removeSelected());
    // Trained here: the model card says so.
    QVERIFY(dialog->addModel(trained));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
    QVERIFY2(dialog->summaryText().contains("trained with this project's trainer"), qPrintable(dialog->summaryText()));
    QVERIFY2(dialog->summaryText().contains(QString("Receptive field: %1 samples").arg(tiny.decoderReceptiveField())),
             qPrintable(dialog->summaryText()));
    // A checkpoint from any of its paths: the .index file, a data shard, the folder. Each is the
    // same checkpoint, listed once under its prefix and summarised as a tiny network (the same
    // parameter count as the model file).
    const QString parameters = QLocale().toString(qlonglong(tiny.encoderParameterCount() + tiny.decoderParameterCount()));
    const int beforeCheckpoint = dialog->modelCount();
    for (const QString& path : {checkpoint + ".index", checkpoint + ".data-00000-of-00001", m_tmp.filePath("magenta")}) {
        QVERIFY2(dialog->addModel(path), qPrintable(path));
        QCOMPARE(dialog->modelCount(), beforeCheckpoint + 1);
        QCOMPARE(dialog->selectedPath(), QFileInfo(checkpoint).absoluteFilePath());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        const QString summary = dialog->summaryText();
        QVERIFY2(summary.contains("TensorFlow checkpoint (raw weights)") && summary.contains(parameters),
                 qPrintable(path + ":\n" + summary));
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    }
    // A folder without a checkpoint: one message naming it.
    QVERIFY(!dialog->addModel(m_tmp.filePath("train-run")));
    QVERIFY2(dialog->errorText().contains("train-run"), qPrintable(dialog->errorText()));
    // Use one: it becomes the workbench's model.
    dialog->selectModel(m_model);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
    test::screenshot(dialog, "model_manager", {900, 560});
    QTest::mouseClick(dialog->findChild<QPushButton*>("useModel"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentModel()->state() == app::CurrentModel::State::Ready, 30000);
    QCOMPARE(QFileInfo(m_window->currentModel()->path()).absoluteFilePath(), QFileInfo(m_model).absoluteFilePath());
    dialog->close();
    closeMessageBoxes();
}

// ---------------------------------------------------------------------------------------------

void TestGridWorkbench::importRealNotes()
{
    const struct {
        const char* path;
        const char* instrument;
        int pitch;
    } sources[] = {
        {"instruments/karoryfer-weresax/db2_f_rr1_cnd.wav", "sax", 36},
        {"instruments/karoryfer-weresax/e3_f_rr1_cnd.wav", "sax", 40},
        {"instruments/splendid-grand-piano/FF C4.flac", "piano", 36},
        {"instruments/splendid-grand-piano/MF D2.flac", "piano", 40},
        {"instruments/karoryfer-bigcat-cello/C1_mf_d.wav", "cello", 36},
        {"instruments/karoryfer-bigcat-cello/Gb2_1.wav", "cello", 40},
        {"instruments/vsco2-trumpet-simon-plus/Sum_SHTrumpet_sus_A2_v1_rr1.wav", "trumpet", 36},
        {"instruments/vsco2-trumpet-simon-plus/Sum_SHTrumpet_sus_F4_v1_rr1.wav", "trumpet", 40},
    };
    for (const auto& s : sources)
        NSYNTH_REQUIRE_TEST_DATA(s.path);
    // Conformed and named as a workshop would (as tests/grid does), then dropped in.
    const QString folder = m_tmp.filePath("real-notes");
    QDir().mkpath(folder);
    for (const auto& s : sources) {
        const std::string name = audio::workshopFileName(s.instrument, s.pitch);
        const auto conformed = audio::conformNote(audio::readAudio(test::testDataPath(s.path)), name);
        QVERIFY(!conformed.report.hasErrors());
        audio::writeAudio((folder + "/" + QString::fromStdString(name)).toStdString(), conformed.samples.data(),
                          int64_t(conformed.samples.size()), 16000);
    }
    importFolder(folder, 8);
}

const QString& TestGridWorkbench::reference()
{
    // The same grid planned and run headless in one go: what every GUI job must equal.
    if (m_reference.isEmpty()) {
        const QString job = m_tmp.filePath("reference");
        const Run plan = nsynthRun({"grid", "plan", "--notes", m_workspace + "/notes", "--corners",
                                    "sax,piano,cello,trumpet", "--pitches", "36,40", "--resolution", "3", "--batch-size",
                                    "1", "--seed", "11", "--model", m_model, "--no-measure", "--progress", "none", "-o",
                                    job});
        const Run run = nsynthRun({"grid", "run", job, "--threads", "1", "--progress", "none"});
        if (plan.rc == 0 && run.rc == 0)
            m_reference = job;
        else
            qWarning("%s\n%s", qPrintable(plan.why()), qPrintable(run.why()));
    }
    return m_reference;
}

bool TestGridWorkbench::queueRealJob(const QString& name)
{
    m_window->pages()->setCurrentIndex(widgets::MainWindow::GridPage);
    widgets::GridDesignerPage* d = m_window->gridDesigner();
    design({QStringList{"sax"}, {"piano"}, {"cello"}, {"trumpet"}}, {36, 40}, 3, 1);
    d->setSeed(11);
    d->setThreads(1);
    d->setJobName(name);
    auto* add = m_window->findChild<QPushButton*>("addToQueue");
    if (!QTest::qWaitFor([&] { return !d->isBusy() && add->isEnabled(); }, 60000)) {
        qWarning("designer not ready: %s", qPrintable(d->problems().join("; ")));
        return false;
    }
    QTest::mouseClick(add, Qt::LeftButton);
    return record(name) != nullptr && m_window->pages()->currentIndex() == widgets::MainWindow::JobsPage;
}

void TestGridWorkbench::jobPauseCancelResumeBitwise()
{
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    QVERIFY(!reference().isEmpty());
    const QString id = "steps";
    QVERIFY(queueRealJob(id));
    widgets::JobQueuePage* page = m_window->jobQueuePage();
    QCOMPARE(page->currentJob(), id);
    const QString folder = record(id)->folder;
    // It plans, then generates with progress.
    QTRY_VERIFY_WITH_TIMEOUT(record(id)->state == app::JobState::Running && record(id)->progress.notesDone >= 1, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(page->cellText(id, widgets::JobQueuePage::EtaColumn) != "", 10000);
    test::screenshot(m_window.get(), "job_queue");
    QVERIFY(page->cellText(id, widgets::JobQueuePage::NotesColumn).endsWith("/ 18"));

    // Pause: stops after the batch in progress.
    click("pauseJob");
    QTRY_VERIFY_WITH_TIMEOUT(record(id)->state == app::JobState::Paused, 30000);
    const int paused = rawCount(folder);
    QVERIFY2(paused >= 1 && paused < 18, qPrintable(QString::number(paused)));
    QVERIFY(!m_window->jobQueue()->activeRun(id));
    QTest::qWait(500);
    QCOMPARE(rawCount(folder), paused);  // nothing runs while paused

    // Resume, then cancel midway.
    click("resumeJob");
    QTRY_VERIFY_WITH_TIMEOUT(record(id)->state == app::JobState::Running && rawCount(folder) > paused, 60000);
    click("cancelJob");
    QTRY_VERIFY_WITH_TIMEOUT(record(id)->state == app::JobState::Cancelled, 30000);
    const int cancelled = rawCount(folder);
    QVERIFY2(cancelled > paused && cancelled < 18, qPrintable(QString("%1 after %2").arg(cancelled).arg(paused)));

    // Resume to the end: bitwise the uninterrupted headless run.
    click("resumeJob");
    QTRY_VERIFY_WITH_TIMEOUT(record(id)->state == app::JobState::Finished, 120000);
    QCOMPARE(rawCount(folder), 18);
    QCOMPARE(record(id)->progress.notesDone, int64_t(18));
    QString why;
    QVERIFY2(sameTrees(reference() + "/raw", folder + "/raw", {}, &why), qPrintable(why));
    // Three runs in the log, each with its outcome.
    QTRY_VERIFY(page->logText().count("=== nsynth grid run") == 3);
    QVERIFY2(page->logText().contains("=== nsynth grid plan"), qPrintable(page->logText()));
    QVERIFY2(page->logText().contains("result: stopped") && page->logText().contains("result: finished"),
             qPrintable(page->logText()));
    QVERIFY(page->logText().contains("batch 0 written"));
    QCOMPARE(page->cellText(id, widgets::JobQueuePage::ProgressColumn), QString("1000"));
    test::screenshot(m_window.get(), "job_queue_finished");
}

void TestGridWorkbench::jobSurvivesRestart()
{
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    QVERIFY(!reference().isEmpty());
    const QString jobs = m_workspace + "/jobs";
    QString why;

    // 1. Kept running while the workbench is closed; the reopened one reattaches.
    QVERIFY(m_window->jobQueue()->keepRunningOnClose());
    QVERIFY(queueRealJob("restart"));
    QTRY_VERIFY_WITH_TIMEOUT(record("restart")->state == app::JobState::Running &&
                                 record("restart")->progress.stage == "run" && record("restart")->progress.notesDone >= 1,
                             60000);
    m_window.reset();
    const QJsonObject saved = queueRecord(jobs, "restart");
    QCOMPARE(saved["state"].toString(), QString("running"));
    QVERIFY2(processOf(saved).isRunning(), "the job should go on without the workbench");
    openWindow();
    QVERIFY(m_window->openWorkspace(m_workspace));
    QVERIFY(m_window->jobQueue()->activeRun("restart"));  // reattached, not started again
    QTRY_VERIFY_WITH_TIMEOUT(record("restart")->state == app::JobState::Finished, 120000);
    QCOMPARE(record("restart")->logs.filter("run-").size(), 1);  // one run from start to end
    QVERIFY2(sameTrees(reference() + "/raw", m_workspace + "/jobs/restart/raw", {}, &why), qPrintable(why));

    // 2. Stopped when the workbench closes (at a batch boundary); resumed when it is reopened.
    QTest::mouseClick(m_window->findChild<QCheckBox*>("keepRunningOnClose"), Qt::LeftButton);
    QVERIFY(!m_window->jobQueue()->keepRunningOnClose());
    QVERIFY(queueRealJob("restart-stop"));
    QTRY_VERIFY_WITH_TIMEOUT(record("restart-stop")->state == app::JobState::Running &&
                                 record("restart-stop")->progress.stage == "run" &&
                                 record("restart-stop")->progress.notesDone >= 1,
                             60000);
    m_window.reset();
    const QJsonObject stopped = queueRecord(jobs, "restart-stop");
    QCOMPARE(stopped["state"].toString(), QString("interrupted"));
    QTRY_VERIFY_WITH_TIMEOUT(!processOf(stopped).isRunning(), 30000);
    const int before = rawCount(m_workspace + "/jobs/restart-stop");
    QVERIFY2(before >= 1 && before < 18, qPrintable(QString::number(before)));
    openWindow();
    QVERIFY(m_window->openWorkspace(m_workspace));
    QTRY_VERIFY_WITH_TIMEOUT(record("restart-stop")->state == app::JobState::Finished, 120000);
    QCOMPARE(record("restart-stop")->logs.filter("run-").size(), 2);  // the stopped run and the resumed one
    QVERIFY2(sameTrees(reference() + "/raw", m_workspace + "/jobs/restart-stop/raw", {}, &why), qPrintable(why));
    QTest::mouseClick(m_window->findChild<QCheckBox*>("keepRunningOnClose"), Qt::LeftButton);
    QVERIFY(m_window->jobQueue()->keepRunningOnClose());
}

void TestGridWorkbench::exportMatchesHeadless()
{
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    const app::JobRecord* job = record("steps");
    QVERIFY(job && job->state == app::JobState::Finished);
    const QString folder = job->folder;
    m_window->pages()->setCurrentIndex(widgets::MainWindow::JobsPage);
    m_window->jobQueuePage()->selectJob("steps");
    click("exportJob");
    auto* dialog = test::waitForDialog<widgets::GridExportDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->outputFolder(), m_workspace + "/exports/steps");
    dialog->setTargets(true, true, true);
    const QString help = dialog->findChild<QLabel*>("exportDeviceHelp")->text();
    QVERIFY2(help.contains("/home/pi/pads") && help.contains("settings.json"), qPrintable(help));
    test::screenshot(dialog, "grid_export_dialog", {720, 600});
    QSignalSpy exported(dialog, &widgets::GridExportDialog::exported);
    QVERIFY(dialog->startExport());
    QVERIFY(exported.wait(120000));
    QVERIFY2(dialog->resultText().contains("Exported"), qPrintable(dialog->resultText()));
    const QString gui = m_workspace + "/exports/steps";
    const QString cli = m_tmp.filePath("cli-export");
    const Run ex = nsynthRun({"grid", "export", folder, "-o", cli, "--target", "ons,pd,pack", "--progress", "none"});
    QVERIFY2(ex.rc == 0, qPrintable(ex.why()));
    QString why;
    QVERIFY2(sameTrees(cli, gui, {"manifest.json"}, &why), qPrintable(why));
    QVERIFY(QFileInfo::exists(gui + "/ons/pads/sax_piano_cello_trumpet.bin"));
    QVERIFY(QFileInfo::exists(gui + "/manifest.json"));
    // And the headless export of the uninterrupted reference job: the same banks.
    if (!reference().isEmpty()) {
        const QString ref = m_tmp.filePath("reference-export");
        QCOMPARE(nsynthRun({"grid", "export", reference(), "-o", ref, "--target", "ons,pd", "--progress", "none"}).rc, 0);
        QCOMPARE(readAll(ref + "/ons/pads/sax_piano_cello_trumpet.bin"), readAll(gui + "/ons/pads/sax_piano_cello_trumpet.bin"));
    }
    dialog->close();
}

void TestGridWorkbench::previewPlaysTheBankRows()
{
    NSYNTH_REQUIRE_TEST_DATA("instruments/karoryfer-weresax/db2_f_rr1_cnd.wav");
    const app::JobRecord* job = record("steps");
    QVERIFY(job && job->state == app::JobState::Finished);
    const QString bank = m_workspace + "/exports/steps/ons/pads/sax_piano_cello_trumpet.bin";
    QVERIFY(QFileInfo::exists(bank));
    m_window->jobQueuePage()->selectJob("steps");
    m_window->pages()->setCurrentIndex(widgets::MainWindow::JobsPage);
    click("previewJob");
    widgets::GridPreviewPage* preview = m_window->gridPreview();
    QCOMPARE(m_window->pages()->currentIndex(), int(widgets::MainWindow::PreviewPage));
    QCOMPARE(QDir(preview->jobFolder()).absolutePath(), QDir(job->folder).absolutePath());
    QCOMPARE(preview->pad()->resolution(), 3);
    QVERIFY2(preview->statusText().contains("18 of 18"), qPrintable(preview->statusText()));
    // One instrument per corner: nothing to choose.
    QVERIFY(!preview->findChild<QComboBox*>("previewCorner0")->isEnabled());
    // Every touch position plays the bank rows the device would read.
    const audio::OnsBankLayout layout{3, 2, 60000};
    for (int ty : {0, 3, 5, 8, 10})
        for (int tx : {0, 2, 5, 7, 10}) {
            QTest::mouseClick(preview->pad(), Qt::LeftButton, Qt::NoModifier, preview->pad()->touchPosition(tx, ty));
            const app::OnsPadPoint p = preview->pad()->point();
            const auto& samples = preview->synth().samples();
            QCOMPARE(int(samples.size()), 2);
            for (int j = 0; j < 2; ++j) {
                QVERIFY(samples[size_t(j)].valid());
                QCOMPARE(samples[size_t(j)].pitch, j == 0 ? 36 : 40);
                const std::vector<int16_t> row = audio::readOnsBankNote(bank.toStdString(), layout, p.cellY, p.cellX, j);
                QCOMPARE(samples[size_t(j)].samples->size(), row.size());
                for (size_t i = 0; i < row.size(); ++i)
                    if ((*samples[size_t(j)].samples)[i] != float(row[i]) / 32768.0f)
                        QFAIL(qPrintable(QString("cell (%1, %2) pitch %3 differs at %4").arg(p.cellX).arg(p.cellY).arg(j).arg(i)));
            }
        }
    // The weights shown are the cell's.
    preview->touch(2, 5);
    QVERIFY2(preview->findChild<QLabel*>("previewWeights")->text().contains("0.500"),
             qPrintable(preview->findChild<QLabel*>("previewWeights")->text()));
    // Without a sound server the page says so, and still follows the keys.
    QVERIFY2(preview->errorText().contains("No audio output device"), qPrintable(preview->errorText()));
    QTest::keyPress(preview, Qt::Key_S);
    QVERIFY(preview->synth().isKeyDown(38));
    QVERIFY(preview->keyboard()->isPressed(38));
    test::screenshot(m_window.get(), "grid_preview_no_device");
    QTest::keyRelease(preview, Qt::Key_S);
    QVERIFY(!preview->synth().isKeyDown(38));
}

QTEST_MAIN(TestGridWorkbench)
#include "test_grid_workbench.moc"
