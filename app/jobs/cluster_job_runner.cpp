#include "cluster_job_runner.h"

#include "cluster_client.h"
#include "cluster_profile.h"
#include "error.h"
#include "progress_line.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <thread>

namespace nsynth::app {

namespace {

QString lastErrorIn(const QString& logFile)
{
    QFile f(logFile);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QString error, lastText;
    for (const QByteArray& line : f.readAll().split('\n')) {
        const ProgressLine p = parseProgressLine(line);
        if (p.kind != ProgressLine::Kind::Text || p.text.trimmed().isEmpty())
            continue;
        lastText = p.text.trimmed();
        if (const QString e = errorOfLine(p.text); !e.isEmpty())
            error = e;
    }
    return error.isEmpty() ? lastText : error;
}

QString shardList(const ClusterJobRecord& r, bool (*pick)(ShardState))
{
    QStringList out;
    for (const auto& s : r.shards)
        if (pick(s.state))
            out << QStringLiteral("%1 (%2)").arg(s.shard).arg(shardStateName(s.state));
    return out.join(QStringLiteral(", "));
}

// Shards Slurm still holds or runs, or whose notes are still on their way here.
bool anythingUnderWay(const ClusterJobRecord& r)
{
    if (r.pendingSubmission)
        return true;
    for (const auto& s : r.shards)
        if (shardIsActive(s.state) || (s.state == ShardState::Done && s.notesDone < s.notes))
            return true;
    return false;
}

} // namespace

// ---------------------------------------------------------------------------------------------

QString ClusterJobRunner::profileOf(const QString& kind)
{
    return kind.startsWith(QStringLiteral("cluster:")) ? kind.mid(8) : QString();
}

ClusterJobRunner::ClusterJobRunner(QString profileName, QString nsynthCommand)
    : m_profile(std::move(profileName)), m_command(std::move(nsynthCommand))
{
}

QString ClusterJobRunner::displayName() const
{
    return QCoreApplication::translate("ClusterJobRun", "cluster \"%1\"").arg(m_profile);
}

std::unique_ptr<JobRun> ClusterJobRunner::createRun(const JobRecord& record, QObject* parent)
{
    return std::make_unique<ClusterJobRun>(record, m_profile, m_command, m_backoff, parent);
}

QString ClusterJobRunner::logText(const JobRecord& record) const
{
    QString out;
    for (const QString& path : record.logs) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        out += QCoreApplication::translate("ClusterJobRun", "=== %1 ===").arg(QFileInfo(path).fileName()) + QLatin1Char('\n');
        for (const QByteArray& line : f.readAll().split('\n')) {
            const ProgressLine p = parseProgressLine(line);
            // Progress lines of the plan are the table's business; everything else is shown.
            if (p.kind == ProgressLine::Kind::Text && !p.text.trimmed().isEmpty())
                out += p.text + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    const QString script = record.folder + QStringLiteral("/cluster/run-grid.sbatch");
    QFile s(script);
    if (s.open(QIODevice::ReadOnly))
        out += QCoreApplication::translate("ClusterJobRun", "=== the sbatch script, %1 ===").arg(script) +
               QLatin1Char('\n') + QString::fromUtf8(s.readAll());
    return out;
}

// ---------------------------------------------------------------------------------------------

ClusterJobRun::ClusterJobRun(const JobRecord& record, QString profileName, QString nsynthCommand,
                             const PollBackoff& backoff, QObject* parent)
    : JobRun(parent), m_record(record), m_profile(std::move(profileName)), m_command(std::move(nsynthCommand)),
      m_backoff(backoff), m_logs(record.logs)
{
    m_slurmJobId = record.runnerState.value(QStringLiteral("slurm_job_id")).toString();
}

ClusterJobRun::~ClusterJobRun()
{
    m_ended = true;
    if (m_planProcess) {
        // A plan is redone from the start next time; nothing of it is worth keeping.
        m_planProcess->disconnect(this);
        m_planProcess->kill();
        m_planProcess->waitForFinished(5000);
    }
}

QJsonObject ClusterJobRun::state() const
{
    return QJsonObject{{"profile", m_profile}, {"step", m_step}, {"slurm_job_id", m_slurmJobId}};
}

void ClusterJobRun::log(const QString& line)
{
    // The run's own log (<grid file folder>/cluster.log), one timestamped line per event.
    const QString path = QFileInfo(m_record.settingsFile).absolutePath() + QStringLiteral("/cluster.log");
    QFile f(path);
    if (f.open(QIODevice::Append | QIODevice::WriteOnly)) {
        f.write((QDateTime::currentDateTime().toString(Qt::ISODate) + QLatin1Char(' ') + line + QLatin1Char('\n')).toUtf8());
    }
    if (!m_logs.contains(path)) {
        m_logs << path;
        Q_EMIT stateChanged();
    }
    Q_EMIT logAppended(line + QLatin1Char('\n'));
}

void ClusterJobRun::end(JobEnd how, const QString& message)
{
    if (m_ended)
        return;
    m_ended = true;
    if (m_monitor)
        m_monitor->stop();
    m_step.clear();
    log(message);
    Q_EMIT stateChanged();
    Q_EMIT ended(how, message);
}

void ClusterJobRun::start()
{
    m_ended = false;
    m_stopRequested = false;
    if (!QFileInfo::exists(m_record.folder + QStringLiteral("/job.json"))) {
        plan();
        return;
    }
    if (!ClusterJobRecord::exists(m_record.folder)) {
        submit(false);
        return;
    }
    // Submitted before: resume. Shards that ended without finishing go again; when none did
    // (all done, or still running), watching is all there is to do.
    ClusterJobRecord r;
    try {
        r = ClusterJobRecord::load(m_record.folder);
    } catch (const Error& e) {
        end(JobEnd::Failed, QString::fromUtf8(e.what()));
        return;
    }
    if (r.submissions.isEmpty() && !r.pendingSubmission) {
        submit(false);
        return;
    }
    bool needs = false;
    for (const auto& s : r.shards)
        needs = needs || shardNeedsResubmission(s.state);
    if (needs && !anythingUnderWay(r))
        submit(true);
    else
        watch();
}

bool ClusterJobRun::reattach()
{
    if (!ClusterJobRecord::exists(m_record.folder))
        return false;  // nothing was submitted: the queue starts (plans, submits) again
    try {
        const ClusterJobRecord r = ClusterJobRecord::load(m_record.folder);
        if (r.submissions.isEmpty() && !r.pendingSubmission)
            return false;
    } catch (const Error&) {
        return false;
    }
    m_ended = false;
    log(tr("reattached to the cluster job"));
    watch();
    return true;
}

void ClusterJobRun::plan()
{
    m_step = QStringLiteral("plan");
    const QString dir = QFileInfo(m_record.settingsFile).absolutePath();
    m_planLog = dir + QStringLiteral("/plan-cluster.log");
    QFile::remove(m_planLog);
    if (!m_logs.contains(m_planLog))
        m_logs << m_planLog;
    m_planProcess = new QProcess(this);
    m_planProcess->setStandardErrorFile(m_planLog);
    m_planProcess->setStandardOutputFile(dir + QStringLiteral("/plan-cluster.json"));
    connect(m_planProcess, &QProcess::finished, this, &ClusterJobRun::planFinished);
    connect(m_planProcess, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            end(JobEnd::Failed, tr("%1 cannot be started: %2").arg(m_command, m_planProcess->errorString()));
    });
    JobProgressInfo p;
    p.stage = QStringLiteral("plan");
    p.detail = tr("planning here: checking and encoding the corner notes");
    Q_EMIT progressChanged(p);
    Q_EMIT stateChanged();
    log(tr("planning the job here (nsynth grid plan)"));
    m_planProcess->start(m_command, {QStringLiteral("grid"), QStringLiteral("plan"), m_record.settingsFile,
                                     QStringLiteral("-o"), m_record.folder, QStringLiteral("--json"),
                                     QStringLiteral("--progress"), QStringLiteral("json"), QStringLiteral("--threads"),
                                     QString::number(std::max(0, m_record.threads))});
}

void ClusterJobRun::planFinished()
{
    QProcess* p = m_planProcess;
    m_planProcess = nullptr;
    p->deleteLater();
    if (m_ended)
        return;
    if (m_stopRequested) {
        end(m_stopping, m_stopping == JobEnd::Paused ? tr("paused before submitting") : tr("cancelled before submitting"));
        return;
    }
    if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0 ||
        !QFileInfo::exists(m_record.folder + QStringLiteral("/job.json"))) {
        const QString why = lastErrorIn(m_planLog);
        end(JobEnd::Failed, why.isEmpty() ? tr("nsynth grid plan failed (see the log)") : why);
        return;
    }
    submit(false);
}

