#include "workspace.h"

#include "atomic_file.h"
#include "error.h"
#include "note_conform.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUndoStack>
#include <QUuid>

namespace nsynth::app {

namespace {

constexpr int kFormatVersion = 1;

[[noreturn]] void fail(const QString& message)
{
    throw Error(message.toStdString());
}

} // namespace

Workspace::Workspace(const QString& folder)
    : m_folder(QDir::cleanPath(QFileInfo(folder).absoluteFilePath())), m_undo(std::make_unique<QUndoStack>())
{
    m_targetPitches = defaultTargetPitches();
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kAutosaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &Workspace::autosave);
}

Workspace::~Workspace()
{
    if (m_saveTimer.isActive()) {
        m_saveTimer.stop();
        try {
            save();
        } catch (const Error&) {
            // Nothing can be shown any more; the previous workspace file is intact (atomic).
        }
    }
    // Commands refer to trash files; drop them before the files go.
    m_undo->clear();
    emptyTrash();
}

QList<int> Workspace::defaultTargetPitches()
{
    return {24, 28, 32, 36, 40, 44, 48};
}

bool Workspace::isWorkspace(const QString& folder)
{
    return QFileInfo(QDir(folder).filePath(kFileName)).isFile();
}

std::unique_ptr<Workspace> Workspace::create(const QString& folder, const QString& name)
{
    if (folder.trimmed().isEmpty())
        fail(tr("No folder was given for the new workspace."));
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        fail(tr("%1 is a file, not a folder.").arg(folder));
    if (isWorkspace(folder))
        fail(tr("%1 already holds a workspace; open it instead.").arg(folder));
    if (!QDir().mkpath(folder))
        fail(tr("Cannot create the folder %1.").arg(folder));
    std::unique_ptr<Workspace> ws(new Workspace(folder));
    ws->m_name = name.trimmed().isEmpty() ? QFileInfo(ws->m_folder).fileName() : name.trimmed();
    ws->m_created = QDateTime::currentDateTimeUtc();
    ws->ensureLayout();
    ws->save();
    return ws;
}

std::unique_ptr<Workspace> Workspace::open(const QString& folder)
{
    if (!QFileInfo(folder).isDir())
        fail(tr("%1 is not a folder.").arg(folder));
    if (!isWorkspace(folder))
        fail(tr("%1 is not a workspace (it has no %2).").arg(folder, QString::fromLatin1(kFileName)));
    std::unique_ptr<Workspace> ws(new Workspace(folder));
    ws->load();
    ws->ensureLayout();
    ws->emptyTrash();
    return ws;
}

void Workspace::ensureLayout() const
{
    for (const QString& dir : {notesDir(), sourcesDir(), embeddingsDir(), jobsDir(), exportsDir()})
        if (!QDir().mkpath(dir))
            fail(tr("Cannot create the folder %1.").arg(dir));
}

