#include "grid_export.h"

#include "atomic_file.h"
#include "audio_file.h"
#include "error.h"
#include "manifest.h"
#include "ons_bank.h"
#include "ons_pack.h"
#include "ons_raw_notes.h"
#include "progress.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStorageInfo>

#include <algorithm>
#include <chrono>
#include <future>
#include <list>
#include <unordered_map>

namespace nsynth::app {

QJsonObject GridExportResult::toJson() const
{
    return QJsonObject{{"outputs", outputs},
                       {"bytes", qint64(bytes)},
                       {"files", qint64(files)},
                       {"notes_processed", qint64(notesProcessed)},
                       {"missing_notes", qint64(missingNotes)},
                       {"seconds", seconds},
                       {"mb_per_s", seconds > 0 ? double(bytes) / 1e6 / seconds : 0.0},
                       {"manifest", manifest}};
}

namespace {

// Final notes by note index, post-processed on first use and kept while memory allows (least
// recently used out first). Corner and edge notes are shared by many banks.
class FinalNotes {
public:
    FinalNotes(const GridJob& job, const audio::OnsPostProcessOptions& post, const std::vector<uint8_t>& finished,
               int64_t cacheBytes)
        : m_job(job), m_post(post), m_finished(finished)
    {
        m_length = post.finalLength > 0 ? post.finalLength : job.samplesPerNote();
        const int64_t perNote = m_length * int64_t(sizeof(int16_t));
        m_capacity = std::max<int64_t>(4, cacheBytes / std::max<int64_t>(perNote, 1));
        m_silence.assign(size_t(m_length), 0);
    }

    int64_t length() const { return m_length; }
    int64_t processed() const { return m_processed; }

    const int16_t* final(int64_t note)
    {
        if (!m_finished[size_t(note)])
            return m_silence.data();
        auto it = m_index.find(note);
        if (it != m_index.end()) {
            m_lru.splice(m_lru.begin(), m_lru, it->second);
            return it->second->samples.data();
        }
        const auto raw = readRaw(note);
        return insert(note, audio::onsPostProcess(raw.data(), int64_t(raw.size()), m_post));
    }

    // Post-processes the notes not yet cached, in parallel (reading and post-processing a note
    // takes about as long as writing its bank rows). Exceptions are rethrown here, first one wins.
    void prefetch(const std::vector<int64_t>& notes)
    {
        std::vector<int64_t> todo;
        for (int64_t n : notes)
            if (m_finished[size_t(n)] && !m_index.count(n) && std::find(todo.begin(), todo.end(), n) == todo.end())
                todo.push_back(n);
        if (todo.empty())
            return;
        m_capacity = std::max<int64_t>(m_capacity, 2 * int64_t(notes.size()));
        std::vector<std::vector<int16_t>> done(todo.size());
        std::vector<std::string> errors(todo.size());
#pragma omp parallel for schedule(dynamic, 4)
        for (int64_t k = 0; k < int64_t(todo.size()); ++k) {
            try {
                const auto raw = readRaw(todo[size_t(k)]);
                done[size_t(k)] = audio::onsPostProcess(raw.data(), int64_t(raw.size()), m_post);
            } catch (const std::exception& e) {
                errors[size_t(k)] = e.what();
            }
        }
        for (size_t k = 0; k < todo.size(); ++k) {
            if (!errors[k].empty())
                throw Error(errors[k]);
            insert(todo[k], std::move(done[k]));
        }
    }

