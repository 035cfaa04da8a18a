#include "background_task.h"

#include "error.h"

#include <QThread>

#include <cmath>

namespace nsynth::app {

BackgroundTask::BackgroundTask(const QString& title, QObject* parent) : QObject(parent), m_title(title)
{
    qRegisterMetaType<nsynth::app::ProgressSnapshot>();
}

BackgroundTask::~BackgroundTask()
{
    if (m_thread) {
        m_cancel.store(true);
        m_thread->wait();
        delete m_thread;
    }
}

void BackgroundTask::start(Work work)
{
    if (m_running)
        return;
    m_running = true;
    m_cancel.store(false);
    m_clock.start();
    m_thread = QThread::create([this, work = std::move(work)] {
        try {
            work(*this);
        } catch (const Cancelled&) {
            m_cancelledByWork = true;
        } catch (const std::exception& e) {
            std::lock_guard lock(m_mutex);
            m_error = QString::fromStdString(e.what());
        }
    });
    connect(m_thread, &QThread::finished, this, &BackgroundTask::onThreadFinished);
    m_thread->start(QThread::LowPriority);
}

void BackgroundTask::setProgress(double done, double total, const QString& detail)
{
    {
        std::lock_guard lock(m_mutex);
        m_progress.done = done;
        m_progress.total = total;
        m_progress.detail = detail;
        m_progress.elapsedSeconds = m_clock.elapsed() / 1000.0;
        // The ETA assumes the rest goes at the average rate so far; it needs a little history.
        if (done > 0 && total > done && m_progress.elapsedSeconds > 0.2)
            m_progress.etaSeconds = m_progress.elapsedSeconds / done * (total - done);
        else if (done >= total && total > 0)
            m_progress.etaSeconds = 0;
        else
            m_progress.etaSeconds = -1;
    }
    // At most one pending notification: a fast worker must not flood the GUI's event queue.
    if (!m_progressQueued.exchange(true))
        QMetaObject::invokeMethod(this, [this] {
            m_progressQueued.store(false);
            Q_EMIT progressChanged(progress());
        }, Qt::QueuedConnection);
}

ProgressSnapshot BackgroundTask::progress() const
{
    std::lock_guard lock(m_mutex);
    ProgressSnapshot p = m_progress;
    if (m_running)
        p.elapsedSeconds = m_clock.elapsed() / 1000.0;
    return p;
}

void BackgroundTask::cancel()
{
    m_cancel.store(true);
}

void BackgroundTask::onThreadFinished()
{
    m_thread->deleteLater();
    m_thread = nullptr;
    m_running = false;
    QString error;
    {
        std::lock_guard lock(m_mutex);
        error = m_error;
    }
    Q_EMIT progressChanged(progress());
    Q_EMIT finished(m_cancel.load() || m_cancelledByWork, error);
}

QString BackgroundTask::formatSeconds(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("?");
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(int(std::ceil(seconds)));
    const int s = int(std::ceil(seconds));
    if (s < 3600)
        return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace nsynth::app
