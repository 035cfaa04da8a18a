#include "cluster_monitor.h"

#include "cluster_client.h"
#include "error.h"

#include <QMetaObject>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace nsynth::app {

int PollBackoff::intervalMs(int cycle, int failures) const
{
    const double base = std::min<double>(maxMs, initialMs * std::pow(factor, std::max(0, cycle)));
    if (failures <= 0)
        return int(base);
    return int(std::min<double>(maxFailureMs, base * std::pow(2.0, failures)));
}

ClusterJobMonitor::ClusterJobMonitor(QString jobFolder, QObject* parent) : QObject(parent), m_folder(std::move(jobFolder))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClusterJobMonitor::launch);
    try {
        m_record = ClusterJobRecord::load(m_folder);
    } catch (const Error&) {
        // Not submitted yet: start() reports it.
    }
    qRegisterMetaType<nsynth::app::ClusterJobRecord>("nsynth::app::ClusterJobRecord");
}

ClusterJobMonitor::~ClusterJobMonitor()
{
    m_running = false;
    if (m_thread) {
        // A poll in flight ends within its time limits; its result has nowhere to go.
        m_thread->wait();
        delete m_thread;
    }
}

void ClusterJobMonitor::start()
{
    m_running = true;
    m_cycle = 0;
    m_failures = 0;
    launch();
}

void ClusterJobMonitor::stop()
{
    m_running = false;
    m_timer.stop();
}

void ClusterJobMonitor::pollNow()
{
    m_cycle = 0;
    m_failures = 0;
    if (!m_busy) {
        m_timer.stop();
        launch();
    }
}

void ClusterJobMonitor::schedule()
{
    if (m_running && !m_busy)
        m_timer.start(m_backoff.intervalMs(m_cycle, m_failures));
}

void ClusterJobMonitor::launch()
{
    if (m_busy)
        return;
    m_busy = true;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    const QString folder = m_folder;
    const bool fetch = m_fetch;
    // The destructor waits for this thread, so `this` outlives it; the result is queued to the
    // monitor's own thread (dropped by Qt if the monitor is deleted before it arrives).
    m_thread = QThread::create([this, folder, fetch] {
        ClusterJobRecord record;
        QString error;
        try {
            record = pollClusterJob(folder, PollOptions{fetch, false});
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, record, error] { deliver(record, error); }, Qt::QueuedConnection);
    });
    m_thread->start();
}

void ClusterJobMonitor::deliver(const ClusterJobRecord& record, const QString& error)
{
    m_busy = false;
    ++m_cycle;
    if (!error.isEmpty()) {
        ++m_failures;
        Q_EMIT problem(error);
        schedule();
        return;
    }
    m_record = record;
    if (!record.lastProblem.isEmpty()) {
        ++m_failures;
        Q_EMIT problem(record.lastProblem);
    } else {
        m_failures = 0;
    }
    Q_EMIT updated(m_record);
    if (m_record.complete) {
        m_running = false;
        Q_EMIT finished(m_record);
        return;
    }
    schedule();
}

} // namespace nsynth::app
