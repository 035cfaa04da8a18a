#include "process_run.h"

#include <QProcess>
#include <QStandardPaths>

namespace nsynth::app {

QString ProcessResult::lastErrorLine() const
{
    for (const QByteArray* stream : {&err, &out}) {
        const QList<QByteArray> lines = stream->split('\n');
        for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
            const QString line = QString::fromUtf8(*it).trimmed();
            if (!line.isEmpty())
                return line;
        }
    }
    return {};
}

ProcessResult runProcess(const QString& program, const QStringList& arguments, const ProcessOptions& options)
{
    ProcessResult r;
    r.program = program;
    QProcess p;
    if (!options.workingDirectory.isEmpty())
        p.setWorkingDirectory(options.workingDirectory);
    if (!options.environment.isEmpty())
        p.setProcessEnvironment(options.environment);
    if (options.interactive) {
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.setInputChannelMode(QProcess::ForwardedInputChannel);
    }
    p.start(program, arguments);
    if (!p.waitForStarted(30000)) {
        r.startError = p.errorString();
        return r;
    }
    r.started = true;
    if (!options.interactive) {
        if (!options.input.isEmpty())
            p.write(options.input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(options.timeoutMs < 0 ? -1 : options.timeoutMs)) {
        r.timedOut = p.state() != QProcess::NotRunning;
        if (r.timedOut) {
            p.kill();
            p.waitForFinished(5000);
        }
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.crashed = !r.timedOut && p.exitStatus() == QProcess::CrashExit;
    r.exitCode = r.timedOut || r.crashed ? -1 : p.exitCode();
    return r;
}

QString findProgram(const QString& name)
{
    return QStandardPaths::findExecutable(name);
}

} // namespace nsynth::app