void ClusterJobRun::submit(bool resubmit)
{
    m_step = QStringLiteral("submit");
    Q_EMIT stateChanged();
    JobProgressInfo p = m_record.progress;
    p.stage = QStringLiteral("submit");
    p.detail = resubmit ? tr("resubmitting the shards that did not finish") : tr("staging the job on the cluster");
    Q_EMIT progressChanged(p);

    ClusterProfile profile;
    if (!resubmit) {
        try {
            profile = ClusterProfileStore().find(m_profile);
        } catch (const Error& e) {
            end(JobEnd::Failed, QString::fromUtf8(e.what()));
            return;
        }
    }
    log(resubmit ? tr("resubmitting the unfinished shards") : tr("submitting to cluster \"%1\"").arg(m_profile));

    // The submission blocks for as long as staging takes, so it runs in a thread of its own. It
    // reports back through the application object, to this run only while it exists: the
    // workbench may close meanwhile, and a submission cut short by that is adopted by the next
    // poll (docs/cluster.md, section 4).
    QPointer<ClusterJobRun> self(this);
    auto report = [self](std::function<void(ClusterJobRun*)> f) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, f] {
            if (self)
                f(self.data());
        }, Qt::QueuedConnection);
    };
    const QString folder = m_record.folder;
    std::thread([folder, profile, resubmit, report] {
        SubmitOptions options;
        options.resubmit = resubmit;
        options.notice = [report](const QString& line) { report([line](ClusterJobRun* r) { r->log(line); }); };
        try {
            const SubmitResult s = submitGridJob(folder, profile, options);
            report([s](ClusterJobRun* r) {
                if (r->m_ended)
                    return;
                r->m_slurmJobId = s.slurmJobId;
                r->log(tr("submitted as Slurm job %1 (shards %2); the script is %3")
                           .arg(s.slurmJobId, s.array, s.scriptPath));
                r->watch();
                if (r->m_stopRequested)
                    r->stopTasks(r->m_stopping);
            });
        } catch (const std::exception& e) {
            const QString message = QString::fromUtf8(e.what());
            report([message](ClusterJobRun* r) { r->end(JobEnd::Failed, message); });
        }
    }).detach();
}

