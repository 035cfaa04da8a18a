#pragma once
// The workbench window. Without a workspace it shows a start page (new, open, recent, demo);
// with one, five pages: Notes (the list with check badges, the note views, the info panel),
// Record (the recorder), Grid (the grid designer), Jobs (the job queue) and Preview (the XY pad).
// Menus: File (workspaces, import), Edit (undo/redo and the note operations), Model (choose,
// encode, the model manager), Settings. Long work (import, encode) shows its progress, time left
// and Cancel in the status bar; grid jobs show theirs on the Jobs page.
//
// The window only orchestrates: the work is app::Workspace and its commands, app::runImport,
// app::EncodeController, app::RecordingSession, app::NoteAnalyzer, audio::NotePlayer and, for
// grids, app::JobQueue (<workspace>/jobs/queue.json, opened and closed with the workspace).
// The public operations are what the menus call, and what tests and main() call directly.

#include "note.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QSplitter;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QUndoGroup;

namespace nsynth::audio {
class NotePlayer;
}

namespace nsynth::app {
class AppSettings;
class BackgroundTask;
class CurrentModel;
class EncodeController;
class JobQueue;
class LanguageManager;
class NoteAnalyzer;
class NoteListModel;
class RecordingSession;
class Workspace;
struct NoteAnalysis;
}

