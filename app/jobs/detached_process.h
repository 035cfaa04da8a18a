#pragma once
// A process that outlives the workbench: started detached (not our child, so closing the
// workbench neither kills nor waits for it), its stdout and stderr going to files, and
// recognised again later by its process id *and* its start time (/proc/<pid>/stat), so a
// reopened workbench never mistakes an unrelated process that reused the id for its job.

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace nsynth::app {

struct DetachedProcess {
    qint64 pid = 0;
    qint64 startTicks = -1;  // field 22 of /proc/<pid>/stat: start time after boot, clock ticks

    bool isValid() const { return pid > 0; }
    // Still the same process and not a zombie.
    bool isRunning() const;
    // Sends a signal (SIGTERM, SIGINT, ...) when it is still the same process.
    bool signal(int signalNumber) const;

    QJsonObject toJson() const;
    static DetachedProcess fromJson(const QJsonObject& o);
};

// Starts `program arguments` detached, stdout appended to stdoutFile and stderr to stderrFile
// (both created). Returns an invalid process and sets *error on failure.
DetachedProcess startDetachedProcess(const QString& program, const QStringList& arguments, const QString& stdoutFile,
                                     const QString& stderrFile, QString* error);

} // namespace nsynth::app
