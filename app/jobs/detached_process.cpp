#include "detached_process.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>

#include <csignal>
#include <sys/types.h>
#include <signal.h>

namespace nsynth::app {

namespace {

// State letter and start time from /proc/<pid>/stat; false when the process does not exist.
bool readStat(qint64 pid, char* state, qint64* startTicks)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = f.readAll();
    // The command name (field 2) is in parentheses and may hold spaces: fields follow the last ')'.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
    if (fields.size() < 20)
        return false;
    *state = fields[0].isEmpty() ? '?' : fields[0][0];
    *startTicks = fields[19].toLongLong();
    return true;
}

} // namespace

bool DetachedProcess::isRunning() const
{
    if (pid <= 0)
        return false;
    char state = '?';
    qint64 ticks = -1;
    if (!readStat(pid, &state, &ticks))
        return false;
    if (startTicks >= 0 && ticks != startTicks)
        return false;  // the id was reused by another process
    return state != 'Z' && state != 'X';
}

bool DetachedProcess::signal(int signalNumber) const
{
    if (!isRunning())
        return false;
    return ::kill(pid_t(pid), signalNumber) == 0;
}

QJsonObject DetachedProcess::toJson() const
{
    return QJsonObject{{"pid", pid}, {"start_ticks", startTicks}};
}

DetachedProcess DetachedProcess::fromJson(const QJsonObject& o)
{
    DetachedProcess p;
    p.pid = o.value("pid").toInteger();
    p.startTicks = o.value("start_ticks").toInteger(-1);
    return p;
}

DetachedProcess startDetachedProcess(const QString& program, const QStringList& arguments, const QString& stdoutFile,
                                     const QString& stderrFile, QString* error)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setStandardOutputFile(stdoutFile, QIODevice::Append);
    process.setStandardErrorFile(stderrFile, QIODevice::Append);
    process.setStandardInputFile(QProcess::nullDevice());
    DetachedProcess p;
    qint64 pid = 0;
    if (!process.startDetached(&pid) || pid <= 0) {
        if (error)
            *error = QCoreApplication::translate("DetachedProcess", "%1 could not be started: %2")
                         .arg(program, process.errorString());
        return p;
    }
    p.pid = pid;
    char state = '?';
    qint64 ticks = -1;
    if (readStat(pid, &state, &ticks))
        p.startTicks = ticks;
    return p;
}

} // namespace nsynth::app
