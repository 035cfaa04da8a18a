#include "grid_runner.h"

#include "atomic_file.h"
#include "ons_raw_notes.h"
#include "error.h"
#include "fast_decoder.h"
#include "model_file.h"
#include "synthesis.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSysInfo>

#include <chrono>
#include <unistd.h>

namespace nsynth::app {

QJsonObject GridRunResult::toJson() const
{
    return QJsonObject{{"shard", QJsonObject{{"index", shard.index}, {"count", shard.count}}},
                       {"shard_batches", qint64(shardBatches)},
                       {"shard_notes", qint64(shardNotes)},
                       {"batches_already_done", qint64(batchesAlreadyDone)},
                       {"batches_run", qint64(batchesRun)},
                       {"notes_already_done", qint64(notesAlreadyDone)},
                       {"notes_generated", qint64(notesGenerated)},
                       {"samples_generated", qint64(samplesGenerated)},
                       {"seconds", seconds},
                       {"samples_per_s", seconds > 0 ? double(samplesGenerated) / seconds : 0.0},
                       {"stopped", stopped},
                       {"shard_complete", shardComplete},
                       {"job_notes_done", qint64(jobNotesDone)},
                       {"job_notes", qint64(jobNotes)},
                       {"job_complete", jobNotesDone == jobNotes}};
}

namespace {

void writeRunLog(const GridJob& job, const GridRunResult& r, const QString& outcome, const QDateTime& started)
{
    QJsonObject o = r.toJson();
    o["outcome"] = outcome;
    o["started"] = started.toString(Qt::ISODate);
    o["finished"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    o["host"] = QSysInfo::machineHostName();
    o["pid"] = qint64(::getpid());
    const QString name = QString("%1/logs/run-%2-shard%3of%4-%5.json")
                             .arg(job.folder(), started.toString("yyyyMMdd'T'HHmmss'Z'"))
                             .arg(r.shard.index)
                             .arg(r.shard.count)
                             .arg(::getpid());
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented);
    try {
        writeFileAtomically(name.toStdString(), text.constData(), size_t(text.size()));
    } catch (const Error&) {
        // The log is informational; a full disk must not turn a finished run into a failure.
    }
}

} // namespace

GridRunResult runGridShard(const GridJob& job, const Model& model, const GridRunOptions& options)
{
    const auto t0 = std::chrono::steady_clock::now();
    const QDateTime started = QDateTime::currentDateTimeUtc();
    const auto& c = model.config;
    if (c.hopLength != job.hop() || c.bottleneckWidth != job.channels() || c.sampleRate != job.sampleRate())
        throw Error("grid run: the model's rate, hop or embedding width differ from the job's");
    const QString sha = weightsSha256(model);
    if (sha != job.modelWeightsSha256())
        throw Error("grid run: the model's weights differ from the ones the job was planned with (weights sha256 " +
                    sha.left(12).toStdString() + ", job " + job.modelWeightsSha256().left(12).toStdString() +
                    "); use the job's model (" + job.modelPath().toStdString() + ") so all notes match");
    if (options.shard.count < 1 || options.shard.index < 0 || options.shard.index >= options.shard.count)
        throw Error("grid run: invalid shard " + formatShardSpec(options.shard));

    const GridPlan& plan = job.plan();
    const GridSchedule schedule = job.schedule();
    const auto batches = schedule.shardBatches(options.shard);
    auto finished = job.finishedNotes();

    GridRunResult r;
    r.shard = options.shard;
    r.shardBatches = int64_t(batches.size());
    r.jobNotes = int64_t(plan.notes.size());
    std::vector<int64_t> pending;
    for (int64_t b : batches) {
        bool all = true;
        for (int64_t n = schedule.batchBegin(b); n < schedule.batchEnd(b); ++n) {
            ++r.shardNotes;
            if (finished[size_t(n)])
                ++r.notesAlreadyDone;
            else
                all = false;
        }
        if (all)
            ++r.batchesAlreadyDone;
        else
            pending.push_back(b);
    }
    bool truncated = false;
    if (options.maxBatches >= 0 && int64_t(pending.size()) > options.maxBatches) {
        pending.resize(size_t(options.maxBatches));
        truncated = true;
    }

    GridRunProgress progress;
    progress.batchesTotal = int64_t(pending.size());
    for (int64_t b : pending)
        for (int64_t n = schedule.batchBegin(b); n < schedule.batchEnd(b); ++n)
            if (!finished[size_t(n)])
                ++progress.notesTotal;
    progress.samplesTotal = progress.notesTotal * job.samplesPerNote();

    auto finish = [&](const QString& outcome) {
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto now = job.finishedNotes();
        r.jobNotesDone = int64_t(std::count(now.begin(), now.end(), uint8_t(1)));
        r.shardComplete = true;
        for (int64_t b : batches)
            for (int64_t n = schedule.batchBegin(b); n < schedule.batchEnd(b); ++n)
                if (!now[size_t(n)])
                    r.shardComplete = false;
        writeRunLog(job, r, outcome, started);
    };

    if (!pending.empty()) {
        const auto corners = job.loadCornerEmbeddings();
        const int maxBatch = int(std::min<int64_t>(schedule.batchSize(), progress.notesTotal));
        FastDecoder decoder(model, maxBatch, 1);
        GenerationOptions generation;
        generation.seed = job.settings().seed;
        generation.temperature = float(job.settings().temperature);
        generation.greedy = job.settings().greedy;
        try {
            for (int64_t b : pending) {
                if (options.stopAfterBatch && options.stopAfterBatch->load()) {
                    r.stopped = true;
                    break;
                }
                // Only the batch's unfinished notes: the decoder computes every row the same way
                // whatever the batch, so they come out exactly as in the full batch.
                std::vector<int64_t> ids;
                for (int64_t n = schedule.batchBegin(b); n < schedule.batchEnd(b); ++n)
                    if (!finished[size_t(n)])
                        ids.push_back(n);
                std::vector<Embedding> targets;
                targets.reserve(ids.size());
                for (int64_t n : ids)
                    targets.push_back(job.blendedEmbedding(n, corners));
                std::vector<NoteToGenerate> notes;
                for (size_t k = 0; k < ids.size(); ++k)
                    notes.push_back({&targets[k], plan.notes[size_t(ids[k])].identity, plan.notes[size_t(ids[k])].pitch});
                const int64_t before = progress.samplesDone;
                const auto audio = generateBatch(
                    decoder, notes, generation,
                    [&](int64_t step, int64_t) {
                        if (options.progress) {
                            GridRunProgress p = progress;
                            p.samplesDone = before + step * int64_t(ids.size());
                            options.progress(p);
                        }
                    },
                    options.abortNow);
                for (size_t k = 0; k < ids.size(); ++k) {
                    audio::writeRawNote(job.rawPath(ids[k]).toStdString(), audio[k].data(), int64_t(audio[k].size()),
                                        job.sampleRate());
                    finished[size_t(ids[k])] = 1;
                    ++r.notesGenerated;
                    r.samplesGenerated += int64_t(audio[k].size());
                }
                ++r.batchesRun;
                progress.notesDone += int64_t(ids.size());
                progress.samplesDone = before + int64_t(ids.size()) * job.samplesPerNote();
                progress.batchesDone = r.batchesRun;
                progress.batch = b;
                if (options.progress)
                    options.progress(progress);
                progress.batch = -1;
            }
        } catch (const Cancelled&) {
            r.stopped = true;
            finish("aborted");
            throw;
        } catch (const std::exception& e) {
            finish(QString("failed: %1").arg(QString::fromUtf8(e.what())));
            throw;
        }
    }
    r.stopped = r.stopped || truncated;
    finish(r.stopped ? "stopped" : "finished");
    return r;
}

} // namespace nsynth::app