void ClusterJobRun::watch()
{
    m_step = QStringLiteral("watch");
    Q_EMIT stateChanged();
    if (!m_monitor) {
        m_monitor = std::make_unique<ClusterJobMonitor>(m_record.folder);
        m_monitor->setBackoff(m_backoff);
        connect(m_monitor.get(), &ClusterJobMonitor::updated, this, &ClusterJobRun::onUpdate);
        connect(m_monitor.get(), &ClusterJobMonitor::finished, this, &ClusterJobRun::onUpdate);
        connect(m_monitor.get(), &ClusterJobMonitor::problem, this, &ClusterJobRun::onProblem);
    }
    m_monitor->start();
}

void ClusterJobRun::onUpdate(const ClusterJobRecord& r)
{
    if (m_ended)
        return;
    if (!r.submissions.isEmpty() && r.submissions.last().slurmJobId != m_slurmJobId) {
        m_slurmJobId = r.submissions.last().slurmJobId;
        Q_EMIT stateChanged();
    }
    JobProgressInfo p;
    p.stage = QStringLiteral("cluster");
    p.notesDone = r.notesDone;
    p.notesTotal = r.notes;
    p.fraction = r.notes > 0 ? double(r.notesDone) / double(r.notes) : 0.0;
    for (const auto& s : r.shards)
        if (s.state == ShardState::Running)
            p.samplesPerSecond += s.rate;
    p.etaSeconds = r.etaSeconds;
    p.detail = r.lastProblem.isEmpty() ? r.summary() : r.summary() + QStringLiteral(" — ") + r.lastProblem;
    Q_EMIT progressChanged(p);
    if (r.summary() != m_lastSummary) {
        m_lastSummary = r.summary();
        log(m_lastSummary);
    }
    if (r.complete) {
        end(JobEnd::Finished, tr("all %1 notes are here").arg(r.notes));
        return;
    }
    if (anythingUnderWay(r))
        return;
    if (m_stopRequested) {
        end(m_stopping, m_stopping == JobEnd::Paused
                            ? tr("paused: the cluster's tasks were stopped; %1 of %2 notes are here").arg(r.notesDone).arg(r.notes)
                            : tr("cancelled: %1 of %2 notes are here").arg(r.notesDone).arg(r.notes));
        return;
    }
    end(JobEnd::Failed, tr("shard(s) %1 ended without finishing; Resume resubmits them")
                            .arg(shardList(r, [](ShardState s) { return shardNeedsResubmission(s); })));
}

