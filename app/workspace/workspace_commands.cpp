#include "workspace_commands.h"

#include "error.h"
#include "note_name.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace nsynth::app {

namespace {

// Same-file-system move that replaces the destination (rename(2)). Absent sources are fine: a
// note whose file went missing can still be deleted, renamed or restored as a record.
bool moveFile(const QString& from, const QString& to)
{
    if (!QFileInfo::exists(from))
        return true;
    QDir().mkpath(QFileInfo(to).absolutePath());
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

// Copy via a temporary beside the destination, then rename: the note file is never half written.
bool copyFileAtomically(const QString& from, const QString& to)
{
    const QString temp = QFileInfo(to).absolutePath() + "/." + QFileInfo(to).fileName() + ".copy";
    QFile::remove(temp);
    if (!QFile::copy(from, temp))
        return false;
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(to).constData()) != 0) {
        QFile::remove(temp);
        return false;
    }
    return true;
}

void reportMove(Workspace* ws, bool ok, const QString& from, const QString& to)
{
    if (!ok)
        Q_EMIT ws->operationFailed(
            QCoreApplication::translate("WorkspaceCommands", "Cannot move %1 to %2.").arg(from, to));
}

} // namespace

// ---------------------------------------------------------------------------------------------

AddNoteCommand::AddNoteCommand(Workspace* workspace, const Note& note, const QString& stagedFile, QUndoCommand* parent)
    : QUndoCommand(parent), m_ws(workspace), m_note(note), m_held(stagedFile)
{
    setText(QCoreApplication::translate("WorkspaceCommands", "Add %1").arg(note.name()));
}

void AddNoteCommand::redo()
{
    if (m_slot.isEmpty())
        m_slot = m_ws->newTrashSlot();
    int insertAt = int(m_ws->notes().size());
    if (m_firstRedo) {
        if (const Note* existing = m_ws->noteByName(m_note.instrument, m_note.pitch)) {
            m_displaced = *existing;
            m_displacedIndex = m_ws->indexOf(existing->id);
        }
        m_firstRedo = false;
    }
    if (m_displaced) {
        const int i = m_ws->indexOf(m_displaced->id);
        if (i >= 0) {
            const Note current = m_ws->notes()[i];
            reportMove(m_ws, moveFile(m_ws->notePath(current), m_slot + "/displaced.wav"), m_ws->notePath(current),
                       m_slot);
            moveFile(m_ws->embeddingPath(current), m_slot + "/displaced.npy");
            m_displaced = m_ws->removeNoteAt(i);
            insertAt = i;
        }
    }
    // A replacing note keeps no embedding of the note it replaces.
    QFile::remove(m_ws->embeddingPath(m_note));
    reportMove(m_ws, moveFile(m_held, m_ws->notePath(m_note)), m_held, m_ws->notePath(m_note));
    m_ws->insertNote(insertAt, m_note);
}

void AddNoteCommand::undo()
{
    const int i = m_ws->indexOf(m_note.id);
    if (i >= 0) {
        m_note = m_ws->removeNoteAt(i);
        m_held = m_slot + "/added.wav";
        reportMove(m_ws, moveFile(m_ws->notePath(m_note), m_held), m_ws->notePath(m_note), m_held);
        moveFile(m_ws->embeddingPath(m_note), m_slot + "/added.npy");
        m_note.embeddingNoteSha.clear();
        m_note.embeddingModelSha.clear();
    }
    if (m_displaced) {
        reportMove(m_ws, moveFile(m_slot + "/displaced.wav", m_ws->notePath(*m_displaced)), m_slot,
                   m_ws->notePath(*m_displaced));
        moveFile(m_slot + "/displaced.npy", m_ws->embeddingPath(*m_displaced));
        m_ws->insertNote(m_displacedIndex, *m_displaced);
    }
}

// ---------------------------------------------------------------------------------------------

