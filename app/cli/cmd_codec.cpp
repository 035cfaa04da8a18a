// nsynth encode | decode | reconstruct | interpolate

#include "cli_common.h"
#include "commands.h"
#include "atomic_file.h"
#include "error.h"
#include "fast_encoder.h"
#include "manifest.h"
#include "model_file.h"
#include "render.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <cmath>
#include <map>

namespace nsynth::app {
namespace {

struct EncodedNote {
    QString path;
    ModelAudio audio;
    Embedding embedding;
};

// Reads every input first (so a bad file stops everything before any output), then encodes
// notes of equal length together.
std::vector<EncodedNote> encodeFiles(const Model& model, const QStringList& inputs, int64_t maxSamples,
                                     ProgressStyle progress)
{
    const auto& c = model.config;
    std::vector<EncodedNote> notes(size_t(inputs.size()));
    for (int i = 0; i < inputs.size(); ++i) {
        notes[size_t(i)].path = inputs[i];
        notes[size_t(i)].audio = loadAudioForModel(inputs[i], c.sampleRate, c.hopLength, maxSamples);
    }
    std::map<int64_t, std::vector<size_t>> byLength;
    int64_t totalSamples = 0;
    for (size_t i = 0; i < notes.size(); ++i) {
        byLength[int64_t(notes[i].audio.samples.size())].push_back(i);
        totalSamples += int64_t(notes[i].audio.samples.size());
    }
    ProgressReporter reporter("encode", "samples", totalSamples, progress);
    FastEncoder encoder(model);
    int64_t done = 0;
    for (const auto& [length, members] : byLength) {
        std::vector<const float*> ptrs;
        for (size_t i : members)
            ptrs.push_back(notes[i].audio.samples.data());
        const int64_t groupSamples = length * int64_t(members.size());
        const auto result = encoder.encode(
            ptrs, length,
            [&](int64_t d, int64_t t) { reporter.update(done + int64_t(double(groupSamples) * double(d) / double(t))); },
            &cancelFlag());
        done += groupSamples;
        for (size_t k = 0; k < members.size(); ++k) {
            auto& e = notes[members[k]].embedding;
            e.frames = length / c.hopLength;
            e.channels = c.bottleneckWidth;
            e.data = result[k];
        }
    }
    reporter.finish();
    return notes;
}

bool isNpy(const QString& path) { return path.toLower().endsWith(".npy"); }

QJsonObject sourceInfo(const EncodedNote& n)
{
    return QJsonObject{{"source_rate", n.audio.sourceRate},
                       {"source_channels", n.audio.sourceChannels},
                       {"source_frames", qint64(n.audio.sourceFrames)}};
}

void addMaxSamplesOption(QCommandLineParser& parser)
{
    parser.addOption({"max-samples",
                      "Use at most this many samples of each input (after resampling to the model rate); "
                      "0 = all. Inputs are always cut to whole frames of 512 samples.",
                      "n", "0"});
}

int64_t maxSamples(const QCommandLineParser& parser)
{
    bool ok = false;
    const qint64 v = parser.value("max-samples").toLongLong(&ok);
    if (!ok || v < 0)
        throw UsageError("--max-samples must be a non-negative integer");
    return v;
}

int parsePitchOption(const QCommandLineParser& parser)
{
    if (!parser.isSet("pitch"))
        return -1;
    return parseIntOption(parser, "pitch", 0, 127);
}

// Every parameter that shapes generated audio, for the manifest.
void recordGeneration(Manifest& manifest, const GenerationChoice& generation, const AudioOutputChoice& output)
{
    manifest.setParameter("seed", QString::number(generation.seed));
    manifest.setParameter("temperature", generation.temperature);
    manifest.setParameter("greedy", generation.greedy);
    manifest.setParameter("batch_size", generation.batchSize);
    manifest.setParameter("precision", QString(precisionName(generation.precision)));
    manifest.setParameter("format", output.format);
    manifest.setParameter("bit_depth", output.bitDepth);
}

void finishCommand(const CommonOptions& common, Manifest& manifest, const QString& folder, const QString& command,
                   const QJsonArray& outputs, double seconds)
{
    for (const auto& o : outputs)
        manifest.addOutput(o.toObject());
    manifest.setTiming("total", seconds);
    manifest.write(folder);
    if (common.json)
        printJson(QJsonObject{{"command", command},
                              {"outputs", outputs},
                              {"manifest", folder + "/manifest.json"},
                              {"seconds", seconds}});
    else
        info(QString("%1: wrote %2 file(s) to %3 (%4)")
                 .arg(command)
                 .arg(outputs.size())
                 .arg(folder)
                 .arg(ProgressReporter::formatDuration(seconds)));
}

} // namespace

static int runEncode(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Encode audio files into NSynth embeddings: one float32 .npy [frames, 16] "
                                     "per input, named after the input (flute_60.wav -> flute_60.npy).");
    addCommonOptions(parser);
    addModelOption(parser);
    addMaxSamplesOption(parser);
    parser.addOption({{"o", "output"}, "Output folder.", "folder"});
    parser.addPositionalArgument("inputs", "Audio files or folders.", "INPUT...");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (parser.positionalArguments().isEmpty())
        throw UsageError("no inputs given");
    QElapsedTimer timer;
    timer.start();
    const QString modelFile = modelPath(parser);
    const Model model = loadModelFromCli(modelFile, parser);
    const QStringList inputs = collectInputs(parser.positionalArguments(), audioExtensions());
    if (inputs.isEmpty())
        throw Error("no audio files found in the given folders");
    const QString folder = prepareOutputFolder(parser.value("output"));
    QStringList outputs;
    for (const auto& in : inputs)
        outputs << folder + "/" + outputStem(in) + ".npy";
    checkOutputPlan(inputs, outputs);