    std::vector<float> readRaw(int64_t note) const
    {
        const std::string path = m_job.rawPath(note).toStdString();
        const auto a = audio::readAudio(path);
        if (a.channels != 1 || a.frames() != m_job.samplesPerNote())
            throw Error(path + ": " + std::to_string(a.frames()) + " frames, " + std::to_string(a.channels) +
                        " channel(s); a generated note of this job has " + std::to_string(m_job.samplesPerNote()) +
                        " mono samples (delete it and run the job again)");
        return a.samples;
    }

private:
    const int16_t* insert(int64_t note, std::vector<int16_t> samples)
    {
        Entry e;
        e.note = note;
        e.samples = std::move(samples);
        ++m_processed;
        m_lru.push_front(std::move(e));
        m_index[note] = m_lru.begin();
        if (int64_t(m_lru.size()) > m_capacity) {
            m_index.erase(m_lru.back().note);
            m_lru.pop_back();
        }
        return m_lru.front().samples.data();
    }

    struct Entry {
        int64_t note = 0;
        std::vector<int16_t> samples;
    };
    const GridJob& m_job;
    audio::OnsPostProcessOptions m_post;
    const std::vector<uint8_t>& m_finished;
    int64_t m_length = 0, m_capacity = 0, m_processed = 0;
    std::vector<int16_t> m_silence;
    std::list<Entry> m_lru;
    std::unordered_map<int64_t, std::list<Entry>::iterator> m_index;
};

void checkCancel(const std::atomic<bool>* cancel)
{
    if (cancel && cancel->load())
        throw Cancelled();
}

QString relativeTo(const QString& base, const QString& path) { return QDir(base).relativeFilePath(path); }

int64_t finalLength(const GridJob& job, const audio::OnsPostProcessOptions& post)
{
    return post.finalLength > 0 ? post.finalLength : job.samplesPerNote();
}

} // namespace

int64_t gridExportBytes(const GridJob& job, const GridExportOptions& o)
{
    const GridPlan& plan = job.plan();
    const int64_t L = finalLength(job, o.post);
    const int64_t bank = int64_t(plan.cells()) * int64_t(plan.spec.pitches.size()) * L * 2;
    int64_t bytes = 0;
    if (o.ons)
        bytes += bank * int64_t(plan.combinations.size());
    if (o.pd)
        bytes += bank * int64_t(plan.combinations.size());
    if (o.pack) {
        const int64_t n = o.packRaw ? job.samplesPerNote() : L;
        const int64_t per = o.packBitDepth == "32f" ? 4 : (o.packBitDepth == "24" ? 3 : 2);
        bytes += int64_t(plan.notes.size()) * (n * per + 44);
    }
    return bytes;
}

GridExportResult exportGrid(const GridJob& job, const GridExportOptions& o)
{
    const auto t0 = std::chrono::steady_clock::now();
    o.post.validate();
    if (!o.ons && !o.pd && !o.pack)
        throw Error("grid export: nothing to export (choose ons, pd and/or pack)");
    const GridPlan& plan = job.plan();
    const auto& spec = plan.spec;
    const int R = spec.resolution, P = int(spec.pitches.size());
    const int64_t L = finalLength(job, o.post);
    if (o.pd && !std::is_sorted(spec.pitches.begin(), spec.pitches.end()))
        throw Error("grid export: the Pd grid patch needs the pitches in ascending order; this job's are not (export "
                    "ons or pack instead, or plan the grid with sorted pitches)");
    audio::AudioWriteOptions packWrite;
    if (o.pack) {
        packWrite.format = audio::parseAudioFileFormat(o.packFormat.toStdString());
        packWrite.encoding = audio::parseSampleEncoding(o.packBitDepth.toStdString());
        if (packWrite.format == audio::AudioFileFormat::Flac && packWrite.encoding == audio::SampleEncoding::Float32)
            throw Error("grid export: FLAC cannot store 32-bit float; use --bit-depth 16 or 24");
    }

    const auto finished = job.finishedNotes();
    GridExportResult result;
    for (auto f : finished)
        result.missingNotes += f ? 0 : 1;
    if (result.missingNotes > 0 && !o.allowMissing) {
        int64_t first = 0;
        while (finished[size_t(first)])
            ++first;
        throw Error("grid export: " + std::to_string(result.missingNotes) + " of " + std::to_string(finished.size()) +
                    " notes are not generated yet (first: " + plan.notes[size_t(first)].identity +
                    "); finish the job (nsynth grid status " + job.folder().toStdString() +
                    ") or pass --allow-missing to write silence in their place");
    }

    const QString out = QDir(o.output).absolutePath();
    if (o.output.isEmpty())
        throw Error("grid export: an output folder is needed (-o FOLDER)");
    if (QFileInfo(out).exists() && !QFileInfo(out).isDir())
        throw Error(out.toStdString() + ": exists and is not a folder");
    if (QDir(out).absolutePath() == job.folder() || out.startsWith(job.folder() + "/raw") ||
        out.startsWith(job.folder() + "/embeddings"))
        throw Error(out.toStdString() + ": export into a folder of its own, not into the job's raw/ or embeddings/");
    if (!QDir().mkpath(out))
        throw Error(out.toStdString() + ": cannot create folder");
    const int64_t total = gridExportBytes(job, o);
    {
        const QStorageInfo storage(out);
        if (storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < total)
            throw Error(out.toStdString() + ": the export needs " + std::to_string(total / 1000000) + " MB, only " +
                        std::to_string(storage.bytesAvailable() / 1000000) + " MB are free");
    }

    int64_t written = 0;
    auto report = [&]() {
        if (o.progress)
            o.progress(written, total);
    };
    auto addOutput = [&](const QString& kind, const QString& path, int64_t bytes, const QString& sha,
                         const QJsonObject& extra = {}) {
        QJsonObject e = extra;
        e["kind"] = kind;
        e["path"] = relativeTo(out, path);
        e["bytes"] = qint64(bytes);
        if (!sha.isEmpty())
            e["sha256"] = sha;
        result.outputs.append(e);
        result.bytes += bytes;
        ++result.files;
    };

    FinalNotes finals(job, o.post, finished, o.cacheBytes);
    const audio::OnsBankLayout layout{R, P, L};
    std::future<QString> pendingHash;
    int pendingOutput = -1;
    auto flushHash = [&]() {
        if (pendingOutput < 0)
            return;
        QJsonObject e = result.outputs[pendingOutput].toObject();
        e["sha256"] = pendingHash.get();
        result.outputs[pendingOutput] = e;
        pendingOutput = -1;
    };
    auto writeBanks = [&](const QString& folder, const QString& kind) {
        if (!QDir().mkpath(folder))
            throw Error(folder.toStdString() + ": cannot create folder");
        for (int c = 0; c < int(plan.combinations.size()); ++c) {
            checkCancel(o.cancel);
            const QString name = QString::fromStdString(plan.combinationName(c));
            const QString path = folder + "/" + name + ".bin";
            std::vector<int64_t> needed;
            for (int cell = 0; cell < plan.cells(); ++cell)
                for (int j = 0; j < P; ++j)
                    needed.push_back(plan.noteAt(c, cell, j));
            finals.prefetch(needed);
            audio::writeOnsBank(path.toStdString(), layout, [&](int cell, int j) -> const int16_t* {
                written += L * 2;
                report();
                return finals.final(plan.noteAt(c, cell, j));
            });
            addOutput(kind, path, layout.bytes(), {}, QJsonObject{{"combination", name}});
            if (o.hash) {
                // Hashed from the page cache in the background while the next bank is made.
                flushHash();
                pendingOutput = int(result.outputs.size()) - 1;
                pendingHash = std::async(std::launch::async, [path] { return sha256OfFile(path); });
            }
        }
        flushHash();
    };
    auto writeText = [&](const QString& kind, const QString& path, const std::string& text) {
        writeFileAtomically(path.toStdString(), text);
        const QByteArray sha = QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256);
        addOutput(kind, path, int64_t(text.size()), QString::fromLatin1(sha.toHex()));
    };

