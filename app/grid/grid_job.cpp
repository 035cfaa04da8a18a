#include "grid_job.h"

#include "atomic_file.h"
#include "error.h"
#include "fast_encoder.h"
#include "grid_notes.h"
#include "grid_speed.h"
#include "manifest.h"
#include "model_file.h"
#include "version.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <chrono>

namespace nsynth::app {

namespace {

QJsonObject readJsonFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot read: " + f.errorString().toStdString());
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw Error(path.toStdString() + ": not a valid JSON object" +
                    (error.error != QJsonParseError::NoError ? ": " + error.errorString().toStdString() : ""));
    return doc.object();
}

void writeJsonFile(const QString& path, const QJsonObject& o, QJsonDocument::JsonFormat format = QJsonDocument::Indented)
{
    const QByteArray text = QJsonDocument(o).toJson(format);
    writeFileAtomically(path.toStdString(), text.constData(), size_t(text.size()));
}

// job.json without what legitimately differs between two plans of the same job.
QJsonObject comparable(QJsonObject job)
{
    job.remove("created");
    job.remove("tool_version");
    job.remove("arguments");
    return job;
}

// The first top-level (or resolved.*) key whose value differs, for the message.
QString firstDifference(const QJsonObject& a, const QJsonObject& b)
{
    QStringList keys = a.keys() + b.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const auto& k : keys)
        if (a.value(k) != b.value(k)) {
            if (k == "resolved" && a.value(k).isObject() && b.value(k).isObject())
                return "resolved." + firstDifference(a.value(k).toObject(), b.value(k).toObject());
            return k;
        }
    return {};
}

QString embeddingName(const GridPlan& plan, int instrument, int pitchIndex)
{
    return QString("%1_%2.npy")
        .arg(QString::fromStdString(plan.instruments[size_t(instrument)]))
        .arg(plan.spec.pitches[size_t(pitchIndex)]);
}

QJsonObject weightsByName(const GridPlan& plan, const GridNote& n)
{
    QJsonObject w;
    for (const auto& part : n.parts)
        w[QString::fromStdString(plan.instruments[size_t(part.instrument)])] = double(part.milli) / 1000.0;
    return w;
}

} // namespace

