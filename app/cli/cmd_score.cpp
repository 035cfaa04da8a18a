// nsynth score: teacher-forced negative log-likelihood of notes under the model.

#include "cli_common.h"
#include "commands.h"
#include "error.h"
#include "fast_decoder.h"
#include "fast_encoder.h"
#include "model_file.h"
#include "mulaw.h"
#include "npy.h"
#include "reference.h"
#include "render.h"
#include "sampling.h"
#include "synthesis.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <cmath>
#include <map>
#include <memory>

namespace nsynth::app {

static int runScore(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Score notes: the mean negative log-likelihood (nats per sample) of each note's own mu-law samples "
        "under the model, teacher-forced and conditioned on the note's own embedding. Lower is better; "
        "ln 256 = 5.545 is a uniform guess. The fast path is used unless --reference asks for the float64 "
        "LibTorch reference (much slower).");
    addCommonOptions(parser);
    addModelOption(parser);
    parser.addOption({"max-samples", "Score at most this many samples of each note (whole frames); 0 = all.", "n", "0"});
    parser.addOption({"reference", "Use the float64 reference for encoding and scoring."});
    parser.addOption({"batch-size", "Notes scored together.", "n", "8"});
    addPrecisionOption(parser);
    parser.addOption({"pitch", "MIDI pitch for pitch-conditioned models (default: from the file name).", "midi"});
    parser.addOption({"logits-dir", "Also write each note's per-step logits [samples, 256] as <stem>_logits.npy.",
                      "folder"});
    parser.addPositionalArgument("inputs", "Audio files or folders.", "INPUT...");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    bool ok = false;
    const qint64 maxSamples = parser.value("max-samples").toLongLong(&ok);
    if (!ok || maxSamples < 0)
        throw UsageError("--max-samples must be a non-negative integer");
    const int batchSize = parseIntOption(parser, "batch-size", 1, 1024);
    const int pitchOverride = parser.isSet("pitch") ? parseIntOption(parser, "pitch", 0, 127) : -1;
    const bool useReference = parser.isSet("reference");
    const WeightPrecision precision = precisionChoice(parser);
    if (parser.positionalArguments().isEmpty())
        throw UsageError("no inputs given");
    QElapsedTimer timer;
    timer.start();
    const QString modelFile = modelPath(parser);
    const Model model = loadModelFromCli(modelFile, parser);
    const auto& c = model.config;
    const QStringList inputs = collectInputs(parser.positionalArguments(), audioExtensions());
    if (inputs.isEmpty())
        throw Error("no audio files found in the given folders");
    const QString logitsDir = parser.isSet("logits-dir") ? prepareOutputFolder(parser.value("logits-dir")) : QString();

    struct Note {
        QString path;
        std::vector<float> audio;
        Embedding embedding;
        int pitch = -1;
        double nll = 0;
    };
    std::vector<Note> notes(size_t(inputs.size()));
    for (int i = 0; i < inputs.size(); ++i) {
        notes[size_t(i)].path = inputs[i];
        notes[size_t(i)].audio = loadAudioForModel(inputs[i], c.sampleRate, c.hopLength, maxSamples).samples;
        notes[size_t(i)].pitch = pitchOverride >= 0 ? pitchOverride : pitchFromName(inputs[i]);
        if (c.pitch.enabled && notes[size_t(i)].pitch < 0)
            throw Error(inputs[i].toStdString() + ": the model is pitch-conditioned; pass --pitch");
    }