DeleteNotesCommand::DeleteNotesCommand(Workspace* workspace, const QStringList& ids, QUndoCommand* parent)
    : QUndoCommand(parent), m_ws(workspace), m_ids(ids)
{
    if (ids.size() == 1) {
        const Note* n = workspace->note(ids.first());
        setText(QCoreApplication::translate("WorkspaceCommands", "Delete %1").arg(n ? n->name() : ids.first()));
    } else {
        setText(QCoreApplication::translate("WorkspaceCommands", "Delete notes (%1)").arg(ids.size()));
    }
}

void DeleteNotesCommand::redo()
{
    if (m_slot.isEmpty())
        m_slot = m_ws->newTrashSlot();
    // Highest index first, so the recorded indices stay valid for undo in reverse order.
    QList<int> indices;
    for (const QString& id : m_ids) {
        const int i = m_ws->indexOf(id);
        if (i >= 0)
            indices.append(i);
    }
    std::sort(indices.begin(), indices.end(), std::greater<int>());
    m_removed.clear();
    for (int i : indices) {
        const Note n = m_ws->notes()[i];
        reportMove(m_ws, moveFile(m_ws->notePath(n), m_slot + "/" + n.id + ".wav"), m_ws->notePath(n), m_slot);
        moveFile(m_ws->embeddingPath(n), m_slot + "/" + n.id + ".npy");
        m_removed.append({i, m_ws->removeNoteAt(i)});
    }
}

void DeleteNotesCommand::undo()
{
    for (auto it = m_removed.rbegin(); it != m_removed.rend(); ++it) {
        const Note& n = it->note;
        reportMove(m_ws, moveFile(m_slot + "/" + n.id + ".wav", m_ws->notePath(n)), m_slot, m_ws->notePath(n));
        moveFile(m_slot + "/" + n.id + ".npy", m_ws->embeddingPath(n));
        m_ws->insertNote(it->index, n);
    }
    m_removed.clear();
}

// ---------------------------------------------------------------------------------------------

QString RenameNoteCommand::renameProblem(const Workspace* ws, const QString& id, const QString& instrument, int pitch)
{
    const Note* n = ws->note(id);
    if (!n)
        return QCoreApplication::translate("WorkspaceCommands", "The note no longer exists.");
    std::string why;
    if (!audio::isValidInstrumentName(instrument.toStdString(), &why))
        return QCoreApplication::translate("WorkspaceCommands",
                                           "\"%1\" cannot be used as an instrument name: use 1 to 64 letters, "
                                           "digits or hyphens (no underscores or spaces).")
            .arg(instrument);
    if (pitch < 0 || pitch > 127)
        return QCoreApplication::translate("WorkspaceCommands", "The pitch must be a MIDI note number from 0 to 127.");
    const Note* other = ws->noteByName(instrument, pitch);
    if (other && other->id != id)
        return QCoreApplication::translate("WorkspaceCommands", "The workspace already has a note named %1.")
            .arg(other->name());
    return {};
}

RenameNoteCommand::RenameNoteCommand(Workspace* workspace, const QString& id, const QString& instrument, int pitch,
                                     QUndoCommand* parent)
    : QUndoCommand(parent), m_ws(workspace), m_id(id), m_newInstrument(instrument), m_newPitch(pitch)
{
    const Note* n = workspace->note(id);
    if (n) {
        m_oldInstrument = n->instrument;
        m_oldPitch = n->pitch;
        m_oldReport = n->report;
        m_newReport = n->report.renamedTo(pitch);
    }
    setText(QCoreApplication::translate("WorkspaceCommands", "Rename %1 to %2")
                .arg(m_oldInstrument + "_" + QString::number(m_oldPitch), instrument + "_" + QString::number(pitch)));
}

void RenameNoteCommand::apply(const QString& toInstrument, int toPitch, const NoteReport& report)
{
    const Note* current = m_ws->note(m_id);
    if (!current)
        return;
    const Note n = *current;
    Note renamed = n;
    renamed.instrument = toInstrument;
    renamed.pitch = toPitch;
    renamed.report = report;
    reportMove(m_ws, moveFile(m_ws->notePath(n), m_ws->notePath(renamed)), m_ws->notePath(n), m_ws->notePath(renamed));
    moveFile(m_ws->embeddingPath(n), m_ws->embeddingPath(renamed));
    m_ws->updateNote(renamed);
}

