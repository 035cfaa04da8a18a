#pragma once
// What every `nsynth` command shares: option declarations, model loading, input discovery,
// audio loading for the model, output naming, the JSON summary and the error convention.
//
// Conventions: human messages and progress go to stderr; with --json the command's summary is
// one JSON document on stdout. Exit status 0 = success, 1 = bad input or failure (one line
// "nsynth <command>: error: ..."), 2 = usage error, 130 = cancelled (SIGINT/SIGTERM).

#include "packed_gemm.h"
#include "progress.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace nsynth {
struct Model;
}

namespace nsynth::app {

class Manifest;

// A usage error: printed with a pointer to --help, exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Set by SIGINT/SIGTERM; long work polls it and stops at the next safe point.
std::atomic<bool>& cancelFlag();
void installSignalHandlers();

struct CommonOptions {
    bool json = false;
    ProgressStyle progress = ProgressStyle::Auto;
    int threads = 0;
};

// Adds --json, --progress, --threads, --help to a parser.
void addCommonOptions(QCommandLineParser& parser);
// Parses argv (argv[0] = "nsynth <command>"); throws UsageError; prints help and returns false
// if --help was given.
bool parseArguments(QCommandLineParser& parser, const QStringList& arguments);
CommonOptions commonOptions(const QCommandLineParser& parser);  // also applies --threads

// --model: a model file (safetensors) or a TensorFlow checkpoint path; --weights raw|ema.
// Without --model: $NSYNTH_MODEL, else the default model shipped with the workbench
// (resources/models/default.safetensors).
void addModelOption(QCommandLineParser& parser);
QString modelPath(const QCommandLineParser& parser);
Model loadModelFromCli(const QString& path, const QCommandLineParser& parser);
// Records the model (path, hash, config and, for TensorFlow checkpoints, --weights) in a manifest.
void recordModel(Manifest& manifest, const QString& path, const Model& model, const QCommandLineParser& parser);

// --format wav|flac, --bit-depth 16|24|32f (default: WAV, 16-bit).
void addAudioOutputOptions(QCommandLineParser& parser);
struct AudioOutputChoice {
    QString format = "wav";
    QString bitDepth = "16";
    QString extension() const { return "." + format; }
};
AudioOutputChoice audioOutputChoice(const QCommandLineParser& parser);
// Writes mono audio at `rate` as chosen; returns the number of clipped samples (reported).
int64_t writeAudioFile(const QString& path, const std::vector<float>& samples, int rate,
                       const AudioOutputChoice& choice);

// --seed, --temperature, --greedy, --batch-size, --precision.
void addGenerationOptions(QCommandLineParser& parser);
struct GenerationChoice {
    uint64_t seed = 0;
    float temperature = 1.0f;
    bool greedy = false;
    int batchSize = 16;
    WeightPrecision precision = WeightPrecision::F32;
};
// --precision fp32|bf16|int8 alone (commands that decode without sampling, e.g. score).
void addPrecisionOption(QCommandLineParser& parser);
WeightPrecision precisionChoice(const QCommandLineParser& parser);
GenerationChoice generationChoice(const QCommandLineParser& parser);

// Files named on the command line, folders expanded recursively (sorted, deterministic),
// keeping files whose extension is in `extensions` (lower case, with dot). A named file is
// kept whatever its extension. Missing paths -> Error naming them all.
QStringList collectInputs(const QStringList& paths, const QStringList& extensions);
QStringList audioExtensions();  // .wav .flac .ogg .oga .aif .aiff .aifc .mp3 .opus

// Audio prepared for the model: mono, resampled to the model's rate, cut to a whole number of
// frames (at most maxSamples when > 0). Error if shorter than one frame.
struct ModelAudio {
    std::vector<float> samples;
    int sourceRate = 0;
    int sourceChannels = 0;
    int64_t sourceFrames = 0;
};
ModelAudio loadAudioForModel(const QString& path, int modelRate, int hop, int64_t maxSamples);

// The output folder (-o): created if missing; Error if it is a file.
QString prepareOutputFolder(const QString& folder);
// A safe output stem from an input path: the file name without its last extension.
QString outputStem(const QString& inputPath);
// Error if two outputs collide or an output would overwrite an input.
void checkOutputPlan(const QStringList& inputs, const QStringList& outputs);

void printJson(const QJsonObject& summary);
void info(const QString& message);  // one human line on stderr

// Parses "a,b,c" into numbers; throws UsageError naming the option.
std::vector<double> parseNumberList(const QString& text, const QString& option);
int parseIntOption(const QCommandLineParser& parser, const QString& name, int lo, int hi);
double parseDoubleOption(const QCommandLineParser& parser, const QString& name, double lo, double hi);

} // namespace nsynth::app
