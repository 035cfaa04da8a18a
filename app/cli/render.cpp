#include "render.h"

#include "error.h"
#include "fast_decoder.h"
#include "model_file.h"
#include "note_name.h"

#include <QFileInfo>
#include <QJsonArray>

#include <map>

namespace nsynth::app {

QString noteIdentity(const QString& outputPath) { return outputStem(outputPath); }

int pitchFromName(const QString& path)
{
    const auto name = audio::parseNoteName(path.toStdString());
    return name ? name->pitch : -1;
}

QJsonArray renderNotes(const Model& model, const std::vector<RenderJob>& jobs, const GenerationChoice& generation,
                       const AudioOutputChoice& output, ProgressStyle progress)
{
    const auto& c = model.config;
    if (c.pitch.enabled)
        for (const auto& j : jobs)
            if (j.pitch < 0 || j.pitch >= c.pitch.numPitches)
                throw Error(j.outputPath.toStdString() +
                            ": the model is pitch-conditioned and this note has no pitch (name it "
                            "instrument_pitch or pass --pitch)");
    // Group by frame count, keeping the command-line order inside a group.
    std::map<int64_t, std::vector<size_t>> groups;
    int64_t totalSamples = 0;
    for (size_t i = 0; i < jobs.size(); ++i) {
        groups[jobs[i].embedding.frames].push_back(i);
        totalSamples += jobs[i].embedding.frames * c.hopLength;
    }
    ProgressReporter reporter("decode", "samples", totalSamples, progress);
    GenerationOptions options;
    options.seed = generation.seed;
    options.temperature = generation.temperature;
    options.greedy = generation.greedy;

    QJsonArray outputs;
    int64_t done = 0;
    for (const auto& [frames, members] : groups) {
        const int batch = int(std::min<size_t>(size_t(generation.batchSize), members.size()));
        FastDecoder decoder(model, batch, 1, generation.precision);
        for (size_t first = 0; first < members.size(); first += size_t(batch)) {
            std::vector<NoteToGenerate> notes;
            std::vector<size_t> ids;
            for (size_t k = first; k < std::min(members.size(), first + size_t(batch)); ++k) {
                const auto& job = jobs[members[k]];
                notes.push_back({&job.embedding, job.identity.toStdString(), job.pitch});
                ids.push_back(members[k]);
            }
            const int64_t batchSamples = int64_t(notes.size()) * frames * c.hopLength;
            const auto audio = generateBatch(
                decoder, notes, options,
                [&](int64_t step, int64_t) { reporter.update(done + step * int64_t(notes.size())); },
                &cancelFlag());
            done += batchSamples;
            reporter.update(done);
            for (size_t k = 0; k < ids.size(); ++k) {
                const auto& job = jobs[ids[k]];
                const int64_t clipped = writeAudioFile(job.outputPath, audio[k], c.sampleRate, output);
                QJsonObject o = job.details;
                o["path"] = QFileInfo(job.outputPath).absoluteFilePath();
                o["identity"] = job.identity;
                o["frames"] = qint64(frames);
                o["samples"] = qint64(audio[k].size());
                o["sample_rate"] = c.sampleRate;
                if (job.pitch >= 0)
                    o["pitch"] = job.pitch;
                if (clipped)
                    o["clipped_samples"] = qint64(clipped);
                outputs.append(o);
            }
        }
    }
    reporter.finish();
    return outputs;
}

} // namespace nsynth::app
