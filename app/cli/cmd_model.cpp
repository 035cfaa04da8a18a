// nsynth info | init

#include "cli_common.h"
#include "commands.h"
#include "error.h"
#include "fast_decoder.h"
#include "fast_encoder.h"
#include "gemm.h"
#include "model_file.h"
#include "packed_gemm.h"
#include "random.h"
#include "tf_checkpoint.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>

namespace nsynth::app {
namespace {

// Decoder samples per second at `batch` notes, timed over at least ~1.5 s of stepping.
double measureDecoder(const Model& model, int batch)
{
    FastDecoder decoder(model, batch, 1);
    decoder.reset(batch);
    std::vector<float> frame(static_cast<size_t>(batch) * size_t(model.config.bottleneckWidth), 0.1f);
    std::vector<int> pitches(static_cast<size_t>(batch), 60);
    decoder.setConditioning(frame.data(), pitches.data());
    std::vector<float> input(static_cast<size_t>(batch), 0.0f), logits(static_cast<size_t>(batch) * 256);
    for (int i = 0; i < 3; ++i)
        decoder.advance(input.data(), 1, logits.data());
    int64_t steps = 0;
    const auto t0 = std::chrono::steady_clock::now();
    double seconds = 0;
    while (seconds < 1.5 || steps < 8) {
        decoder.advance(input.data(), 1, logits.data());
        ++steps;
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    return double(steps) * batch / seconds;
}

// Encoder speed as a multiple of real time, on 4 s of noise.
double measureEncoder(const Model& model)
{
    const int64_t samples = 4 * int64_t(model.config.sampleRate) / model.config.hopLength * model.config.hopLength;
    std::vector<float> audio(static_cast<size_t>(samples));
    SplitMix64 rng(1);
    for (float& v : audio)
        v = rng.uniform(-0.5f, 0.5f);
    FastEncoder encoder(model);
    encoder.encode({audio.data()}, samples);  // warm-up
    const auto t0 = std::chrono::steady_clock::now();
    encoder.encode({audio.data()}, samples);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return double(samples) / model.config.sampleRate / seconds;
}

} // namespace

int runCheckpointInfo(const QString& path, bool json);  // cmd_convert.cpp

static int runInfo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Summarise a model: sizes, parameters, receptive field, cost per generated "
                                     "sample, and its measured speed on this machine.");
    addCommonOptions(parser);
    addModelOption(parser);
    parser.addOption({"no-speed", "Skip the speed measurement (a few seconds)."});
    parser.addPositionalArgument("model", "Model file (same as --model).", "[MODEL]");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const QString path = parser.positionalArguments().isEmpty() ? modelPath(parser) : parser.positionalArguments()[0];
    // A TensorFlow checkpoint: its files, which variant it is, every tensor's dtype and shape.
    if (isTfCheckpointPath(path.toStdString()))
        return runCheckpointInfo(path, common.json);
    const Model model = loadModelFromCli(path, parser);
    const auto& c = model.config;

    QJsonObject summary;
    summary["model"] = QFileInfo(path).absoluteFilePath();
    summary["preset"] = QString::fromStdString(c.presetName());
    summary["config"] = QJsonDocument::fromJson(QByteArray::fromStdString(c.toJson())).object();
    summary["parameters"] = QJsonObject{{"encoder", qint64(c.encoderParameterCount())},
                                        {"decoder", qint64(c.decoderParameterCount())},
                                        {"total", qint64(c.encoderParameterCount() + c.decoderParameterCount())}};
    summary["receptive_field_samples"] = qint64(c.decoderReceptiveField());
    summary["receptive_field_ms"] = 1000.0 * double(c.decoderReceptiveField()) / c.sampleRate;
    summary["decoder_macs_per_sample"] = qint64(c.decoderMacsPerSample());
    summary["decoder_weight_bytes_per_step"] = qint64(c.decoderWeightBytesPerStep());
    summary["encoder_macs_per_sample"] = qint64(c.encoderMacsPerSample());
    summary["gemm_backend"] = QString::fromStdString(gemmBackendName());
    summary["decoder_kernel"] = QString(packedGemmKernelName());
    summary["vector_isa"] = QString::fromStdString(vectorIsaName());
    summary["threads"] = computeThreads();
    QJsonObject metadata;
    for (const auto& [k, v] : model.metadata)
        metadata[QString::fromStdString(k)] = QString::fromStdString(v);
    summary["metadata"] = metadata;
    if (!parser.isSet("no-speed")) {
        const double b1 = measureDecoder(model, 1), b16 = measureDecoder(model, 16);
        const double enc = measureEncoder(model);
        summary["speed"] = QJsonObject{{"decoder_samples_per_s_batch1", b1},
                                       {"decoder_samples_per_s_batch16", b16},
                                       {"encoder_x_real_time", enc},
                                       {"seconds_per_4s_note_batch16", 4.0 * c.sampleRate / (b16 / 16.0)}};
    }

