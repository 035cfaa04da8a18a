#pragma once
// Long work off the GUI thread (architecture.md section 6): one function run on its own
// QThread, with progress (done/total, rate, ETA) and cooperative cancel.
//
//   auto* task = new BackgroundTask(tr("Importing"), this);
//   connect(task, &BackgroundTask::finished, this, [...] { ... task->deleteLater(); });
//   task->start([results](BackgroundTask& t) {          // runs on the worker thread
//       for (...) { if (t.isCancelled()) return; ...; t.setProgress(i + 1, n, name); }
//   });
//
// The work function must not touch GUI-thread objects; it hands results back through state it
// owns (a shared_ptr captured by both sides), read in the finished() handler. An exception
// from the work becomes finished()'s error text; nsynth::Cancelled counts as a cancel.

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>

class QThread;

namespace nsynth::app {

struct ProgressSnapshot {
    double done = 0, total = 0;
    double elapsedSeconds = 0;
    double etaSeconds = -1;  // -1: not known yet
    QString detail;          // what is being worked on
    double fraction() const { return total > 0 ? std::min(1.0, done / total) : 0.0; }
};

class BackgroundTask : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(BackgroundTask& task)>;

    explicit BackgroundTask(const QString& title, QObject* parent = nullptr);
    ~BackgroundTask() override;  // cancels and waits for the worker

    QString title() const { return m_title; }
    void start(Work work);
    bool isRunning() const { return m_running; }

    // Worker side (thread-safe).
    void setProgress(double done, double total, const QString& detail = {});
    bool isCancelled() const { return m_cancel.load(); }
    const std::atomic<bool>* cancelFlag() const { return &m_cancel; }

    ProgressSnapshot progress() const;

    // "12 s", "3:05" (for ETAs).
    static QString formatSeconds(double seconds);

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progressChanged(const nsynth::app::ProgressSnapshot& progress);
    void finished(bool cancelled, const QString& error);

private:
    void onThreadFinished();

    QString m_title;
    QThread* m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
    mutable std::mutex m_mutex;
    ProgressSnapshot m_progress;
    QElapsedTimer m_clock;
    QString m_error;
    bool m_cancelledByWork = false;
    std::atomic<bool> m_progressQueued{false};
};

} // namespace nsynth::app

Q_DECLARE_METATYPE(nsynth::app::ProgressSnapshot)
