#pragma once
// Grid jobs of the workbench's queue on a Slurm cluster (docs/cluster.md), through app/cluster/:
// one runner per cluster profile, of kind "cluster:<profile name>", so the queue keeps the
// profile with the job and runs any number of cluster jobs at once (they wait in Slurm's queue,
// not in ours).
//
// A run is three steps:
//   plan     `nsynth grid plan <grid file> -o JOB --json --progress json` here (it encodes the
//            corner notes, so every array task blends the same embeddings); a child process of
//            the workbench: it takes seconds to minutes, and is simply planned again when the
//            workbench closed meanwhile;
//   submit   submitGridJob() in a worker thread (staging can take minutes); the Slurm job id
//            goes into JOB/cluster/cluster-job.json, which is what reattaching needs;
//   watch    a ClusterJobMonitor (polls with back-off, fetches finished notes as they appear)
//            until every note is here (finished) or no shard is active any more (failed, with
//            the shards that need resubmitting named).
//
// Pause and Cancel scancel the job's tasks (Slurm sends TERM; nsynth stops after the batch in
// progress) and end once Slurm reports no task active. Resume resubmits exactly the shards that
// did not finish; they continue from their notes. Closing the workbench never stops a cluster
// job, whatever keepRunningOnClose says: it runs on the cluster, not on this computer, and the
// queue reattaches to it (by the job folder's record) when it is opened again.

#include "cluster_monitor.h"
#include "job_runner.h"

#include <QProcess>
#include <QString>

#include <memory>

namespace nsynth::app {

class ClusterJobRunner : public JobRunner {
public:
    static QString kindFor(const QString& profileName) { return QStringLiteral("cluster:") + profileName; }
    // The profile named by a kind "cluster:<name>", or empty for other kinds.
    static QString profileOf(const QString& kind);

    // `nsynthCommand` plans jobs here (LocalJobRunner::defaultCommand()).
    ClusterJobRunner(QString profileName, QString nsynthCommand);

    QString kind() const override { return kindFor(m_profile); }
    QString displayName() const override;
    // Slurm queues the work; ours only limits how many jobs are staged and watched at once.
    int maxParallel() const override { return 16; }
    std::unique_ptr<JobRun> createRun(const JobRecord& record, QObject* parent) override;
    QString logText(const JobRecord& record) const override;

    // Back-off for the runs' monitors (tests poll faster than a real login node should see).
    void setBackoff(const PollBackoff& b) { m_backoff = b; }

private:
    QString m_profile, m_command;
    PollBackoff m_backoff;
};

class ClusterJobRun : public JobRun {
    Q_OBJECT
public:
    ClusterJobRun(const JobRecord& record, QString profileName, QString nsynthCommand, const PollBackoff& backoff,
                  QObject* parent = nullptr);
    ~ClusterJobRun() override;

    void start() override;
    bool reattach() override;
    void pause() override;
    void cancel() override;
    void detach(bool keepRunning) override;
    QJsonObject state() const override;
    QStringList logFiles() const override { return m_logs; }

    // The step under way: "plan", "submit", "watch" or "" (tests and the queue's detail text).
    QString step() const { return m_step; }

private:
    void plan();
    void planFinished();
    void submit(bool resubmit);
    void watch();
    void onUpdate(const ClusterJobRecord& record);
    void onProblem(const QString& message);
    void stopTasks(JobEnd end);
    void end(JobEnd end, const QString& message);
    void log(const QString& line);

    JobRecord m_record;
    QString m_profile, m_command, m_planLog;
    PollBackoff m_backoff;
    QString m_step;
    QString m_slurmJobId;
    QProcess* m_planProcess = nullptr;
    std::unique_ptr<ClusterJobMonitor> m_monitor;
    JobEnd m_stopping = JobEnd::Finished;  // Paused/Cancelled while tasks are being stopped
    bool m_stopRequested = false;
    bool m_ended = false;
    QStringList m_logs;
    QString m_lastSummary;
};

} // namespace nsynth::app
