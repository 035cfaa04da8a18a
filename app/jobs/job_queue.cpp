#include "job_queue.h"

#include "atomic_file.h"
#include "error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace nsynth::app {

JobQueue::JobQueue(QObject* parent) : QObject(parent) {}

JobQueue::~JobQueue()
{
    close();
}

void JobQueue::registerRunner(std::unique_ptr<JobRunner> runner)
{
    const QString kind = runner->kind();
    m_runners[kind] = std::move(runner);
}

JobRunner* JobQueue::runner(const QString& kind) const
{
    const auto it = m_runners.find(kind);
    return it == m_runners.end() ? nullptr : it->second.get();
}

QStringList JobQueue::runnerKinds() const
{
    QStringList out;
    for (const auto& [kind, r] : m_runners)
        out << kind;
    return out;
}

JobRecord* JobQueue::find(const QString& id)
{
    for (auto& r : m_jobs)
        if (r.id == id)
            return &r;
    return nullptr;
}

const JobRecord* JobQueue::job(const QString& id) const
{
    for (const auto& r : m_jobs)
        if (r.id == id)
            return &r;
    return nullptr;
}

int JobQueue::indexOf(const QString& id) const
{
    for (int i = 0; i < m_jobs.size(); ++i)
        if (m_jobs[i].id == id)
            return i;
    return -1;
}

JobRun* JobQueue::activeRun(const QString& id) const
{
    const auto it = m_runs.find(id);
    return it == m_runs.end() ? nullptr : it->second.get();
}

void JobQueue::setKeepRunningOnClose(bool keep)
{
    if (m_keepRunning == keep)
        return;
    m_keepRunning = keep;
    save();
}

void JobQueue::open(const QString& jobsFolder)
{
    close();
    const QString folder = QDir(jobsFolder).absolutePath();
    if (!QDir().mkpath(folder))
        throw Error((folder + ": cannot create the jobs folder").toStdString());
    QList<JobRecord> jobs;
    bool keep = true;
    const QString path = folder + QLatin1Char('/') + QLatin1String(kFileName);
    if (QFileInfo::exists(path)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            throw Error((path + ": cannot read: " + f.errorString()).toStdString());
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject() ||
            doc.object().value("format").toString() != QLatin1String("nsynth-job-queue"))
            throw Error((path + ": not a job queue file" +
                         (error.error != QJsonParseError::NoError ? ": " + error.errorString() : QString()))
                            .toStdString());
        const QJsonObject o = doc.object();
        keep = o.value("keep_running_on_close").toBool(true);
        for (const auto& v : o.value("jobs").toArray()) {
            try {
                jobs.append(JobRecord::fromJson(v.toObject()));
            } catch (const Error& e) {
                throw Error((path + ": " + QString::fromStdString(e.what())).toStdString());
            }
        }
    }
    m_folder = folder;
    m_keepRunning = keep;
    m_jobs = jobs;
    m_autoResume.clear();
    for (auto& r : m_jobs) {
        const bool wasActive = jobStateIsActive(r.state) || r.state == JobState::Interrupted;
        if (!wasActive)
            continue;
        if (!runner(r.runner)) {
            r.message = tr("This build cannot run %1 jobs; the job is left as it was.").arg(r.runner);
            continue;
        }
        // Work the closing stopped, or that stopped while the workbench was closed, goes on.
        m_autoResume.insert(r.id);
        if (!startJob(r, true)) {
            if (r.state == JobState::Pausing)
                setState(r, JobState::Paused);
            else if (r.state == JobState::Cancelling)
                setState(r, JobState::Cancelled);
            else
                setState(r, JobState::Queued, tr("resumed after the workbench was reopened"));
        } else if (r.state == JobState::Interrupted) {
            setState(r, JobState::Running);
        }
    }
    save();
    schedule();
}

void JobQueue::close()
{
    if (m_folder.isEmpty())
        return;
    for (auto& [id, run] : m_runs) {
        run->disconnect(this);
        run->detach(m_keepRunning);
        if (JobRecord* r = find(id)) {
            r->runnerState = run->state();
            r->logs = run->logFiles();
            if (!m_keepRunning && r->state == JobState::Running)
                r->state = JobState::Interrupted;
        }
    }
    m_runs.clear();
    save();
    m_folder.clear();
    m_jobs.clear();
    m_autoResume.clear();
}

