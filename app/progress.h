#pragma once
// Progress of long work on the terminal (stderr): done/total, rate and ETA. On a terminal the
// line is redrawn in place; otherwise (logs, cluster jobs) a plain line is printed at most
// every few seconds; in JSON mode every update is one JSON object per line, which is what the
// workbench's job queue and the cluster monitor read.
//
//   {"event":"progress","task":"decode","done":12800,"total":64000,"unit":"samples",
//    "rate":1530.2,"eta_s":33.5,"elapsed_s":8.4}

#include <QElapsedTimer>
#include <QString>

#include <cstdint>

namespace nsynth::app {

enum class ProgressStyle { Auto, Plain, Json, None };

ProgressStyle parseProgressStyle(const QString& text);  // "auto" | "plain" | "json" | "none"

class ProgressReporter {
public:
    ProgressReporter(QString task, QString unit, int64_t total, ProgressStyle style);
    ~ProgressReporter();

    void setTotal(int64_t total) { m_total = total; }
    void update(int64_t done);  // cheap to call often; prints when due
    void finish();              // final line (once)

    // "1:02:03" / "4:05" / "12.3 s"
    static QString formatDuration(double seconds);

private:
    void print(bool final);

    QString m_task, m_unit;
    int64_t m_total = 0, m_done = 0;
    ProgressStyle m_style;
    bool m_terminal = false, m_finished = false;
    QElapsedTimer m_clock;
    qint64 m_lastPrintMs = -1000000;
};

} // namespace nsynth::app
