#include "import_job.h"

#include "background_task.h"
#include "error.h"
#include "note_conform.h"
#include "note_name.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUuid>

#include <algorithm>

namespace nsynth::app {

bool isAudioFileName(const QString& fileName)
{
    static const QStringList extensions = {"wav", "wave", "flac", "ogg", "oga", "aif", "aiff", "aifc", "au", "snd", "caf", "w64"};
    const QString ext = QFileInfo(fileName).suffix().toLower();
    return extensions.contains(ext) && !QFileInfo(fileName).fileName().startsWith('.');
}

namespace {

ImportItem itemFor(const QString& path)
{
    ImportItem item;
    item.path = QFileInfo(path).absoluteFilePath();
    const std::string name = QFileInfo(path).fileName().toStdString();
    if (const auto parsed = audio::parseNoteName(name)) {
        item.instrument = QString::fromStdString(parsed->safeInstrument);
        item.pitch = parsed->pitch;
    } else {
        item.nameProblem = QString::fromStdString(audio::explainNoteNameProblem(name));
    }
    return item;
}

} // namespace

QList<ImportItem> planImport(const QStringList& paths, QStringList* ignored)
{
    QStringList files;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(p, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                if (isAudioFileName(f))
                    found.append(f);
                else if (ignored)
                    ignored->append(f);
            }
            std::sort(found.begin(), found.end());
            files += found;
        } else if (info.isFile() && isAudioFileName(p)) {
            files.append(p);
        } else if (ignored) {
            ignored->append(p);
        }
    }
    QList<ImportItem> items;
    QSet<QString> seen;
    for (const QString& f : files) {
        const QString abs = QFileInfo(f).absoluteFilePath();
        if (seen.contains(abs))
            continue;
        seen.insert(abs);
        items.append(itemFor(abs));
    }
    return items;
}

ImportTarget ImportTarget::of(const Workspace& ws)
{
    ImportTarget t;
    t.folder = ws.folder();
    t.sourcesDir = ws.sourcesDir();
    t.stagingDir = ws.stagingDir();
    return t;
}

QString keepOriginal(const QString& path, const QString& workspaceFolder, const QString& sourcesDir)
{
    const QString abs = QFileInfo(path).canonicalFilePath();
    const QString ws = QFileInfo(workspaceFolder).canonicalFilePath();
    if (!abs.isEmpty() && !ws.isEmpty() && abs.startsWith(ws + "/"))
        return abs;
    QDir().mkpath(sourcesDir);
    const QFileInfo info(path);
    const QString base = info.completeBaseName(), suffix = info.suffix();
    QString sha;
    for (int n = 1;; ++n) {
        const QString candidate = QDir(sourcesDir).filePath(
            n == 1 ? info.fileName() : QString("%1-%2.%3").arg(base).arg(n).arg(suffix));
        if (!QFileInfo::exists(candidate)) {
            const QString temp = QDir(sourcesDir).filePath("." + QFileInfo(candidate).fileName() + ".copy");
            QFile::remove(temp);
            if (!QFile::copy(path, temp) || !QFile::rename(temp, candidate)) {
                QFile::remove(temp);
                throw Error(QCoreApplication::translate("Import", "Cannot copy %1 into the workspace.")
                                .arg(path)
                                .toStdString());
            }
            return candidate;
        }
        if (sha.isEmpty())
            sha = fileSha256(path);
        if (fileSha256(candidate) == sha)
            return candidate;
    }
}

void runImport(BackgroundTask& task, const ImportTarget& target, const QList<ImportItem>& items, ImportResults& results)
{
    QDir().mkpath(target.stagingDir);
    QSet<QString> names;
    const int total = int(items.size());
    for (int i = 0; i < total; ++i) {
        if (task.isCancelled())
            return;
        const ImportItem& item = items[i];
        task.setProgress(i, total, QFileInfo(item.path).fileName());
        if (item.needsName()) {
            results.failures.append({item.path, QCoreApplication::translate("Import", "no instrument and pitch were given")});
            continue;
        }
        const QString key = item.noteName().toLower();
        if (names.contains(key)) {
            results.failures.append(
                {item.path, QCoreApplication::translate("Import", "another file of this import is also named %1")
                                .arg(item.noteName())});
            continue;
        }
        names.insert(key);
        try {
            Note note;
            note.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            note.instrument = item.instrument;
            note.pitch = item.pitch;
            note.origin = target.origin;
            note.created = QDateTime::currentDateTimeUtc();
            note.sourceName = QFileInfo(item.path).fileName();
            const QString kept = keepOriginal(item.path, target.folder, target.sourcesDir);
            note.source = QDir(target.folder).relativeFilePath(kept);
            const ConformOutcome outcome = conformOriginal(kept, note.fileName(), note.settings);
            note.report = outcome.report;
            const QString staged = QDir(target.stagingDir).filePath(note.id + ".wav");
            note.sha256 = writeNoteFile(staged, outcome.samples);
            results.notes.append({note, staged});
        } catch (const Error& e) {
            results.failures.append({item.path, QString::fromStdString(e.what())});
        }
    }
    task.setProgress(total, total);
}

} // namespace nsynth::app
