#include "job_record.h"

#include "error.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace nsynth::app {

namespace {

struct StateName {
    JobState state;
    const char* key;
};

constexpr StateName kStates[] = {
    {JobState::Queued, "queued"},         {JobState::Running, "running"},     {JobState::Pausing, "pausing"},
    {JobState::Paused, "paused"},         {JobState::Cancelling, "cancelling"}, {JobState::Cancelled, "cancelled"},
    {JobState::Interrupted, "interrupted"}, {JobState::Failed, "failed"},     {JobState::Finished, "finished"},
};

QString isoTime(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromIso(const QJsonValue& v)
{
    return v.toString().isEmpty() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

} // namespace

QString jobStateKey(JobState state)
{
    for (const auto& s : kStates)
        if (s.state == state)
            return QString::fromLatin1(s.key);
    return QStringLiteral("queued");
}

JobState jobStateFromKey(const QString& key, bool* ok)
{
    for (const auto& s : kStates)
        if (key == QLatin1String(s.key)) {
            if (ok)
                *ok = true;
            return s.state;
        }
    if (ok)
        *ok = false;
    return JobState::Queued;
}

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Queued: return QCoreApplication::translate("JobState", "queued");
    case JobState::Running: return QCoreApplication::translate("JobState", "running");
    case JobState::Pausing: return QCoreApplication::translate("JobState", "pausing after this batch");
    case JobState::Paused: return QCoreApplication::translate("JobState", "paused");
    case JobState::Cancelling: return QCoreApplication::translate("JobState", "cancelling");
    case JobState::Cancelled: return QCoreApplication::translate("JobState", "cancelled");
    case JobState::Interrupted: return QCoreApplication::translate("JobState", "interrupted");
    case JobState::Failed: return QCoreApplication::translate("JobState", "failed");
    case JobState::Finished: return QCoreApplication::translate("JobState", "finished");
    }
    return {};
}

bool jobStateIsActive(JobState s)
{
    return s == JobState::Running || s == JobState::Pausing || s == JobState::Cancelling;
}

bool jobStateCanResume(JobState s)
{
    return s == JobState::Paused || s == JobState::Cancelled || s == JobState::Interrupted || s == JobState::Failed;
}

QJsonObject JobProgressInfo::toJson() const
{
    return QJsonObject{{"stage", stage},
                       {"fraction", fraction},
                       {"notes_done", qint64(notesDone)},
                       {"notes_total", qint64(notesTotal)},
                       {"samples_per_s", samplesPerSecond},
                       {"eta_s", etaSeconds},
                       {"elapsed_s", elapsedSeconds},
                       {"detail", detail}};
}

JobProgressInfo JobProgressInfo::fromJson(const QJsonObject& o)
{
    JobProgressInfo p;
    p.stage = o.value("stage").toString();
    p.fraction = o.value("fraction").toDouble();
    p.notesDone = o.value("notes_done").toInteger();
    p.notesTotal = o.value("notes_total").toInteger();
    p.samplesPerSecond = o.value("samples_per_s").toDouble();
    p.etaSeconds = o.value("eta_s").toDouble(-1);
    p.elapsedSeconds = o.value("elapsed_s").toDouble();
    p.detail = o.value("detail").toString();
    return p;
}

QJsonObject JobRecord::toJson() const
{
    return QJsonObject{{"id", id},
                       {"folder", folder},
                       {"settings_file", settingsFile},
                       {"runner", runner},
                       {"state", jobStateKey(state)},
                       {"threads", threads},
                       {"message", message},
                       {"progress", progress.toJson()},
                       {"runner_state", runnerState},
                       {"logs", QJsonArray::fromStringList(logs)},
                       {"created", isoTime(created)},
                       {"started", isoTime(started)},
                       {"ended", isoTime(ended)}};
}

JobRecord JobRecord::fromJson(const QJsonObject& o)
{
    JobRecord r;
    r.id = o.value("id").toString();
    r.folder = o.value("folder").toString();
    if (r.id.isEmpty() || r.folder.isEmpty())
        throw Error("a job without \"id\" or \"folder\"");
    r.settingsFile = o.value("settings_file").toString();
    r.runner = o.value("runner").toString(QStringLiteral("local"));
    bool ok = false;
    r.state = jobStateFromKey(o.value("state").toString(), &ok);
    if (!ok)
        throw Error(("job " + r.id + ": unknown state \"" + o.value("state").toString() + "\"").toStdString());
    r.threads = o.value("threads").toInt();
    r.message = o.value("message").toString();
    r.progress = JobProgressInfo::fromJson(o.value("progress").toObject());
    r.runnerState = o.value("runner_state").toObject();
    for (const auto& v : o.value("logs").toArray())
        r.logs << v.toString();
    r.created = fromIso(o.value("created"));
    r.started = fromIso(o.value("started"));
    r.ended = fromIso(o.value("ended"));
    return r;
}

} // namespace nsynth::app
