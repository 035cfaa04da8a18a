#pragma once
// Importing notes: files and folders dropped on the workbench or chosen in a dialog.
//
// planImport expands folders (recursively, audio files only, sorted) and parses each file's
// name (audio::parseNoteName: workshop "flute_24.wav" and NSynth "guitar_acoustic_030-102-127"
// styles). A name that does not parse is never guessed: the item carries the reason and waits
// for the user to give instrument and pitch (the GUI's small dialog).
//
// runImport is the batch conform, run on a BackgroundTask: each original is copied into the
// workspace's sources/ (the original is never modified, and re-trim/re-conform later need it),
// conformed with the default settings and written to the staging folder; the GUI thread then
// adds the notes with one undoable macro.

#include "note.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace nsynth::app {

class BackgroundTask;
class Workspace;

struct ImportItem {
    QString path;           // absolute
    QString instrument;     // from the name or given by the user; empty when unknown
    int pitch = -1;
    QString nameProblem;    // why the name did not parse (empty when it did)
    bool needsName() const { return instrument.isEmpty() || pitch < 0; }
    QString noteName() const { return instrument + "_" + QString::number(pitch); }
};

bool isAudioFileName(const QString& fileName);

// `ignored` (may be null) receives the files that are not audio and paths that do not exist.
QList<ImportItem> planImport(const QStringList& paths, QStringList* ignored = nullptr);

// What the worker needs of the workspace (plain data: the Workspace object lives on the GUI
// thread and must not be touched from the worker).
struct ImportTarget {
    QString folder, sourcesDir, stagingDir;
    QString origin = "imported";  // recorded in each note
    static ImportTarget of(const Workspace& ws);
};

struct ImportedNote {
    Note note;            // id, instrument, pitch, source, report, sha256 set
    QString stagedFile;   // the conformed note, ready for AddNoteCommand
};

struct ImportFailure {
    QString path;
    QString message;
};

struct ImportResults {
    QList<ImportedNote> notes;
    QList<ImportFailure> failures;
};

// Worker-thread body. Items needing a name must have been resolved (they fail otherwise).
// Reports progress per file; stops between files when cancelled.
void runImport(BackgroundTask& task, const ImportTarget& target, const QList<ImportItem>& items,
               ImportResults& results);

// Copies `path` into `sourcesDir` under its own name (or name-2, name-3... when a different file
// of that name is there; an identical one is reused) and returns the copy's path. A file already
// inside the workspace folder is used in place. Throws Error.
QString keepOriginal(const QString& path, const QString& workspaceFolder, const QString& sourcesDir);

} // namespace nsynth::app
