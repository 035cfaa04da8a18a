#include "local_job_runner.h"

#include "progress_line.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>
#include <csignal>

namespace nsynth::app {

namespace {

QJsonObject readJsonObject(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // The summary is the last JSON document on stdout; anything before it is not ours.
    const QByteArray text = f.readAll().trimmed();
    const qsizetype start = text.lastIndexOf("\n{") >= 0 ? text.lastIndexOf("\n{") + 1 : text.indexOf('{');
    if (start < 0)
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.mid(start));
    return doc.isObject() ? doc.object() : QJsonObject();
}

QString secondsText(double s)
{
    if (s < 60)
        return QCoreApplication::translate("LocalJobRun", "%1 s").arg(s, 0, 'f', 1);
    const qint64 t = qint64(std::llround(s));
    if (t < 3600)
        return QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3").arg(t / 3600).arg(t / 60 % 60, 2, 10, QLatin1Char('0')).arg(t % 60, 2, 10,
                                                                                                     QLatin1Char('0'));
}

// A line of a log file for people: batch events in words, progress lines left out (the table
// shows progress), everything else as written.
QString describeLine(const QByteArray& line, bool* keep)
{
    const ProgressLine p = parseProgressLine(line);
    *keep = true;
    switch (p.kind) {
    case ProgressLine::Kind::Text:
        *keep = !p.text.trimmed().isEmpty();
        return p.text;
    case ProgressLine::Kind::Batch:
        return QCoreApplication::translate("LocalJobRun", "batch %1 written: %2 of %3 notes of this run")
            .arg(p.batch)
            .arg(p.notesDone)
            .arg(p.notesTotal);
    case ProgressLine::Kind::Done:
        if (p.task == QLatin1String("grid run"))
            return QCoreApplication::translate("LocalJobRun", "generation ended after %1 (%2 samples/s)")
                .arg(secondsText(p.elapsedSeconds))
                .arg(p.rate, 0, 'f', 0);
        *keep = false;
        return {};
    case ProgressLine::Kind::Progress:
        *keep = false;
        return {};
    }
    return {};
}

} // namespace

// ---------------------------------------------------------------------------------------------

LocalJobRunner::LocalJobRunner() : m_command(defaultCommand()) {}

QString LocalJobRunner::defaultCommand()
{
    const QByteArray env = qgetenv("NSYNTH_COMMAND");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    // build/app/nsynth beside build/app/nsynth-workbench, and bin/nsynth beside bin/nsynth-workbench.
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/nsynth");
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("nsynth"));
    return onPath.isEmpty() ? QStringLiteral("nsynth") : onPath;
}

QString LocalJobRunner::displayName() const
{
    return QCoreApplication::translate("LocalJobRun", "this computer");
}

std::unique_ptr<JobRun> LocalJobRunner::createRun(const JobRecord& record, QObject* parent)
{
    return std::make_unique<LocalJobRun>(record, m_command, parent);
}

QString LocalJobRunner::logText(const JobRecord& record) const
{
    QString out;
    for (const QString& path : record.logs) {
        const QFileInfo info(path);
        const QString stage = info.completeBaseName().section(QLatin1Char('-'), 0, 0);
        out += QCoreApplication::translate("LocalJobRun", "=== %1 (%2), started %3 ===")
                   .arg(stage == QLatin1String("plan") ? QStringLiteral("nsynth grid plan")
                                                       : QStringLiteral("nsynth grid run"),
                        info.fileName(), info.birthTime().isValid() ? info.birthTime().toString(Qt::ISODate)
                                                                    : info.lastModified().toString(Qt::ISODate)) +
               QLatin1Char('\n');
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            // Very long runs write many progress lines; only the last 4 MB are shown.
            if (f.size() > (4 << 20))
                f.seek(f.size() - (4 << 20));
            for (const QByteArray& line : f.readAll().split('\n')) {
                bool keep = false;
                const QString text = describeLine(line, &keep);
                if (keep)
                    out += text + QLatin1Char('\n');
            }
        }
        const QJsonObject summary = readJsonObject(info.absolutePath() + QLatin1Char('/') + info.completeBaseName() +
                                                   QStringLiteral(".json"));
        if (summary.contains(QStringLiteral("outcome")))
            out += QCoreApplication::translate("LocalJobRun", "result: %1; %2 notes generated in %3; job %4 of %5 notes")
                       .arg(summary.value("outcome").toString())
                       .arg(summary.value("notes_generated").toInteger())
                       .arg(secondsText(summary.value("seconds").toDouble()))
                       .arg(summary.value("job_notes_done").toInteger())
                       .arg(summary.value("job_notes").toInteger()) +
                   QLatin1Char('\n');
        else if (summary.value("ok").toBool())
            out += QCoreApplication::translate("LocalJobRun", "result: planned, %1 unique notes; %2")
                       .arg(summary.value("counts").toObject().value("unique_notes").toInteger())
                       .arg(summary.value("estimate").toObject().value("text").toString()) +
                   QLatin1Char('\n');
        out += QLatin1Char('\n');
    }
    return out;
}

