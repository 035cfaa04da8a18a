#include "slurm_output.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace nsynth::app {

QString normaliseSlurmState(const QString& state)
{
    static const QHash<QString, QString> shortCodes{
        {"PD", "PENDING"},     {"R", "RUNNING"},        {"CG", "COMPLETING"},   {"CD", "COMPLETED"},
        {"CA", "CANCELLED"},   {"F", "FAILED"},         {"TO", "TIMEOUT"},      {"PR", "PREEMPTED"},
        {"NF", "NODE_FAIL"},   {"OOM", "OUT_OF_MEMORY"}, {"BF", "BOOT_FAIL"},    {"DL", "DEADLINE"},
        {"CF", "CONFIGURING"}, {"RQ", "REQUEUED"},      {"RH", "REQUEUE_HOLD"}, {"RF", "REQUEUE_FED"},
        {"RD", "RESV_DEL_HOLD"}, {"RS", "RESIZING"},    {"RV", "REVOKED"},      {"SE", "SPECIAL_EXIT"},
        {"SI", "SIGNALING"},   {"SO", "STAGE_OUT"},     {"ST", "STOPPED"},      {"S", "SUSPENDED"}};
    // sacct writes "CANCELLED by 1234"; some versions append '+' to truncated names.
    QString s = state.trimmed().section(' ', 0, 0).toUpper();
    while (s.endsWith('+'))
        s.chop(1);
    return shortCodes.value(s, s);
}

SlurmStateClass classifySlurmState(const QString& state)
{
    const QString s = normaliseSlurmState(state);
    static const QHash<QString, SlurmStateClass> map{
        {"PENDING", SlurmStateClass::Queued},       {"REQUEUED", SlurmStateClass::Queued},
        {"REQUEUE_HOLD", SlurmStateClass::Queued},  {"REQUEUE_FED", SlurmStateClass::Queued},
        {"RESV_DEL_HOLD", SlurmStateClass::Queued}, {"SUSPENDED", SlurmStateClass::Queued},
        {"RUNNING", SlurmStateClass::Active},       {"CONFIGURING", SlurmStateClass::Active},
        {"COMPLETING", SlurmStateClass::Active},    {"STAGE_OUT", SlurmStateClass::Active},
        {"SIGNALING", SlurmStateClass::Active},     {"RESIZING", SlurmStateClass::Active},
        {"STOPPED", SlurmStateClass::Active},       {"COMPLETED", SlurmStateClass::Completed},
        {"FAILED", SlurmStateClass::Failed},        {"BOOT_FAIL", SlurmStateClass::Failed},
        {"NODE_FAIL", SlurmStateClass::Failed},     {"OUT_OF_MEMORY", SlurmStateClass::Failed},
        {"SPECIAL_EXIT", SlurmStateClass::Failed},  {"LAUNCH_FAILED", SlurmStateClass::Failed},
        {"TIMEOUT", SlurmStateClass::TimedOut},     {"DEADLINE", SlurmStateClass::TimedOut},
        {"CANCELLED", SlurmStateClass::Cancelled},  {"REVOKED", SlurmStateClass::Cancelled},
        {"PREEMPTED", SlurmStateClass::Preempted}};
    return map.value(s, SlurmStateClass::Unknown);
}

QList<int> expandArrayIndices(const QString& specText)
{
    QString spec = specText.trimmed();
    const int percent = spec.indexOf('%');
    if (percent >= 0)
        spec = spec.left(percent);
    QList<int> out;
    static const QRegularExpression range(QStringLiteral("^(\\d+)(?:-(\\d+)(?::(\\d+))?)?$"));
    for (const auto& part : spec.split(',', Qt::SkipEmptyParts)) {
        const auto m = range.match(part.trimmed());
        if (!m.hasMatch())
            return {};
        const int first = m.captured(1).toInt();
        const int last = m.capturedLength(2) ? m.captured(2).toInt() : first;
        const int step = m.capturedLength(3) ? m.captured(3).toInt() : 1;
        if (last < first || step < 1 || last - first > 10000000)
            return {};
        for (int i = first; i <= last; i += step)
            out << i;
    }
    return out;
}

QString arraySpec(QList<int> indices, int limit)
{
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    QStringList parts;
    for (qsizetype i = 0; i < indices.size();) {
        qsizetype j = i;
        while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1)
            ++j;
        parts << (j == i ? QString::number(indices[i]) : QString("%1-%2").arg(indices[i]).arg(indices[j]));
        i = j + 1;
    }
    QString s = parts.join(',');
    if (limit > 0)
        s += QString("%%1").arg(limit);
    return s;
}

QList<SlurmTask> parseSqueue(const QString& text)
{
    QList<SlurmTask> out;
    for (const auto& raw : text.split('\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QStringList f = line.split('|');
        if (f.size() < 7)
            continue;
        bool ok = false;
        f[0].toLongLong(&ok);
        if (!ok)
            continue;  // an error message, not a task line
        SlurmTask t;
        t.arrayJobId = f[0];
        t.taskId = f[1] == "N/A" ? -1 : f[1].toInt(&ok);
        if (f[1] != "N/A" && !ok)
            continue;
        t.jobId = f[2];
        t.stateText = f[3];
        t.state = normaliseSlurmState(f[3]);
        t.elapsed = f[4];
        t.nodes = f[5];
        t.reason = f.mid(6).join('|');
        out << t;
    }
    return out;
}

QList<SlurmTask> parseSacct(const QString& text)
{
    QList<SlurmTask> out;
    static const QRegularExpression id(QStringLiteral("^(\\d+)(?:_(\\d+|\\[[^\\]]*\\]))?$"));
    for (const auto& raw : text.split('\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QStringList f = line.split('|');
        if (f.size() < 6)
            continue;
        const auto m = id.match(f[0]);
        if (!m.hasMatch())
            continue;  // job steps (4711_3.batch), the header, messages
        SlurmTask base;
        base.arrayJobId = m.captured(1);
        base.jobId = f[1];
        base.stateText = f[2];
        base.state = normaliseSlurmState(f[2]);
        base.exitCode = f[3];
        base.elapsed = f[4];
        base.nodes = f[5];
        const QString task = m.captured(2);
        if (task.isEmpty()) {
            out << base;
        } else if (task.startsWith('[')) {
            for (int i : expandArrayIndices(task.mid(1, task.size() - 2))) {
                SlurmTask t = base;
                t.taskId = i;
                t.jobId.clear();  // pending tasks have no id of their own yet
                out << t;
            }
        } else {
            base.taskId = task.toInt();
            out << base;
        }
    }
    return out;
}

std::optional<SlurmTask> findSlurmTask(const QList<SlurmTask>& tasks, const QString& arrayJobId, int taskId)
{
    std::optional<SlurmTask> own, rest;
    for (const auto& t : tasks) {
        if (t.arrayJobId != arrayJobId)
            continue;
        if (t.taskId == taskId)
            own = t;
        else if (t.taskId < 0)
            rest = t;
    }
    if (own)
        return own;
    if (rest)
        rest->taskId = taskId;
    return rest;
}

QString parseSbatchJobId(const QString& output)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+)(?:;\\S+)?\\s*$"));
    for (const auto& line : output.split('\n')) {
        const auto m = re.match(line);
        if (m.hasMatch())
            return m.captured(1);
    }
    static const QRegularExpression classic(QStringLiteral("Submitted batch job (\\d+)"));
    const auto m = classic.match(output);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace nsynth::app
