// nsynth train: train an NSynth autoencoder (optionally pitch-conditioned) with LibTorch.

#include "cli_common.h"
#include "commands.h"
#include "config.h"
#include "error.h"
#include "training_run.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <cmath>
#include <limits>
#include <optional>

namespace nsynth::app {
namespace {

QStringList listOption(const QCommandLineParser& parser, const QString& name)
{
    QStringList out;
    for (const auto& v : parser.values(name))
        for (const auto& part : v.split(',', Qt::SkipEmptyParts))
            out << part.trimmed();
    return out;
}

// "24:60" or "24-60" (inclusive) within 0..127.
std::pair<int, int> rangeOption(const QCommandLineParser& parser, const QString& name)
{
    const QString text = parser.value(name);
    const QStringList parts = text.contains(':') ? text.split(':') : text.split('-');
    bool ok1 = false, ok2 = false;
    const int lo = parts.size() == 2 ? parts[0].trimmed().toInt(&ok1) : 0;
    const int hi = parts.size() == 2 ? parts[1].trimmed().toInt(&ok2) : 0;
    if (!ok1 || !ok2 || lo < 0 || hi > 127 || lo > hi)
        throw UsageError(("--" + name + " \"" + text + "\" must be LO:HI within 0..127").toStdString());
    return {lo, hi};
}

// "-3:3": transposition range in semitones, LO <= 0 <= HI.
std::pair<int, int> transposeOption(const QCommandLineParser& parser)
{
    const QString text = parser.value("augment-transpose");
    const QStringList parts = text.split(':');
    bool ok1 = false, ok2 = false;
    const int lo = parts.size() == 2 ? parts[0].trimmed().toInt(&ok1) : 0;
    const int hi = parts.size() == 2 ? parts[1].trimmed().toInt(&ok2) : 0;
    if (!ok1 || !ok2 || lo > 0 || hi < 0 || lo < -24 || hi > 24)
        throw UsageError(("--augment-transpose \"" + text + "\" must be LO:HI semitones, -24 <= LO <= 0 <= HI <= 24")
                             .toStdString());
    return {lo, hi};
}

int64_t int64Option(const QCommandLineParser& parser, const QString& name, int64_t lo, int64_t hi)
{
    bool ok = false;
    const qint64 v = parser.value(name).toLongLong(&ok);
    if (!ok || v < lo || v > hi)
        throw UsageError(QString("--%1 must be an integer in %2..%3").arg(name).arg(lo).arg(hi).toStdString());
    return v;
}

double doubleOption(const QCommandLineParser& parser, const QString& name, double lo, double hi)
{
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < lo || v > hi)
        throw UsageError(QString("--%1 must be a number in [%2, %3]").arg(name).arg(lo).arg(hi).toStdString());
    return v;
}

// The options that describe a new run; --resume refuses them (the run's run.json has them).
const QStringList& newRunOptions()
{
    static const QStringList names = {
        "data", "valid-data", "families", "sources", "pitch-range", "velocity-range", "valid-instruments",
        "valid-fraction", "note-length", "skip-bad", "augment-transpose", "preset", "encoder-layers", "encoder-stages", "encoder-width",
        "decoder-layers", "decoder-stages", "decoder-width", "skip-width", "bottleneck-width", "pitch-conditioning",
        "num-pitches", "init", "init-seed", "batch-size", "crop-margin", "crop-samples", "lr-schedule", "adam-beta1",
        "adam-beta2", "adam-epsilon", "ema-decay", "seed", "device", "validation-crops", "log-every",
        "validate-every", "checkpoint-every", "checkpoint-minutes", "keep-checkpoints", "output"};
    return names;
}

QString presetList()
{
    QString s;
    for (const auto& n : ModelConfig::presetNames())
        s += (s.isEmpty() ? "" : ", ") + QString::fromStdString(n);
    return s;
}

} // namespace

