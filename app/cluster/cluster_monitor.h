#pragma once
// Watching a cluster job without blocking a GUI: polls (cluster_client.h) run in a worker thread
// one at a time, their results come back as signals on the monitor's thread, and the interval
// backs off so the login node is asked rarely (Triton, among others, names aggressive squeue/
// sacct polling as harmful): a few seconds right after it starts, then longer and longer up to
// a ceiling, longer still while the cluster cannot be reached. Everything is in the job's record
// on disk, so a monitor can be dropped and recreated (the app closed and reopened) at any time.
//
//   auto* m = new ClusterJobMonitor(jobFolder, this);
//   connect(m, &ClusterJobMonitor::updated, view, &JobView::show);
//   m->start();

#include "cluster_job.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

class QThread;

namespace nsynth::app {

// The wait before poll number `cycle` (0-based) after `failures` failed polls in a row.
struct PollBackoff {
    int initialMs = 5000;     // the first checks come quickly (did it start? was it rejected?)
    double factor = 2.0;      // then each wait is this much longer
    int maxMs = 120000;       // up to this ceiling while the job runs
    int maxFailureMs = 600000;  // and up to this while the cluster cannot be reached
    int intervalMs(int cycle, int failures) const;
};

class ClusterJobMonitor : public QObject {
    Q_OBJECT
public:
    explicit ClusterJobMonitor(QString jobFolder, QObject* parent = nullptr);
    ~ClusterJobMonitor() override;

    void setBackoff(const PollBackoff& b) { m_backoff = b; }
    void setFetch(bool fetch) { m_fetch = fetch; }
    const QString& jobFolder() const { return m_folder; }
    // The record as last polled (or as read from disk before the first poll).
    const ClusterJobRecord& record() const { return m_record; }
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void start();    // polls now, then on the back-off schedule until every note is here
    void stop();     // no further polls (one in flight finishes and is reported)
    void pollNow();  // an extra poll now (e.g. after a resubmission); resets the back-off

Q_SIGNALS:
    void updated(const nsynth::app::ClusterJobRecord& record);
    // A poll that could not reach the cluster (transient: monitoring goes on) or failed here.
    void problem(const QString& message);
    // Every note of the job is here.
    void finished(const nsynth::app::ClusterJobRecord& record);

private:
    void schedule();
    void launch();
    void deliver(const ClusterJobRecord& record, const QString& error);

    QString m_folder;
    ClusterJobRecord m_record;
    PollBackoff m_backoff;
    bool m_fetch = true;
    bool m_running = false;
    bool m_busy = false;
    int m_cycle = 0, m_failures = 0;
    QTimer m_timer;
    QThread* m_thread = nullptr;
};

} // namespace nsynth::app
