#pragma once
// One entry of the workbench's job queue as it is kept on disk (job_queue.h): which grid job,
// which runner, where it stands, the runner's own bookkeeping (for a local job: the process id
// and its start time, the log files), and the last progress seen, so a reopened workbench can
// show, reattach to or resume every job.

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace nsynth::app {

enum class JobState {
    Queued,       // waiting for its runner
    Running,
    Pausing,      // asked to stop at the next batch boundary
    Paused,       // stopped at a batch boundary by the user; Resume continues
    Cancelling,   // asked to stop now
    Cancelled,    // stopped by the user; the notes generated so far are kept, Resume continues
    Interrupted,  // stopped because the workbench closed; resumed when the queue is opened again
    Failed,       // ended with an error (message); Resume tries again
    Finished,
};

QString jobStateKey(JobState state);  // "queued", "running", ... (JSON)
JobState jobStateFromKey(const QString& key, bool* ok = nullptr);
// Translated, for people ("running", "paused"...).
QString jobStateName(JobState state);
bool jobStateIsActive(JobState state);     // running, pausing, cancelling: work is under way
bool jobStateCanResume(JobState state);    // paused, cancelled, interrupted, failed

struct JobProgressInfo {
    QString stage;              // "plan" | "run" (the local runner's), free for other runners
    double fraction = 0;        // of the whole job, 0..1
    int64_t notesDone = 0, notesTotal = 0;
    double samplesPerSecond = 0;
    double etaSeconds = -1;     // -1: not known
    double elapsedSeconds = 0;  // of the current run
    QString detail;             // one line, e.g. "encoding the corner notes"
    QJsonObject toJson() const;
    static JobProgressInfo fromJson(const QJsonObject& o);
};

struct JobRecord {
    QString id;             // unique in the queue; the job folder's name
    QString folder;         // the grid job folder (absolute)
    QString settingsFile;   // the grid file the job is planned from (absolute)
    QString runner = QStringLiteral("local");
    JobState state = JobState::Queued;
    int threads = 0;        // compute threads for local work (0: all cores)
    QString message;        // the last outcome or error, one line
    JobProgressInfo progress;
    QJsonObject runnerState;  // the runner's own, opaque to the queue
    QStringList logs;       // log files, oldest first
    QDateTime created, started, ended;

    QJsonObject toJson() const;
    // Throws Error naming what is wrong.
    static JobRecord fromJson(const QJsonObject& o);
};

} // namespace nsynth::app