// ---------------------------------------------------------------------------------------------

LocalJobRun::LocalJobRun(const JobRecord& record, const QString& command, QObject* parent)
    : JobRun(parent), m_record(record), m_command(command), m_logs(record.logs)
{
    m_dir = QFileInfo(record.settingsFile).absolutePath();
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &LocalJobRun::poll);
    const QJsonObject s = record.runnerState;
    m_index = s.value("index").toInt();
}

LocalJobRun::~LocalJobRun()
{
    m_timer.stop();
}

QJsonObject LocalJobRun::state() const
{
    return QJsonObject{{"stage", m_stage},
                       {"index", m_index},
                       {"process", m_process.toJson()},
                       {"stdout", m_stdout},
                       {"stderr", m_stderr},
                       {"requested", m_requested},
                       {"notes_before", qint64(m_notesBefore)},
                       {"notes_total", qint64(m_notesTotal)},
                       {"samples_per_note", qint64(m_samplesPerNote)}};
}

void LocalJobRun::start()
{
    m_ended = false;
    m_requested.clear();
    m_lastError.clear();
    startStage(QFileInfo::exists(m_record.folder + QStringLiteral("/job.json")) ? QStringLiteral("run")
                                                                                : QStringLiteral("plan"));
}

int64_t LocalJobRun::countGeneratedNotes() const
{
    // Finished notes are raw/<identity>.wav; temporaries of interrupted writes start with '.'.
    return QDir(m_record.folder + QStringLiteral("/raw")).entryList({QStringLiteral("*.wav")}, QDir::Files).size();
}

void LocalJobRun::startStage(const QString& stage)
{
    m_stage = stage;
    ++m_index;
    QDir().mkpath(m_dir);
    const QString base = m_dir + QStringLiteral("/%1-%2").arg(stage).arg(m_index, 3, 10, QLatin1Char('0'));
    m_stdout = base + QStringLiteral(".json");
    m_stderr = base + QStringLiteral(".log");
    QFile::remove(m_stdout);
    QFile::remove(m_stderr);
    m_offset = 0;
    m_partial.clear();
    QStringList args{QStringLiteral("grid"), stage};
    if (stage == QLatin1String("plan"))
        args << m_record.settingsFile << QStringLiteral("-o") << m_record.folder;
    else
        args << m_record.folder;
    args << QStringLiteral("--json") << QStringLiteral("--progress") << QStringLiteral("json") << QStringLiteral("--threads")
         << QString::number(std::max(0, m_record.threads));
    m_progress = JobProgressInfo{};
    m_progress.stage = stage;
    if (stage == QLatin1String("run")) {
        QFile f(m_record.folder + QStringLiteral("/job.json"));
        const QJsonObject resolved = f.open(QIODevice::ReadOnly)
                                         ? QJsonDocument::fromJson(f.readAll()).object().value("resolved").toObject()
                                         : QJsonObject();
        m_notesTotal = resolved.value("unique_notes").toInteger();
        m_samplesPerNote = resolved.value("samples_per_note").toInteger();
        m_notesBefore = std::min(countGeneratedNotes(), m_notesTotal);
        m_progress.notesDone = m_notesBefore;
        m_progress.notesTotal = m_notesTotal;
        m_progress.fraction = m_notesTotal > 0 ? double(m_notesBefore) / double(m_notesTotal) : 0.0;
        m_progress.detail = tr("generating");
    } else {
        m_progress.detail = tr("planning: checking and encoding the corner notes");
    }
    QString error;
    m_process = startDetachedProcess(m_command, args, m_stdout, m_stderr, &error);
    if (!m_process.isValid()) {
        end(JobEnd::Failed, error);
        return;
    }
    m_logs.append(m_stderr);
    Q_EMIT stateChanged();
    Q_EMIT progressChanged(m_progress);
    m_timer.start();
}

