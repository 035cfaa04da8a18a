#pragma once
// Grid jobs on this computer: the headless `nsynth grid` in a process of its own, never inside
// the workbench, so a crash of either leaves the other alone and a job goes on while the
// workbench is closed (docs/workbench.md, "Job queue").
//
// A job is two stages, each one process started detached with machine-readable output:
//   plan  nsynth grid plan <grid file> -o JOB --json --progress json --threads N
//   run   nsynth grid run JOB --json --progress json --threads N
// Its stderr (progress as JSON lines, messages, errors) goes to <queue dir>/<stage>-<n>.log and
// its stdout (the --json summary) to <stage>-<n>.json, both beside the job's grid file. The run
// polls the log four times a second and reads the summary when the process has gone; the
// summary's "outcome" (finished, stopped, aborted) says how it ended, the log's last
// "error:" line why it failed.
//
// Pause sends SIGTERM once (the run stops after the batch in progress), cancel twice (the batch
// in progress is abandoned); the notes already written stay, so start() continues where it
// stopped — `grid run` skips finished notes, and every note has its own random stream, so the
// result is bitwise that of an uninterrupted run. After the workbench is reopened, reattach()
// finds the process again by id and start time, or, when it has ended meanwhile, reads its
// summary.

#include "detached_process.h"
#include "job_runner.h"

#include <QElapsedTimer>
#include <QTimer>

namespace nsynth::app {

class LocalJobRunner : public JobRunner {
public:
    LocalJobRunner();
    // $NSYNTH_COMMAND, else `nsynth` beside the workbench's executable, else `nsynth` on PATH.
    static QString defaultCommand();
    void setCommand(const QString& command) { m_command = command; }
    QString command() const { return m_command; }

    QString kind() const override { return QStringLiteral("local"); }
    QString displayName() const override;
    int maxParallel() const override { return 1; }  // one job keeps the CPU busy
    std::unique_ptr<JobRun> createRun(const JobRecord& record, QObject* parent) override;
    QString logText(const JobRecord& record) const override;

private:
    QString m_command;
};

class LocalJobRun : public JobRun {
    Q_OBJECT
public:
    LocalJobRun(const JobRecord& record, const QString& command, QObject* parent = nullptr);
    ~LocalJobRun() override;

    void start() override;
    bool reattach() override;
    void pause() override;
    void cancel() override;
    void detach(bool keepRunning) override;
    QJsonObject state() const override;
    QStringList logFiles() const override { return m_logs; }

    qint64 pid() const { return m_process.pid; }
    QString stage() const { return m_stage; }

private:
    void startStage(const QString& stage);
    void poll();
    void readLog();
    void handleLine(const QByteArray& line);
    void finishStage();
    void end(JobEnd end, const QString& message);
    int64_t countGeneratedNotes() const;

    JobRecord m_record;
    QString m_command, m_dir;
    QString m_stage;      // "plan" | "run"
    int m_index = 0;      // processes started for this job, for the file names
    DetachedProcess m_process;
    QString m_stdout, m_stderr;
    qint64 m_offset = 0;
    QByteArray m_partial;
    QString m_requested;  // "" | "pause" | "cancel" | "close": why the process was signalled
    QString m_lastError;
    QStringList m_logs;
    QTimer m_timer;
    JobProgressInfo m_progress;
    int64_t m_notesBefore = 0, m_notesTotal = 0, m_samplesPerNote = 0;
    bool m_ended = false;
};

} // namespace nsynth::app
