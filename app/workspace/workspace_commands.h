#pragma once
// The undoable note operations of a workspace (QUndoStack commands): add (record/import, which
// may replace a note of the same name), delete, rename, re-trim and re-conform.
//
// Files never disappear while a command can bring them back: deleted or replaced notes and
// their embeddings move into a per-command folder under .trash/ (same file system, so moves are
// renames), and a re-conform keeps both versions of the note there. Each command does its file
// work in redo()/undo() and reports a failure through Workspace::operationFailed, since
// QUndoCommand has no way to refuse; the preconditions (a free name, a readable original) are
// checked before a command is pushed (renameProblem, prepareReconform).
//
// A restored note record takes the embedding bookkeeping that is current on disk (not the one
// saved with the old record), so an embedding computed in between is judged against the note
// it was really computed from.

#include "note.h"
#include "note_conform.h"

#include <QUndoCommand>

#include <optional>

namespace nsynth::app {

class Workspace;

// Adds a conformed note. `stagedFile` (in Workspace::stagingDir() or the trash) is moved into
// notes/. A note with the same name is replaced and comes back on undo.
class AddNoteCommand : public QUndoCommand {
public:
    AddNoteCommand(Workspace* workspace, const Note& note, const QString& stagedFile, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Workspace* m_ws;
    Note m_note;
    QString m_slot;   // this command's trash folder
    QString m_held;   // where the new note's file is while undone
    std::optional<Note> m_displaced;
    int m_displacedIndex = -1;
    bool m_firstRedo = true;
};

class DeleteNotesCommand : public QUndoCommand {
public:
    DeleteNotesCommand(Workspace* workspace, const QStringList& ids, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    struct Entry {
        int index = -1;
        Note note;
    };
    Workspace* m_ws;
    QStringList m_ids;
    QString m_slot;
    QList<Entry> m_removed;  // in removal order (descending index)
};

class RenameNoteCommand : public QUndoCommand {
public:
    // Empty when the rename can be done; otherwise one translated sentence saying why not.
    static QString renameProblem(const Workspace* workspace, const QString& id, const QString& instrument, int pitch);

    RenameNoteCommand(Workspace* workspace, const QString& id, const QString& instrument, int pitch,
                      QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    void apply(const QString& toInstrument, int toPitch, const NoteReport& report);

    Workspace* m_ws;
    QString m_id;
    QString m_oldInstrument, m_newInstrument;
    int m_oldPitch = -1, m_newPitch = -1;
    NoteReport m_oldReport, m_newReport;
};

// Re-trim (where the note starts in its original) and re-conform (normalise, remove DC, or
// simply conform again) are the same operation with different settings.
class ReconformNoteCommand : public QUndoCommand {
public:
    // Conforms the note's original with `settings`. Throws Error (translated message) when the
    // original is missing or cannot be conformed; nothing is changed then.
    static ConformOutcome prepare(const Workspace* workspace, const QString& id, const ConformSettings& settings);

    ReconformNoteCommand(Workspace* workspace, const QString& id, const ConformSettings& settings,
                         const ConformOutcome& outcome, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    void install(const QString& file, const Note& record);

    Workspace* m_ws;
    QString m_id;
    QString m_slot, m_oldFile, m_newFile;
    Note m_old, m_new;
    bool m_ready = false;
};

} // namespace nsynth::app
