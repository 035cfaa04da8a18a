#include "cluster_job.h"

#include "atomic_file.h"
#include "error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QStandardPaths>

#include <algorithm>

namespace nsynth::app {

namespace {

constexpr const char* kRecordFormat = "nsynth-cluster-job";

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime fromIso(const QJsonValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QJsonArray intArray(const QList<int>& list)
{
    QJsonArray a;
    for (int x : list)
        a.append(x);
    return a;
}

QList<int> intList(const QJsonValue& v)
{
    QList<int> out;
    for (const auto& x : v.toArray())
        out << x.toInt();
    return out;
}

QString duration(qint64 seconds)
{
    if (seconds < 60)
        return QString("%1 s").arg(seconds);
    if (seconds < 3600)
        return QString("%1 min").arg(seconds / 60);
    return QString("%1 h %2 min").arg(seconds / 3600).arg((seconds / 60) % 60);
}

} // namespace

QString shardStateName(ShardState s)
{
    switch (s) {
    case ShardState::NotSubmitted: return QStringLiteral("not submitted");
    case ShardState::Pending: return QStringLiteral("pending");
    case ShardState::Running: return QStringLiteral("running");
    case ShardState::Done: return QStringLiteral("done");
    case ShardState::Failed: return QStringLiteral("failed");
    case ShardState::TimedOut: return QStringLiteral("timed out");
    case ShardState::Cancelled: return QStringLiteral("cancelled");
    case ShardState::Preempted: return QStringLiteral("preempted");
    case ShardState::Unknown: return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

QString shardStateKey(ShardState s)
{
    return shardStateName(s).replace(' ', '_');
}

ShardState shardStateFromKey(const QString& key)
{
    for (ShardState s : {ShardState::NotSubmitted, ShardState::Pending, ShardState::Running, ShardState::Done,
                         ShardState::Failed, ShardState::TimedOut, ShardState::Cancelled, ShardState::Preempted,
                         ShardState::Unknown})
        if (shardStateKey(s) == key)
            return s;
    return ShardState::Unknown;
}

bool shardNeedsResubmission(ShardState s)
{
    return s == ShardState::Failed || s == ShardState::TimedOut || s == ShardState::Cancelled ||
           s == ShardState::Preempted || s == ShardState::Unknown || s == ShardState::NotSubmitted;
}

bool shardIsActive(ShardState s)
{
    return s == ShardState::Pending || s == ShardState::Running;
}

QJsonObject ShardStatus::toJson() const
{
    QJsonObject o{{"shard", shard},
                  {"state", shardStateKey(state)},
                  {"detail", detail},
                  {"notes", qint64(notes)},
                  {"notes_done", qint64(notesDone)}};
    if (!slurmState.isEmpty())
        o["slurm_state"] = slurmState;
    if (!task.isEmpty())
        o["task"] = task;
    if (!host.isEmpty())
        o["host"] = host;
    if (rate > 0)
        o["rate"] = rate;
    if (etaSeconds >= 0)
        o["eta_s"] = etaSeconds;
    if (updated.isValid())
        o["updated"] = iso(updated);
    return o;
}

ShardStatus ShardStatus::fromJson(const QJsonObject& o)
{
    ShardStatus s;
    s.shard = o.value("shard").toInt();
    s.state = shardStateFromKey(o.value("state").toString());
    s.detail = o.value("detail").toString();
    s.slurmState = o.value("slurm_state").toString();
    s.task = o.value("task").toString();
    s.host = o.value("host").toString();
    s.notes = o.value("notes").toInteger();
    s.notesDone = o.value("notes_done").toInteger();
    s.rate = o.value("rate").toDouble();
    s.etaSeconds = o.value("eta_s").toDouble(-1);
    s.updated = fromIso(o.value("updated"));
    return s;
}

QJsonObject ClusterSubmission::toJson() const
{
    return QJsonObject{{"slurm_job_id", slurmJobId},
                       {"shards", intArray(shards)},
                       {"array", array},
                       {"submitted", iso(submitted)},
                       {"script_sha256", scriptSha256}};
}

ClusterSubmission ClusterSubmission::fromJson(const QJsonObject& o)
{
    ClusterSubmission s;
    s.slurmJobId = o.value("slurm_job_id").toString();
    s.shards = intList(o.value("shards"));
    s.array = o.value("array").toString();
    s.submitted = fromIso(o.value("submitted"));
    s.scriptSha256 = o.value("script_sha256").toString();
    return s;
}

// ---------------------------------------------------------------------------------------------

QString ClusterJobRecord::recordPath(const QString& jobFolder)
{
    return QDir(jobFolder).absolutePath() + "/cluster/cluster-job.json";
}

bool ClusterJobRecord::exists(const QString& jobFolder)
{
    return QFileInfo::exists(recordPath(jobFolder));
}

ClusterJobRecord ClusterJobRecord::load(const QString& jobFolder)
{
    const QString path = recordPath(jobFolder);
    QFile f(path);
    if (!f.exists())
        throw Error((QDir(jobFolder).absolutePath() +
                     ": not submitted to a cluster (no cluster/cluster-job.json); submit it with nsynth cluster submit")
                        .toStdString());
    if (!f.open(QIODevice::ReadOnly))
        throw Error((path + ": cannot read: " + f.errorString()).toStdString());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw Error((path + ": not valid JSON: " + error.errorString()).toStdString());
    if (doc.object().value("format").toString() != kRecordFormat)
        throw Error((path + ": not a cluster job record").toStdString());
    ClusterJobRecord r = fromJson(doc.object());
    r.jobFolder = QDir(jobFolder).absolutePath();  // the folder may have moved since
    return r;
}

void ClusterJobRecord::save() const
{
    const QString path = recordPath(jobFolder);
    QDir().mkpath(QFileInfo(path).absolutePath());
    writeFileAtomically(path.toStdString(), QJsonDocument(toJson()).toJson(QJsonDocument::Indented).toStdString());
}

QJsonObject ClusterJobRecord::toJson() const
{
    QJsonArray subs, states;
    for (const auto& s : submissions)
        subs.append(s.toJson());
    for (const auto& s : shards)
        states.append(s.toJson());
    QJsonObject o{{"format", kRecordFormat},
                  {"version", 1},
                  {"job_folder", jobFolder},
                  {"plan_fingerprint", planFingerprint},
                  {"profile", profile.toJson()},
                  {"remote_job", remoteJob},
                  {"remote_model", remoteModel},
                  {"slurm_job_name", slurmJobName},
                  {"shard_count", shardCount},
                  {"submissions", subs},
                  {"accounting", accounting},
                  {"transfer", transfer},
                  {"shards", states},
                  {"last_poll", iso(lastPoll)},
                  {"last_contact", iso(lastContact)},
                  {"last_fetch", iso(lastFetch)},
                  {"last_problem", lastProblem},
                  {"complete", complete},
                  {"notes", qint64(notes)},
                  {"notes_done", qint64(notesDone)},
                  {"eta_s", etaSeconds}};
    if (pendingSubmission) {
        o["pending_submission"] = iso(*pendingSubmission);
        o["pending_shards"] = intArray(pendingShards);
    }
    return o;
}

ClusterJobRecord ClusterJobRecord::fromJson(const QJsonObject& o)
{
    ClusterJobRecord r;
    r.jobFolder = o.value("job_folder").toString();
    r.planFingerprint = o.value("plan_fingerprint").toString();
    QStringList ignored;
    r.profile = ClusterProfile::fromJson(o.value("profile").toObject(), &ignored);
    r.remoteJob = o.value("remote_job").toString();
    r.remoteModel = o.value("remote_model").toString();
    r.slurmJobName = o.value("slurm_job_name").toString();
    r.shardCount = std::max(1, o.value("shard_count").toInt(1));
    for (const auto& s : o.value("submissions").toArray())
        r.submissions << ClusterSubmission::fromJson(s.toObject());
    if (o.contains("pending_submission")) {
        r.pendingSubmission = fromIso(o.value("pending_submission"));
        r.pendingShards = intList(o.value("pending_shards"));
    }
    r.accounting = o.value("accounting").toString("unknown");
    r.transfer = o.value("transfer").toString();
    for (const auto& s : o.value("shards").toArray())
        r.shards << ShardStatus::fromJson(s.toObject());
    r.lastPoll = fromIso(o.value("last_poll"));
    r.lastContact = fromIso(o.value("last_contact"));
    r.lastFetch = fromIso(o.value("last_fetch"));
    r.lastProblem = o.value("last_problem").toString();
    r.complete = o.value("complete").toBool();
    r.notes = o.value("notes").toInteger();
    r.notesDone = o.value("notes_done").toInteger();
    r.etaSeconds = o.value("eta_s").toDouble(-1);
    // One status per shard, whatever the file held.
    QList<ShardStatus> byShard;
    for (int k = 0; k < r.shardCount; ++k) {
        ShardStatus s;
        s.shard = k;
        for (const auto& x : r.shards)
            if (x.shard == k)
                s = x;
        byShard << s;
    }
    r.shards = byShard;
    return r;
}

const ClusterSubmission* ClusterJobRecord::submissionOf(int shard) const
{
    for (auto it = submissions.crbegin(); it != submissions.crend(); ++it)
        if (it->shards.contains(shard))
            return &*it;
    return nullptr;
}

int ClusterJobRecord::count(ShardState s) const
{
    return int(std::count_if(shards.begin(), shards.end(), [&](const ShardStatus& x) { return x.state == s; }));
}

QString ClusterJobRecord::summary() const
{
    QStringList parts;
    for (ShardState s : {ShardState::Done, ShardState::Running, ShardState::Pending, ShardState::Failed,
                         ShardState::TimedOut, ShardState::Cancelled, ShardState::Preempted, ShardState::Unknown,
                         ShardState::NotSubmitted}) {
        const int n = count(s);
        if (n > 0)
            parts << QString("%1 %2").arg(n).arg(shardStateName(s));
    }
    return QString("%1 of %2 shard(s): %3; %4/%5 notes here")
        .arg(count(ShardState::Done))
        .arg(shardCount)
        .arg(parts.join(", "))
        .arg(notesDone)
        .arg(notes);
}

// ---------------------------------------------------------------------------------------------

QHash<QString, TaskFiles> parseTaskFiles(const QStringList& lines)
{
    QHash<QString, TaskFiles> out;
    for (const auto& line : lines) {
        const QStringList words = line.split(' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        const QString file = words[0];
        const bool start = file.endsWith(".start"), exit = file.endsWith(".exit");
        if (!start && !exit)
            continue;
        const QString key = file.left(file.lastIndexOf('.'));
        TaskFiles& t = out[key];
        QHash<QString, QString> kv;
        for (qsizetype i = 1; i < words.size(); ++i) {
            const int eq = words[i].indexOf('=');
            if (eq > 0)
                kv.insert(words[i].left(eq), words[i].mid(eq + 1));
        }
        if (start) {
            t.started = true;
            t.startRestart = kv.value("restart").toInt();
            t.host = kv.value("host");
            t.startTime = kv.value("time").toLongLong();
        } else {
            t.exited = true;
            t.exitRestart = kv.value("restart").toInt();
            bool ok = false;
            t.exitStatus = kv.value("rc").toInt(&ok);
            if (!ok)
                t.exitStatus = -1;
            t.signal = kv.value("signal");
            t.endTime = kv.value("time").toLongLong();
        }
    }
    return out;
}

TaskLog parseTaskLog(const QStringList& lines)
{
    TaskLog log;
    bool haveProgress = false;
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = it->trimmed();
        if (line.startsWith('{')) {
            if (haveProgress)
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            if (o.value("event") == "progress" || o.value("event") == "done") {
                log.rate = o.value("rate").toDouble();
                log.etaSeconds = o.value("eta_s").toDouble(-1);
                log.done = o.value("done").toInteger();
                log.total = o.value("total").toInteger();
                haveProgress = true;
            }
        } else if (log.lastError.isEmpty() && line.contains("error")) {
            log.lastError = line;
        }
    }
    return log;
}

ShardStatus deriveShardStatus(const ShardEvidence& e, const ShardStatus& previous)
{
    ShardStatus s = previous;
    s.shard = e.shard;
    s.notes = e.notes;
    s.notesDone = e.notesDone;
    s.updated = QDateTime::currentDateTimeUtc();
    s.rate = 0;
    s.etaSeconds = -1;
    if (e.submission)
        s.task = e.submission->slurmJobId + "_" + QString::number(e.shard);
    if (!e.files.host.isEmpty())
        s.host = e.files.host;
    auto set = [&](ShardState state, const QString& detail) {
        s.state = state;
        s.detail = detail;
        return s;
    };
    if (e.notes > 0 && e.notesDone >= e.notes) {
        if (e.slurm)
            s.slurmState = e.slurm->stateText;
        return set(ShardState::Done, QString("all %1 notes are here").arg(e.notes));
    }
    if (!e.submission)
        return set(ShardState::NotSubmitted, QStringLiteral("not submitted"));
    const int64_t missing = e.notes - e.notesDone;
    auto exitedCleanly = [&](const QString& how) {
        // Exit 0 means the shard is complete there; its notes just have not all come back yet.
        // After a fetch that still lacks them, the task's claim is wrong: not done.
        if (e.fetched)
            return set(ShardState::Failed, QString("%1, but %2 of its %3 notes are missing after fetching; resubmit "
                                                   "to generate them")
                                               .arg(how)
                                               .arg(missing)
                                               .arg(e.notes));
        return set(ShardState::Done, QString("%1; %2 note(s) still to fetch").arg(how).arg(missing));
    };
    const QString lastError = e.log.lastError.isEmpty() ? QString() : ": " + e.log.lastError;
    const bool warned = e.files.exitIsCurrent() && e.files.signal == "USR1";
    if (e.slurm) {
        const SlurmTask& t = *e.slurm;
        s.slurmState = t.stateText;
        if (!t.nodes.isEmpty() && !t.nodes.startsWith("None") && !t.nodes.startsWith('('))
            s.host = t.nodes;
        switch (classifySlurmState(t.state)) {
        case SlurmStateClass::Queued:
            if (t.state.startsWith("REQUEUE"))
                return set(ShardState::Pending, QString("requeued by Slurm (%1): not finished, it runs again").arg(t.stateText));
            return set(ShardState::Pending, t.reason.isEmpty() || t.reason == "None"
                                                ? QString("waiting in the queue (%1)").arg(t.state)
                                                : QString("waiting in the queue (%1: %2)").arg(t.state, t.reason));
        case SlurmStateClass::Active:
            s.rate = e.log.rate;
            s.etaSeconds = e.log.etaSeconds;
            return set(ShardState::Running, QString("%1 on %2%3")
                                                .arg(t.state == "RUNNING" ? QString("running") : t.state.toLower(),
                                                     s.host.isEmpty() ? QString("a node") : s.host,
                                                     t.elapsed.isEmpty() ? QString() : " for " + t.elapsed));
        case SlurmStateClass::Preempted:
            return set(ShardState::Preempted, QStringLiteral("preempted by Slurm: not finished; it runs again if Slurm "
                                                             "requeues it, otherwise resubmit it"));
        case SlurmStateClass::Completed:
            return exitedCleanly(QStringLiteral("finished (COMPLETED)"));
        case SlurmStateClass::TimedOut:
            return set(ShardState::TimedOut, QString("hit the time limit (%1) after %2 of %3 notes; resubmit to continue "
                                                     "where it stopped")
                                                 .arg(t.state)
                                                 .arg(e.notesDone)
                                                 .arg(e.notes));
        case SlurmStateClass::Cancelled:
            if (warned)
                return set(ShardState::TimedOut, QStringLiteral("stopped at a batch boundary before the time limit; "
                                                                "resubmit to continue"));
            return set(ShardState::Cancelled, QString("cancelled (%1) after %2 of %3 notes").arg(t.stateText).arg(e.notesDone).arg(e.notes));
        case SlurmStateClass::Failed:
            if (warned)
                return set(ShardState::TimedOut, QStringLiteral("stopped at a batch boundary before the time limit; "
                                                                "resubmit to continue"));
            if (t.state == "OUT_OF_MEMORY")
                return set(ShardState::Failed, QStringLiteral("out of memory (OUT_OF_MEMORY): raise the profile's memory "
                                                              "or lower the job's batch size"));
            if (t.state == "NODE_FAIL" || t.state == "BOOT_FAIL")
                return set(ShardState::Failed, QString("the node failed (%1); resubmit").arg(t.state));
            return set(ShardState::Failed, QString("failed (%1%2)%3")
                                               .arg(t.state, t.exitCode.isEmpty() ? QString() : ", exit code " + t.exitCode,
                                                    lastError));
        case SlurmStateClass::Unknown:
            return set(ShardState::Unknown, QString("Slurm reports the state %1").arg(t.stateText));
        }
    }
    if (!e.slurmAnswered)
        return s;  // nothing new is known; the last state stands
    // Gone from Slurm's listing: the task's own files say how it ended, if anything does.
    if (e.files.exitIsCurrent()) {
        const int rc = e.files.exitStatus;
        if (rc == 0)
            return exitedCleanly(QStringLiteral("finished (exit 0)"));
        if (e.files.signal == "USR1")
            return set(ShardState::TimedOut, QString("stopped at a batch boundary before the time limit (exit %1); "
                                                     "resubmit to continue")
                                                 .arg(rc));
        if (e.files.signal == "TERM" || e.files.signal == "INT" || rc == 130 || rc == 143)
            return set(ShardState::Cancelled, QString("stopped by SIGTERM (cancelled, preempted or at the time limit) "
                                                      "after %1 of %2 notes (exit %3)")
                                                  .arg(e.notesDone)
                                                  .arg(e.notes)
                                                  .arg(rc));
        return set(ShardState::Failed, QString("exited with status %1%2").arg(rc).arg(lastError));
    }
    if (!e.files.started && e.secondsSinceSubmission < 60)
        return set(ShardState::Pending, QStringLiteral("submitted; not listed by Slurm yet"));
    if (e.files.started)
        return set(ShardState::Unknown,
                   QString("started on %1 %2 ago, then vanished from Slurm without an exit record (killed, or the "
                           "node failed); not done")
                       .arg(e.files.host.isEmpty() ? QString("a node") : e.files.host,
                            duration(std::max<qint64>(0, QDateTime::currentSecsSinceEpoch() - e.files.startTime))));
    return set(ShardState::Unknown, QStringLiteral("not in Slurm's listing and never started (cancelled while waiting, "
                                                   "or forgotten by Slurm); not done"));
}

// ---------------------------------------------------------------------------------------------

QString ClusterJobIndex::defaultPath()
{
    const QString env = qEnvironmentVariable("NSYNTH_CLUSTER_JOBS");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + "/nsynth-workbench/cluster-jobs.json";
}

QStringList ClusterJobIndex::folders()
{
    QFile f(defaultPath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList out;
    for (const auto& v : QJsonDocument::fromJson(f.readAll()).object().value("jobs").toArray())
        out << v.toString();
    return out;
}

void ClusterJobIndex::add(const QString& jobFolder)
{
    const QString path = defaultPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QLockFile lock(path + ".lock");
    lock.tryLock(10000);
    QStringList list = folders();
    const QString folder = QDir(jobFolder).absolutePath();
    if (list.contains(folder))
        return;
    list << folder;
    const QJsonObject root{{"format", "nsynth-cluster-jobs"}, {"version", 1}, {"jobs", QJsonArray::fromStringList(list)}};
    writeFileAtomically(path.toStdString(), QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString());
}

} // namespace nsynth::app