QString weightsSha256(const Model& model)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::fromStdString(model.config.toJson()));
    for (const auto& [name, tensor] : model.weights.all()) {
        hash.addData(QByteArray::fromStdString(name + '\0' + shapeToString(tensor.shape) + '\0'));
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(tensor.data.data()),
                                    qsizetype(tensor.data.size() * sizeof(float))));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString planFingerprint(const GridPlan& plan, int batchSize)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray("nsynth-grid-plan 1\n") + QByteArray::number(batchSize) + "\n");
    for (const auto& n : plan.notes) {
        hash.addData(QByteArray::fromStdString(n.identity));
        hash.addData(QByteArray("\n"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QJsonObject gridNoteJson(const GridPlan& plan, int64_t index, int batchSize)
{
    const GridNote& n = plan.notes[size_t(index)];
    QJsonArray corners, weights;
    for (int k = 0; k < 4; ++k) {
        corners.append(QString::fromStdString(plan.instruments[size_t(n.cornerInstruments[size_t(k)])]));
        weights.append(n.weights[size_t(k)]);
    }
    const int R = plan.spec.resolution;
    return QJsonObject{{"identity", QString::fromStdString(n.identity)},
                       {"pitch", n.pitch},
                       {"weights", weightsByName(plan, n)},
                       {"corners", corners},
                       {"corner_weights", weights},
                       {"first", QJsonArray{n.firstCombination, n.firstCell / R, n.firstCell % R}},
                       {"batch", qint64(index / batchSize)}};
}

QJsonObject planGridJob(const GridPlanRequest& request)
{
    const GridSettings& settings = request.settings;
    const auto notice = [&](const QString& s) {
        if (request.notice)
            request.notice(s);
    };
    QStringList problems = settings.problems();
    const GridSpec spec = settings.spec();
    GridPlan plan;
    bool planned = false;
    if (spec.problems().empty()) {
        plan = planGrid(spec);
        planned = true;
    }
    // With problems in the spec, the notes of its valid part are still checked, so one run
    // reports everything.
    GridPlan partial;
    bool havePartial = false;
    if (!planned) {
        GridSpec valid;
        for (int k = 0; k < 4; ++k)
            for (const auto& name : spec.corners[size_t(k)]) {
                auto& list = valid.corners[size_t(k)];
                if (isValidGridInstrumentName(name) && std::find(list.begin(), list.end(), name) == list.end())
                    list.push_back(name);
            }
        for (int p : settings.pitches)
            if (p >= 0 && p <= 127 && std::find(valid.pitches.begin(), valid.pitches.end(), p) == valid.pitches.end())
                valid.pitches.push_back(p);
        valid.resolution = 2;
        if (valid.problems().empty()) {
            partial = planGrid(valid);
            havePartial = true;
        }
    }
    Model model;
    bool haveModel = false;
    try {
        model = request.loadModel(settings.model, settings.weights);
        haveModel = true;
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& e) {
        problems << QString("model: %1").arg(QString::fromUtf8(e.what()));
    }
    const ModelConfig config = haveModel ? model.config : ModelConfig{};
    if (haveModel && config.pitch.enabled)
        for (int p : settings.pitches)
            if (p >= config.pitch.numPitches)
                problems << QString("pitch %1 is outside the model's pitch conditioning (0..%2)")
                                .arg(p)
                                .arg(config.pitch.numPitches - 1);
    CornerNoteSet notes;
    if (planned)
        notes = findCornerNotes(plan, settings.notes, config, &problems);
    else if (havePartial)
        findCornerNotes(partial, settings.notes, config, &problems);
    else if (settings.notes.isEmpty())
        problems << "no notes given (--notes FOLDER, or \"notes\" in the grid file)";
    if (!problems.isEmpty())
        throw GridProblems("grid plan", problems);
    for (const auto& n : settings.notices)
        notice(n);

    const int P = int(settings.pitches.size());
    const int64_t frames = notes.frames;
    const int64_t samplesPerNote = frames * config.hopLength;
    const GridSchedule schedule(int64_t(plan.notes.size()), settings.batchSize);
    const QString fingerprint = planFingerprint(plan, settings.batchSize);

    // Resolved job description (what job.json holds besides the settings).
    QJsonArray noteList;
    int64_t audioNotes = 0;
    for (size_t i = 0; i < plan.instruments.size(); ++i)
        for (int j = 0; j < P; ++j) {
            const CornerNote& n = notes.at(int(i), j);
            QJsonObject o{{"instrument", n.instrument},
                          {"pitch", n.pitch},
                          {"path", n.path},
                          {"sha256", sha256OfFile(n.path)},
                          {"kind", n.isEmbedding ? "embedding" : "audio"},
                          {"embedding", "embeddings/" + embeddingName(plan, int(i), j)}};
            if (!n.isEmbedding) {
                o["source_rate"] = n.sourceRate;
                o["source_frames"] = qint64(n.sourceFrames);
                ++audioNotes;
            }
            noteList.append(o);
        }
    const QString modelSha = weightsSha256(model);
    QJsonObject modelJson{{"path", QFileInfo(settings.model).absoluteFilePath()},
                          {"weights", settings.weights},
                          {"weights_sha256", modelSha},
                          {"config", QJsonDocument::fromJson(QByteArray::fromStdString(config.toJson())).object()}};
    if (QFileInfo(settings.model).isFile())
        modelJson["file_sha256"] = sha256OfFile(settings.model);
    QJsonObject job = gridSettingsToJson(settings);
    job["resolved"] = QJsonObject{{"model", modelJson},
                                  {"sample_rate", config.sampleRate},
                                  {"hop", config.hopLength},
                                  {"channels", config.bottleneckWidth},
                                  {"frames", qint64(frames)},
                                  {"samples_per_note", qint64(samplesPerNote)},
                                  {"notes", noteList},
                                  {"plan_fingerprint", fingerprint},
                                  {"unique_notes", qint64(plan.notes.size())}};
    job["created"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    job["tool_version"] = QString::fromLatin1(kVersion);
    job["arguments"] = QJsonArray::fromStringList(request.arguments);

    GridWork work;
    work.notes = int64_t(plan.notes.size());
    work.samplesPerNote = samplesPerNote;
    work.batches = schedule.batches();
    work.batchSize = settings.batchSize;
    work.shards = settings.shards;
    for (int k = 0; k < std::min(settings.shards, 1000); ++k)
        work.largestShardNotes = std::max(work.largestShardNotes, schedule.shardNotes({k, settings.shards}));
    if (settings.shards > 1000)
        work.largestShardNotes = schedule.shardNotes({0, settings.shards});

    // The folder: new, an interrupted plan of this job, or this very job planned before.
    const QString folder = request.dryRun ? QString() : QDir(request.folder).absolutePath();
    bool alreadyPlanned = false;
    if (!request.dryRun) {
        const QFileInfo fi(folder);
        if (fi.exists() && !fi.isDir())
            throw Error(folder.toStdString() + ": exists and is not a folder");
        if (QFileInfo::exists(folder + "/job.json")) {
            const QJsonObject old = readJsonFile(folder + "/job.json");
            if (comparable(old) != comparable(job))
                throw Error(folder.toStdString() + ": already holds a different grid job (" +
                            firstDifference(comparable(old), comparable(job)).toStdString() +
                            " differs); plan into a new folder, or delete this one");
            alreadyPlanned = true;
            job = old;  // keep its creation time
        } else if (fi.exists()) {
            const QStringList entries = QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
            for (const auto& e : entries)
                if (e != "embeddings" && e != "raw" && e != "logs" && e != "plan.json")
                    throw Error(folder.toStdString() + ": is not empty and not a grid job (holds " + e.toStdString() +
                                "); choose a new folder for the job");
        }
        for (const char* sub : {"embeddings", "raw", "logs"})
            if (!QDir().mkpath(folder + "/" + sub))
                throw Error((folder + "/" + sub).toStdString() + ": cannot create folder");
    }

    // Corner embeddings: given ones copied (normalised to [frames, Z]), audio encoded together.
    QElapsedTimer timer;
    timer.start();
    double encodeSeconds = 0, encoderRealTime = 0;
    Embedding probe;  // a real embedding for the speed measurement
    probe.channels = config.bottleneckWidth;
    {
        std::vector<std::pair<int, int>> toEncode;
        for (size_t i = 0; i < plan.instruments.size(); ++i)
            for (int j = 0; j < P; ++j) {
                const CornerNote& n = notes.at(int(i), j);
                const QString out = folder + "/embeddings/" + embeddingName(plan, int(i), j);
                if (n.isEmbedding) {
                    if (probe.data.empty()) {
                        probe.frames = frames;
                        probe.data = n.embeddingData;
                    }
                    if (!request.dryRun && !(alreadyPlanned && QFileInfo::exists(out))) {
                        Embedding e;
                        e.frames = frames;
                        e.channels = config.bottleneckWidth;
                        e.data = n.embeddingData;
                        writeEmbedding(out.toStdString(), e);
                    }
                } else if (request.dryRun ? toEncode.empty() : !(alreadyPlanned && QFileInfo::exists(out))) {
                    toEncode.push_back({int(i), j});  // a dry run encodes one note (probe, speed)
                }
            }
        if (!toEncode.empty()) {
            FastEncoder encoder(model);
            std::vector<const float*> ptrs;
            for (const auto& [i, j] : toEncode)
                ptrs.push_back(notes.at(i, j).audio.data());
            ProgressReporter reporter("encode", "notes", int64_t(ptrs.size()), request.progress);
            const auto t0 = std::chrono::steady_clock::now();
            const auto result = encoder.encode(
                ptrs, samplesPerNote,
                [&](int64_t d, int64_t t) { reporter.update(int64_t(double(ptrs.size()) * double(d) / double(t))); },
                request.cancel);
            reporter.finish();
            encodeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            encoderRealTime = double(ptrs.size()) * double(samplesPerNote) / config.sampleRate / encodeSeconds;
            for (size_t k = 0; k < toEncode.size(); ++k) {
                Embedding e;
                e.frames = frames;
                e.channels = config.bottleneckWidth;
                e.data = result[k];
                if (probe.data.empty()) {
                    probe.frames = frames;
                    probe.data = e.data;
                }
                if (!request.dryRun)
                    writeEmbedding((folder + "/embeddings/" + embeddingName(plan, toEncode[k].first, toEncode[k].second))
                                       .toStdString(),
                                   e);
            }
        }
        if (request.dryRun)
            work.notesToEncode = audioNotes;
        else
            work.notesToEncode = int64_t(toEncode.size());
        work.encodeAudioSeconds = double(work.notesToEncode) * double(samplesPerNote) / config.sampleRate;
    }

    GridSpeed speed;
    bool measured = false;
    if (request.measure && (!request.dryRun || !probe.data.empty())) {
        if (!request.dryRun) {
            // Measure with note 0's real blend.
            const GridNote& n0 = plan.notes[0];
            std::array<const float*, 4> corner{};
            std::vector<Embedding> loaded(4);
            for (int k = 0; k < 4; ++k) {
                loaded[size_t(k)] = readEmbedding(
                    (folder + "/embeddings/" + embeddingName(plan, n0.cornerInstruments[size_t(k)], n0.pitchIndex))
                        .toStdString(),
                    config.bottleneckWidth);
                corner[size_t(k)] = loaded[size_t(k)].data.data();
            }
            probe.frames = frames;
            probe.data = blendEmbeddings(corner, n0.weights, size_t(frames * config.bottleneckWidth));
        }
        notice(QString("measuring the decoder at batch %1 ...").arg(std::min<int64_t>(settings.batchSize, work.notes)));
        speed = measureDecoderSpeed(model, probe, int(std::min<int64_t>(settings.batchSize, work.notes)),
                                    plan.notes[0].pitch);
        speed.encoderRealTime = encoderRealTime;
        measured = true;
    }
    const QJsonObject estimate = gridEstimateJson(work, measured ? &speed : nullptr);

    // plan.json: the summary and every unique note.
    QJsonObject counts{{"combinations", qint64(plan.combinations.size())},
                       {"cells", plan.cells()},
                       {"pitches", P},
                       {"naive_notes", qint64(plan.naiveNotes())},
                       {"unique_notes", qint64(plan.notes.size())}};
    QJsonObject perPitch;
    for (const auto& n : plan.notes)
        perPitch[QString::number(n.pitch)] = perPitch.value(QString::number(n.pitch)).toInt() + 1;
    counts["unique_per_pitch"] = perPitch;
    QJsonArray shardNotes;
    if (settings.shards <= 1000)
        for (int k = 0; k < settings.shards; ++k)
            shardNotes.append(qint64(schedule.shardNotes({k, settings.shards})));
    QJsonObject summary{{"format", "nsynth-grid-plan"},
                        {"format_version", 1},
                        {"fingerprint", fingerprint},
                        {"counts", counts},
                        {"schedule", QJsonObject{{"batch_size", settings.batchSize},
                                                 {"batches", qint64(schedule.batches())},
                                                 {"shards", settings.shards},
                                                 {"notes_per_shard", shardNotes}}},
                        {"frames", qint64(frames)},
                        {"samples_per_note", qint64(samplesPerNote)},
                        {"sample_rate", config.sampleRate},
                        {"estimate", estimate},
                        {"timings_s", QJsonObject{{"encode", encodeSeconds}, {"plan", double(timer.elapsed()) / 1000.0}}}};
    if (request.dryRun) {
        summary["dry_run"] = true;
        return summary;
    }
    QJsonArray combos;
    for (size_t c = 0; c < plan.combinations.size(); ++c)
        combos.append(QString::fromStdString(plan.combinationName(int(c))));
    QJsonArray noteEntries;
    for (size_t i = 0; i < plan.notes.size(); ++i)
        noteEntries.append(gridNoteJson(plan, int64_t(i), settings.batchSize));
    QJsonObject planFile = summary;
    planFile["combinations"] = combos;
    planFile["notes"] = noteEntries;
    // Compact: the full ONS set lists 118,016 notes (about 40 MB this way, 100 MB indented).
    writeJsonFile(folder + "/plan.json", planFile,
                  plan.notes.size() > 5000 ? QJsonDocument::Compact : QJsonDocument::Indented);
    if (!alreadyPlanned)
        writeJsonFile(folder + "/job.json", job);
    summary["job"] = folder;
    summary[alreadyPlanned ? "already_planned" : "created"] = true;
    return summary;
}

GridJob GridJob::open(const QString& folderPath)
{
    GridJob j;
    j.m_folder = QDir(folderPath).absolutePath();
    if (!QFileInfo(j.m_folder).isDir())
        throw Error(folderPath.toStdString() + ": no such job folder");
    if (!QFileInfo::exists(j.m_folder + "/job.json"))
        throw Error(folderPath.toStdString() + ": not a grid job (no job.json); create one with nsynth grid plan");
    j.m_job = readJsonFile(j.m_folder + "/job.json");
    QStringList problems;
    j.m_settings = gridSettingsFromJson(j.m_job, j.m_folder, &problems);
    problems << j.m_settings.problems();
    const QJsonObject resolved = j.m_job.value("resolved").toObject();
    if (resolved.isEmpty())
        problems << "no \"resolved\" section (the file was not written by nsynth grid plan)";
    if (!problems.isEmpty())
        throw GridProblems(j.m_folder + "/job.json", problems);
    j.m_frames = resolved.value("frames").toInteger();
    j.m_hop = resolved.value("hop").toInt();
    j.m_channels = resolved.value("channels").toInt();
    j.m_sampleRate = resolved.value("sample_rate").toInt();
    if (j.m_frames < 1 || j.m_hop < 1 || j.m_channels < 1 || j.m_sampleRate < 1)
        throw Error((j.m_folder + "/job.json").toStdString() + ": resolved frames, hop, channels or sample_rate missing");
    j.m_plan = planGrid(j.m_settings.spec());
    j.m_fingerprint = planFingerprint(j.m_plan, j.m_settings.batchSize);
    if (resolved.value("plan_fingerprint").toString() != j.m_fingerprint)
        throw Error((j.m_folder + "/job.json").toStdString() +
                    ": the plan computed now differs from the one this job was started with (fingerprint " +
                    resolved.value("plan_fingerprint").toString().left(12).toStdString() + " vs " +
                    j.m_fingerprint.left(12).toStdString() + "); finish it with the version that planned it (" +
                    j.m_job.value("tool_version").toString().toStdString() + ")");
    return j;
}

QString GridJob::modelPath() const
{
    return m_job.value("resolved").toObject().value("model").toObject().value("path").toString();
}

QString GridJob::modelWeightsSha256() const
{
    return m_job.value("resolved").toObject().value("model").toObject().value("weights_sha256").toString();
}

QString GridJob::rawPath(int64_t note) const
{
    return m_folder + "/raw/" + QString::fromStdString(m_plan.notes[size_t(note)].identity) + ".wav";
}

QString GridJob::embeddingPath(int instrument, int pitchIndex) const
{
    return m_folder + "/embeddings/" + embeddingName(m_plan, instrument, pitchIndex);
}

std::vector<uint8_t> GridJob::finishedNotes() const
{
    const QStringList names = QDir(rawFolder()).entryList(QDir::Files);
    QSet<QString> present(names.begin(), names.end());
    std::vector<uint8_t> out(m_plan.notes.size(), 0);
    for (size_t i = 0; i < m_plan.notes.size(); ++i)
        out[i] = present.contains(QString::fromStdString(m_plan.notes[i].identity) + ".wav") ? 1 : 0;
    return out;
}

int64_t GridJob::temporaryFiles() const
{
    int64_t n = 0;
    for (const auto& name : QDir(rawFolder()).entryList(QDir::Files | QDir::Hidden))
        if (name.startsWith('.') && name.contains(".part-"))
            ++n;
    return n;
}

std::vector<std::vector<Embedding>> GridJob::loadCornerEmbeddings() const
{
    const int P = int(m_plan.spec.pitches.size());
    std::vector<std::vector<Embedding>> out(m_plan.instruments.size(), std::vector<Embedding>(size_t(P)));
    for (size_t i = 0; i < m_plan.instruments.size(); ++i)
        for (int j = 0; j < P; ++j) {
            const QString path = embeddingPath(int(i), j);
            if (!QFileInfo::exists(path))
                throw Error(path.toStdString() + ": missing; run nsynth grid plan again with the same settings to "
                                                 "encode the corner notes");
            Embedding e = readEmbedding(path.toStdString(), m_channels);
            if (e.frames != m_frames)
                throw Error(path.toStdString() + ": has " + std::to_string(e.frames) + " frames, the job has " +
                            std::to_string(m_frames));
            out[i][size_t(j)] = std::move(e);
        }
    return out;
}

Embedding GridJob::blendedEmbedding(int64_t note, const std::vector<std::vector<Embedding>>& corners) const
{
    const GridNote& n = m_plan.notes[size_t(note)];
    std::array<const float*, 4> ptrs{};
    for (int k = 0; k < 4; ++k)
        ptrs[size_t(k)] = corners[size_t(n.cornerInstruments[size_t(k)])][size_t(n.pitchIndex)].data.data();
    Embedding e;
    e.frames = m_frames;
    e.channels = m_channels;
    e.data = blendEmbeddings(ptrs, n.weights, size_t(m_frames * m_channels));
    return e;
}

} // namespace nsynth::app