bool LocalJobRun::reattach()
{
    const QJsonObject s = m_record.runnerState;
    m_stage = s.value("stage").toString();
    m_process = DetachedProcess::fromJson(s.value("process").toObject());
    m_stdout = s.value("stdout").toString();
    m_stderr = s.value("stderr").toString();
    m_requested = s.value("requested").toString();
    m_notesBefore = s.value("notes_before").toInteger();
    m_notesTotal = s.value("notes_total").toInteger();
    m_samplesPerNote = s.value("samples_per_note").toInteger();
    if (m_stage.isEmpty() || !m_process.isValid() || m_stderr.isEmpty())
        return false;
    m_ended = false;
    m_progress = m_record.progress;
    m_progress.stage = m_stage;
    // Only the end of the log matters now: the latest progress, and errors near the end.
    const qint64 size = QFileInfo(m_stderr).size();
    m_offset = std::max<qint64>(0, size - (256 << 10));
    m_partial.clear();
    if (m_offset > 0) {
        QFile f(m_stderr);
        if (f.open(QIODevice::ReadOnly) && f.seek(m_offset)) {
            const QByteArray head = f.read(64 << 10);
            const qsizetype nl = head.indexOf('\n');
            m_offset += nl >= 0 ? nl + 1 : head.size();  // skip the cut line
        }
    }
    m_timer.start();
    QTimer::singleShot(0, this, &LocalJobRun::poll);
    return true;
}

void LocalJobRun::readLog()
{
    QFile f(m_stderr);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(m_offset))
        return;
    const QByteArray data = f.readAll();
    m_offset += data.size();
    m_partial += data;
    qsizetype nl;
    while ((nl = m_partial.indexOf('\n')) >= 0) {
        const QByteArray line = m_partial.left(nl);
        m_partial.remove(0, nl + 1);
        handleLine(line);
    }
}

void LocalJobRun::poll()
{
    if (m_ended)
        return;
    const bool running = m_process.isRunning();
    readLog();
    if (!running) {
        // The process is gone: whatever it wrote is complete now.
        readLog();
        if (!m_partial.isEmpty()) {
            handleLine(m_partial);
            m_partial.clear();
        }
        finishStage();
    }
}

void LocalJobRun::handleLine(const QByteArray& line)
{
    const ProgressLine p = parseProgressLine(line);
    switch (p.kind) {
    case ProgressLine::Kind::Text: {
        const QString error = errorOfLine(p.text);
        if (!error.isEmpty())
            m_lastError = error;
        if (!p.text.trimmed().isEmpty())
            Q_EMIT logAppended(p.text);
        return;
    }
    case ProgressLine::Kind::Batch:
        m_progress.notesDone = std::min(m_notesTotal, m_notesBefore + p.notesDone);
        Q_EMIT logAppended(tr("batch %1 written: %2 of %3 notes of this run").arg(p.batch).arg(p.notesDone).arg(p.notesTotal));
        break;
    case ProgressLine::Kind::Progress:
    case ProgressLine::Kind::Done:
        if (m_stage == QLatin1String("plan")) {
            if (p.task == QLatin1String("encode") && p.total > 0)
                m_progress.detail =
                    tr("planning: encoding the corner notes (%1 of %2)").arg(qint64(p.done)).arg(qint64(p.total));
            break;
        }
        if (p.task != QLatin1String("grid run"))
            break;
        m_progress.samplesPerSecond = p.rate;
        m_progress.etaSeconds = p.kind == ProgressLine::Kind::Done ? 0.0 : p.etaSeconds;
        m_progress.elapsedSeconds = p.elapsedSeconds;
        if (m_samplesPerNote > 0 && m_notesTotal > 0) {
            const double done = double(m_notesBefore) * double(m_samplesPerNote) + p.done;
            m_progress.fraction = std::clamp(done / (double(m_notesTotal) * double(m_samplesPerNote)), 0.0, 1.0);
        }
        break;
    }
    Q_EMIT progressChanged(m_progress);
}

