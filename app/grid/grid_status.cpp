#include "grid_status.h"

#include "audio_file.h"
#include "error.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace nsynth::app {

GridStatus gridStatus(const GridJob& job, int shardCount, bool verify)
{
    if (shardCount < 1 || shardCount > 100000)
        throw Error("grid status: the shard count must be 1..100000");
    const GridPlan& plan = job.plan();
    const GridSchedule schedule = job.schedule();
    auto finished = job.finishedNotes();
    GridStatus s;
    s.samplesPerNote = job.samplesPerNote();
    if (verify)
        for (size_t i = 0; i < finished.size(); ++i) {
            if (!finished[i])
                continue;
            try {
                const auto a = audio::readAudio(job.rawPath(int64_t(i)).toStdString());
                if (a.channels != 1 || a.sampleRate != job.sampleRate() || a.frames() != job.samplesPerNote())
                    throw Error(job.rawPath(int64_t(i)).toStdString() + ": " + std::to_string(a.frames()) +
                                " frames at " + std::to_string(a.sampleRate) + " Hz, expected " +
                                std::to_string(job.samplesPerNote()) + " at " + std::to_string(job.sampleRate()));
            } catch (const Error& e) {
                finished[i] = 0;
                ++s.invalidRawFiles;
                if (s.invalidRawMessages.size() < 20)
                    s.invalidRawMessages << QString::fromUtf8(e.what());
            }
        }
    s.notes = int64_t(finished.size());
    for (size_t i = 0; i < finished.size(); ++i) {
        if (finished[i])
            ++s.notesDone;
        else
            s.missingNotes.push_back(int64_t(i));
    }
    s.batches = schedule.batches();
    for (int k = 0; k < shardCount; ++k) {
        GridShardStatus sh;
        sh.shard = {k, shardCount};
        for (int64_t b : schedule.shardBatches(sh.shard)) {
            ++sh.batches;
            int64_t done = 0;
            for (int64_t n = schedule.batchBegin(b); n < schedule.batchEnd(b); ++n)
                done += finished[size_t(n)];
            const int64_t size = schedule.batchEnd(b) - schedule.batchBegin(b);
            sh.notes += size;
            sh.notesDone += done;
            if (done == size)
                ++sh.batchesDone;
            else if (done > 0)
                ++sh.batchesPartial;
        }
        s.batchesDone += sh.batchesDone;
        s.shards.push_back(sh);
    }
    s.combinations = int64_t(plan.combinations.size());
    const int cells = plan.cells(), P = int(plan.spec.pitches.size());
    for (int c = 0; c < int(plan.combinations.size()); ++c) {
        bool complete = true;
        for (int cell = 0; cell < cells && complete; ++cell)
            for (int j = 0; j < P; ++j)
                if (!finished[size_t(plan.noteAt(c, cell, j))]) {
                    complete = false;
                    break;
                }
        s.combinationsComplete += complete;
    }
    s.temporaries = job.temporaryFiles();
    QStringList logs = QDir(job.folder() + "/logs").entryList({"run-*.json"}, QDir::Files, QDir::Name);
    for (const auto& name : logs) {
        QFile f(job.folder() + "/logs/" + name);
        if (f.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            if (!o.isEmpty())
                s.runs.append(o);
        }
    }
    return s;
}

QJsonObject GridStatus::toJson(const GridJob& job, int maxListed) const
{
    QJsonArray shardList;
    for (const auto& sh : shards)
        shardList.append(QJsonObject{{"shard", QString::fromStdString(formatShardSpec(sh.shard))},
                                     {"index", sh.shard.index},
                                     {"batches", qint64(sh.batches)},
                                     {"batches_done", qint64(sh.batchesDone)},
                                     {"batches_partial", qint64(sh.batchesPartial)},
                                     {"batches_missing", qint64(sh.batches - sh.batchesDone - sh.batchesPartial)},
                                     {"notes", qint64(sh.notes)},
                                     {"notes_done", qint64(sh.notesDone)},
                                     {"notes_missing", qint64(sh.notes - sh.notesDone)},
                                     {"complete", sh.complete()}});
    QJsonArray missing;
    for (size_t i = 0; i < missingNotes.size() && int(i) < maxListed; ++i)
        missing.append(QString::fromStdString(job.plan().notes[size_t(missingNotes[i])].identity));
    double seconds = 0, samples = 0;
    for (const auto& r : runs) {
        seconds += r.toObject().value("seconds").toDouble();
        samples += r.toObject().value("samples_generated").toDouble();
    }
    QJsonObject o{{"job", job.folder()},
                  {"fingerprint", job.fingerprint()},
                  {"notes", qint64(notes)},
                  {"notes_done", qint64(notesDone)},
                  {"notes_missing", qint64(notes - notesDone)},
                  {"samples_per_note", qint64(samplesPerNote)},
                  {"batches", qint64(batches)},
                  {"batches_done", qint64(batchesDone)},
                  {"batch_size", job.settings().batchSize},
                  {"complete", complete()},
                  {"combinations", qint64(combinations)},
                  {"combinations_complete", qint64(combinationsComplete)},
                  {"shard_count", int(shards.size())},
                  {"shards", shardList},
                  {"missing_first", missing},
                  {"temporary_files", qint64(temporaries)},
                  {"runs", runs},
                  {"run_seconds_total", seconds},
                  {"run_samples_total", samples}};
    if (invalidRawFiles > 0 || !invalidRawMessages.isEmpty()) {
        o["invalid_raw_files"] = qint64(invalidRawFiles);
        o["invalid_raw_messages"] = QJsonArray::fromStringList(invalidRawMessages);
    }
    return o;
}

} // namespace nsynth::app