void ClusterJobRun::onProblem(const QString& message)
{
    if (!m_ended)
        log(message);
}

void ClusterJobRun::stopTasks(JobEnd how)
{
    m_stopping = how;
    m_stopRequested = true;
    if (m_step != QStringLiteral("watch"))
        return;  // the plan ends on its own; a submission stops its tasks when it returns
    log(how == JobEnd::Paused ? tr("pausing: cancelling the cluster's tasks (finished notes stay)")
                              : tr("cancelling the cluster's tasks"));
    const QString folder = m_record.folder;
    QPointer<ClusterJobRun> self(this);
    // scancel is one round trip; like polls, it must not block the GUI.
    std::thread([folder, self] {
        QString said;
        try {
            said = cancelClusterJob(folder);
        } catch (const std::exception& e) {
            said = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, said] {
            if (!self)
                return;
            if (!said.isEmpty())
                self->log(said);
            if (self->m_monitor)
                self->m_monitor->pollNow();
        }, Qt::QueuedConnection);
    }).detach();
}

void ClusterJobRun::pause()
{
    if (m_planProcess)
        m_planProcess->kill();  // planned again from the start on Resume
    stopTasks(JobEnd::Paused);
}

void ClusterJobRun::cancel()
{
    if (m_planProcess)
        m_planProcess->kill();
    stopTasks(JobEnd::Cancelled);
}

void ClusterJobRun::detach(bool keepRunning)
{
    // The cluster job goes on in any case (it does not run on this computer); only watching
    // stops, and the queue reattaches when it is opened again.
    Q_UNUSED(keepRunning);
    if (m_monitor)
        m_monitor->stop();
    if (m_planProcess) {
        m_planProcess->disconnect(this);
        m_planProcess->kill();
        m_planProcess->waitForFinished(5000);
        m_planProcess->deleteLater();
        m_planProcess = nullptr;
    }
    m_ended = true;
    Q_EMIT stateChanged();
}

} // namespace nsynth::app
