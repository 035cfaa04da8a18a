#include "progress.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace nsynth::app {

ProgressStyle parseProgressStyle(const QString& text)
{
    if (text == "auto")
        return ProgressStyle::Auto;
    if (text == "plain")
        return ProgressStyle::Plain;
    if (text == "json")
        return ProgressStyle::Json;
    if (text == "none")
        return ProgressStyle::None;
    throw std::invalid_argument("--progress must be auto, plain, json or none");
}

ProgressReporter::ProgressReporter(QString task, QString unit, int64_t total, ProgressStyle style)
    : m_task(std::move(task)), m_unit(std::move(unit)), m_total(total), m_style(style)
{
    m_terminal = ::isatty(STDERR_FILENO) != 0;
    if (m_style == ProgressStyle::Auto)
        m_style = ProgressStyle::Plain;
    m_clock.start();
}

ProgressReporter::~ProgressReporter() = default;

QString ProgressReporter::formatDuration(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e7)
        return QStringLiteral("?");
    if (seconds < 60)
        return QString::number(seconds, 'f', 1) + " s";
    const qint64 s = qint64(seconds + 0.5);
    if (s < 3600)
        return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return QString("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'));
}

void ProgressReporter::update(int64_t done)
{
    m_done = done;
    if (m_style == ProgressStyle::None || m_finished)
        return;
    const qint64 now = m_clock.elapsed();
    const qint64 interval = m_style == ProgressStyle::Json ? 500 : (m_terminal ? 200 : 5000);
    if (now - m_lastPrintMs >= interval) {
        m_lastPrintMs = now;
        print(false);
    }
}

void ProgressReporter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_style != ProgressStyle::None)
        print(true);
}

void ProgressReporter::print(bool final)
{
    const double elapsed = double(m_clock.elapsed()) / 1000.0;
    const double rate = elapsed > 0 ? double(m_done) / elapsed : 0.0;
    const double eta = rate > 0 && m_total > 0 ? double(m_total - m_done) / rate : -1.0;
    if (m_style == ProgressStyle::Json) {
        QJsonObject o{{"event", final ? "done" : "progress"},
                      {"task", m_task},
                      {"done", qint64(m_done)},
                      {"total", qint64(m_total)},
                      {"unit", m_unit},
                      {"rate", rate},
                      {"eta_s", eta},
                      {"elapsed_s", elapsed}};
        std::fprintf(stderr, "%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stderr);
        return;
    }
    const double percent = m_total > 0 ? 100.0 * double(m_done) / double(m_total) : 0.0;
    QString line = QString("%1: %2/%3 %4 (%5%)  %6 %4/s")
                       .arg(m_task)
                       .arg(m_done)
                       .arg(m_total)
                       .arg(m_unit)
                       .arg(percent, 0, 'f', 1)
                       .arg(rate, 0, 'f', rate < 10 ? 2 : 0);
    line += final ? QString("  done in %1").arg(formatDuration(elapsed)) : QString("  ETA %1").arg(formatDuration(eta));
    if (m_terminal)
        std::fprintf(stderr, "\r\033[K%s%s", qPrintable(line), final ? "\n" : "");
    else
        std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}

} // namespace nsynth::app
