// The workbench with a real Slurm cluster over SSH on 127.0.0.1 (tests/cluster/loopback_cluster.h:
// munged, slurmctld, slurmd and sshd started and stopped by this test, nothing else contacted),
// driven offscreen like a user would: the cluster profiles dialog (the sbatch script it shows, a
// profile refused with its problem named, Test connection with one result per check, an unknown
// host key trusted only after the question showed its fingerprint), then a 3 x 3 grid of 2
// pitches from real instrument notes designed in the grid designer, sent to the cluster with
// "Run on: cluster", watched in the job queue, the workbench closed and reopened while the array
// runs (it reattaches by the Slurm job id in the job folder), paused (scancel) and resumed (the
// stopped shards resubmitted), fetched, and compared bitwise with the same grid run headless
// here. Screenshots go to <build>/test-output/widgets/cluster_*.png.

#include "app_settings.h"
#include "audio_file.h"
#include "cluster/loopback_cluster.h"
#include "cluster_job.h"
#include "cluster_job_runner.h"
#include "cluster_profile.h"
#include "cluster_profiles_dialog.h"
#include "conform.h"
#include "current_model.h"
#include "grid_designer_page.h"
#include "job_queue.h"
#include "job_queue_page.h"
#include "language.h"
#include "local_job_runner.h"
#include "main_window.h"
#include "note_name.h"
#include "shell_quote.h"
#include "widget_test_support.h"

#include <QComboBox>
#include <QDirIterator>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace nsynth;

namespace {

using Run = test::CommandRun;

Run nsynthRun(const QStringList& args)
{
    return test::runCommand(QString::fromUtf8(NSYNTH_BIN), args);
}

QMap<QString, QByteArray> rawNotes(const QString& job)
{
    QMap<QString, QByteArray> out;
    for (const auto& name : QDir(job + "/raw").entryList({"*.wav"}, QDir::Files)) {
        QFile f(job + "/raw/" + name);
        if (f.open(QIODevice::ReadOnly))
            out.insert(name, f.readAll());
    }
    return out;
}

QString visibleMessageBoxText()
{
    QString text;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible())
            text += box->text() + '\n';
    return text;
}

void closeMessageBoxes()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible())
            box->close();
    QApplication::processEvents();
}

} // namespace

class TestClusterGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void profilesDialog();
    void gridOnTheClusterBitwise();

private:
    void openWindow();
    void registerFastRunner();
    const app::JobRecord* record(const QString& id) const { return m_window->jobQueue()->job(id); }

    LoopbackCluster m_cluster;
    bool m_up = false;
    QString m_whyNot;
    QTemporaryDir m_tmp;
    std::unique_ptr<app::AppSettings> m_settings;
    std::unique_ptr<app::LanguageManager> m_language;
    std::unique_ptr<widgets::MainWindow> m_window;
    widgets::WorkbenchOptions m_options;
    QString m_model, m_workspace, m_gate;
};

#define REQUIRE_CLUSTER()                                                                                         \
    do {                                                                                                          \
        if (!m_up)                                                                                                \
            QSKIP(qPrintable("the loopback cluster cannot run here: " + m_whyNot));                               \
    } while (0)

void TestClusterGui::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(QString::fromUtf8(NSYNTH_BIN)));
    // Starting the cluster points HOME, XDG_CONFIG_HOME, XDG_RUNTIME_DIR and the profiles file
    // into its temporary folder: the workbench below reads and writes only there.
    m_up = m_cluster.start(&m_whyNot);
    if (!m_up) {
        qWarning("loopback cluster not available: %s", qPrintable(m_whyNot));
        return;
    }
    qputenv("PULSE_SERVER", "unix:/nonexistent/nsynth-test-no-sound-server");
    qputenv("XDG_CACHE_HOME", m_tmp.filePath("cache").toUtf8());
    qputenv("NSYNTH_COMMAND", NSYNTH_BIN);
    qunsetenv("NSYNTH_MODEL");
    qunsetenv("NSYNTH_MODEL_CATALOG");
    QLocale::setDefault(QLocale(QLocale::English));
    m_model = m_tmp.filePath("tiny.safetensors");
    const Run init = nsynthRun({"init", "--preset", "tiny", "--seed", "3", "-o", m_model});
    QVERIFY2(init.rc == 0, qPrintable(init.why()));

    // The cluster profile, as a user would have saved it (a work folder with a space and a quote).
    app::ClusterProfile p;
    p.name = "loopback";
    p.host = LoopbackCluster::hostAlias();
    p.sshConfig = m_cluster.sshConfig();
    p.workDir = m_cluster.root() + "/remote work/it's here";
    // The tasks' `nsynth grid ...` waits for a gate file, so the test decides when the array
    // may finish (it must still run when the workbench is closed, and when it is paused);
    // every other nsynth command (the version checks) goes straight through. While it waits,
    // TERM (scancel) ends it at once, as it would end nsynth after its batch.
    m_gate = m_tmp.filePath("gate-open");
    p.nsynthCommand = QString("gate() { if [ \"$1\" = grid ]; then trap - TERM INT; while [ ! -e %1 ]; do sleep 0.2; "
                              "done; trap : TERM INT; fi; %2 \"$@\"; }; gate")
                          .arg(app::shellQuote(m_gate), app::shellQuote(QString::fromUtf8(NSYNTH_BIN)));
    p.cpus = 1;
    p.timeLimit = "30";
    p.signalSeconds = 60;
    app::ClusterProfileStore().add(p, true);

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