void JobQueue::save()
{
    if (m_folder.isEmpty())
        return;
    QJsonArray jobs;
    for (const auto& r : m_jobs)
        jobs.append(r.toJson());
    const QJsonObject o{{"format", "nsynth-job-queue"},
                        {"version", 1},
                        {"keep_running_on_close", m_keepRunning},
                        {"jobs", jobs}};
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented);
    try {
        writeFileAtomically((m_folder + QLatin1Char('/') + QLatin1String(kFileName)).toStdString(), text.constData(),
                            size_t(text.size()));
        m_lastSave.start();
    } catch (const Error& e) {
        Q_EMIT saveFailed(tr("The job queue could not be saved: %1").arg(QString::fromStdString(e.what())));
    }
}

QString JobQueue::suggestName(const QString& base) const
{
    QString clean = base;
    clean.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    while (clean.startsWith(QLatin1Char('.')) || clean.startsWith(QLatin1Char('-')))
        clean.remove(0, 1);
    if (clean.isEmpty())
        clean = QStringLiteral("grid");
    clean = clean.left(56);
    if (nameProblem(clean).isEmpty())
        return clean;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2").arg(clean).arg(n);
        if (nameProblem(candidate).isEmpty())
            return candidate;
    }
}

QString JobQueue::nameProblem(const QString& name) const
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$"));
    if (name.isEmpty())
        return tr("Give the job a name.");
    if (!valid.match(name).hasMatch())
        return tr("A job name is 1 to 64 letters, digits, '-', '_' or '.', and does not start with '.'.");
    if (job(name))
        return tr("The queue already has a job named %1.").arg(name);
    if (!m_folder.isEmpty() && QFileInfo::exists(m_folder + QLatin1Char('/') + name))
        return tr("%1 already exists in the jobs folder.").arg(name);
    return {};
}

bool JobQueue::addGridJob(const QString& name, const GridSettings& settings, const QString& runnerKind, int threads,
                          QString* error)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_folder.isEmpty())
        return fail(tr("No workspace is open."));
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return fail(problem);
    if (!runner(runnerKind))
        return fail(tr("There is no runner for %1 jobs.").arg(runnerKind));
    const QStringList problems = settings.problems();
    if (!problems.isEmpty())
        return fail(tr("The grid settings have problems: %1").arg(problems.join(QStringLiteral("; "))));
    const QString dir = m_folder + QStringLiteral("/.queue/") + name;
    if (!QDir().mkpath(dir))
        return fail(tr("%1 cannot be created.").arg(dir));
    const QString settingsFile = dir + QStringLiteral("/grid.json");
    const QByteArray text = QJsonDocument(gridSettingsToJson(settings)).toJson(QJsonDocument::Indented);
    try {
        writeFileAtomically(settingsFile.toStdString(), text.constData(), size_t(text.size()));
    } catch (const Error& e) {
        return fail(tr("The job's grid file could not be written: %1").arg(QString::fromStdString(e.what())));
    }
    JobRecord r;
    r.id = name;
    r.folder = m_folder + QLatin1Char('/') + name;
    r.settingsFile = settingsFile;
    r.runner = runnerKind;
    r.threads = threads;
    r.state = JobState::Queued;
    r.created = QDateTime::currentDateTimeUtc();
    m_jobs.append(r);
    save();
    Q_EMIT jobAdded(name);
    schedule();
    return true;
}

void JobQueue::setState(JobRecord& record, JobState state, const QString& message)
{
    record.state = state;
    if (!message.isNull())
        record.message = message;
    Q_EMIT jobChanged(record.id);
}

void JobQueue::schedule()
{
    if (m_scheduling || m_folder.isEmpty())
        return;
    m_scheduling = true;
    for (const auto& [kind, r] : m_runners) {
        int active = 0;
        for (const auto& job : m_jobs)
            active += job.runner == kind && jobStateIsActive(job.state);
        for (auto& job : m_jobs) {
            if (active >= r->maxParallel())
                break;
            if (job.runner == kind && job.state == JobState::Queued) {
                startJob(job, false);
                ++active;
            }
        }
    }
    m_scheduling = false;
    save();
}

bool JobQueue::startJob(JobRecord& record, bool reattach)
{
    JobRunner* r = runner(record.runner);
    if (!r)
        return false;
    const QString id = record.id;
    auto run = r->createRun(record, this);
    JobRun* raw = run.get();
    connectRun(id, raw);
    m_runs[id] = std::move(run);
    if (reattach) {
        if (!raw->reattach()) {
            raw->disconnect(this);
            m_runs.erase(id);
            return false;
        }
        return true;
    }
    record.started = QDateTime::currentDateTimeUtc();
    record.ended = QDateTime();
    setState(record, JobState::Running, QString(""));
    raw->start();  // may end at once (the command missing): onEnded handles it
    return true;
}