    const auto labels = job.settings().labels();
    if (o.ons) {
        writeBanks(out + "/ons/pads", "ons_bank");
        audio::OnsDeviceSettings device;
        device.resolution = R;
        device.pitches = spec.pitches;
        device.length = L;
        device.sampleRate = job.sampleRate();
        device.dataDirectory = o.dataDirectory.toStdString();
        for (int k = 0; k < 4; ++k)
            for (const auto& l : labels[size_t(k)])
                device.corners[size_t(k)].push_back({l[0].toStdString(), l[1].toStdString(), l[2].toStdString()});
        writeText("ons_settings", out + "/ons/settings.json", audio::onsDeviceSettingsJson(device));
    }
    if (o.pd) {
        writeBanks(out + "/pd", "pd_grid");
        std::array<std::string, 4> names;
        for (int k = 0; k < 4; ++k) {
            std::string s;
            for (const auto& i : spec.corners[size_t(k)])
                s += (s.empty() ? "" : "|") + i;
            names[size_t(k)] = s;
        }
        writeText("pd_settings", out + "/pd/settings.json",
                  audio::pdGridSettingsJson(R, spec.pitches, L, job.sampleRate(), names));
    }
    if (o.pack) {
        const QString packDir = out + "/pack";
        const std::string ext = audio::fileExtension(packWrite.format);
        std::vector<QString> files(plan.notes.size());
        for (size_t i = 0; i < plan.notes.size(); ++i) {
            checkCancel(o.cancel);
            const GridNote& n = plan.notes[i];
            std::vector<std::pair<std::string, int>> weights;
            for (const auto& part : n.parts)
                weights.emplace_back(plan.instruments[size_t(part.instrument)], part.milli);
            const QString folder = QString::fromStdString(audio::onsPackPitchFolder(n.pitch));
            files[i] = folder + "/" + QString::fromStdString(audio::onsPackFileName(weights, ext));
            if (!finished[i])
                continue;  // a missing note has no file in the pack (listed in the manifest)
            if (!QDir().mkpath(packDir + "/" + folder))
                throw Error((packDir + "/" + folder).toStdString() + ": cannot create folder");
            std::vector<float> samples;
            if (o.packRaw) {
                samples = finals.readRaw(int64_t(i));
            } else {
                const int16_t* q = finals.final(int64_t(i));
                samples.resize(size_t(L));
                for (int64_t t = 0; t < L; ++t)
                    samples[size_t(t)] = float(q[t]) / 32768.0f;
            }
            const QString path = packDir + "/" + files[i];
            if (packWrite.format == audio::AudioFileFormat::Wav && packWrite.encoding == audio::SampleEncoding::Float32)
                // Without libsndfile's time-stamped PEAK chunk, so exports are reproducible bytes.
                audio::writeRawNote(path.toStdString(), samples.data(), int64_t(samples.size()), job.sampleRate());
            else
                audio::writeAudio(path.toStdString(), samples.data(), int64_t(samples.size()), job.sampleRate(),
                                  packWrite);
            const int64_t bytes = QFileInfo(path).size();
            written += bytes;
            report();
            addOutput("pack_note", path, bytes, {}, QJsonObject{{"identity", QString::fromStdString(n.identity)}});
        }
        QByteArray csv = "combination,row,column,pitch,file\n";
        for (int c = 0; c < int(plan.combinations.size()); ++c) {
            const QByteArray name = QByteArray::fromStdString(plan.combinationName(c));
            for (int cell = 0; cell < plan.cells(); ++cell)
                for (int j = 0; j < P; ++j) {
                    const auto note = plan.noteAt(c, cell, j);
                    csv += name + "," + QByteArray::number(cell / R) + "," + QByteArray::number(cell % R) + "," +
                           QByteArray::number(spec.pitches[size_t(j)]) + "," +
                           (finished[size_t(note)] ? files[size_t(note)].toUtf8() : QByteArray()) + "\n";
                }
        }
        writeText("pack_index", packDir + "/index.csv", csv.toStdString());
    }
    result.notesProcessed = finals.processed();

