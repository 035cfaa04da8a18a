#include "evaluation.h"

#include "error.h"
#include "fast_decoder.h"
#include "fast_encoder.h"
#include "model_file.h"
#include "pitch.h"
#include "synthesis.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace nsynth::app {

QJsonObject Evaluation::toJson(bool withDetails) const
{
    QJsonObject o{{"notes", qint64(notes)}, {"teacher_forced_loss", teacherForcedLoss}};
    if (clear > 0 || !details.empty()) {
        o["pitch"] = QJsonObject{{"clear_pitch_notes", qint64(clear)},
                                 {"correct_within_50_cents", qint64(correct)},
                                 {"share", pitchShare()},
                                 {"octave_errors", qint64(octaveErrors)},
                                 {"unvoiced_outputs", qint64(unvoicedOutputs)}};
    }
    if (withDetails) {
        QJsonArray list;
        for (const auto& d : details) {
            QJsonObject n{{"name", QString::fromStdString(d.name)}, {"loss", d.loss}};
            if (d.labelledPitch >= 0)
                n["pitch"] = d.labelledPitch;
            if (d.sourceVoiced)
                n["source_midi"] = std::round(d.sourceMidi * 100) / 100;
            if (d.outputVoiced)
                n["output_midi"] = std::round(d.outputMidi * 100) / 100;
            n["clear"] = d.clear;
            if (d.clear)
                n["correct"] = d.correct;
            list.append(n);
        }
        o["per_note"] = list;
    }
    return o;
}

Evaluation evaluateModel(const Model& model, const std::vector<TrainingNote>& allNotes, const EvaluationOptions& options,
                         const std::function<void(int64_t, int64_t)>& progress, const std::atomic<bool>* cancel)
{
    const auto& c = model.config;
    Evaluation result;
    if (allNotes.empty())
        return result;
    // The subset: evenly spaced over the list, so it spans every source the list was built from.
    std::vector<const TrainingNote*> notes;
    const int64_t total = int64_t(allNotes.size());
    const int64_t count = options.maxNotes > 0 ? std::min(options.maxNotes, total) : total;
    for (int64_t i = 0; i < count; ++i)
        notes.push_back(&allNotes[size_t(i * total / count)]);
    int64_t samples = allNotes.front().samples();
    for (const auto* n : notes)
        samples = std::min(samples, n->samples());
    if (options.samples > 0)
        samples = std::min(samples, options.samples);
    samples = samples / c.hopLength * c.hopLength;
    if (samples < c.hopLength)
        throw Error("evaluation: notes are shorter than one frame");
    if (c.pitch.enabled)
        for (const auto* n : notes)
            if (n->pitch < 0 || n->pitch >= c.pitch.numPitches)
                throw Error(n->origin + ": no usable pitch for this pitch-conditioned model");

    const int batch = std::max(1, options.batchSize);
    FastEncoder encoder(model);
    FastDecoder scorer(model, batch, 512);
    std::unique_ptr<FastDecoder> generator;
    if (options.pitch)
        generator = std::make_unique<FastDecoder>(model, batch, 1);
    const int64_t totalSteps = options.pitch ? samples * int64_t(notes.size()) : 0;
    int64_t stepsDone = 0;

    result.notes = int64_t(notes.size());
    double lossSum = 0;
    for (size_t start = 0; start < notes.size(); start += size_t(batch)) {
        if (cancel && cancel->load())
            throw Cancelled();
        const size_t end = std::min(notes.size(), start + size_t(batch));
        std::vector<std::vector<float>> audio;
        std::vector<const float*> ptrs;
        for (size_t i = start; i < end; ++i) {
            auto a = classesToAudio(notes[i]->classes);
            a.resize(size_t(samples));
            audio.push_back(std::move(a));
        }
        for (const auto& a : audio)
            ptrs.push_back(a.data());
        const auto encoded = encoder.encode(ptrs, samples, {}, cancel);
        std::vector<Embedding> embeddings(audio.size());
        for (size_t k = 0; k < audio.size(); ++k) {
            embeddings[k].frames = samples / c.hopLength;
            embeddings[k].channels = c.bottleneckWidth;
            embeddings[k].data = encoded[k];
        }
        std::vector<NoteToScore> toScore;
        for (size_t k = 0; k < audio.size(); ++k)
            toScore.push_back({audio[k].data(), &embeddings[k], notes[start + k]->pitch});
        const auto losses = scoreBatch(scorer, toScore, samples, {}, cancel);

        std::vector<std::vector<float>> generated;
        if (options.pitch) {
            std::vector<NoteToGenerate> toGenerate;
            for (size_t k = 0; k < audio.size(); ++k)
                toGenerate.push_back({&embeddings[k], "eval:" + notes[start + k]->name, notes[start + k]->pitch});
            GenerationOptions g;
            g.seed = options.seed;
            const int64_t before = stepsDone;
            const int64_t rows = int64_t(audio.size());
            generated = generateBatch(
                *generator, toGenerate, g,
                [&](int64_t d, int64_t) {
                    if (progress)
                        progress(before + d * rows, totalSteps);  // d: steps of every row so far
                },
                cancel);
            stepsDone += samples * int64_t(audio.size());
            if (progress)
                progress(stepsDone, totalSteps);
        }

        for (size_t k = 0; k < audio.size(); ++k) {
            NoteEvaluation e;
            e.name = notes[start + k]->name;
            e.labelledPitch = notes[start + k]->pitch;
            e.loss = losses[k];
            lossSum += losses[k];
            if (options.pitch) {
                const auto src = audio::estimatePitch(audio[k].data(), samples, c.sampleRate);
                const auto out = audio::estimatePitch(generated[k].data(), int64_t(generated[k].size()), c.sampleRate);
                e.sourceVoiced = src.voiced;
                e.sourceMidi = src.midi;
                e.clear = src.voiced && src.confidence >= options.clearConfidence;
                e.outputVoiced = out.voiced;
                e.outputMidi = out.midi;
                if (e.clear) {
                    ++result.clear;
                    if (!out.voiced) {
                        ++result.unvoicedOutputs;
                    } else {
                        e.cents = audio::centsBetween(out.frequencyHz, src.frequencyHz);
                        e.correct = std::fabs(e.cents) <= options.toleranceCents;
                        const double octaves = std::fabs(e.cents) / 1200.0;
                        if (!e.correct && std::fabs(octaves - std::round(octaves)) * 1200.0 <= options.toleranceCents)
                            ++result.octaveErrors;
                    }
                    result.correct += e.correct ? 1 : 0;
                }
            }
            result.details.push_back(std::move(e));
        }
    }
    result.teacherForcedLoss = lossSum / double(notes.size());
    return result;
}

} // namespace nsynth::app