void JobQueue::connectRun(const QString& id, JobRun* run)
{
    connect(run, &JobRun::progressChanged, this, [this, id](const JobProgressInfo& p) {
        if (JobRecord* r = find(id)) {
            r->progress = p;
            Q_EMIT jobChanged(id);
            // The last progress survives a restart; written every few seconds, not every poll.
            if (!m_lastSave.isValid() || m_lastSave.elapsed() > 3000)
                save();
        }
    });
    connect(run, &JobRun::stateChanged, this, [this, id, run] {
        if (JobRecord* r = find(id)) {
            r->runnerState = run->state();
            r->logs = run->logFiles();
            save();
        }
    });
    connect(run, &JobRun::logAppended, this, [this, id](const QString& lines) { Q_EMIT logAppended(id, lines); });
    connect(run, &JobRun::ended, this,
            [this, id](JobEnd end, const QString& message) { onEnded(id, end, message); });
}

void JobQueue::onEnded(const QString& id, JobEnd end, const QString& message)
{
    JobRecord* r = find(id);
    if (auto it = m_runs.find(id); it != m_runs.end()) {
        JobRun* run = it->second.release();
        m_runs.erase(it);
        run->disconnect(this);
        if (r) {
            r->runnerState = run->state();
            r->logs = run->logFiles();
        }
        run->deleteLater();  // we may be inside its own call stack
    }
    if (!r)
        return;
    r->ended = QDateTime::currentDateTimeUtc();
    JobState state = JobState::Failed;
    switch (end) {
    case JobEnd::Finished: state = JobState::Finished; break;
    case JobEnd::Paused: state = JobState::Paused; break;
    case JobEnd::Cancelled: state = JobState::Cancelled; break;
    case JobEnd::Failed: state = JobState::Failed; break;
    case JobEnd::Interrupted:
        // Stopped by the workbench closing (or while it was closed): it goes on now. Stopped by
        // something else during this session: left for the user to resume.
        state = m_autoResume.contains(id) ? JobState::Queued : JobState::Interrupted;
        break;
    }
    m_autoResume.remove(id);
    setState(*r, state, message);
    Q_EMIT jobEnded(id, state);
    save();
    schedule();
}

bool JobQueue::pause(const QString& id)
{
    JobRecord* r = find(id);
    if (!r)
        return false;
    if (r->state == JobState::Queued) {
        setState(*r, JobState::Paused, QString(""));
        save();
        return true;
    }
    JobRun* run = activeRun(id);
    if (r->state != JobState::Running || !run)
        return false;
    setState(*r, JobState::Pausing);
    run->pause();
    save();
    return true;
}

bool JobQueue::cancel(const QString& id)
{
    JobRecord* r = find(id);
    if (!r)
        return false;
    JobRun* run = activeRun(id);
    if ((r->state == JobState::Running || r->state == JobState::Pausing) && run) {
        setState(*r, JobState::Cancelling);
        run->cancel();
        save();
        return true;
    }
    if (r->state == JobState::Queued || r->state == JobState::Paused || r->state == JobState::Interrupted) {
        setState(*r, JobState::Cancelled, QString(""));
        save();
        return true;
    }
    return false;
}

bool JobQueue::resume(const QString& id)
{
    JobRecord* r = find(id);
    if (!r || !jobStateCanResume(r->state))
        return false;
    setState(*r, JobState::Queued, QString(""));
    save();
    schedule();
    return true;
}

bool JobQueue::remove(const QString& id, bool deleteFiles, QString* error)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    if (jobStateIsActive(m_jobs[i].state)) {
        if (error)
            *error = tr("%1 is running; pause or cancel it first.").arg(id);
        return false;
    }
    const JobRecord r = m_jobs.takeAt(i);
    if (deleteFiles) {
        // Only what the queue made, inside the jobs folder.
        for (const QString& path : {r.folder, QFileInfo(r.settingsFile).absolutePath()})
            if (!path.isEmpty() && QDir(path).absolutePath().startsWith(m_folder + QLatin1Char('/')))
                QDir(path).removeRecursively();
    }
    save();
    Q_EMIT jobRemoved(id);
    return true;
}

bool JobQueue::move(const QString& id, int delta)
{
    const int i = indexOf(id);
    const int j = i + delta;
    if (i < 0 || j < 0 || j >= m_jobs.size())
        return false;
    m_jobs.swapItemsAt(i, j);
    save();
    Q_EMIT jobMoved();
    return true;
}

QString JobQueue::logText(const QString& id) const
{
    const JobRecord* r = job(id);
    if (!r)
        return {};
    JobRunner* run = runner(r->runner);
    return run ? run->logText(*r) : QString();
}

} // namespace nsynth::app