void LocalJobRun::finishStage()
{
    m_timer.stop();
    const QJsonObject summary = readJsonObject(m_stdout);
    const auto stoppedEnd = [this]() {
        if (m_requested == QLatin1String("pause"))
            return JobEnd::Paused;
        if (m_requested == QLatin1String("cancel"))
            return JobEnd::Cancelled;
        return JobEnd::Interrupted;
    };
    if (m_stage == QLatin1String("plan")) {
        if (summary.value("ok").toBool()) {
            if (!m_requested.isEmpty()) {
                end(stoppedEnd(), tr("stopped after planning"));
                return;
            }
            startStage(QStringLiteral("run"));
            return;
        }
        if (summary.contains("problems")) {
            QStringList problems;
            for (const auto& v : summary.value("problems").toArray())
                problems << v.toString();
            end(JobEnd::Failed, tr("the grid cannot be planned: %1").arg(problems.join(QStringLiteral("; "))));
            return;
        }
        if (!m_requested.isEmpty()) {
            end(stoppedEnd(), tr("stopped while planning"));
            return;
        }
        end(JobEnd::Failed, m_lastError.isEmpty() ? tr("nsynth grid plan ended without a result (see the log)")
                                                  : m_lastError);
        return;
    }

    const QString outcome = summary.value("outcome").toString();
    const int64_t done = summary.contains("job_notes_done") ? summary.value("job_notes_done").toInteger()
                                                            : std::min(countGeneratedNotes(), m_notesTotal);
    const int64_t total = summary.contains("job_notes") ? summary.value("job_notes").toInteger() : m_notesTotal;
    m_progress.notesDone = done;
    m_progress.notesTotal = total;
    m_progress.fraction = total > 0 ? double(done) / double(total) : 0.0;
    if (outcome == QLatin1String("finished")) {
        if (summary.value("job_complete").toBool()) {
            m_progress.fraction = 1.0;
            m_progress.etaSeconds = 0;
            Q_EMIT progressChanged(m_progress);
            end(JobEnd::Finished, tr("%1 notes generated in %2 (%3 samples/s)")
                                      .arg(summary.value("notes_generated").toInteger())
                                      .arg(secondsText(summary.value("seconds").toDouble()))
                                      .arg(summary.value("samples_per_s").toDouble(), 0, 'f', 0));
        } else {
            Q_EMIT progressChanged(m_progress);
            end(JobEnd::Failed, tr("the run ended but %1 of %2 notes are missing; Resume generates them")
                                    .arg(total - done)
                                    .arg(total));
        }
        return;
    }
    Q_EMIT progressChanged(m_progress);
    if (outcome.startsWith(QLatin1String("stopped"))) {
        end(stoppedEnd(), tr("stopped at a batch boundary: %1 of %2 notes done").arg(done).arg(total));
        return;
    }
    if (outcome == QLatin1String("aborted")) {
        end(m_requested == QLatin1String("pause") ? JobEnd::Paused : stoppedEnd(),
            tr("stopped; the batch in progress was abandoned: %1 of %2 notes done").arg(done).arg(total));
        return;
    }
    if (!m_lastError.isEmpty()) {
        end(JobEnd::Failed, m_lastError);
        return;
    }
    if (m_notesTotal > 0 && countGeneratedNotes() >= m_notesTotal) {
        m_progress.fraction = 1.0;
        Q_EMIT progressChanged(m_progress);
        end(JobEnd::Finished, tr("all %1 notes are generated").arg(m_notesTotal));
        return;
    }
    if (!m_requested.isEmpty()) {
        end(stoppedEnd(), tr("stopped: %1 of %2 notes done").arg(done).arg(total));
        return;
    }
    end(JobEnd::Failed, tr("the generator stopped without a result (killed or crashed?); %1 of %2 notes are done and "
                           "Resume continues from there")
                            .arg(done)
                            .arg(total));
}

void LocalJobRun::end(JobEnd e, const QString& message)
{
    if (m_ended)
        return;
    m_ended = true;
    m_timer.stop();
    Q_EMIT stateChanged();
    Q_EMIT ended(e, message);
}

void LocalJobRun::pause()
{
    if (m_ended)
        return;
    m_requested = QStringLiteral("pause");
    m_process.signal(SIGTERM);
    Q_EMIT stateChanged();
}

void LocalJobRun::cancel()
{
    if (m_ended)
        return;
    m_requested = QStringLiteral("cancel");
    m_process.signal(SIGTERM);
    // A second signal abandons the batch in progress (`grid run`); sent a moment later so the
    // two are not merged into one pending signal.
    QTimer::singleShot(150, this, [this] {
        if (!m_ended)
            m_process.signal(SIGTERM);
    });
    Q_EMIT stateChanged();
}

void LocalJobRun::detach(bool keepRunning)
{
    m_timer.stop();
    if (m_ended)
        return;
    if (!keepRunning && m_requested.isEmpty()) {
        m_requested = QStringLiteral("close");
        m_process.signal(SIGTERM);
    }
    m_ended = true;  // no more signals from this object
    Q_EMIT stateChanged();
}

} // namespace nsynth::app