    // The manifest: everything needed to reproduce this export.
    Manifest manifest("grid export", o.arguments);
    const QJsonObject resolved = job.jobJson().value("resolved").toObject();
    manifest.set("model", resolved.value("model"));
    manifest.set("job", job.folder());
    manifest.set("plan_fingerprint", job.fingerprint());
    manifest.set("seed", QString::number(job.settings().seed));
    manifest.set("corner_notes", resolved.value("notes"));
    for (size_t i = 0; i < plan.instruments.size(); ++i)
        for (int j = 0; j < P; ++j)
            manifest.addInput(job.embeddingPath(int(i), j),
                              QJsonObject{{"kind", "corner_embedding"},
                                          {"instrument", QString::fromStdString(plan.instruments[i])},
                                          {"pitch", spec.pitches[size_t(j)]}});
    QJsonObject settingsJson = gridSettingsToJson(job.settings());
    manifest.setParameter("grid", QJsonObject{{"corners", settingsJson.value("corners")},
                                              {"pitches", settingsJson.value("pitches")},
                                              {"resolution", R},
                                              {"combinations", qint64(plan.combinations.size())},
                                              {"unique_notes", qint64(plan.notes.size())}});
    manifest.setParameter("generation", settingsJson.value("generation"));
    manifest.setParameter("post_processing", postProcessingToJson(o.post));
    manifest.setParameter("frames", qint64(job.frames()));
    manifest.setParameter("samples_per_note", qint64(job.samplesPerNote()));
    manifest.setParameter("sample_rate", job.sampleRate());
    manifest.setParameter("final_length", qint64(L));
    manifest.setParameter("export", QJsonObject{{"ons", o.ons},
                                                {"pd", o.pd},
                                                {"pack", o.pack},
                                                {"pack_format", o.packFormat},
                                                {"pack_bit_depth", o.packBitDepth},
                                                {"pack_raw", o.packRaw},
                                                {"allow_missing", o.allowMissing},
                                                {"data_directory", o.dataDirectory}});
    // Per note: identity, pitch, rounded weights by instrument, and the exact corner weights of
    // the blend (plan.json in the job folder has the rest: batch, first occurrence).
    QJsonArray noteList;
    for (size_t i = 0; i < plan.notes.size(); ++i) {
        const QJsonObject full = gridNoteJson(plan, int64_t(i), job.settings().batchSize);
        QJsonObject n{{"identity", full["identity"]},
                      {"pitch", full["pitch"]},
                      {"weights", full["weights"]},
                      {"corners", full["corners"]},
                      {"corner_weights", full["corner_weights"]}};
        if (!finished[i])
            n["missing"] = true;
        noteList.append(n);
    }
    manifest.set("notes", noteList);
    for (const auto& e : result.outputs)
        manifest.addOutput(e.toObject());
    // Timings: the runs recorded in the job's logs, and this export.
    double runSeconds = 0;
    for (const auto& name : QDir(job.folder() + "/logs").entryList({"run-*.json"}, QDir::Files)) {
        QFile f(job.folder() + "/logs/" + name);
        if (f.open(QIODevice::ReadOnly))
            runSeconds += QJsonDocument::fromJson(f.readAll()).object().value("seconds").toDouble();
    }
    manifest.setTiming("runs_total", runSeconds);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    manifest.setTiming("export", result.seconds);
    {
        // Indented for people up to a workshop-sized grid; compact for ONS-sized sets (tens of MB).
        const QByteArray text = QJsonDocument(manifest.toJson())
                                    .toJson(plan.notes.size() > 5000 ? QJsonDocument::Compact : QJsonDocument::Indented);
        writeFileAtomically((out + "/manifest.json").toStdString(), text.constData(), size_t(text.size()));
    }
    result.manifest = out + "/manifest.json";
    return result;
}

} // namespace nsynth::app