namespace nsynth::widgets {

class GridDesignerPage;
class GridExportDialog;
class GridPreviewPage;
class JobQueuePage;
class ClusterProfilesDialog;
class ModelManagerDialog;
class NoteInfoPanel;
class NoteListView;
class NoteViews;
class RecorderPanel;
class TaskProgress;

struct WorkbenchOptions {
    QString resourcesDir;      // resources/: the default model, demo material
    QString modelPath;         // given on the command line: overrides the settings
    QString demoParentFolder;  // where demo workspaces are created (default: the Documents folder)
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(app::AppSettings* settings, app::LanguageManager* language, const WorkbenchOptions& options,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // Operations (menus call these; false/failure is shown as one clear message).
    bool createWorkspace(const QString& folder, const QString& name);
    bool openWorkspace(const QString& folder);
    void closeWorkspace();
    bool openDemoWorkspace();
    // Plans the import, asks for the names that do not parse, then conforms in the background.
    void importPaths(const QStringList& paths);
    bool renameNote(const QString& id, const QString& instrument, int pitch);
    void deleteNotes(const QStringList& ids);
    bool reconformNote(const QString& id, const app::ConformSettings& settings);
    bool encodeNotes();
    bool playNote(const QString& id);
    void stopPlayback();
    void applyLanguage(const QString& code);  // "" = system; saved in the settings
    void useModel(const QString& path);       // "" = the default model; saved in the settings
    // Grids: open a job in the Preview page, export one, the model manager.
    bool previewJob(const QString& jobFolder);
    GridExportDialog* exportGrid(const QString& jobFolder);
    ModelManagerDialog* openModelManager();
    // Cluster profiles (docs/cluster.md): edit, test, see the sbatch script.
    ClusterProfilesDialog* openClusterProfiles();
    // A job runner for every configured cluster profile that has none yet (cluster_job_runner.h).
    void registerClusterRunners();

    app::Workspace* workspace() const { return m_ws.get(); }
    app::RecordingSession* recordingSession() const { return m_session; }
    app::CurrentModel* currentModel() const { return m_model; }
    app::EncodeController* encoder() const { return m_encoder; }
    audio::NotePlayer* player() const { return m_player; }
    app::NoteListModel* noteModel() const { return m_noteModel; }
    NoteListView* noteList() const { return m_noteList; }
    NoteViews* noteViews() const { return m_views; }
    NoteInfoPanel* infoPanel() const { return m_info; }
    RecorderPanel* recorderPanel() const { return m_recorder; }
    QTabWidget* pages() const { return m_pages; }
    TaskProgress* importProgress() const { return m_importProgress; }
    TaskProgress* encodeProgress() const { return m_encodeProgress; }
    app::JobQueue* jobQueue() const { return m_jobQueue; }
    GridDesignerPage* gridDesigner() const { return m_designer; }
    JobQueuePage* jobQueuePage() const { return m_queuePage; }
    GridPreviewPage* gridPreview() const { return m_preview; }
    enum Page { NotesPage, RecordPage, GridPage, JobsPage, PreviewPage };
    QString lastError() const { return m_lastError; }
    QString modelStatus() const;
    bool isImporting() const { return m_import != nullptr; }
    bool isAnalysing() const;
    QString currentNoteId() const;

Q_SIGNALS:
    void importFinished(int added, const QStringList& failures);
    void encodeFinished(int done, const QStringList& failures, bool cancelled);
    void errorShown(const QString& message);
    void analysisShown(const QString& noteId);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildPages();
    void retranslate();
    void updateActions();
    void updateTitle();
    void updateModelStatus();
    void refreshRecentMenu();
    void setWorkspace(std::unique_ptr<app::Workspace> ws);
    void showError(const QString& message);
    void showCurrentNote();
    void onAnalysis(std::shared_ptr<const app::NoteAnalysis> analysis);
    QString embeddingText(const app::Note& note) const;
    QString defaultModelPath(QStringList* looked = nullptr) const;

    // Dialog-driven actions.
    void newWorkspaceDialog();
    void openWorkspaceDialog();
    void importFilesDialog();
    void importFolderDialog();
    void renameCurrentDialog();
    void deleteSelected();
    void retrimCurrent();
    void reconformCurrent();
    void settingsDialog();
    void chooseModelDialog();
    void about();

    app::AppSettings* m_settings;
    app::LanguageManager* m_language;
    WorkbenchOptions m_options;
    std::unique_ptr<app::Workspace> m_ws;
    app::CurrentModel* m_model;
    app::EncodeController* m_encoder;
    app::RecordingSession* m_session;
    app::NoteAnalyzer* m_analyzer;
    audio::NotePlayer* m_player;
    app::NoteListModel* m_noteModel;
    QUndoGroup* m_undoGroup;
    app::BackgroundTask* m_import = nullptr;
    QString m_lastError;
    QString m_shownNoteId;

    QStackedWidget* m_stack;
    QWidget* m_welcome;
    QLabel* m_welcomeTitle;
    QLabel* m_welcomeText;
    QListWidget* m_recentList;
    QLabel* m_recentLabel;
    QAction *m_welcomeNew, *m_welcomeOpen, *m_welcomeDemo;
    QTabWidget* m_pages;
    QSplitter* m_notesSplitter = nullptr;
    bool m_splitterSized = false;
    NoteListView* m_noteList;
    NoteViews* m_views;
    NoteInfoPanel* m_info;
    RecorderPanel* m_recorder;
    app::JobQueue* m_jobQueue;
    GridDesignerPage* m_designer;
    JobQueuePage* m_queuePage;
    GridPreviewPage* m_preview;
    TaskProgress* m_importProgress;
    TaskProgress* m_encodeProgress;
    QLabel* m_modelLabel;
    QLabel* m_workspaceLabel;

    QMenu *m_fileMenu, *m_editMenu, *m_modelMenu, *m_settingsMenu, *m_helpMenu, *m_recentMenu;
    QAction *m_newAction, *m_openAction, *m_demoAction, *m_closeAction, *m_importFilesAction, *m_importFolderAction,
        *m_quitAction;
    QAction *m_undoAction, *m_redoAction, *m_renameAction, *m_deleteAction, *m_retrimAction, *m_reconformAction,
        *m_playAction;
    QAction *m_chooseModelAction, *m_defaultModelAction, *m_encodeAction, *m_cancelEncodeAction, *m_modelManagerAction;
    QAction *m_settingsAction, *m_clusterProfilesAction, *m_aboutAction;
};

} // namespace nsynth::widgets