    std::map<int64_t, std::vector<size_t>> byLength;
    int64_t total = 0;
    for (size_t i = 0; i < notes.size(); ++i) {
        byLength[int64_t(notes[i].audio.size())].push_back(i);
        total += int64_t(notes[i].audio.size());
    }
    ProgressReporter reporter("score", "samples", total, common.progress);
    int64_t done = 0;
    const ReferenceModel* reference = nullptr;
    std::unique_ptr<ReferenceModel> referenceHolder;
    if (useReference) {
        referenceHolder = std::make_unique<ReferenceModel>(model);
        reference = referenceHolder.get();
    }
    FastEncoder encoder(model);
    const int64_t Q = c.quantizationChannels;
    for (const auto& [length, members] : byLength) {
        for (size_t first = 0; first < members.size(); first += size_t(batchSize)) {
            std::vector<size_t> ids(members.begin() + long(first),
                                    members.begin() + long(std::min(members.size(), first + size_t(batchSize))));
            const int64_t frames = length / c.hopLength;
            if (useReference) {
                std::vector<float> flatAudio;
                for (size_t i : ids)
                    flatAudio.insert(flatAudio.end(), notes[i].audio.begin(), notes[i].audio.end());
                const auto emb = reference->encode(flatAudio.data(), int64_t(ids.size()), length);
                std::vector<float> embF(emb.begin(), emb.end());
                std::vector<int> pitches;
                for (size_t i : ids)
                    pitches.push_back(notes[i].pitch);
                const auto logits = reference->decoderLogits(flatAudio.data(), int64_t(ids.size()), length, embF.data(),
                                                             frames, c.pitch.enabled ? pitches.data() : nullptr);
                std::vector<float> row(static_cast<size_t>(Q));
                for (size_t k = 0; k < ids.size(); ++k) {
                    auto& n = notes[ids[k]];
                    n.embedding = {frames, c.bottleneckWidth,
                                   std::vector<float>(embF.begin() + long(k) * frames * c.bottleneckWidth,
                                                      embF.begin() + long(k + 1) * frames * c.bottleneckWidth)};
                    double sum = 0;
                    std::vector<float> stepLogits;
                    for (int64_t t = 0; t < length; ++t) {
                        const double* src = logits.data() + (int64_t(k) * length + t) * Q;
                        double m = src[0];
                        for (int64_t q = 1; q < Q; ++q)
                            m = std::max(m, src[q]);
                        double s = 0;
                        for (int64_t q = 0; q < Q; ++q)
                            s += std::exp(src[q] - m);
                        sum += std::log(s) + m - src[mulaw::encodeToClass(n.audio[size_t(t)])];
                        if (!logitsDir.isEmpty())
                            for (int64_t q = 0; q < Q; ++q)
                                stepLogits.push_back(float(src[q]));
                    }
                    n.nll = sum / double(length);
                    if (!logitsDir.isEmpty())
                        writeNpy((logitsDir + "/" + outputStem(n.path) + "_logits.npy").toStdString(), {length, Q},
                                 stepLogits.data());
                }
            } else {
                std::vector<const float*> ptrs;
                for (size_t i : ids)
                    ptrs.push_back(notes[i].audio.data());
                const auto emb = encoder.encode(ptrs, length, {}, &cancelFlag());
                std::vector<NoteToScore> batch;
                for (size_t k = 0; k < ids.size(); ++k) {
                    auto& n = notes[ids[k]];
                    n.embedding = {frames, c.bottleneckWidth, emb[k]};
                    batch.push_back({n.audio.data(), &n.embedding, n.pitch});
                }
                FastDecoder decoder(model, int(ids.size()), 128, precision);
                std::vector<std::vector<float>> stepLogits;
                const auto nll = scoreBatch(
                    decoder, batch, length,
                    [&](int64_t d, int64_t) { reporter.update(done + d * int64_t(ids.size())); }, &cancelFlag(),
                    logitsDir.isEmpty() ? nullptr : &stepLogits);
                for (size_t k = 0; k < ids.size(); ++k) {
                    notes[ids[k]].nll = nll[k];
                    if (!logitsDir.isEmpty())
                        writeNpy((logitsDir + "/" + outputStem(notes[ids[k]].path) + "_logits.npy").toStdString(),
                                 {length, Q}, stepLogits[k].data());
                }
            }
            done += length * int64_t(ids.size());
            reporter.update(done);
        }
    }
    reporter.finish();

    QJsonArray results;
    double sum = 0;
    for (const auto& n : notes) {
        results.append(QJsonObject{{"path", QFileInfo(n.path).absoluteFilePath()},
                                   {"samples", qint64(n.audio.size())},
                                   {"nll_nats_per_sample", n.nll},
                                   {"bits_per_sample", n.nll / std::log(2.0)}});
        sum += n.nll;
        if (!common.json)
            std::fprintf(stdout, "%8.4f nats/sample  %s\n", n.nll, qPrintable(n.path));
    }
    const double mean = sum / double(notes.size());
    if (common.json)
        printJson(QJsonObject{{"command", "score"},
                              {"model", QFileInfo(modelFile).absoluteFilePath()},
                              {"path", useReference ? "float64 reference" : "fast"},
                              {"precision", useReference ? "float64" : precisionName(precision)},
                              {"notes", results},
                              {"mean_nll_nats_per_sample", mean},
                              {"seconds", double(timer.elapsed()) / 1000.0}});
    else
        std::fprintf(stdout, "%8.4f nats/sample  mean of %lld notes (%s path)\n", mean, (long long)notes.size(),
                     useReference ? "float64 reference" : "fast");
    return 0;
}

static const CommandRegistration kScoreRegistration{"score", "teacher-forced negative log-likelihood of notes (nats per sample)", runScore, 60};

} // namespace nsynth::app
