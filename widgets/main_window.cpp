#include "main_window.h"

#include "app_settings.h"
#include "audio_devices.h"
#include "background_task.h"
#include "current_model.h"
#include "demo_workspace.h"
#include "encode_job.h"
#include "error.h"
#include "grid_designer_page.h"
#include "grid_export_dialog.h"
#include "grid_preview_page.h"
#include "import_job.h"
#include "job_queue.h"
#include "job_queue_page.h"
#include "language.h"
#include "cluster_job_runner.h"
#include "cluster_profiles_dialog.h"
#include "grid_estimate.h"
#include "local_job_runner.h"
#include "model_manager_dialog.h"
#include "name_resolve_dialog.h"
#include "new_workspace_dialog.h"
#include "note_analysis.h"
#include "note_conform.h"
#include "note_info_panel.h"
#include "note_list_model.h"
#include "note_list_view.h"
#include "note_player.h"
#include "note_views.h"
#include "recorder_panel.h"
#include "recording_session.h"
#include "tone_player.h"
#include "rename_dialog.h"
#include "settings_dialog.h"
#include "task_progress.h"
#include "workspace.h"
#include "workspace_commands.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

namespace nsynth::widgets {

namespace {

QToolButton* bigButton(QAction* action, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setMinimumSize(220, 40);
    return b;
}

} // namespace

MainWindow::MainWindow(app::AppSettings* settings, app::LanguageManager* language, const WorkbenchOptions& options,
                       QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_language(language), m_options(options)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_model = new app::CurrentModel(this);
    m_encoder = new app::EncodeController(m_model, this);
    m_session = new app::RecordingSession(this);
    m_analyzer = new app::NoteAnalyzer(this);
    m_player = new audio::NotePlayer(this);
    m_noteModel = new app::NoteListModel(this);
    m_undoGroup = new QUndoGroup(this);
    m_jobQueue = new app::JobQueue(this);
    m_jobQueue->registerRunner(std::make_unique<app::LocalJobRunner>());
    registerClusterRunners();
    m_player->setDevice(audio::findAudioOutput(settings->outputDevice()));
    m_session->tonePlayer()->setDevice(audio::findAudioOutput(settings->outputDevice()));

    buildActions();
    buildPages();
    buildMenus();

    m_importProgress = new TaskProgress(this);
    m_importProgress->setObjectName(QStringLiteral("importProgress"));
    m_encodeProgress = new TaskProgress(this);
    m_encodeProgress->setObjectName(QStringLiteral("encodeProgress"));
    m_workspaceLabel = new QLabel(this);
    m_modelLabel = new QLabel(this);
    m_modelLabel->setObjectName(QStringLiteral("modelStatus"));
    statusBar()->addWidget(m_workspaceLabel);
    statusBar()->addWidget(m_importProgress);
    statusBar()->addWidget(m_encodeProgress);
    statusBar()->addPermanentWidget(m_modelLabel);
    connect(m_importProgress, &TaskProgress::cancelRequested, this, [this] {
        if (m_import)
            m_import->cancel();
    });
    connect(m_encodeProgress, &TaskProgress::cancelRequested, m_encoder, &app::EncodeController::cancel);

    connect(m_model, &app::CurrentModel::changed, this, [this] {
        m_noteModel->setModelSha(m_model->sha256());
        m_designer->setModel(m_model->state() == app::CurrentModel::State::None ? QString() : m_model->path(),
                             m_model->model());
        updateModelStatus();
        updateActions();
        if (m_model->state() == app::CurrentModel::State::Failed)
            showError(tr("The model %1 could not be loaded: %2").arg(m_model->path(), m_model->error()));
        showCurrentNote();
    });
    connect(m_encoder, &app::EncodeController::started, this, [this] {
        m_encodeProgress->start(tr("Encoding"));
        updateActions();
    });
    connect(m_encoder, &app::EncodeController::progressChanged, m_encodeProgress, &TaskProgress::update);
    connect(m_encoder, &app::EncodeController::finished, this,
            [this](int done, const QStringList& failures, bool cancelled) {
                m_encodeProgress->finish();
                updateActions();
                if (cancelled)
                    statusBar()->showMessage(tr("Encoding cancelled; notes encoded before that: %1.").arg(done), 8000);
                else
                    statusBar()->showMessage(tr("Notes encoded: %1.").arg(done), 8000);
                if (!failures.isEmpty())
                    showError(tr("Some notes could not be encoded:\n%1").arg(failures.join('\n')));
                showCurrentNote();
                Q_EMIT encodeFinished(done, failures, cancelled);
            });
    connect(m_analyzer, &app::NoteAnalyzer::ready, this, &MainWindow::onAnalysis);
    connect(m_analyzer, &app::NoteAnalyzer::failed, this, [this](const QString& id, const QString& message) {
        if (id == currentNoteId()) {
            m_views->clear();
            statusBar()->showMessage(message, 8000);
        }
    });
    connect(m_player, &audio::NotePlayer::started, this, [this] { m_views->setPlaying(true); });
    connect(m_player, &audio::NotePlayer::finished, this, [this] { m_views->setPlaying(false); });
    connect(m_player, &audio::NotePlayer::positionChanged, m_views, &NoteViews::setPlayhead);
    connect(m_player, &audio::NotePlayer::errorOccurred, this, &MainWindow::showError);
    connect(m_session, &app::RecordingSession::noteRecorded, this, [this](const QString& id, const QString&) {
        m_noteList->selectNote(id);
    });
    connect(m_session, &app::RecordingSession::phaseChanged, this, &MainWindow::updateActions);

    retranslate();
    setWorkspace(nullptr);
    const QByteArray state = settings->windowState();
    if (!state.isEmpty())
        restoreGeometry(state);
    else
        resize(1280, 800);

    // The model: the command line's, else the settings', else the default one.
    useModel(options.modelPath.isEmpty() ? settings->modelPath() : options.modelPath);
}

MainWindow::~MainWindow()
{
    // Running grid jobs go on (or stop at a batch boundary) as the queue's setting says.
    m_jobQueue->close();
    m_player->stop();
    m_session->cancel();
    m_encoder->setWorkspace(nullptr);
    if (m_import) {
        m_import->disconnect(this);
        delete m_import;  // cancels and waits
        m_import = nullptr;
    }
    m_analyzer->clear();
    m_noteModel->setWorkspace(nullptr);
    m_session->setWorkspace(nullptr);
}

// ---------------------------------------------------------------------------------------------
// Construction

void MainWindow::buildActions()
{
    auto make = [this](const char* name, const QKeySequence& key = {}) {
        auto* a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        return a;
    };
    m_newAction = make("newWorkspaceAction", QKeySequence::New);
    m_openAction = make("openWorkspaceAction", QKeySequence::Open);
    m_demoAction = make("demoWorkspaceAction");
    m_closeAction = make("closeWorkspaceAction", QKeySequence::Close);
    m_importFilesAction = make("importFilesAction", QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importFolderAction = make("importFolderAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_quitAction = make("quitAction", QKeySequence::Quit);
    m_undoAction = m_undoGroup->createUndoAction(this);
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undoGroup->createRedoAction(this);
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_redoAction->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    m_renameAction = make("renameAction", QKeySequence(Qt::Key_F2));
    m_deleteAction = make("deleteAction", QKeySequence::Delete);
    m_retrimAction = make("retrimAction");
    m_reconformAction = make("reconformAction");
    m_playAction = make("playAction", QKeySequence(Qt::Key_P));
    m_chooseModelAction = make("chooseModelAction");
    m_defaultModelAction = make("defaultModelAction");
    m_encodeAction = make("encodeAction", QKeySequence(Qt::CTRL | Qt::Key_E));
    m_cancelEncodeAction = make("cancelEncodeAction");
    m_modelManagerAction = make("modelManagerAction");
    m_settingsAction = make("settingsAction", QKeySequence::Preferences);
    m_clusterProfilesAction = make("clusterProfilesAction");
    m_aboutAction = make("aboutAction");

    connect(m_newAction, &QAction::triggered, this, &MainWindow::newWorkspaceDialog);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openWorkspaceDialog);
    connect(m_demoAction, &QAction::triggered, this, &MainWindow::openDemoWorkspace);
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeWorkspace);
    connect(m_importFilesAction, &QAction::triggered, this, &MainWindow::importFilesDialog);
    connect(m_importFolderAction, &QAction::triggered, this, &MainWindow::importFolderDialog);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_renameAction, &QAction::triggered, this, &MainWindow::renameCurrentDialog);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_retrimAction, &QAction::triggered, this, &MainWindow::retrimCurrent);
    connect(m_reconformAction, &QAction::triggered, this, &MainWindow::reconformCurrent);
    connect(m_playAction, &QAction::triggered, this, [this] {
        if (m_player->isPlaying())
            stopPlayback();
        else
            playNote(currentNoteId());
    });
    connect(m_chooseModelAction, &QAction::triggered, this, &MainWindow::chooseModelDialog);
    connect(m_defaultModelAction, &QAction::triggered, this, [this] { useModel(QString()); });
    connect(m_encodeAction, &QAction::triggered, this, &MainWindow::encodeNotes);
    connect(m_cancelEncodeAction, &QAction::triggered, m_encoder, &app::EncodeController::cancel);
    connect(m_modelManagerAction, &QAction::triggered, this, &MainWindow::openModelManager);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::settingsDialog);
    connect(m_clusterProfilesAction, &QAction::triggered, this, &MainWindow::openClusterProfiles);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::about);
    // Shortcuts work wherever the focus is on the notes page (the list, a view).
    for (QAction* a : {m_renameAction, m_deleteAction, m_playAction})
        a->setShortcutContext(Qt::WindowShortcut);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenu);
    m_fileMenu->addAction(m_demoAction);
    m_fileMenu->addAction(m_closeAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_importFilesAction);
    m_fileMenu->addAction(m_importFolderAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_playAction);
    m_editMenu->addAction(m_renameAction);
    m_editMenu->addAction(m_deleteAction);
    m_editMenu->addAction(m_retrimAction);
    m_editMenu->addAction(m_reconformAction);

    m_modelMenu = menuBar()->addMenu(QString());
    m_modelMenu->addAction(m_chooseModelAction);
    m_modelMenu->addAction(m_defaultModelAction);
    m_modelMenu->addAction(m_modelManagerAction);
    m_modelMenu->addSeparator();
    m_modelMenu->addAction(m_encodeAction);
    m_modelMenu->addAction(m_cancelEncodeAction);

    m_settingsMenu = menuBar()->addMenu(QString());
    m_settingsMenu->addAction(m_settingsAction);
    m_settingsMenu->addAction(m_clusterProfilesAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::buildPages()
{
    m_stack = new QStackedWidget(this);
    setCentralWidget(m_stack);

    // Start page.
    m_welcome = new QWidget(m_stack);
    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    auto* wl = new QVBoxLayout(m_welcome);
    wl->addStretch(1);
    m_welcomeTitle = new QLabel(m_welcome);
    QFont title = m_welcomeTitle->font();
    title.setPointSizeF(title.pointSizeF() * 2.0);
    title.setBold(true);
    m_welcomeTitle->setFont(title);
    m_welcomeTitle->setAlignment(Qt::AlignCenter);
    m_welcomeText = new QLabel(m_welcome);
    m_welcomeText->setAlignment(Qt::AlignCenter);
    m_welcomeText->setWordWrap(true);
    wl->addWidget(m_welcomeTitle);
    wl->addWidget(m_welcomeText);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(bigButton(m_newAction, m_welcome));
    buttons->addWidget(bigButton(m_openAction, m_welcome));
    buttons->addWidget(bigButton(m_demoAction, m_welcome));
    buttons->addStretch(1);
    wl->addLayout(buttons);
    m_recentLabel = new QLabel(m_welcome);
    m_recentLabel->setAlignment(Qt::AlignCenter);
    m_recentList = new QListWidget(m_welcome);
    m_recentList->setObjectName(QStringLiteral("recentList"));
    m_recentList->setMaximumWidth(700);
    m_recentList->setMaximumHeight(160);
    connect(m_recentList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { openWorkspace(item->data(Qt::UserRole).toString()); });
    wl->addWidget(m_recentLabel);
    auto* recentRow = new QHBoxLayout;
    recentRow->addStretch(1);
    recentRow->addWidget(m_recentList, 3);
    recentRow->addStretch(1);
    wl->addLayout(recentRow);
    wl->addStretch(2);
    m_stack->addWidget(m_welcome);

    // Workspace pages.
    m_pages = new QTabWidget(m_stack);
    m_pages->setObjectName(QStringLiteral("pages"));
    auto* notesPage = new QSplitter(Qt::Horizontal, m_pages);
    notesPage->setObjectName(QStringLiteral("notesPage"));
    m_noteList = new NoteListView(notesPage);
    m_noteList->setModel(m_noteModel);
    m_noteList->horizontalHeader()->setSectionResizeMode(app::NoteListModel::ChecksColumn, QHeaderView::Stretch);
    // The text columns fit their contents whenever the notes change (names, states, language).
    auto fitColumns = [this] {
        for (int c : {int(app::NoteListModel::NameColumn), int(app::NoteListModel::PitchColumn),
                      int(app::NoteListModel::EmbeddingColumn)})
            m_noteList->resizeColumnToContents(c);
    };
    connect(m_noteModel, &QAbstractItemModel::rowsInserted, this, fitColumns, Qt::QueuedConnection);
    connect(m_noteModel, &QAbstractItemModel::dataChanged, this, fitColumns, Qt::QueuedConnection);
    connect(m_noteModel, &QAbstractItemModel::modelReset, this, fitColumns, Qt::QueuedConnection);
    connect(m_noteModel, &QAbstractItemModel::headerDataChanged, this, fitColumns, Qt::QueuedConnection);
    m_views = new NoteViews(notesPage);
    m_info = new NoteInfoPanel;
    // The panel grows with the number of checks; it scrolls rather than squeezing its controls.
    auto* infoScroll = new QScrollArea(notesPage);
    infoScroll->setObjectName(QStringLiteral("noteInfoScroll"));
    infoScroll->setWidget(m_info);
    infoScroll->setWidgetResizable(true);
    infoScroll->setFrameShape(QFrame::NoFrame);
    m_noteList->setMinimumWidth(300);
    notesPage->addWidget(m_noteList);
    notesPage->addWidget(m_views);
    notesPage->addWidget(infoScroll);
    notesPage->setStretchFactor(0, 5);
    notesPage->setStretchFactor(1, 6);
    notesPage->setStretchFactor(2, 3);
    m_notesSplitter = notesPage;
    notesPage->installEventFilter(this);
    m_recorder = new RecorderPanel(m_session, m_settings, m_pages);
    m_designer = new GridDesignerPage(m_jobQueue, m_pages);
    m_queuePage = new JobQueuePage(m_jobQueue, m_pages);
    m_preview = new GridPreviewPage(m_pages);
    m_preview->setQueue(m_jobQueue);
    m_preview->setOutputDevice(m_settings->outputDevice());
    m_pages->addTab(notesPage, QString());
    m_pages->addTab(m_recorder, QString());
    m_pages->addTab(m_designer, QString());
    m_pages->addTab(m_queuePage, QString());
    m_pages->addTab(m_preview, QString());
    m_stack->addWidget(m_pages);

    connect(m_pages, &QTabWidget::currentChanged, this, [this](int i) {
        m_recorder->setActive(i == RecordPage && m_ws);
        m_preview->setActive(i == PreviewPage && m_ws);
        updateActions();
    });
    connect(m_designer, &GridDesignerPage::jobQueued, this, [this](const QString& id) {
        m_pages->setCurrentIndex(JobsPage);
        m_queuePage->selectJob(id);
    });
    connect(m_designer, &GridDesignerPage::errorOccurred, this, &MainWindow::showError);
    connect(m_queuePage, &JobQueuePage::previewRequested, this, &MainWindow::previewJob);
    connect(m_queuePage, &JobQueuePage::exportRequested, this, &MainWindow::exportGrid);
    connect(m_queuePage, &JobQueuePage::errorOccurred, this, &MainWindow::showError);
    connect(m_jobQueue, &app::JobQueue::saveFailed, this, &MainWindow::showError);
    connect(m_jobQueue, &app::JobQueue::jobEnded, this, [this](const QString& id, app::JobState state) {
        if (state == app::JobState::Finished)
            statusBar()->showMessage(tr("Job %1 finished: open it in the Preview page, or export it.").arg(id), 10000);
        else if (state == app::JobState::Failed)
            if (const app::JobRecord* r = m_jobQueue->job(id))
                statusBar()->showMessage(tr("Job %1 failed: %2").arg(id, r->message), 10000);
    });
    connect(m_noteList, &NoteListView::filesDropped, this, &MainWindow::importPaths);
    connect(m_noteList, &NoteListView::currentNoteChanged, this, [this] {
        showCurrentNote();
        updateActions();
    });
    connect(m_noteList, &QAbstractItemView::doubleClicked, this, [this] { playNote(currentNoteId()); });
    connect(m_views, &NoteViews::playRequested, this, [this] { playNote(currentNoteId()); });
    connect(m_views, &NoteViews::stopRequested, this, &MainWindow::stopPlayback);
    connect(m_info, &NoteInfoPanel::retrimRequested, this, &MainWindow::reconformNote);
    connect(m_info, &NoteInfoPanel::reconformRequested, this, &MainWindow::reconformNote);
    connect(m_info, &NoteInfoPanel::renameRequested, this, &MainWindow::renameCurrentDialog);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_notesSplitter && event->type() == QEvent::Resize && !m_splitterSized &&
        m_notesSplitter->width() > 600) {
        // Proportions once the notes page first has its real width: the list wide enough for
        // its badges, the views the most room, the info panel a readable column.
        m_splitterSized = true;
        const int w = m_notesSplitter->width();
        m_notesSplitter->setSizes({w * 34 / 100, w * 39 / 100, w * 27 / 100});
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_modelMenu->setTitle(tr("&Model"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_helpMenu->setTitle(tr("&Help"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_newAction->setText(tr("&New Workspace..."));
    m_openAction->setText(tr("&Open Workspace..."));
    m_demoAction->setText(tr("Open &Demo Workspace"));
    m_closeAction->setText(tr("&Close Workspace"));
    m_importFilesAction->setText(tr("&Import Files..."));
    m_importFolderAction->setText(tr("Import &Folder..."));
    m_quitAction->setText(tr("&Quit"));
    m_playAction->setText(tr("&Play Note"));
    m_renameAction->setText(tr("Re&name Note..."));
    m_deleteAction->setText(tr("&Delete Note"));
    m_retrimAction->setText(tr("Re-&trim Note"));
    m_retrimAction->setToolTip(tr("Cut the note from its original again with the trim settings in the info panel"));
    m_reconformAction->setText(tr("Re-&conform Note"));
    m_reconformAction->setToolTip(tr("Conform the note from its original again with the settings in the info panel"));
    m_chooseModelAction->setText(tr("&Choose Model..."));
    m_defaultModelAction->setText(tr("Use the &Default Model"));
    m_encodeAction->setText(tr("&Encode Notes"));
    m_encodeAction->setToolTip(tr("Compute the embeddings of the notes that have none or an out-of-date one"));
    m_cancelEncodeAction->setText(tr("Cancel Encoding"));
    m_modelManagerAction->setText(tr("Model &Manager..."));
    m_modelManagerAction->setToolTip(tr("The default, trained and imported models with their sizes and speed here"));
    m_settingsAction->setText(tr("&Preferences..."));
    m_clusterProfilesAction->setText(tr("&Cluster Profiles..."));
    m_clusterProfilesAction->setToolTip(tr("Slurm clusters for grid jobs: SSH host, work folder, resources; test the "
                                           "connection"));
    m_aboutAction->setText(tr("&About NSynth Workbench"));
    m_pages->setTabText(0, tr("Notes"));
    m_pages->setTabText(1, tr("Record"));
    m_pages->setTabText(GridPage, tr("Grid"));
    m_pages->setTabText(JobsPage, tr("Jobs"));
    m_pages->setTabText(PreviewPage, tr("Preview"));
    m_welcomeTitle->setText(tr("NSynth Workbench"));
    m_welcomeText->setText(tr("Record or import four-second notes, check them against the workshop's spec, look "
                              "at them and encode them with NSynth. A workspace is a folder that holds the notes, "
                              "their originals and their embeddings."));
    m_recentLabel->setText(tr("Recent workspaces:"));
    refreshRecentMenu();
    m_noteModel->retranslate();
    updateModelStatus();
    updateTitle();
    showCurrentNote();
}

// ---------------------------------------------------------------------------------------------
// State

void MainWindow::updateTitle()
{
    setWindowTitle(m_ws ? tr("%1 - NSynth Workbench").arg(m_ws->name()) : tr("NSynth Workbench"));
    m_workspaceLabel->setText(m_ws ? tr("Workspace: %1").arg(QDir::toNativeSeparators(m_ws->folder())) : QString());
}

QString MainWindow::defaultModelPath(QStringList* looked) const
{
    return app::CurrentModel::defaultModelPath(m_options.resourcesDir, looked);
}

QString MainWindow::modelStatus() const
{
    return m_modelLabel->text();
}

void MainWindow::updateModelStatus()
{
    switch (m_model->state()) {
    case app::CurrentModel::State::Loading:
        m_modelLabel->setText(tr("Loading the model %1...").arg(QFileInfo(m_model->path()).fileName()));
        break;
    case app::CurrentModel::State::Ready:
        m_modelLabel->setText(tr("Model: %1").arg(m_model->summary()));
        break;
    case app::CurrentModel::State::Failed:
        m_modelLabel->setText(tr("Model failed to load: %1").arg(QFileInfo(m_model->path()).fileName()));
        break;
    default: {
        QStringList looked;
        defaultModelPath(&looked);
        m_modelLabel->setText(tr("No model: the default model %1 is missing (Model > Choose Model)")
                                  .arg(looked.isEmpty() ? QString() : QDir::toNativeSeparators(looked.last())));
        break;
    }
    }
    m_modelLabel->setToolTip(m_model->state() == app::CurrentModel::State::Failed ? m_model->error() : m_model->path());
}

void MainWindow::updateActions()
{
    const bool ws = m_ws != nullptr;
    const bool note = ws && !currentNoteId().isEmpty();
    const bool busy = m_session->phase() != app::RecordingSession::Phase::Idle;
    m_closeAction->setEnabled(ws && !busy);
    m_importFilesAction->setEnabled(ws);
    m_importFolderAction->setEnabled(ws);
    m_renameAction->setEnabled(note && !busy);
    m_deleteAction->setEnabled(note && !busy);
    m_retrimAction->setEnabled(note && !busy);
    m_reconformAction->setEnabled(note && !busy);
    m_playAction->setEnabled(note);
    m_encodeAction->setEnabled(ws && !m_encoder->isRunning() && m_model->state() == app::CurrentModel::State::Ready);
    m_cancelEncodeAction->setEnabled(m_encoder->isRunning());
    m_demoAction->setEnabled(!app::findDemoContent(m_options.resourcesDir).isEmpty());
    m_demoAction->setToolTip(m_demoAction->isEnabled() ? QString()
                                                       : tr("There is no demo material in %1")
                                                             .arg(QDir(m_options.resourcesDir).filePath(QStringLiteral("demo"))));
}

void MainWindow::refreshRecentMenu()
{
    m_recentMenu->clear();
    m_recentList->clear();
    const QStringList recent = m_settings->recentWorkspaces();
    for (const QString& folder : recent) {
        QAction* a = m_recentMenu->addAction(QDir::toNativeSeparators(folder));
        connect(a, &QAction::triggered, this, [this, folder] { openWorkspace(folder); });
        auto* item = new QListWidgetItem(QStringLiteral("%1  —  %2").arg(QFileInfo(folder).fileName(), QDir::toNativeSeparators(folder)));
        item->setData(Qt::UserRole, folder);
        m_recentList->addItem(item);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    m_recentList->setVisible(!recent.isEmpty());
    m_recentLabel->setVisible(!recent.isEmpty());
}

void MainWindow::showError(const QString& message)
{
    m_lastError = message;
    statusBar()->showMessage(message.section('\n', 0, 0), 10000);
    // Window-modal but not blocking: work in progress (a recording, an import) carries on.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("NSynth Workbench"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT errorShown(message);
}

QString MainWindow::currentNoteId() const
{
    return m_noteList->currentNoteId();
}

bool MainWindow::isAnalysing() const
{
    return m_analyzer->isBusy();
}

QString MainWindow::embeddingText(const app::Note& note) const
{
    switch (m_ws->embeddingState(note, m_model->sha256())) {
    case app::Workspace::EmbeddingState::Current:
        return tr("encoded with the current model");
    case app::Workspace::EmbeddingState::Stale:
        return tr("out of date (the note or the model changed): encode again");
    default:
        return tr("not encoded yet (Model > Encode Notes)");
    }
}

void MainWindow::showCurrentNote()
{
    const QString id = currentNoteId();
    const app::Note* n = m_ws && !id.isEmpty() ? m_ws->note(id) : nullptr;
    if (!n) {
        m_info->clear();
        m_views->clear();
        m_shownNoteId.clear();
        return;
    }
    if (m_shownNoteId != n->id)
        m_views->showPending(n->name());
    m_info->showNote(*n, embeddingText(*n), !QFileInfo::exists(m_ws->notePath(*n)));
    m_analyzer->request(*m_ws, id);
}

void MainWindow::onAnalysis(std::shared_ptr<const app::NoteAnalysis> analysis)
{
    if (!m_ws || !analysis || analysis->noteId != currentNoteId())
        return;
    const app::Note* n = m_ws->note(analysis->noteId);
    if (!n)
        return;
    if (m_shownNoteId != n->id)
        m_player->stop();
    m_shownNoteId = n->id;
    m_views->showAnalysis(analysis, n->pitch, embeddingText(*n));
    Q_EMIT analysisShown(n->id);
}

// ---------------------------------------------------------------------------------------------
// Workspaces

void MainWindow::setWorkspace(std::unique_ptr<app::Workspace> ws)
{
    m_player->stop();
    m_session->cancel();
    m_encoder->setWorkspace(nullptr);
    m_analyzer->clear();
    m_noteModel->setWorkspace(nullptr);
    m_session->setWorkspace(nullptr);
    m_recorder->setWorkspace(nullptr);
    m_designer->setWorkspace(nullptr);
    m_preview->closeJob();
    m_jobQueue->close();
    if (m_ws)
        m_undoGroup->removeStack(m_ws->undoStack());
    m_ws = std::move(ws);
    if (m_ws) {
        // The queue first: the designer names new jobs after what the jobs folder holds.
        try {
            m_jobQueue->open(m_ws->jobsDir());
        } catch (const Error& e) {
            showError(tr("The job queue of this workspace cannot be read: %1").arg(QString::fromStdString(e.what())));
        }
        m_designer->setWorkspace(m_ws.get());
        m_undoGroup->addStack(m_ws->undoStack());
        m_undoGroup->setActiveStack(m_ws->undoStack());
        m_noteModel->setWorkspace(m_ws.get());
        m_encoder->setWorkspace(m_ws.get());
        m_session->setWorkspace(m_ws.get());
        m_recorder->setWorkspace(m_ws.get());
        connect(m_ws.get(), &app::Workspace::noteChanged, this, [this](int i) {
            if (m_ws && i < m_ws->notes().size() && m_ws->notes()[i].id == currentNoteId())
                showCurrentNote();
        });
        connect(m_ws.get(), &app::Workspace::noteRemoved, this, [this] { showCurrentNote(); });
        connect(m_ws.get(), &app::Workspace::saveFailed, this, &MainWindow::showError);
        connect(m_ws.get(), &app::Workspace::operationFailed, this, &MainWindow::showError);
        m_settings->addRecentWorkspace(m_ws->folder());
        m_stack->setCurrentWidget(m_pages);
        m_pages->setCurrentIndex(0);
        if (!m_ws->notes().isEmpty())
            m_noteList->selectNote(m_ws->notes().first().id);
        const QStringList missing = m_ws->missingNoteFiles();
        if (!missing.isEmpty())
            showError(tr("These notes' files are missing from %1: %2").arg(m_ws->notesDir(), missing.join(", ")));
    } else {
        m_stack->setCurrentWidget(m_welcome);
        m_recorder->setActive(false);
        m_preview->setActive(false);
    }
    refreshRecentMenu();
    updateTitle();
    updateActions();
    showCurrentNote();
}

bool MainWindow::createWorkspace(const QString& folder, const QString& name)
{
    try {
        setWorkspace(app::Workspace::create(folder, name));
        return true;
    } catch (const Error& e) {
        showError(tr("The workspace could not be created: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

bool MainWindow::openWorkspace(const QString& folder)
{
    try {
        setWorkspace(app::Workspace::open(folder));
        return true;
    } catch (const Error& e) {
        if (!QFileInfo(folder).isDir())
            m_settings->removeRecentWorkspace(folder);
        showError(tr("The workspace could not be opened: %1").arg(QString::fromStdString(e.what())));
        refreshRecentMenu();
        return false;
    }
}

void MainWindow::closeWorkspace()
{
    setWorkspace(nullptr);
}

bool MainWindow::openDemoWorkspace()
{
    const app::DemoContent demo = app::findDemoContent(m_options.resourcesDir);
    if (demo.isEmpty()) {
        showError(tr("There is no demo material in %1.").arg(QDir(m_options.resourcesDir).filePath(QStringLiteral("demo"))));
        return false;
    }
    QString parent = m_options.demoParentFolder;
    if (parent.isEmpty())
        parent = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (parent.isEmpty())
        parent = QDir::homePath();
    // A new copy each time, so the demo can be played with freely and started over.
    QString folder;
    for (int n = 1;; ++n) {
        folder = QDir(parent).filePath(n == 1 ? tr("NSynth demo") : tr("NSynth demo %1").arg(n));
        if (!QFileInfo::exists(folder))
            break;
    }
    if (!demo.workspaceFolder.isEmpty()) {
        try {
            app::copyDemoWorkspace(demo, folder);
        } catch (const Error& e) {
            showError(tr("The demo workspace could not be created: %1").arg(QString::fromStdString(e.what())));
            return false;
        }
        return openWorkspace(folder);
    }
    if (!createWorkspace(folder, tr("NSynth demo")))
        return false;
    if (!demo.unnamedFiles.isEmpty())
        statusBar()->showMessage(tr("Left out of the demo (their names do not say instrument and pitch): %1")
                                     .arg(demo.unnamedFiles.join(", ")),
                                 10000);
    importPaths(demo.audioFiles);
    return true;
}

void MainWindow::newWorkspaceDialog()
{
    auto* dialog = new NewWorkspaceDialog(m_settings->lastFolder(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_settings->setLastFolder(QFileInfo(dialog->folder()).absolutePath());
        createWorkspace(dialog->folder(), dialog->workspaceName());
    });
    dialog->open();
}

void MainWindow::openWorkspaceDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a workspace folder"), m_settings->lastFolder());
    if (folder.isEmpty())
        return;
    m_settings->setLastFolder(QFileInfo(folder).absolutePath());
    openWorkspace(folder);
}

// ---------------------------------------------------------------------------------------------
// Import

void MainWindow::importFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import notes"), m_settings->lastFolder(),
        tr("Audio files (*.wav *.flac *.ogg *.aif *.aiff *.au *.caf *.w64);;All files (*)"));
    if (files.isEmpty())
        return;
    m_settings->setLastFolder(QFileInfo(files.first()).absolutePath());
    importPaths(files);
}

void MainWindow::importFolderDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a folder of notes"), m_settings->lastFolder());
    if (folder.isEmpty())
        return;
    m_settings->setLastFolder(folder);
    importPaths({folder});
}

void MainWindow::importPaths(const QStringList& paths)
{
    if (!m_ws) {
        showError(tr("Open or create a workspace before importing notes."));
        return;
    }
    if (m_import) {
        showError(tr("An import is already running; wait for it or cancel it."));
        return;
    }
    QStringList ignored;
    QList<app::ImportItem> items = app::planImport(paths, &ignored);
    if (items.isEmpty()) {
        showError(tr("No audio files were found in what was dropped or chosen."));
        return;
    }
    QList<app::ImportItem> named, unnamed;
    for (const app::ImportItem& item : items)
        (item.needsName() ? unnamed : named).append(item);

    auto start = [this](const QList<app::ImportItem>& toImport) {
        if (toImport.isEmpty() || !m_ws)
            return;
        const app::ImportTarget target = app::ImportTarget::of(*m_ws);
        auto results = std::make_shared<app::ImportResults>();
        m_import = new app::BackgroundTask(tr("Importing"), this);
        m_importProgress->start(tr("Importing"));
        connect(m_import, &app::BackgroundTask::progressChanged, m_importProgress, &TaskProgress::update);
        QPointer<app::Workspace> ws = m_ws.get();
        connect(m_import, &app::BackgroundTask::finished, this, [this, results, ws](bool cancelled, const QString& error) {
            m_import->deleteLater();
            m_import = nullptr;
            m_importProgress->finish();
            QStringList failures;
            for (const app::ImportFailure& f : results->failures)
                failures.append(QStringLiteral("%1: %2").arg(QFileInfo(f.path).fileName(), f.message));
            if (!error.isEmpty())
                failures.append(error);
            int added = 0;
            if (ws && ws == m_ws.get() && !results->notes.isEmpty()) {
                // One undo step for the whole import.
                QUndoStack* stack = m_ws->undoStack();
                stack->beginMacro(tr("Import notes (%1)").arg(results->notes.size()));
                for (const app::ImportedNote& n : results->notes) {
                    app::Note note = n.note;
                    stack->push(new app::AddNoteCommand(m_ws.get(), note, n.stagedFile));
                    ++added;
                }
                stack->endMacro();
                m_noteList->selectNote(results->notes.first().note.id);
            }
            statusBar()->showMessage(cancelled ? tr("Import cancelled; notes added: %1.").arg(added)
                                               : tr("Notes imported: %1.").arg(added),
                                     8000);
            if (!failures.isEmpty())
                showError(tr("Some files could not be imported:\n%1").arg(failures.join('\n')));
            Q_EMIT importFinished(added, failures);
        });
        m_import->start([target, toImport, results](app::BackgroundTask& task) { app::runImport(task, target, toImport, *results); });
    };

    if (unnamed.isEmpty()) {
        start(named);
        return;
    }
    auto* dialog = new NameResolveDialog(unnamed, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [start, named, dialog] { start(named + dialog->resolvedItems()); });
    connect(dialog, &QDialog::rejected, this, [start, named] { start(named); });
    dialog->open();
}

// ---------------------------------------------------------------------------------------------
// Note operations

bool MainWindow::renameNote(const QString& id, const QString& instrument, int pitch)
{
    if (!m_ws)
        return false;
    const QString problem = app::RenameNoteCommand::renameProblem(m_ws.get(), id, instrument, pitch);
    if (!problem.isEmpty()) {
        showError(problem);
        return false;
    }
    const app::Note* n = m_ws->note(id);
    if (n->instrument == instrument && n->pitch == pitch)
        return true;
    m_ws->undoStack()->push(new app::RenameNoteCommand(m_ws.get(), id, instrument, pitch));
    return true;
}

void MainWindow::renameCurrentDialog()
{
    const QString id = currentNoteId();
    const app::Note* n = m_ws ? m_ws->note(id) : nullptr;
    if (!n)
        return;
    QPointer<app::Workspace> ws = m_ws.get();
    auto* dialog = new RenameDialog(
        n->instrument, n->pitch,
        [ws, id](const QString& instrument, int pitch) {
            return ws ? app::RenameNoteCommand::renameProblem(ws, id, instrument, pitch) : QString();
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] { renameNote(id, dialog->instrument(), dialog->pitch()); });
    dialog->open();
}

void MainWindow::deleteNotes(const QStringList& ids)
{
    if (!m_ws || ids.isEmpty())
        return;
    m_player->stop();
    m_ws->undoStack()->push(new app::DeleteNotesCommand(m_ws.get(), ids));
}

void MainWindow::deleteSelected()
{
    deleteNotes(m_noteList->selectedNoteIds());
}

bool MainWindow::reconformNote(const QString& id, const app::ConformSettings& settings)
{
    if (!m_ws)
        return false;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        // One note: a fraction of a second even for a long original, so it runs here.
        const app::ConformOutcome outcome = app::ReconformNoteCommand::prepare(m_ws.get(), id, settings);
        QApplication::restoreOverrideCursor();
        m_ws->undoStack()->push(new app::ReconformNoteCommand(m_ws.get(), id, settings, outcome));
        return true;
    } catch (const Error& e) {
        QApplication::restoreOverrideCursor();
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::retrimCurrent()
{
    if (m_info->noteId() == currentNoteId() && !currentNoteId().isEmpty())
        reconformNote(currentNoteId(), m_info->editedSettings());
}

void MainWindow::reconformCurrent()
{
    retrimCurrent();
}

// ---------------------------------------------------------------------------------------------
// Model, encoding, playback

void MainWindow::useModel(const QString& path)
{
    // A model given on the command line is for this run only; a chosen one is remembered.
    if (m_options.modelPath.isEmpty() || path != m_options.modelPath)
        m_settings->setModelPath(path);
    const QString resolved = path.isEmpty() ? defaultModelPath() : path;
    if (resolved.isEmpty())
        m_model->clear();
    else
        m_model->load(resolved);
}

void MainWindow::chooseModelDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a model"), m_settings->lastFolder(),
        tr("NSynth models (*.safetensors);;TensorFlow checkpoints (*.index *.meta);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings->setLastFolder(QFileInfo(path).absolutePath());
    m_options.modelPath.clear();
    useModel(path);
}

bool MainWindow::encodeNotes()
{
    QString why;
    if (!m_encoder->start({}, &why)) {
        if (m_ws && m_model->state() == app::CurrentModel::State::Ready && m_encoder->pending().isEmpty())
            statusBar()->showMessage(why, 8000);  // nothing to do is not an error
        else
            showError(why);
        return false;
    }
    return true;
}

bool MainWindow::playNote(const QString& id)
{
    const app::Note* n = m_ws ? m_ws->note(id) : nullptr;
    if (!n)
        return false;
    try {
        int rate = 0;
        const std::vector<float> samples = app::readNoteSamples(m_ws->notePath(*n), &rate);
        return m_player->play(samples, rate);
    } catch (const Error& e) {
        showError(tr("%1 cannot be played: %2").arg(n->name(), QString::fromStdString(e.what())));
        return false;
    }
}

void MainWindow::stopPlayback()
{
    m_player->stop();
}

// ---------------------------------------------------------------------------------------------
// Settings, language

void MainWindow::applyLanguage(const QString& code)
{
    m_settings->setLanguage(code);
    m_language->apply(code);
}

void MainWindow::settingsDialog()
{
    auto* dialog = new SettingsDialog(m_settings, defaultModelPath(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->language() != m_settings->language())
            applyLanguage(dialog->language());
        if (dialog->outputDevice() != m_settings->outputDevice()) {
            m_settings->setOutputDevice(dialog->outputDevice());
            m_player->setDevice(audio::findAudioOutput(dialog->outputDevice()));
            m_preview->setOutputDevice(dialog->outputDevice());
            m_session->tonePlayer()->setDevice(audio::findAudioOutput(dialog->outputDevice()));
        }
        if (dialog->modelPath() != m_settings->modelPath() || !m_options.modelPath.isEmpty()) {
            m_options.modelPath.clear();
            useModel(dialog->modelPath());
        }
    });
    dialog->open();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About NSynth Workbench"),
                       tr("<h3>NSynth Workbench</h3><p>Record, check and encode notes for NSynth, the WaveNet "
                          "autoencoder of Engel et al. (2017): \"Neural Audio Synthesis of Musical Notes with "
                          "WaveNet Autoencoders\".</p>"));
}

bool MainWindow::previewJob(const QString& jobFolder)
{
    if (!m_ws)
        return false;
    m_pages->setCurrentIndex(PreviewPage);
    return m_preview->openJob(jobFolder);
}

GridExportDialog* MainWindow::exportGrid(const QString& jobFolder)
{
    if (!m_ws)
        return nullptr;
    auto* dialog = new GridExportDialog(jobFolder, QDir(m_ws->exportsDir()).filePath(QFileInfo(jobFolder).fileName()),
                                        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GridExportDialog::exported, this, [this](const QString& folder) {
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(folder)), 10000);
    });
    dialog->open();
    return dialog;
}

ModelManagerDialog* MainWindow::openModelManager()
{
    auto* dialog = new ModelManagerDialog(defaultModelPath(), m_model->path(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ModelManagerDialog::useRequested, this, [this](const QString& path) {
        m_options.modelPath.clear();
        useModel(path == defaultModelPath() ? QString() : path);
    });
    dialog->open();
    return dialog;
}

ClusterProfilesDialog* MainWindow::openClusterProfiles()
{
    auto* dialog = new ClusterProfilesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClusterProfilesDialog::profilesChanged, this, [this] {
        registerClusterRunners();
        m_designer->refreshClusters();
    });
    dialog->open();
    return dialog;
}

void MainWindow::registerClusterRunners()
{
    // A runner stays registered when its profile is removed: its jobs carry a snapshot of the
    // profile in their folders and can still be watched, fetched and resubmitted.
    for (const app::ClusterTarget& c : app::configuredClusters())
        if (!m_jobQueue->runner(app::ClusterJobRunner::kindFor(c.name)))
            m_jobQueue->registerRunner(
                std::make_unique<app::ClusterJobRunner>(c.name, app::LocalJobRunner::defaultCommand()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings->setWindowState(saveGeometry());
    if (m_ws && m_ws->hasPendingSave()) {
        try {
            m_ws->save();
        } catch (const Error& e) {
            showError(tr("The workspace could not be saved: %1").arg(QString::fromStdString(e.what())));
            event->ignore();
            return;
        }
    }
    QMainWindow::closeEvent(event);
}

} // namespace nsynth::widgets
