#include "demo_workspace.h"

#include "error.h"
#include "import_job.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace nsynth::app {

DemoContent findDemoContent(const QString& resourcesDir)
{
    DemoContent content;
    const QStringList candidates = {QCoreApplication::applicationDirPath() + "/../share/nsynth-workbench/demo",
                                    QDir(resourcesDir).filePath("demo")};
    for (const QString& c : candidates) {
        if (!QFileInfo(c).isDir())
            continue;
        content.folder = QDir::cleanPath(c);
        if (Workspace::isWorkspace(c)) {
            content.workspaceFolder = content.folder;
        } else {
            for (const QFileInfo& sub : QDir(c).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
                if (Workspace::isWorkspace(sub.absoluteFilePath())) {
                    content.workspaceFolder = sub.absoluteFilePath();
                    break;
                }
        }
        for (const ImportItem& item : planImport({c})) {
            // A ready workspace's own files are not separate demo notes.
            if (!content.workspaceFolder.isEmpty() && item.path.startsWith(content.workspaceFolder + "/"))
                continue;
            (item.needsName() ? content.unnamedFiles : content.audioFiles).append(item.path);
        }
        if (!content.isEmpty())
            return content;
    }
    return content;
}

void copyDemoWorkspace(const DemoContent& demo, const QString& target)
{
    if (demo.workspaceFolder.isEmpty())
        throw Error(QCoreApplication::translate("Demo", "There is no ready demo workspace to copy.").toStdString());
    if (QFileInfo(target).exists() && !QDir(target).isEmpty())
        throw Error(QCoreApplication::translate("Demo", "%1 is not empty.").arg(target).toStdString());
    const QDir from(demo.workspaceFolder);
    QDirIterator it(demo.workspaceFolder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString rel = from.relativeFilePath(file);
        if (rel.startsWith(".trash/") || rel.startsWith(".staging/"))
            continue;
        const QString dest = QDir(target).filePath(rel);
        QDir().mkpath(QFileInfo(dest).absolutePath());
        if (!QFile::copy(file, dest))
            throw Error(QCoreApplication::translate("Demo", "Cannot copy %1 to %2.").arg(file, dest).toStdString());
        // Shipped files may be read-only; the copy is the user's to edit.
        QFile(dest).setPermissions(QFile(dest).permissions() | QFileDevice::WriteOwner);
    }
}

} // namespace nsynth::app
