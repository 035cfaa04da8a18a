#pragma once
// How the job queue (job_queue.h) gets work done: a JobRunner knows one way of running grid
// jobs (on this machine: local_job_runner.h; on a Slurm cluster: cluster_job_runner.h) and
// creates a JobRun for each execution of a job. The queue owns the records, the order and
// the states; a runner owns everything about *how*: processes, connections, files. What a runner
// needs to find its work again after the workbench was closed (a process id, a Slurm job id) it
// returns from state(); the queue stores it in the record and hands the record back to
// createRun() when it is opened again.
//
// The contract every runner keeps, whatever it runs on:
//   - start() begins the job or continues it where it stopped (grid runs resume from the notes
//     already in JOB/raw/, so continuing is always bitwise the same as never stopping);
//   - pause() stops at a batch boundary, cancel() as soon as possible; both end with ended();
//   - detach(keepRunning) lets go when the workbench closes: the work goes on without us (true)
//     or stops at a batch boundary (false); reattach() picks it up again;
//   - exactly one ended() per start()/reattach(), with a one-line message for people.

#include "job_record.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <memory>

namespace nsynth::app {

enum class JobEnd {
    Finished,
    Paused,       // stopped at a batch boundary after pause()
    Cancelled,    // stopped after cancel()
    Interrupted,  // stopped by something else (the workbench closing, a signal from outside)
    Failed,
};

class JobRun : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~JobRun() override = default;

    virtual void start() = 0;
    // Reconnects with work started before the workbench was closed (the record's runner state).
    // False when there is nothing to reconnect to; the queue then calls start().
    virtual bool reattach() = 0;
    virtual void pause() = 0;
    virtual void cancel() = 0;
    // The workbench is closing; returns at once. keepRunning false: the work stops at a batch
    // boundary and the queue resumes it when opened again.
    virtual void detach(bool keepRunning) = 0;
    // What reattach() needs, stored by the queue in the record's runner state.
    virtual QJsonObject state() const = 0;
    // Log files written so far (shown by the queue's log view), oldest first.
    virtual QStringList logFiles() const = 0;

Q_SIGNALS:
    void progressChanged(const nsynth::app::JobProgressInfo& progress);
    void stateChanged();  // state() changed: the queue saves it
    void logAppended(const QString& lines);
    void ended(nsynth::app::JobEnd end, const QString& message);
};

class JobRunner {
public:
    virtual ~JobRunner() = default;
    virtual QString kind() const = 0;         // "local", "cluster", ...
    virtual QString displayName() const = 0;  // translated, for the queue's table
    // Jobs of this runner that may run at the same time (the local CPU: one).
    virtual int maxParallel() const = 0;
    virtual std::unique_ptr<JobRun> createRun(const JobRecord& record, QObject* parent) = 0;
    // The job's log for people, from its log files (progress lines summarised).
    virtual QString logText(const JobRecord& record) const = 0;
};

} // namespace nsynth::app
