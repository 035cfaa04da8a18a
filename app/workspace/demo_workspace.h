#pragma once
// The demo workspace, made from whatever resources/demo/ holds (another part of the project
// produces that material; the workbench must work with what is there):
//   - a ready workspace (a folder with nsynth-workspace.json, at resources/demo/ itself or one
//     level below): copied as it is;
//   - otherwise audio files with note names, anywhere below resources/demo/: imported (conformed
//     and checked) into a new workspace like any import; files whose names do not parse are
//     left out and listed, never guessed.
// A demo is always a copy: the shipped material is never modified.

#include <QString>
#include <QStringList>

namespace nsynth::app {

struct DemoContent {
    QString folder;          // the demo material's folder; empty when there is none
    QString workspaceFolder; // a ready workspace inside it, if any
    QStringList audioFiles;  // importable files (names that parse)
    QStringList unnamedFiles; // audio files whose names do not parse
    bool isEmpty() const { return workspaceFolder.isEmpty() && audioFiles.isEmpty(); }
};

// Looks in <app>/../share/nsynth-workbench/demo, then <resourcesDir>/demo.
DemoContent findDemoContent(const QString& resourcesDir);

// Copies a ready demo workspace into `target` (which must not exist or be empty). Throws Error.
void copyDemoWorkspace(const DemoContent& demo, const QString& target);

} // namespace nsynth::app
