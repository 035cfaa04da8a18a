#pragma once
// Running a local program (ssh, rsync, scp, sbatch, sh) with an argument list, optional input,
// and a time limit, synchronously. Never through a shell: arguments reach the program as given.
// Safe to call from any thread that is not the GUI thread (the workbench runs cluster work in a
// worker thread; cluster_monitor.h).

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace nsynth::app {

struct ProcessResult {
    QString program;
    bool started = false;   // false: the program could not be started (not installed?)
    bool timedOut = false;  // killed after the time limit
    bool crashed = false;   // ended by a signal
    int exitCode = -1;
    QByteArray out, err;
    QString startError;     // why it did not start
    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }
    // The last non-empty line of stderr (or stdout), for one-line messages.
    QString lastErrorLine() const;
};

struct ProcessOptions {
    QByteArray input;                 // written to stdin, which is then closed
    int timeoutMs = 120000;
    QString workingDirectory;
    QProcessEnvironment environment;  // empty: inherit ours
    bool interactive = false;         // inherit our terminal (stdin/stdout/stderr): ssh login
};

inline ProcessOptions withTimeout(int ms)
{
    ProcessOptions o;
    o.timeoutMs = ms;
    return o;
}

ProcessResult runProcess(const QString& program, const QStringList& arguments, const ProcessOptions& options = {});

// The path of a program on PATH, empty when it is not installed.
QString findProgram(const QString& name);

} // namespace nsynth::app