static int runTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Train an NSynth WaveNet autoencoder with LibTorch, optionally conditioned on MIDI pitch. Defaults follow "
        "Magenta's recipe (random crops of the receptive field + 3 samples in whole 512-sample frames, batch 32, "
        "Adam, its learning-rate table, weight EMA 0.9999, 200k steps). A run folder holds run.json, log.jsonl, "
        "loss.png and checkpoints; SIGINT stops after the current step with a checkpoint, and --resume "
        "continues bitwise. Export a model with `nsynth export`. See docs/training.md.");
    addCommonOptions(parser);
    // Data.
    parser.addOption({"data", "Training data (repeatable): a folder of notes (any audio; pitch from names like "
                              "flute_60.wav or guitar_acoustic_030-060-075.wav), an NSynth json/wav folder "
                              "(examples.json + audio/), or NSynth TFRecord files or folders of them.",
                      "path"});
    parser.addOption({"valid-data", "Held-out data (repeatable), instead of splitting --data by instrument.", "path"});
    parser.addOption({"families", "Keep only these NSynth families (comma-separated: bass, brass, flute, guitar, "
                                  "keyboard, mallet, organ, reed, string, synth_lead, vocal).",
                      "list"});
    parser.addOption({"sources", "Keep only these sources (acoustic, electronic, synthetic).", "list"});
    parser.addOption({"pitch-range", "Keep only MIDI pitches LO..HI (inclusive).", "lo:hi"});
    parser.addOption({"velocity-range", "Keep only velocities LO..HI (inclusive).", "lo:hi"});
    parser.addOption({"valid-instruments", "Hold out these instruments (comma-separated names as in the data).", "list"});
    parser.addOption({"valid-fraction", "Hold out instruments chosen by hash until this share of the notes (0 = none).",
                      "f", "0.1"});
    parser.addOption({"note-length", "Samples per note at 16 kHz (folder notes are conformed to it; NSynth notes must "
                                     "have it).",
                      "n", "64000"});
    parser.addOption({"skip-bad", "Skip unreadable, silent or malformed notes (reported) instead of stopping."});
    parser.addOption({"augment-transpose", "Also train on copies of every training note transposed by LO..HI semitones "
                                           "(resampled; pitch labels move with them; held-out notes are not "
                                           "transposed).",
                      "lo:hi", "0:0"});
    // Model size.
    parser.addOption({"preset", "Model size: " + presetList() + ".", "name", "magenta-h512-bo16"});
    parser.addOption({"encoder-layers", "Override the preset's encoder layers.", "n"});
    parser.addOption({"encoder-stages", "Override the preset's encoder stages (dilation 2^(i mod stages)).", "n"});
    parser.addOption({"encoder-width", "Override the preset's encoder width.", "n"});
    parser.addOption({"decoder-layers", "Override the preset's decoder layers.", "n"});
    parser.addOption({"decoder-stages", "Override the preset's decoder stages.", "n"});
    parser.addOption({"decoder-width", "Override the preset's decoder residual width.", "n"});
    parser.addOption({"skip-width", "Override the preset's decoder skip width.", "n"});
    parser.addOption({"bottleneck-width", "Embedding channels (16 for every NSynth tool).", "n"});
    parser.addOption({"pitch-conditioning", "Condition the decoder on the one-hot MIDI pitch of each note."});
    parser.addOption({"num-pitches", "Pitches of the one-hot (MIDI 0..n-1).", "n", "128"});
    parser.addOption({"init", "Start from this model file's weights (same configuration) instead of Magenta's "
                              "initialisers.",
                      "model"});
    parser.addOption({"init-seed", "Seed of the initialisers (default: --seed).", "n"});
    // Recipe.
    parser.addOption({"steps", "Training steps.", "n", "200000"});
    parser.addOption({"batch-size", "Crops per step.", "n", "32"});
    parser.addOption({"crop-margin", "Samples added to the receptive field before rounding up to whole frames.", "n",
                      "3"});
    parser.addOption({"crop-samples", "Crop length in samples (a multiple of 512), instead of the receptive-field rule.",
                      "n", "0"});
    parser.addOption({"lr-schedule", "Learning rate: a number, or step:rate pairs (default: Magenta's table).",
                      "schedule", QString::fromStdString(formatLearningRateSchedule(magentaLearningRateSchedule()))});
    parser.addOption({"adam-beta1", "Adam beta1.", "b", "0.9"});
    parser.addOption({"adam-beta2", "Adam beta2.", "b", "0.999"});
    parser.addOption({"adam-epsilon", "Adam epsilon (TensorFlow's epsilon-hat).", "e", "1e-8"});
    parser.addOption({"ema-decay", "Decay of the weights' moving average (with num_updates = step).", "d", "0.9999"});
    parser.addOption({"seed", "Seed of the data order and crops (and the initialisers).", "n", "0"});
    parser.addOption({"device", "cpu, or cuda / cuda:N when this LibTorch has CUDA and a GPU is visible.", "name",
                      "cpu"});
    parser.addOption({"validation-crops", "Evenly spaced crops per held-out note for the validation loss.", "n", "4"});
    // Run folder and cadence.
    parser.addOption({{"o", "output"}, "Run folder for a new run (created).", "folder"});
    parser.addOption({"resume", "Continue the run in this folder from its latest checkpoint.", "folder"});
    parser.addOption({"log-every", "Steps per log line and plot point.", "n", "10"});
    parser.addOption({"validate-every", "Steps between validation losses (0 = start and end only).", "n", "500"});
    parser.addOption({"checkpoint-every", "Steps between checkpoints (0 = by time only).", "n", "1000"});
    parser.addOption({"checkpoint-minutes", "Also checkpoint after this many minutes (0 = by steps only).", "min", "10"});
    parser.addOption({"keep-checkpoints", "Checkpoints kept (the newest).", "n", "3"});
    parser.addOption({"max-minutes", "Stop with a checkpoint after this much wall time (0 = no limit).", "min", "0"});
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError("unexpected argument \"" + parser.positionalArguments().first().toStdString() + "\"");
    const Notice notice = [](const QString& s) { info(s); };

    RunResult result;
    if (parser.isSet("resume")) {
        for (const auto& name : newRunOptions())
            if (parser.isSet(name))
                throw UsageError(("--resume continues a run as its run.json records it; --" + name +
                                  " cannot be given with it (only --steps, --max-minutes, --threads, --progress, --json)")
                                     .toStdString());
        std::optional<int64_t> steps;
        std::optional<double> maxMinutes;
        if (parser.isSet("steps"))
            steps = int64Option(parser, "steps", 1, int64_t(1) << 40);
        if (parser.isSet("max-minutes"))
            maxMinutes = doubleOption(parser, "max-minutes", 0, 1e7);
        result = resumeRun(parser.value("resume"), steps, maxMinutes, common.progress, notice, &cancelFlag());
    } else {
        if (!parser.isSet("output"))
            throw UsageError("a run folder is needed (-o RUN), or --resume RUN");
        NewRun run;
        run.folder = parser.value("output");
        run.arguments = arguments;
        // Data.
        run.data.paths = parser.values("data");
        run.data.validPaths = parser.values("valid-data");
        if (run.data.paths.isEmpty())
            throw UsageError("no training data given (--data PATH)");
        for (const auto& f : listOption(parser, "families"))
            run.data.filter.families.push_back(f.toStdString());
        for (const auto& s : listOption(parser, "sources"))
            run.data.filter.sources.push_back(s.toStdString());
        if (parser.isSet("pitch-range"))
            std::tie(run.data.filter.pitchMin, run.data.filter.pitchMax) = rangeOption(parser, "pitch-range");
        if (parser.isSet("velocity-range"))
            std::tie(run.data.filter.velocityMin, run.data.filter.velocityMax) = rangeOption(parser, "velocity-range");
        try {
            run.data.filter.validate();
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        run.data.validInstruments = listOption(parser, "valid-instruments");
        run.data.validFraction = doubleOption(parser, "valid-fraction", 0, 0.9);
        if (!run.data.validPaths.isEmpty() || !run.data.validInstruments.isEmpty())
            run.data.validFraction = parser.isSet("valid-fraction") ? run.data.validFraction : 0.0;
        run.data.noteLength = int64Option(parser, "note-length", 512, int64_t(16000) * 3600);
        run.data.skipBad = parser.isSet("skip-bad");
        std::tie(run.data.transposeMin, run.data.transposeMax) = transposeOption(parser);
        // Model.
        try {
            run.config = ModelConfig::preset(parser.value("preset").toStdString());
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        auto override = [&](const char* name, int& field) {
            if (parser.isSet(name))
                field = parseIntOption(parser, name, 1, 4096);
        };
        override("encoder-layers", run.config.encoder.layers);
        override("encoder-stages", run.config.encoder.stages);
        override("encoder-width", run.config.encoder.width);
        override("decoder-layers", run.config.decoder.layers);
        override("decoder-stages", run.config.decoder.stages);
        override("decoder-width", run.config.decoder.width);
        override("skip-width", run.config.decoder.skipWidth);
        override("bottleneck-width", run.config.bottleneckWidth);
        run.config.pitch.enabled = parser.isSet("pitch-conditioning");
        run.config.pitch.numPitches = parseIntOption(parser, "num-pitches", 1, 128);
        try {
            run.config.validate();
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        run.initModel = parser.value("init");
        // Recipe.
        auto& o = run.options;
        o.seed = uint64_t(int64Option(parser, "seed", 0, std::numeric_limits<int64_t>::max()));
        run.initSeed = parser.isSet("init-seed")
                           ? uint64_t(int64Option(parser, "init-seed", 0, std::numeric_limits<int64_t>::max()))
                           : o.seed;
        o.steps = int64Option(parser, "steps", 1, int64_t(1) << 40);
        o.batchSize = parseIntOption(parser, "batch-size", 1, 4096);
        o.cropMargin = int64Option(parser, "crop-margin", 0, 1 << 24);
        o.cropSamples = int64Option(parser, "crop-samples", 0, 1 << 24);
        o.beta1 = doubleOption(parser, "adam-beta1", 0, 0.999999);
        o.beta2 = doubleOption(parser, "adam-beta2", 0, 0.999999999);
        o.epsilon = doubleOption(parser, "adam-epsilon", 1e-30, 1);
        o.emaDecay = doubleOption(parser, "ema-decay", 0, 0.99999999);
        o.validationCropsPerNote = parseIntOption(parser, "validation-crops", 1, 1000);
        o.device = parser.value("device").toStdString();
        try {
            o.schedule = parseLearningRateSchedule(parser.value("lr-schedule").toStdString());
            o.validate();
            o.cropLength(run.config);
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        // Cadence.
        auto& c = run.cadence;
        c.logEvery = int64Option(parser, "log-every", 1, 1 << 30);
        c.validateEvery = int64Option(parser, "validate-every", 0, int64_t(1) << 40);
        c.checkpointEvery = int64Option(parser, "checkpoint-every", 0, int64_t(1) << 40);
        c.checkpointMinutes = doubleOption(parser, "checkpoint-minutes", 0, 1e7);
        c.keepCheckpoints = parseIntOption(parser, "keep-checkpoints", 1, 1000000);
        c.maxMinutes = doubleOption(parser, "max-minutes", 0, 1e7);
        result = startRun(run, common.progress, notice, &cancelFlag());
    }

    const QString plot = result.folder + "/loss.png";
    if (common.json) {
        auto finite = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); };
        printJson(QJsonObject{{"command", "train"},
                              {"run", result.folder},
                              {"step", qint64(result.step)},
                              {"steps", qint64(result.targetSteps)},
                              {"stop_reason", result.stopReason},
                              {"checkpoint", result.checkpoint},
                              {"elapsed_s", result.elapsedSeconds},
                              {"train_loss", finite(result.trainLoss)},
                              {"valid_loss_raw", finite(result.validLossRaw)},
                              {"valid_loss_ema", finite(result.validLossEma)},
                              {"loss_plot", plot},
                              {"log", result.folder + "/log.jsonl"},
                              {"data", result.dataSummary}});
    } else {
        info(QString("train: %1 at step %2 of %3 (%4 of training); checkpoint %5; loss curve %6")
                 .arg(result.stopReason == "finished"    ? "finished"
                      : result.stopReason == "cancelled" ? "stopped"
                                                         : "time limit reached")
                 .arg(result.step)
                 .arg(result.targetSteps)
                 .arg(ProgressReporter::formatDuration(result.elapsedSeconds))
                 .arg(result.checkpoint, plot));
        if (result.stopReason != "finished")
            info(QString("train: continue with: nsynth train --resume %1").arg(result.folder));
    }
    return result.stopReason == "cancelled" ? 130 : 0;
}

static const CommandRegistration kTrainRegistration{
    "train", "train a model (optionally pitch-conditioned) with LibTorch; checkpoints, resume", runTrain, 100};

} // namespace nsynth::app
