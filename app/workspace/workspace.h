#pragma once
// A workspace: one folder holding a workshop participant's or a teacher's material.
//
//   <folder>/nsynth-workspace.json   the workspace file (notes, their checks and settings,
//                                    recording defaults); autosaved, written atomically
//   <folder>/notes/                  conformed notes, <instrument>_<pitch>.wav
//   <folder>/sources/                originals: recorded takes and copies of imported files
//                                    (re-trim and re-conform start from these; imported files
//                                    are copied, never modified)
//   <folder>/embeddings/             <instrument>_<pitch>.npy, [frames, 16] float32
//   <folder>/jobs/, <folder>/exports/  generation jobs and exports (later parts of the workbench)
//   <folder>/.trash/                 files of deleted or replaced notes while undo can bring
//                                    them back; emptied when the workspace is opened or closed
//
// Note operations go through the undo stack (workspace_commands.h); the low-level mutators
// below are what those commands call, and every one of them schedules an autosave.

#include "note.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class QUndoStack;

namespace nsynth::app {

class Workspace : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kFileName = "nsynth-workspace.json";
    static constexpr int kAutosaveDelayMs = 300;

    // Creates the folder layout and the workspace file in `folder` (created when missing; it
    // must not already hold a workspace). Throws Error naming the folder and the problem.
    static std::unique_ptr<Workspace> create(const QString& folder, const QString& name);
    // Throws Error when the folder holds no readable workspace file.
    static std::unique_ptr<Workspace> open(const QString& folder);
    static bool isWorkspace(const QString& folder);

    ~Workspace() override;  // saves pending changes and empties the trash

    QString folder() const { return m_folder; }
    QString name() const { return m_name; }
    QString filePath() const;
    QString notesDir() const;
    QString sourcesDir() const;
    QString embeddingsDir() const;
    QString jobsDir() const;
    QString exportsDir() const;
    QString trashDir() const;
    QString stagingDir() const;  // conformed notes waiting to be added (same file system)

    QString notePath(const Note& note) const;
    QString embeddingPath(const Note& note) const;
    QString sourcePath(const Note& note) const;  // absolute path of the original
    QString relativePath(const QString& absolute) const;

    const QList<Note>& notes() const { return m_notes; }
    int indexOf(const QString& id) const;
    const Note* note(const QString& id) const;
    const Note* noteByName(const QString& instrument, int pitch) const;
    QString newNoteId() const;

    QUndoStack* undoStack() const { return m_undo.get(); }

    // Recording defaults kept with the workspace.
    QString instrument() const { return m_instrument; }
    void setInstrument(const QString& instrument);
    QList<int> targetPitches() const { return m_targetPitches; }
    void setTargetPitches(const QList<int>& pitches);
    static QList<int> defaultTargetPitches();  // the workshop's 24, 28, ..., 48

    // Low-level mutators (used by the undo commands).
    void insertNote(int index, const Note& note);
    Note removeNoteAt(int index);
    void updateNote(const Note& note);  // the note with the same id

    // Embedding cache bookkeeping.
    enum class EmbeddingState { None, Current, Stale };
    EmbeddingState embeddingState(const Note& note, const QString& modelSha) const;
    void setEmbeddingComputed(const QString& id, const QString& noteSha, const QString& modelSha);

    // A fresh folder under .trash/ for one command's files.
    QString newTrashSlot() const;

    void save();  // throws Error
    void scheduleSave();
    bool hasPendingSave() const { return m_saveTimer.isActive(); }

    // Note files that are missing or were changed outside the workbench since they were written
    // (checked when the workspace is opened).
    QStringList missingNoteFiles() const;

Q_SIGNALS:
    void noteAboutToBeInserted(int index);
    void noteInserted(int index);
    void noteAboutToBeRemoved(int index);
    void noteRemoved(const QString& id);
    void noteChanged(int index);
    void settingsChanged();
    void saved();
    void saveFailed(const QString& message);
    // An operation (usually an undo or redo touching files) could not be completed.
    void operationFailed(const QString& message);

private:
    explicit Workspace(const QString& folder);
    void load();
    void ensureLayout() const;
    void emptyTrash() const;
    void autosave();

    QString m_folder, m_name;
    QDateTime m_created;
    QList<Note> m_notes;
    QString m_instrument;
    QList<int> m_targetPitches;
    std::unique_ptr<QUndoStack> m_undo;
    QTimer m_saveTimer;
};

} // namespace nsynth::app