    const auto notes = encodeFiles(model, inputs, maxSamples(parser), common.progress);
    Manifest manifest("encode", arguments);
    recordModel(manifest, modelFile, model, parser);
    QJsonArray written;
    for (size_t i = 0; i < notes.size(); ++i) {
        writeEmbedding(outputs[int(i)].toStdString(), notes[i].embedding);
        manifest.addInput(inputs[int(i)], sourceInfo(notes[i]));
        written.append(QJsonObject{{"path", outputs[int(i)]},
                                   {"source", QFileInfo(inputs[int(i)]).absoluteFilePath()},
                                   {"frames", qint64(notes[i].embedding.frames)},
                                   {"samples", qint64(notes[i].audio.samples.size())}});
    }
    manifest.setParameter("max_samples", qint64(maxSamples(parser)));
    finishCommand(common, manifest, folder, "encode", written, double(timer.elapsed()) / 1000.0);
    return 0;
}

static int runDecode(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Decode NSynth embeddings (.npy [frames, 16]) into audio. Every output is "
                                     "exactly frames x 512 samples at 16 kHz, named after its input.");
    addCommonOptions(parser);
    addModelOption(parser);
    addGenerationOptions(parser);
    addAudioOutputOptions(parser);
    parser.addOption({"pitch", "MIDI pitch for pitch-conditioned models (default: from the file name).", "midi"});
    parser.addOption({{"o", "output"}, "Output folder.", "folder"});
    parser.addPositionalArgument("inputs", ".npy files or folders.", "EMBEDDING...");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const auto generation = generationChoice(parser);
    const auto output = audioOutputChoice(parser);
    const int pitchOverride = parsePitchOption(parser);
    if (parser.positionalArguments().isEmpty())
        throw UsageError("no inputs given");
    QElapsedTimer timer;
    timer.start();
    const QString modelFile = modelPath(parser);
    const Model model = loadModelFromCli(modelFile, parser);
    const QStringList inputs = collectInputs(parser.positionalArguments(), {".npy"});
    if (inputs.isEmpty())
        throw Error("no .npy files found in the given folders");
    const QString folder = prepareOutputFolder(parser.value("output"));

    std::vector<RenderJob> jobs;
    QStringList outputs;
    for (const auto& in : inputs) {
        RenderJob job;
        job.embedding = readEmbedding(in.toStdString(), model.config.bottleneckWidth);
        job.outputPath = folder + "/" + outputStem(in) + output.extension();
        job.identity = noteIdentity(job.outputPath);
        job.pitch = pitchOverride >= 0 ? pitchOverride : pitchFromName(in);
        job.details = QJsonObject{{"source", QFileInfo(in).absoluteFilePath()}};
        outputs << job.outputPath;
        jobs.push_back(std::move(job));
    }
    checkOutputPlan(inputs, outputs);
    Manifest manifest("decode", arguments);
    recordModel(manifest, modelFile, model, parser);
    for (const auto& in : inputs)
        manifest.addInput(in);
    recordGeneration(manifest, generation, output);
    const auto written = renderNotes(model, jobs, generation, output, common.progress);
    finishCommand(common, manifest, folder, "decode", written, double(timer.elapsed()) / 1000.0);
    return 0;
}