void RenameNoteCommand::redo()
{
    apply(m_newInstrument, m_newPitch, m_newReport);
}

void RenameNoteCommand::undo()
{
    apply(m_oldInstrument, m_oldPitch, m_oldReport);
}

// ---------------------------------------------------------------------------------------------

ConformOutcome ReconformNoteCommand::prepare(const Workspace* ws, const QString& id, const ConformSettings& settings)
{
    const Note* n = ws->note(id);
    if (!n)
        throw Error(QCoreApplication::translate("WorkspaceCommands", "The note no longer exists.").toStdString());
    const QString source = ws->sourcePath(*n);
    if (source.isEmpty() || !QFileInfo::exists(source))
        throw Error(QCoreApplication::translate("WorkspaceCommands",
                                                "The original of %1 (%2) is missing, so it cannot be conformed again.")
                        .arg(n->name(), source.isEmpty() ? n->sourceName : source)
                        .toStdString());
    try {
        return conformOriginal(source, n->fileName(), settings);
    } catch (const Error& e) {
        throw Error(QCoreApplication::translate("WorkspaceCommands", "%1 cannot be conformed again: %2")
                        .arg(n->name(), QString::fromStdString(e.what()))
                        .toStdString());
    }
}

ReconformNoteCommand::ReconformNoteCommand(Workspace* workspace, const QString& id, const ConformSettings& settings,
                                           const ConformOutcome& outcome, QUndoCommand* parent)
    : QUndoCommand(parent), m_ws(workspace), m_id(id)
{
    const Note* n = workspace->note(id);
    if (!n)
        return;
    m_old = *n;
    m_new = *n;
    m_new.settings = settings;
    m_new.report = outcome.report;
    const bool trimChanged = settings.autoTrim != n->settings.autoTrim || settings.preOnsetMs != n->settings.preOnsetMs ||
                             settings.startSeconds != n->settings.startSeconds;
    setText(trimChanged ? QCoreApplication::translate("WorkspaceCommands", "Re-trim %1").arg(n->name())
                        : QCoreApplication::translate("WorkspaceCommands", "Re-conform %1").arg(n->name()));
    m_slot = workspace->newTrashSlot();
    m_oldFile = m_slot + "/before.wav";
    m_newFile = m_slot + "/after.wav";
    try {
        if (QFileInfo::exists(workspace->notePath(*n)) && !QFile::copy(workspace->notePath(*n), m_oldFile))
            throw Error("cannot keep a copy of " + workspace->notePath(*n).toStdString());
        m_new.sha256 = writeNoteFile(m_newFile, outcome.samples);
        m_ready = true;
    } catch (const Error& e) {
        Q_EMIT workspace->operationFailed(QString::fromStdString(e.what()));
        setObsolete(true);
    }
}

void ReconformNoteCommand::install(const QString& file, const Note& record)
{
    const Note* current = m_ws->note(m_id);
    if (!current || !m_ready)
        return;
    Note n = record;
    // Keep the name it has now (a rename may have happened since) and the embedding
    // bookkeeping that matches the embedding file on disk.
    n.instrument = current->instrument;
    n.pitch = current->pitch;
    if (n.pitch != record.pitch)
        n.report = n.report.renamedTo(n.pitch);
    n.embeddingNoteSha = current->embeddingNoteSha;
    n.embeddingModelSha = current->embeddingModelSha;
    if (QFileInfo::exists(file))
        reportMove(m_ws, copyFileAtomically(file, m_ws->notePath(n)), file, m_ws->notePath(n));
    m_ws->updateNote(n);
}

void ReconformNoteCommand::redo()
{
    install(m_newFile, m_new);
}

void ReconformNoteCommand::undo()
{
    install(m_oldFile, m_old);
}

} // namespace nsynth::app
