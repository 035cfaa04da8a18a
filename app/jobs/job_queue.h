#pragma once
// The workbench's job queue: grid jobs of a workspace waiting, running, paused, finished, in
// order, kept in <workspace>/jobs/queue.json so closing the workbench loses nothing:
//
//   {"format": "nsynth-job-queue", "version": 1, "keep_running_on_close": true,
//    "jobs": [{"id": "workshop-9x9", "folder": ".../jobs/workshop-9x9",
//              "settings_file": ".../jobs/.queue/workshop-9x9/grid.json", "runner": "local",
//              "state": "running", "threads": 0, "message": "", "progress": {...},
//              "runner_state": {...}, "logs": [...], "created": ..., "started": ..., "ended": ...}]}
//
// Each job is a grid job folder <workspace>/jobs/<id>/ (docs/grid.md) planned from a grid file
// the designer wrote, <workspace>/jobs/.queue/<id>/grid.json; the runner's logs sit beside that
// file. The file is rewritten atomically on every change.
//
// Jobs start in order as their runner has room (the local runner: one at a time). Pause stops a
// job at a batch boundary, Cancel as soon as possible; Resume puts a paused, cancelled, failed or
// interrupted job back in line and it continues where it stopped. Closing (close(), or the
// destructor) detaches from running work: with keepRunningOnClose it goes on without the
// workbench, otherwise it stops at a batch boundary. Opening the queue again reattaches to work
// still running and resumes work the closing stopped.
//
// Runners plug in through job_runner.h; a job whose runner is not registered (a cluster job in
// a build without the cluster runner) stays in the queue untouched, with a message saying so.

#include "grid_settings.h"
#include "job_record.h"
#include "job_runner.h"

#include <QElapsedTimer>
#include <QList>
#include <QSet>
#include <QObject>
#include <QString>

#include <map>
#include <memory>

namespace nsynth::app {

class JobQueue : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kFileName = "queue.json";

    explicit JobQueue(QObject* parent = nullptr);
    ~JobQueue() override;  // close()

    void registerRunner(std::unique_ptr<JobRunner> runner);
    JobRunner* runner(const QString& kind) const;
    QStringList runnerKinds() const;

    // Opens the queue of a jobs folder (<workspace>/jobs; created when missing): reads
    // queue.json, reattaches to work still running, resumes work interrupted by closing, then
    // starts what is queued. Throws Error when queue.json exists but cannot be read.
    void open(const QString& jobsFolder);
    // Detaches from running work as keepRunningOnClose says, saves, and forgets the queue.
    void close();
    bool isOpen() const { return !m_folder.isEmpty(); }
    QString folder() const { return m_folder; }

    bool keepRunningOnClose() const { return m_keepRunning; }
    void setKeepRunningOnClose(bool keep);

    // A free job name from `base` (base, base-2, base-3, ...).
    QString suggestName(const QString& base) const;
    // Why `name` cannot name a new job (translated), or empty: 1-64 letters, digits, '-', '_'
    // or '.', not starting with '.', not used by another job or folder in the jobs folder.
    QString nameProblem(const QString& name) const;

    // Adds a grid job: writes its grid file and queues it; it starts when its runner has room.
    // Returns false with *error (translated, one line) when it cannot be added.
    bool addGridJob(const QString& name, const GridSettings& settings, const QString& runnerKind, int threads,
                    QString* error);

    const QList<JobRecord>& jobs() const { return m_jobs; }
    const JobRecord* job(const QString& id) const;
    int indexOf(const QString& id) const;

    bool pause(const QString& id);
    bool resume(const QString& id);
    bool cancel(const QString& id);
    // Removes a job that is not running; deleteFiles also deletes its job folder and logs.
    bool remove(const QString& id, bool deleteFiles, QString* error = nullptr);
    bool move(const QString& id, int delta);  // -1 up, +1 down

    QString logText(const QString& id) const;
    // The run of a job that is under way (tests look at its process), or null.
    JobRun* activeRun(const QString& id) const;

Q_SIGNALS:
    void jobAdded(const QString& id);
    void jobChanged(const QString& id);
    void jobRemoved(const QString& id);
    void jobMoved();
    void jobEnded(const QString& id, nsynth::app::JobState state);
    void logAppended(const QString& id, const QString& lines);
    void saveFailed(const QString& message);

private:
    JobRecord* find(const QString& id);
    void save();
    void schedule();
    bool startJob(JobRecord& record, bool reattach);
    void connectRun(const QString& id, JobRun* run);
    void onEnded(const QString& id, JobEnd end, const QString& message);
    void setState(JobRecord& record, JobState state, const QString& message = QString());

    QString m_folder;
    bool m_keepRunning = true;
    QList<JobRecord> m_jobs;
    std::map<QString, std::unique_ptr<JobRunner>> m_runners;
    std::map<QString, std::unique_ptr<JobRun>> m_runs;
    bool m_scheduling = false;
    QSet<QString> m_autoResume;  // jobs picked up by open(): an interruption resumes them
    QElapsedTimer m_lastSave;
};

} // namespace nsynth::app