static int runReconstruct(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Encode audio and decode it again (what the model makes of each note).");
    addCommonOptions(parser);
    addModelOption(parser);
    addMaxSamplesOption(parser);
    addGenerationOptions(parser);
    addAudioOutputOptions(parser);
    parser.addOption({"pitch", "MIDI pitch for pitch-conditioned models (default: from the file name).", "midi"});
    parser.addOption({"save-embeddings", "Also write each note's embedding (.npy) beside its audio."});
    parser.addOption({{"o", "output"}, "Output folder.", "folder"});
    parser.addPositionalArgument("inputs", "Audio files or folders.", "INPUT...");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const auto generation = generationChoice(parser);
    const auto output = audioOutputChoice(parser);
    const int pitchOverride = parsePitchOption(parser);
    if (parser.positionalArguments().isEmpty())
        throw UsageError("no inputs given");
    QElapsedTimer timer;
    timer.start();
    const QString modelFile = modelPath(parser);
    const Model model = loadModelFromCli(modelFile, parser);
    const QStringList inputs = collectInputs(parser.positionalArguments(), audioExtensions());
    if (inputs.isEmpty())
        throw Error("no audio files found in the given folders");
    const QString folder = prepareOutputFolder(parser.value("output"));
    QStringList outputs;
    for (const auto& in : inputs)
        outputs << folder + "/" + outputStem(in) + output.extension();
    checkOutputPlan(inputs, outputs);

    const auto notes = encodeFiles(model, inputs, maxSamples(parser), common.progress);
    std::vector<RenderJob> jobs;
    Manifest manifest("reconstruct", arguments);
    recordModel(manifest, modelFile, model, parser);
    for (size_t i = 0; i < notes.size(); ++i) {
        RenderJob job;
        job.embedding = notes[i].embedding;
        job.outputPath = outputs[int(i)];
        job.identity = noteIdentity(job.outputPath);
        job.pitch = pitchOverride >= 0 ? pitchOverride : pitchFromName(inputs[int(i)]);
        job.details = QJsonObject{{"source", QFileInfo(inputs[int(i)]).absoluteFilePath()}};
        if (parser.isSet("save-embeddings")) {
            const QString npy = folder + "/" + outputStem(inputs[int(i)]) + ".npy";
            writeEmbedding(npy.toStdString(), job.embedding);
            job.details["embedding"] = npy;
        }
        manifest.addInput(inputs[int(i)], sourceInfo(notes[i]));
        jobs.push_back(std::move(job));
    }
    recordGeneration(manifest, generation, output);
    const auto written = renderNotes(model, jobs, generation, output, common.progress);
    finishCommand(common, manifest, folder, "reconstruct", written, double(timer.elapsed()) / 1000.0);
    return 0;
}

