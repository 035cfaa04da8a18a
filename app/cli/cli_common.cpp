#include "cli_common.h"

#include "audio_file.h"
#include "error.h"
#include "gemm.h"
#include "model_file.h"
#include "manifest.h"
#include "model_source.h"
#include "tf_checkpoint.h"
#include "reference.h"
#include "resample.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <csignal>
#include <cstdio>

namespace nsynth::app {

std::atomic<bool>& cancelFlag()
{
    static std::atomic<bool> flag{false};
    return flag;
}

namespace {
extern "C" void onSignal(int)
{
    cancelFlag().store(true);
}
} // namespace

void installSignalHandlers()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGUSR1, onSignal);  // Slurm's --signal warning before the time limit
}

void addCommonOptions(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addOption({"json", "Print a machine-readable summary (JSON) on stdout."});
    parser.addOption({"progress", "Progress on stderr: auto, plain, json or none.", "style", "auto"});
    parser.addOption({"threads", "Compute threads (0 = all cores).", "n", "0"});
}

bool parseArguments(QCommandLineParser& parser, const QStringList& arguments)
{
    if (!parser.parse(arguments))
        throw UsageError(parser.errorText().toStdString());
    if (parser.isSet("help")) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return false;
    }
    return true;
}

CommonOptions commonOptions(const QCommandLineParser& parser)
{
    CommonOptions o;
    o.json = parser.isSet("json");
    try {
        o.progress = parseProgressStyle(parser.value("progress"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    o.threads = parseIntOption(parser, "threads", 0, 1024);
    setComputeThreads(o.threads);
    setTorchThreads(o.threads > 0 ? o.threads : computeThreads());
    return o;
}

void addModelOption(QCommandLineParser& parser)
{
    parser.addOption({"model",
                      "Model: a .safetensors model file or a TensorFlow checkpoint (its prefix, folder, .index, "
                      ".data or .meta file). Default: $NSYNTH_MODEL, else the shipped default model.",
                      "path"});
    parser.addOption({"weights", "For TensorFlow checkpoints: raw variables or their ema (moving-average) shadows.",
                      "raw|ema", "raw"});
}

QString modelPath(const QCommandLineParser& parser)
{
    if (parser.isSet("model"))
        return parser.value("model");
    const QByteArray env = qgetenv("NSYNTH_MODEL");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    const QStringList candidates = {
        QCoreApplication::applicationDirPath() + "/../share/nsynth-workbench/models/default.safetensors",
        QString::fromUtf8(NSYNTH_RESOURCES_DIR) + "/models/default.safetensors",
    };
    for (const auto& c : candidates)
        if (QFileInfo::exists(c))
            return QDir::cleanPath(c);
    throw Error("no model: pass --model FILE (the default model " + candidates.last().toStdString() +
                " is missing; see README, \"The default model\")");
}

Model loadModelFromCli(const QString& path, const QCommandLineParser& parser)
{
    ModelLoadOptions options;
    const QString weights = parser.value("weights");
    if (weights == "ema")
        options.weights = ModelLoadOptions::Weights::Ema;
    else if (weights != "raw")
        throw UsageError("--weights must be raw or ema");
    options.notice = [](const std::string& message) { info(QString::fromStdString(message)); };
    return loadModelFromPath(path.toStdString(), options);
}

void recordModel(Manifest& manifest, const QString& path, const Model& model, const QCommandLineParser& parser)
{
    QJsonObject extra;
    if (isTfCheckpointPath(path.toStdString()))
        extra["tf_weights"] = parser.value("weights");
    manifest.setModel(path, QString::fromStdString(model.config.toJson()), extra);
}

void addAudioOutputOptions(QCommandLineParser& parser)
{
    parser.addOption({"format", "Audio output format: wav or flac.", "format", "wav"});
    parser.addOption({"bit-depth", "Audio sample format: 16, 24 (PCM) or 32f (float; WAV only).", "bits", "16"});
}

AudioOutputChoice audioOutputChoice(const QCommandLineParser& parser)
{
    AudioOutputChoice c;
    c.format = parser.value("format").toLower();
    c.bitDepth = parser.value("bit-depth").toLower();
    try {
        audio::parseAudioFileFormat(c.format.toStdString());
        audio::parseSampleEncoding(c.bitDepth.toStdString());
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    if (c.format == "flac" && c.bitDepth == "32f")
        throw UsageError("FLAC cannot store 32-bit float; use --bit-depth 16 or 24");
    return c;
}

int64_t writeAudioFile(const QString& path, const std::vector<float>& samples, int rate, const AudioOutputChoice& choice)
{
    audio::AudioWriteOptions options;
    options.format = audio::parseAudioFileFormat(choice.format.toStdString());
    options.encoding = audio::parseSampleEncoding(choice.bitDepth.toStdString());
    const auto report = audio::writeAudio(path.toStdString(), samples.data(), int64_t(samples.size()), rate, options);
    if (report.clippedSamples > 0)
        info(QString("%1: %2 samples clipped to full scale").arg(path).arg(report.clippedSamples));
    return report.clippedSamples;
}

void addGenerationOptions(QCommandLineParser& parser)
{
    parser.addOption({"seed", "Random seed; every note has its own stream from (seed, note name).", "n", "0"});
    parser.addOption({"temperature", "Sampling temperature (Magenta: 1).", "t", "1.0"});
    parser.addOption({"greedy", "Pick the most likely class at every step instead of sampling."});
    parser.addOption({"batch-size", "Notes decoded together (more is faster per note, uses more memory).", "n", "16"});
    addPrecisionOption(parser);
}

void addPrecisionOption(QCommandLineParser& parser)
{
    parser.addOption({"precision",
                      "Decoder weight precision: fp32 (exact), bf16 or int8 (per-channel scales; fewer bytes per "
                      "step, faster at small batches; quality in BENCHMARKS.md).",
                      "fp32|bf16|int8", "fp32"});
}

WeightPrecision precisionChoice(const QCommandLineParser& parser)
{
    try {
        return parsePrecision(parser.value("precision").toStdString());
    } catch (const Error& e) {
        throw UsageError(std::string("--precision: ") + e.what());
    }
}

GenerationChoice generationChoice(const QCommandLineParser& parser)
{
    GenerationChoice g;
    bool ok = false;
    g.seed = parser.value("seed").toULongLong(&ok);
    if (!ok)
        throw UsageError("--seed must be a non-negative integer");
    g.temperature = float(parseDoubleOption(parser, "temperature", 1e-3, 100.0));
    g.greedy = parser.isSet("greedy");
    g.batchSize = parseIntOption(parser, "batch-size", 1, 4096);
    g.precision = precisionChoice(parser);
    return g;
}

QStringList audioExtensions()
{
    return {".wav", ".flac", ".ogg", ".oga", ".aif", ".aiff", ".aifc", ".mp3", ".opus"};
}

QStringList collectInputs(const QStringList& paths, const QStringList& extensions)
{
    QStringList out, missing;
    for (const auto& p : paths) {
        const QFileInfo fi(p);
        if (!fi.exists()) {
            missing << p;
            continue;
        }
        if (fi.isDir()) {
            QStringList found;
            QDirIterator it(p, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                const QString lower = f.toLower();
                for (const auto& ext : extensions)
                    if (lower.endsWith(ext)) {
                        found << f;
                        break;
                    }
            }
            found.sort();
            out << found;
        } else {
            out << p;
        }
    }
    if (!missing.isEmpty())
        throw Error((missing.size() == 1 ? "no such file or folder: " : "no such files or folders: ") +
                    missing.join(", ").toStdString());
    return out;
}

ModelAudio loadAudioForModel(const QString& path, int modelRate, int hop, int64_t maxSamples)
{
    const auto data = audio::readAudio(path.toStdString());
    ModelAudio m;
    m.sourceRate = data.sampleRate;
    m.sourceChannels = data.channels;
    m.sourceFrames = data.frames();
    auto mono = audio::mixToMono(data);
    if (data.sampleRate != modelRate)
        mono = audio::resample(mono, data.sampleRate, modelRate);
    int64_t n = int64_t(mono.size());
    if (maxSamples > 0)
        n = std::min(n, maxSamples);
    n = n / hop * hop;
    if (n < hop)
        throw Error(path.toStdString() + ": too short to encode (" + std::to_string(mono.size()) +
                    " samples at " + std::to_string(modelRate) + " Hz; one frame is " + std::to_string(hop) + ")");
    mono.resize(size_t(n));
    m.samples = std::move(mono);
    return m;
}

QString prepareOutputFolder(const QString& folder)
{
    if (folder.isEmpty())
        throw UsageError("an output folder is needed (-o FOLDER)");
    const QFileInfo fi(folder);
    if (fi.exists() && !fi.isDir())
        throw Error(folder.toStdString() + ": exists and is not a folder");
    if (!QDir().mkpath(folder))
        throw Error(folder.toStdString() + ": cannot create folder");
    return QDir(folder).absolutePath();
}

QString outputStem(const QString& inputPath)
{
    const QString name = QFileInfo(inputPath).fileName();
    const int dot = name.lastIndexOf('.');
    return dot > 0 ? name.left(dot) : name;
}

void checkOutputPlan(const QStringList& inputs, const QStringList& outputs)
{
    QSet<QString> inputSet;
    for (const auto& i : inputs)
        inputSet.insert(QFileInfo(i).absoluteFilePath());
    QHash<QString, int> seen;
    for (int k = 0; k < outputs.size(); ++k) {
        const QString abs = QFileInfo(outputs[k]).absoluteFilePath();
        if (inputSet.contains(abs))
            throw Error(outputs[k].toStdString() + ": output would overwrite an input; choose another -o folder");
        if (seen.contains(abs))
            throw Error(inputs.value(seen[abs]).toStdString() + " and " + inputs.value(k).toStdString() +
                        " would both be written to " + outputs[k].toStdString());
        seen[abs] = k;
    }
}

void printJson(const QJsonObject& summary)
{
    std::fprintf(stdout, "%s\n", QJsonDocument(summary).toJson(QJsonDocument::Indented).constData());
    std::fflush(stdout);
}

void info(const QString& message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    std::fflush(stderr);
}

std::vector<double> parseNumberList(const QString& text, const QString& option)
{
    std::vector<double> out;
    for (const auto& part : text.split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v))
            throw UsageError(("--" + option + ": \"" + part + "\" is not a number").toStdString());
        out.push_back(v);
    }
    if (out.empty())
        throw UsageError(("--" + option + " needs a comma-separated list of numbers").toStdString());
    return out;
}

int parseIntOption(const QCommandLineParser& parser, const QString& name, int lo, int hi)
{
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < lo || v > hi)
        throw UsageError(("--" + name + " must be an integer in " + QString::number(lo) + ".." + QString::number(hi))
                             .toStdString());
    return v;
}

double parseDoubleOption(const QCommandLineParser& parser, const QString& name, double lo, double hi)
{
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !(v >= lo && v <= hi))
        throw UsageError(("--" + name + " must be a number in [" + QString::number(lo) + ", " + QString::number(hi) + "]")
                             .toStdString());
    return v;
}

} // namespace nsynth::app
