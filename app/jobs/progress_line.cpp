#include "progress_line.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace nsynth::app {

ProgressLine parseProgressLine(const QByteArray& raw)
{
    ProgressLine p;
    const QByteArray line = raw.trimmed();
    p.text = QString::fromUtf8(raw).remove(QLatin1Char('\r'));
    if (!line.startsWith('{'))
        return p;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return p;
    const QJsonObject o = doc.object();
    const QString event = o.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("progress") || event == QLatin1String("done")) {
        p.kind = event == QLatin1String("done") ? ProgressLine::Kind::Done : ProgressLine::Kind::Progress;
        p.task = o.value(QStringLiteral("task")).toString();
        p.done = o.value(QStringLiteral("done")).toDouble();
        p.total = o.value(QStringLiteral("total")).toDouble();
        p.unit = o.value(QStringLiteral("unit")).toString();
        p.rate = o.value(QStringLiteral("rate")).toDouble();
        p.etaSeconds = o.contains(QStringLiteral("eta_s")) && !o.value(QStringLiteral("eta_s")).isNull()
                           ? o.value(QStringLiteral("eta_s")).toDouble(-1)
                           : -1;
        p.elapsedSeconds = o.value(QStringLiteral("elapsed_s")).toDouble();
    } else if (event == QLatin1String("batch")) {
        p.kind = ProgressLine::Kind::Batch;
        p.task = o.value(QStringLiteral("task")).toString();
        p.batch = o.value(QStringLiteral("batch")).toInteger(-1);
        p.batchesDone = o.value(QStringLiteral("batches_done")).toInteger();
        p.batchesTotal = o.value(QStringLiteral("batches_total")).toInteger();
        p.notesDone = o.value(QStringLiteral("notes_done")).toInteger();
        p.notesTotal = o.value(QStringLiteral("notes_total")).toInteger();
    }
    return p;
}

QString errorOfLine(const QString& line)
{
    static const QRegularExpression re(QStringLiteral("^nsynth [a-z -]+: error: (.*)$"));
    const auto m = re.match(line.trimmed());
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace nsynth::app