static int runInterpolate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Blend notes in latent space. Inputs are audio (encoded first) or embeddings (.npy); all must have the "
        "same number of frames. Modes: --mix w1,w2,... (one blend, sum_k w_k E_k), --steps N (two inputs: "
        "N blends from the first to the second), --crossfade (two inputs: the embedding moves from the first "
        "to the second over the note, raised-cosine).");
    addCommonOptions(parser);
    addModelOption(parser);
    addMaxSamplesOption(parser);
    addGenerationOptions(parser);
    addAudioOutputOptions(parser);
    parser.addOption({"mix", "Blend weights, one per input (sum_k w_k E_k).", "w1,w2,..."});
    parser.addOption({"steps", "Number of blends between two inputs (both ends included).", "n"});
    parser.addOption({"crossfade", "Cross-fade from the first to the second input over time."});
    parser.addOption({"pitch", "MIDI pitch for pitch-conditioned models (default: from the first input's name).",
                      "midi"});
    parser.addOption({"embeddings-only", "Write the blended embeddings (.npy) and decode nothing."});
    parser.addOption({"save-embeddings", "Also write each blended embedding (.npy) beside its audio."});
    parser.addOption({{"o", "output"}, "Output folder.", "folder"});
    parser.addPositionalArgument("inputs", "Two or more audio files or .npy embeddings.", "INPUT INPUT...");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const auto generation = generationChoice(parser);
    const auto output = audioOutputChoice(parser);
    const int pitchOverride = parsePitchOption(parser);
    const QStringList inputs = parser.positionalArguments();
    if (inputs.size() < 2)
        throw UsageError("interpolate needs at least two inputs");
    const int modes = int(parser.isSet("mix")) + int(parser.isSet("steps")) + int(parser.isSet("crossfade"));
    if (modes != 1)
        throw UsageError("choose exactly one of --mix, --steps and --crossfade");
    if ((parser.isSet("steps") || parser.isSet("crossfade")) && inputs.size() != 2)
        throw UsageError("--steps and --crossfade take exactly two inputs");
    std::vector<double> weights;
    if (parser.isSet("mix")) {
        weights = parseNumberList(parser.value("mix"), "mix");
        if (int(weights.size()) != inputs.size())
            throw UsageError(QString("--mix has %1 values for %2 inputs").arg(weights.size()).arg(inputs.size())
                                 .toStdString());
    }
    const int steps = parser.isSet("steps") ? parseIntOption(parser, "steps", 2, 10000) : 0;

    QElapsedTimer timer;
    timer.start();
    const QString modelFile = modelPath(parser);
    const Model model = loadModelFromCli(modelFile, parser);
    for (const auto& in : inputs)
        requireReadableFile(in.toStdString());
    const QString folder = prepareOutputFolder(parser.value("output"));

    // Embeddings of every input: .npy as given, audio through the encoder.
    std::vector<Embedding> sources(size_t(inputs.size()));
    QStringList audioInputs;
    for (int i = 0; i < inputs.size(); ++i)
        if (isNpy(inputs[i]))
            sources[size_t(i)] = readEmbedding(inputs[i].toStdString(), model.config.bottleneckWidth);
        else
            audioInputs << inputs[i];
    if (!audioInputs.isEmpty()) {
        const auto encoded = encodeFiles(model, audioInputs, maxSamples(parser), common.progress);
        int k = 0;
        for (int i = 0; i < inputs.size(); ++i)
            if (!isNpy(inputs[i]))
                sources[size_t(i)] = encoded[size_t(k++)].embedding;
    }
    for (int i = 1; i < inputs.size(); ++i)
        if (sources[size_t(i)].frames != sources[0].frames)
            throw Error(QString("%1 has %2 frames but %3 has %4; interpolated notes must have equal lengths "
                                "(conform them first: nsynth conform)")
                            .arg(inputs[0]).arg(sources[0].frames).arg(inputs[i]).arg(sources[size_t(i)].frames)
                            .toStdString());

    const int64_t F = sources[0].frames, Z = sources[0].channels;
    struct Blend {
        QString name;
        std::vector<double> weights;  // per input (constant) or empty for the cross-fade
    };
    std::vector<Blend> blends;
    const QString a = outputStem(inputs[0]), b = outputStem(inputs[1]);
    if (!weights.empty()) {
        QStringList parts;
        for (int i = 0; i < inputs.size(); ++i)
            parts << outputStem(inputs[i]) + "-" + QString::number(weights[size_t(i)], 'f', 3);
        blends.push_back({"blend_" + parts.join("_"), weights});
    } else if (steps > 0) {
        for (int s = 0; s < steps; ++s) {
            const double t = double(s) / double(steps - 1);
            blends.push_back({QString("%1-to-%2_step%3of%4").arg(a, b).arg(s + 1, 2, 10, QChar('0')).arg(steps, 2, 10, QChar('0')),
                              {1.0 - t, t}});
        }
    } else {
        blends.push_back({QString("%1-crossfade-%2").arg(a, b), {}});
    }

    std::vector<RenderJob> jobs;
    QJsonArray embeddingOutputs;
    for (const auto& blend : blends) {
        RenderJob job;
        job.embedding.frames = F;
        job.embedding.channels = Z;
        job.embedding.data.assign(size_t(F * Z), 0.0f);
        QJsonArray weightJson;
        for (int64_t f = 0; f < F; ++f) {
            std::vector<double> w = blend.weights;
            if (w.empty()) {  // raised-cosine cross-fade over the note's frames
                const double t = F > 1 ? double(f) / double(F - 1) : 1.0;
                const double alpha = 0.5 - 0.5 * std::cos(M_PI * t);
                w = {1.0 - alpha, alpha};
            }
            for (int64_t z = 0; z < Z; ++z) {
                double v = 0;
                for (size_t i = 0; i < sources.size(); ++i)
                    v += w[i] * double(sources[i].data[size_t(f * Z + z)]);
                job.embedding.data[size_t(f * Z + z)] = float(v);
            }
        }
        for (double w : blend.weights)
            weightJson.append(w);
        job.outputPath = folder + "/" + blend.name + output.extension();
        job.identity = blend.name;
        job.pitch = pitchOverride >= 0 ? pitchOverride : pitchFromName(inputs[0]);
        job.details = QJsonObject{{"mode", !weights.empty() ? "mix" : (steps ? "steps" : "crossfade")},
                                  {"weights", weightJson},
                                  {"sources", QJsonArray::fromStringList(inputs)}};
        if (parser.isSet("embeddings-only") || parser.isSet("save-embeddings")) {
            const QString npy = folder + "/" + blend.name + ".npy";
            writeEmbedding(npy.toStdString(), job.embedding);
            job.details["embedding"] = npy;
            embeddingOutputs.append(QJsonObject{{"path", npy}, {"frames", qint64(F)}, {"details", job.details}});
        }
        jobs.push_back(std::move(job));
    }

    Manifest manifest("interpolate", arguments);
    recordModel(manifest, modelFile, model, parser);
    for (const auto& in : inputs)
        manifest.addInput(in);
    recordGeneration(manifest, generation, output);
    const QJsonArray written = parser.isSet("embeddings-only")
                                   ? embeddingOutputs
                                   : renderNotes(model, jobs, generation, output, common.progress);
    finishCommand(common, manifest, folder, "interpolate", written, double(timer.elapsed()) / 1000.0);
    return 0;
}

static const CommandRegistration kEncodeRegistration{"encode", "audio -> embeddings (.npy [frames, 16])", runEncode, 20};
static const CommandRegistration kDecodeRegistration{"decode", "embeddings (.npy) -> audio (frames x 512 samples)", runDecode, 30};
static const CommandRegistration kReconstructRegistration{"reconstruct", "audio -> encode -> decode -> audio", runReconstruct, 40};
static const CommandRegistration kInterpolateRegistration{"interpolate", "blend two or more notes in latent space (weights, --steps, or a time cross-fade)", runInterpolate, 50};

} // namespace nsynth::app