    if (common.json) {
        printJson(summary);
        return 0;
    }
    auto out = [](const QString& s) { std::fprintf(stdout, "%s\n", qPrintable(s)); };
    out(QString("model            %1").arg(summary["model"].toString()));
    out(QString("preset           %1%2").arg(summary["preset"].toString(),
                                             c.pitch.enabled ? " (pitch-conditioned)" : ""));
    out(QString("encoder          %1 layers, %2 stages, width %3").arg(c.encoder.layers).arg(c.encoder.stages).arg(c.encoder.width));
    out(QString("decoder          %1 layers, %2 stages, width %3, skip %4")
            .arg(c.decoder.layers).arg(c.decoder.stages).arg(c.decoder.width).arg(c.decoder.skipWidth));
    out(QString("parameters       %1 (encoder %2, decoder %3)")
            .arg(c.encoderParameterCount() + c.decoderParameterCount())
            .arg(c.encoderParameterCount())
            .arg(c.decoderParameterCount()));
    out(QString("receptive field  %1 samples (%2 ms)").arg(c.decoderReceptiveField()).arg(summary["receptive_field_ms"].toDouble(), 0, 'f', 1));
    out(QString("cost per sample  %1 M multiply-adds, %2 MB of fp32 weights per step")
            .arg(double(c.decoderMacsPerSample()) / 1e6, 0, 'f', 2)
            .arg(double(c.decoderWeightBytesPerStep()) / 1e6, 0, 'f', 1));
    out(QString("compute          decoder GEMM kernel %1, encoder GEMMs %2, elementwise %3, %4 threads")
            .arg(summary["decoder_kernel"].toString(), summary["gemm_backend"].toString(),
                 summary["vector_isa"].toString())
            .arg(computeThreads()));
    for (const auto& [k, v] : model.metadata)
        out(QString("%1 %2").arg(QString::fromStdString(k), -16).arg(QString::fromStdString(v).left(200)));
    if (summary.contains("speed")) {
        const auto s = summary["speed"].toObject();
        out(QString("speed here       decoder %1 samples/s at batch 1, %2 samples/s at batch 16; encoder %3x real time")
                .arg(s["decoder_samples_per_s_batch1"].toDouble(), 0, 'f', 0)
                .arg(s["decoder_samples_per_s_batch16"].toDouble(), 0, 'f', 0)
                .arg(s["encoder_x_real_time"].toDouble(), 0, 'f', 1));
        out(QString("                 a 4 s note takes %1 in a batch of 16")
                .arg(ProgressReporter::formatDuration(s["seconds_per_4s_note_batch16"].toDouble())));
    }
    return 0;
}

static int runInit(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Write a randomly initialised model with Magenta's initialisers "
                                     "(for tests and as a training start).");
    addCommonOptions(parser);
    QString presets = QString::fromStdString([] {
        std::string s;
        for (const auto& n : ModelConfig::presetNames())
            s += (s.empty() ? "" : ", ") + n;
        return s;
    }());
    parser.addOption({"preset", "Model size: " + presets + ".", "name", "magenta-h512-bo16"});
    parser.addOption({"seed", "Random seed.", "n", "0"});
    parser.addOption({"pitch-conditioning", "Add one-hot MIDI pitch conditioning (docs/pitch-conditioning.md)."});
    parser.addOption({{"o", "output"}, "Output model file (.safetensors).", "file"});
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (!parser.isSet("output"))
        throw UsageError("an output file is needed (-o model.safetensors)");
    bool ok = false;
    const uint64_t seed = parser.value("seed").toULongLong(&ok);
    if (!ok)
        throw UsageError("--seed must be a non-negative integer");
    ModelConfig config = ModelConfig::preset(parser.value("preset").toStdString());
    config.pitch.enabled = parser.isSet("pitch-conditioning");
    const Model model = initModel(config, seed);
    const QString out = parser.value("output");
    saveModel(out.toStdString(), model);
    if (common.json)
        printJson(QJsonObject{{"command", "init"},
                              {"output", QFileInfo(out).absoluteFilePath()},
                              {"preset", parser.value("preset")},
                              {"seed", QString::number(seed)},
                              {"parameters", qint64(config.encoderParameterCount() + config.decoderParameterCount())}});
    else
        info(QString("init: wrote %1 (%2, seed %3, %4 parameters)")
                 .arg(out, parser.value("preset"))
                 .arg(seed)
                 .arg(config.encoderParameterCount() + config.decoderParameterCount()));
    return 0;
}

static const CommandRegistration kInfoRegistration{"info", "model summary: parameters, receptive field, cost per sample, speed here", runInfo, 80};
static const CommandRegistration kInitRegistration{"init", "write a randomly initialised model (Magenta's initialisers)", runInit, 90};

} // namespace nsynth::app