void TestClusterGui::cleanupTestCase()
{
    closeMessageBoxes();
    m_window.reset();
    m_cluster.stop();  // cancels every job of this cluster first
}

void TestClusterGui::openWindow()
{
    m_window = std::make_unique<widgets::MainWindow>(m_settings.get(), m_language.get(), m_options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentModel()->state() == app::CurrentModel::State::Ready, 30000);
    registerFastRunner();
}

void TestClusterGui::registerFastRunner()
{
    // The workbench registered a runner for the profile with the back-off meant for real login
    // nodes (5 s, doubling up to 2 min); this test polls every 0.5-2 s instead.
    QVERIFY(m_window->jobQueue()->runner(app::ClusterJobRunner::kindFor("loopback")));
    auto runner = std::make_unique<app::ClusterJobRunner>("loopback", QString::fromUtf8(NSYNTH_BIN));
    app::PollBackoff fast;
    fast.initialMs = 500;
    fast.factor = 1.5;
    fast.maxMs = 2000;
    runner->setBackoff(fast);
    m_window->jobQueue()->registerRunner(std::move(runner));
}

void TestClusterGui::profilesDialog()
{
    REQUIRE_CLUSTER();
    widgets::ClusterProfilesDialog* dialog = m_window->openClusterProfiles();
    QVERIFY(dialog);
    QCOMPARE(dialog->profileNames(), QStringList{"loopback"});
    QVERIFY(dialog->selectProfile("loopback"));
    // The script a job gets with this profile, shown before anything is submitted.
    QVERIFY2(dialog->scriptText().contains("#SBATCH --signal=B:USR1@60") && dialog->scriptText().contains("#SBATCH --time=30") &&
                 dialog->scriptText().contains("--shard \"$shard/$shards\""),
             qPrintable(dialog->scriptText()));

    // A profile with a problem is refused with the problem named, in a dialog; nothing is saved.
    app::ClusterProfile bad = dialog->formProfile();
    bad.name = "broken";
    bad.timeLimit = "soon";
    dialog->setFormProfile(bad);
    QString error;
    QVERIFY(!dialog->saveForm(&error));
    QVERIFY2(error.contains("time_limit \"soon\""), qPrintable(error));
    QTRY_VERIFY(visibleMessageBoxText().contains("time_limit \"soon\""));
    closeMessageBoxes();
    QCOMPARE(app::ClusterProfileStore().load().size(), 1);

    // A copy of the profile whose known_hosts does not know the host: Test connection asks,
    // showing the host's fingerprint, trusts it only then, and tests again.
    const QString known = m_cluster.root() + "/client/known_hosts.gui";
    {
        QFile f(known);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    }
    QFile config(m_cluster.sshConfig());
    QVERIFY(config.open(QIODevice::ReadOnly));
    QByteArray text = config.readAll();
    text.replace(m_cluster.knownHosts().toUtf8(), known.toUtf8());
    const QString guiConfig = m_cluster.root() + "/client/ssh_config.gui";
    {
        QFile f(guiConfig);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }
    QVERIFY(dialog->selectProfile("loopback"));
    app::ClusterProfile second = dialog->formProfile();
    second.name = "loopback-gui";
    second.sshConfig = guiConfig;
    dialog->setFormProfile(second);
    QVERIFY(dialog->saveForm());
    QStringList asked;
    dialog->setTrustQuestion([&](const QString& host, const QString& fingerprint) {
        asked << host + " " + fingerprint;
        return true;
    });
    QSignalSpy tested(dialog, &widgets::ClusterProfilesDialog::testFinished);
    m_cluster.closeSharedConnections();
    dialog->testConnection();
    QVERIFY(tested.wait(120000));
    QCOMPARE(asked, QStringList{LoopbackCluster::hostAlias() + " " + m_cluster.hostFingerprint()});
    QVERIFY2(tested.last()[0].toBool(), qPrintable(dialog->reportText()));
    QVERIFY(dialog->lastReport().ok());
    const QString report = dialog->reportText();
    for (const char* check : {"ssh: ok", "slurm: ok", "nsynth: ok", "work dir: ok", "transfer: ok", "accounting: warning"})
        QVERIFY2(report.contains(QString::fromLatin1(check)), qPrintable(check + QString("\n") + report));
    QFile k(known);
    QVERIFY(k.open(QIODevice::ReadOnly));
    QVERIFY(k.readAll().contains(m_cluster.hostKeyLine().section(' ', 1, 2).toUtf8()));
    test::screenshot(dialog, "cluster_connection_test", {980, 640});
    dialog->close();
    QCOMPARE(m_window->gridDesigner()->findChild<QComboBox*>("runOn")->count(), 3);  // here + 2 profiles
}