void Workspace::load()
{
    QByteArray bytes;
    try {
        const std::string raw = readFileBytes(filePath().toStdString());
        bytes = QByteArray(raw.data(), qsizetype(raw.size()));
    } catch (const Error& e) {
        fail(QString::fromStdString(e.what()));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (doc.isNull() || !doc.isObject())
        fail(tr("%1 is damaged: %2").arg(filePath(), parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.value("format").toString() != "nsynth-workspace")
        fail(tr("%1 is not an NSynth workspace file.").arg(filePath()));
    if (root.value("version").toInt() > kFormatVersion)
        fail(tr("%1 was written by a newer version of the workbench (format %2).")
                 .arg(filePath())
                 .arg(root.value("version").toInt()));
    m_name = root.value("name").toString(QFileInfo(m_folder).fileName());
    m_created = QDateTime::fromString(root.value("created").toString(), Qt::ISODate);
    const QJsonObject rec = root.value("recording").toObject();
    m_instrument = rec.value("instrument").toString();
    if (rec.contains("target_pitches")) {
        m_targetPitches.clear();
        for (const auto& v : rec.value("target_pitches").toArray())
            m_targetPitches.append(v.toInt());
    }
    for (const auto& v : root.value("notes").toArray()) {
        try {
            Note n = Note::fromJson(v.toObject());
            if (noteByName(n.instrument, n.pitch) || indexOf(n.id) >= 0)
                continue;  // a duplicate entry cannot both own the same file
            m_notes.append(n);
        } catch (const Error& e) {
            fail(tr("%1 is damaged: %2").arg(filePath(), QString::fromStdString(e.what())));
        }
    }
    // Notes edited outside the workbench: their embedding is no longer theirs.
    for (Note& n : m_notes) {
        const QString sha = fileSha256(notePath(n));
        if (!sha.isEmpty() && sha != n.sha256)
            n.sha256 = sha;
    }
}

QString Workspace::filePath() const
{
    return QDir(m_folder).filePath(kFileName);
}
QString Workspace::notesDir() const
{
    return QDir(m_folder).filePath("notes");
}
QString Workspace::sourcesDir() const
{
    return QDir(m_folder).filePath("sources");
}
QString Workspace::embeddingsDir() const
{
    return QDir(m_folder).filePath("embeddings");
}
QString Workspace::jobsDir() const
{
    return QDir(m_folder).filePath("jobs");
}
QString Workspace::exportsDir() const
{
    return QDir(m_folder).filePath("exports");
}
QString Workspace::trashDir() const
{
    return QDir(m_folder).filePath(".trash");
}
QString Workspace::stagingDir() const
{
    return QDir(m_folder).filePath(".staging");
}

QString Workspace::notePath(const Note& note) const
{
    return QDir(notesDir()).filePath(note.fileName());
}

QString Workspace::embeddingPath(const Note& note) const
{
    return QDir(embeddingsDir()).filePath(note.name() + ".npy");
}

QString Workspace::sourcePath(const Note& note) const
{
    return note.source.isEmpty() ? QString() : QDir::cleanPath(QDir(m_folder).filePath(note.source));
}

QString Workspace::relativePath(const QString& absolute) const
{
    return QDir(m_folder).relativeFilePath(absolute);
}

int Workspace::indexOf(const QString& id) const
{
    for (int i = 0; i < m_notes.size(); ++i)
        if (m_notes[i].id == id)
            return i;
    return -1;
}

const Note* Workspace::note(const QString& id) const
{
    const int i = indexOf(id);
    return i >= 0 ? &m_notes[i] : nullptr;
}

const Note* Workspace::noteByName(const QString& instrument, int pitch) const
{
    for (const Note& n : m_notes)
        if (n.pitch == pitch && n.instrument.compare(instrument, Qt::CaseInsensitive) == 0)
            return &n;
    return nullptr;
}

QString Workspace::newNoteId() const
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void Workspace::setInstrument(const QString& instrument)
{
    if (instrument == m_instrument)
        return;
    m_instrument = instrument;
    scheduleSave();
    Q_EMIT settingsChanged();
}

void Workspace::setTargetPitches(const QList<int>& pitches)
{
    if (pitches == m_targetPitches)
        return;
    m_targetPitches = pitches;
    scheduleSave();
    Q_EMIT settingsChanged();
}

void Workspace::insertNote(int index, const Note& note)
{
    index = std::clamp(index, 0, int(m_notes.size()));
    Q_EMIT noteAboutToBeInserted(index);
    m_notes.insert(index, note);
    scheduleSave();
    Q_EMIT noteInserted(index);
}

Note Workspace::removeNoteAt(int index)
{
    Q_EMIT noteAboutToBeRemoved(index);
    Note n = m_notes.takeAt(index);
    scheduleSave();
    Q_EMIT noteRemoved(n.id);
    return n;
}

void Workspace::updateNote(const Note& note)
{
    const int i = indexOf(note.id);
    if (i < 0)
        return;
    m_notes[i] = note;
    scheduleSave();
    Q_EMIT noteChanged(i);
}

Workspace::EmbeddingState Workspace::embeddingState(const Note& note, const QString& modelSha) const
{
    if (note.embeddingNoteSha.isEmpty() || !QFileInfo::exists(embeddingPath(note)))
        return EmbeddingState::None;
    if (note.embeddingNoteSha != note.sha256 || (!modelSha.isEmpty() && note.embeddingModelSha != modelSha))
        return EmbeddingState::Stale;
    return EmbeddingState::Current;
}

void Workspace::setEmbeddingComputed(const QString& id, const QString& noteSha, const QString& modelSha)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_notes[i].embeddingNoteSha = noteSha;
    m_notes[i].embeddingModelSha = modelSha;
    scheduleSave();
    Q_EMIT noteChanged(i);
}

QString Workspace::newTrashSlot() const
{
    const QString slot = QDir(trashDir()).filePath(QUuid::createUuid().toString(QUuid::WithoutBraces));
    QDir().mkpath(slot);
    return slot;
}

void Workspace::emptyTrash() const
{
    QDir(trashDir()).removeRecursively();
    QDir(stagingDir()).removeRecursively();
}

QStringList Workspace::missingNoteFiles() const
{
    QStringList missing;
    for (const Note& n : m_notes)
        if (!QFileInfo::exists(notePath(n)))
            missing.append(n.fileName());
    return missing;
}

void Workspace::scheduleSave()
{
    m_saveTimer.start();
}

void Workspace::autosave()
{
    try {
        save();
    } catch (const Error& e) {
        Q_EMIT saveFailed(tr("The workspace could not be saved: %1").arg(QString::fromStdString(e.what())));
    }
}

void Workspace::save()
{
    m_saveTimer.stop();
    QJsonArray notes;
    for (const Note& n : m_notes)
        notes.append(n.toJson());
    QJsonArray pitches;
    for (int p : m_targetPitches)
        pitches.append(p);
    const QJsonObject root{{"format", "nsynth-workspace"},
                           {"version", kFormatVersion},
                           {"name", m_name},
                           {"created", m_created.toString(Qt::ISODate)},
                           {"modified", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                           {"recording", QJsonObject{{"instrument", m_instrument}, {"target_pitches", pitches}}},
                           {"notes", notes}};
    writeFileAtomically(filePath().toStdString(), QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString());
    Q_EMIT saved();
}

} // namespace nsynth::app