void TestClusterGui::gridOnTheClusterBitwise()
{
    REQUIRE_CLUSTER();
    for (const auto& s : kWorkshopNotes)
        NSYNTH_REQUIRE_TEST_DATA(s.path);
    const QString folder = m_tmp.filePath("real-notes");
    QDir().mkpath(folder);
    for (const auto& s : kWorkshopNotes) {
        const std::string name = audio::workshopFileName(s.instrument, s.pitch);
        const auto conformed = audio::conformNote(audio::readAudio(test::testDataPath(s.path)), name);
        QVERIFY(!conformed.report.hasErrors());
        audio::writeAudio((folder + "/" + QString::fromStdString(name)).toStdString(), conformed.samples.data(),
                          int64_t(conformed.samples.size()), 16000);
    }
    QSignalSpy imported(m_window.get(), &widgets::MainWindow::importFinished);
    m_window->importPaths({folder});
    QVERIFY(imported.wait(120000));
    QCOMPARE(imported.last()[0].toInt(), 8);

    // The same grid headless, here, in one go: what the cluster's notes must equal bitwise.
    const QString reference = m_tmp.filePath("reference");
    const Run plan = nsynthRun({"grid", "plan", "--notes", m_workspace + "/notes", "--corners", "sax,piano,cello,trumpet",
                                "--pitches", "36,40", "--resolution", "3", "--batch-size", "2", "--seed", "11", "--model",
                                m_model, "--no-measure", "--progress", "none", "-o", reference});
    QVERIFY2(plan.rc == 0, qPrintable(plan.why()));
    const Run run = nsynthRun({"grid", "run", reference, "--threads", "1", "--progress", "none"});
    QVERIFY2(run.rc == 0, qPrintable(run.why()));
    QCOMPARE(rawNotes(reference).size(), 18);

    // Designed and sent to the cluster from the grid designer.
    m_window->pages()->setCurrentIndex(widgets::MainWindow::GridPage);
    widgets::GridDesignerPage* d = m_window->gridDesigner();
    for (int k = 0; k < 4; ++k)
        d->setCorner(k, {QStringList{"sax", "piano", "cello", "trumpet"}[k]});
    d->setPitches({36, 40});
    d->setResolution(3);
    d->setBatchSize(2);
    d->setSeed(11);
    d->setShards(3);
    d->setThreads(1);
    d->setJobName("on-cluster");
    auto* where = d->findChild<QComboBox*>("runOn");
    QVERIFY(where && where->isEnabled());
    where->setCurrentIndex(where->findData(app::ClusterJobRunner::kindFor("loopback")));
    QCOMPARE(d->runner(), app::ClusterJobRunner::kindFor("loopback"));
    auto* add = d->findChild<QPushButton*>("addToQueue");
    QVERIFY2(QTest::qWaitFor([&] { return !d->isBusy() && add->isEnabled(); }, 60000), qPrintable(d->problems().join("; ")));
    test::screenshot(m_window.get(), "cluster_designer");
    QTest::mouseClick(add, Qt::LeftButton);
    const QString id = "on-cluster";
    QVERIFY(record(id));
    QCOMPARE(record(id)->runner, app::ClusterJobRunner::kindFor("loopback"));
    const QString job = record(id)->folder;

    // Planned here, submitted, running there: the Slurm job id is in the queue's record and in
    // the job folder, which is all a reopened workbench needs.
    QTRY_VERIFY_WITH_TIMEOUT(!record(id)->runnerState.value("slurm_job_id").toString().isEmpty() ||
                                 record(id)->state == app::JobState::Failed,
                             180000);
    QVERIFY2(record(id)->state != app::JobState::Failed, qPrintable(record(id)->message));
    const QString slurmId = record(id)->runnerState.value("slurm_job_id").toString();
    QCOMPARE(app::ClusterJobRecord::load(job).submissions.value(0).slurmJobId, slurmId);
    QVERIFY(QFileInfo(job + "/cluster/run-grid.sbatch").isFile());
    QCOMPARE(m_window->jobQueuePage()->cellText(id, widgets::JobQueuePage::WhereColumn), QString("cluster \"loopback\""));

    // Slurm runs the tasks (held at the gate; as many at once as the node has CPUs, at least
    // 2): the queue shows them running.
    QTRY_VERIFY_WITH_TIMEOUT(app::ClusterJobRecord::load(job).count(app::ShardState::Running) >= 2, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(record(id)->progress.detail.contains(" running"), 30000);
    QCOMPARE(record(id)->state, app::JobState::Running);
    test::screenshot(m_window.get(), "cluster_job_running");

    // The workbench is closed while the array runs, and opened again: it finds the job by its
    // folder's record and follows it to the end.
    m_window.reset();
    openWindow();
    QVERIFY(m_window->openWorkspace(m_workspace));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->jobQueue()->activeRun(id), 30000);
    QCOMPARE(record(id)->state, app::JobState::Running);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->jobQueue()->logText(id).contains("reattached"), 30000);
    QCOMPARE(app::ClusterJobRecord::load(job).submissions.size(), 1);  // reattached, not submitted again

    // Pause: the cluster's tasks are cancelled (scancel) and the job waits, with nothing lost.
    QVERIFY(m_window->jobQueue()->pause(id));
    QTRY_VERIFY_WITH_TIMEOUT(record(id)->state != app::JobState::Pausing, 120000);
    QVERIFY2(record(id)->state == app::JobState::Paused, qPrintable(record(id)->message));
    QCOMPARE(app::ClusterJobRecord::load(job).count(app::ShardState::Cancelled), 3);

    // Resume: the paused shards are submitted again (the gate open now) and run to the end.
    QFile gate(m_gate);
    QVERIFY(gate.open(QIODevice::WriteOnly));
    gate.close();
    QVERIFY(m_window->jobQueue()->resume(id));
    QTRY_VERIFY_WITH_TIMEOUT(record(id) && (record(id)->state == app::JobState::Finished ||
                                            record(id)->state == app::JobState::Failed),
                             300000);
    QVERIFY2(record(id)->state == app::JobState::Finished, qPrintable(record(id)->message));
    QCOMPARE(record(id)->progress.notesDone, int64_t(18));
    QCOMPARE(app::ClusterJobRecord::load(job).submissions.size(), 2);  // the first, and the resubmission
    QCOMPARE(rawNotes(job), rawNotes(reference));
    m_window->pages()->setCurrentIndex(widgets::MainWindow::JobsPage);
    widgets::JobQueuePage* page = m_window->jobQueuePage();
    const QString log = m_window->jobQueue()->logText(id);
    QVERIFY2(log.contains("submitted as Slurm job " + slurmId) && log.contains("reattached") &&
                 log.contains("paused: the cluster's tasks were stopped") && log.contains("resubmitting") &&
                 log.contains("#SBATCH --array=0-2"),
             qPrintable(log));
    QCOMPARE(page->cellText(id, widgets::JobQueuePage::NotesColumn).endsWith("/ 18"), true);
    test::screenshot(m_window.get(), "cluster_job_finished");
}

QTEST_MAIN(TestClusterGui)
#include "test_cluster_gui.moc"
