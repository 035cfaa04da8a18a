// nsynth export: a training checkpoint -> a model file with a model card.

#include "atomic_file.h"
#include "cli_common.h"
#include "commands.h"
#include "error.h"
#include "evaluation.h"
#include "model_file.h"
#include "trainer.h"
#include "training_run.h"
#include "version.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace nsynth::app {
namespace {

QJsonObject jsonObject(const std::map<std::string, std::string>& metadata, const char* key)
{
    const auto it = metadata.find(key);
    return it == metadata.end() ? QJsonObject() : QJsonDocument::fromJson(QByteArray::fromStdString(it->second)).object();
}

} // namespace

static int runExport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Export a training checkpoint as a model file (safetensors, Magenta's tensor names) with a model card in its "
        "metadata (nsynth.model_card: data, sizes, steps, training time, losses, and with --evaluate measured "
        "quality: teacher-forced loss and pitch accuracy of reconstructions on held-out and training notes). "
        "See docs/training.md.");
    addCommonOptions(parser);
    parser.addPositionalArgument("checkpoint", "A run folder (its latest checkpoint) or a checkpoint file.", "RUN|CKPT");
    parser.addOption({{"o", "output"}, "Output model file (.safetensors).", "file"});
    parser.addOption({"weights", "Which weights: ema (the moving average) or raw.", "ema|raw", "ema"});
    parser.addOption({"name", "Model name for the card.", "text"});
    parser.addOption({"description", "One-paragraph description for the card.", "text"});
    parser.addOption({"credits", "Text file with the data's attribution, stored in the card and as nsynth.credits.",
                      "file"});
    parser.addOption({"evaluate", "Measure the model on the run's data (reloaded as run.json records it)."});
    parser.addOption({"eval-max-notes", "Notes per set to evaluate, evenly spaced (0 = all).", "n", "0"});
    parser.addOption({"eval-samples", "Samples per note to score and generate (0 = whole notes).", "n", "0"});
    parser.addOption({"eval-seed", "Seed of the reconstructions.", "n", "0"});
    parser.addOption({"eval-batch-size", "Notes generated together.", "n", "32"});
    parser.addOption({"eval-report", "Also write the evaluation with per-note results (JSON).", "file"});
    parser.addOption({"card", "Also write the model card as a JSON file.", "file"});
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (parser.positionalArguments().size() != 1)
        throw UsageError("give one run folder or checkpoint file");
    if (!parser.isSet("output"))
        throw UsageError("an output file is needed (-o model.safetensors)");
    const QString weights = parser.value("weights");
    if (weights != "ema" && weights != "raw")
        throw UsageError("--weights must be ema or raw");
    const bool ema = weights == "ema";
    QElapsedTimer timer;
    timer.start();

    QString checkpoint = parser.positionalArguments().first();
    if (QFileInfo(checkpoint).isDir()) {
        const QString latest = latestCheckpoint(checkpoint);
        if (latest.isEmpty())
            throw Error(checkpoint.toStdString() + ": no checkpoints in this run folder");
        checkpoint = latest;
    }
    const CheckpointInfo ckpt = readCheckpointInfo(checkpoint.toStdString());
    Model model = modelFromCheckpoint(checkpoint.toStdString(), ema);
    const QJsonObject run = jsonObject(ckpt.metadata, "nsynth.run");
    const QJsonObject history = jsonObject(ckpt.metadata, "nsynth.history");
    const QJsonObject dataSummary = jsonObject(ckpt.metadata, "nsynth.data_summary");
    const auto& c = model.config;

    QJsonObject card;
    card["name"] = parser.isSet("name") ? parser.value("name") : QFileInfo(parser.value("output")).completeBaseName();
    if (parser.isSet("description"))
        card["description"] = parser.value("description");
    card["trained_with"] = QString("nsynth train, NSynth Workbench %1 (LibTorch, the NSynthModule the float64 "
                                   "reference uses)")
                               .arg(QString::fromStdString(ckpt.metadata.count("nsynth.workbench_version")
                                                               ? ckpt.metadata.at("nsynth.workbench_version")
                                                               : std::string("?")));
    card["exported"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    card["exported_with"] = QString("nsynth export %1").arg(kVersion);
    card["weights"] = ema ? "ema (exponential moving average of the weights)" : "raw";
    card["architecture"] = QJsonObject{
        {"preset", QString::fromStdString(c.presetName())},
        {"config", QJsonDocument::fromJson(QByteArray::fromStdString(c.toJson())).object()},
        {"parameters", qint64(c.encoderParameterCount() + c.decoderParameterCount())},
        {"receptive_field_samples", qint64(c.decoderReceptiveField())},
        {"decoder_macs_per_sample", qint64(c.decoderMacsPerSample())},
        {"pitch_conditioned", c.pitch.enabled}};
    QJsonObject data = dataSummary;
    if (run.contains("data"))
        data["spec"] = run.value("data");
    card["data"] = data;
    const QJsonObject options = QJsonDocument::fromJson(QByteArray::fromStdString(ckpt.options.toJson())).object();
    QJsonObject training{{"steps", qint64(ckpt.step)},
                         {"options", options},
                         {"crop_samples", run.value("crop_samples")},
                         {"init", run.value("init")},
                         {"wall_time_s", history.value("elapsed_s")},
                         {"command", run.value("arguments")}};
    const QJsonArray trainCurve = history.value("train").toArray(), validCurve = history.value("valid").toArray();
    if (!trainCurve.isEmpty())
        training["final_train_loss"] = trainCurve.last().toArray().at(1);
    if (!validCurve.isEmpty()) {
        training["final_valid_loss_raw"] = validCurve.last().toArray().at(1);
        training["final_valid_loss_ema"] = validCurve.last().toArray().at(2);
        training["valid_loss_measured_on"] = QString("%1 evenly spaced crops of %2 samples per held-out note")
                                                 .arg(ckpt.options.validationCropsPerNote)
                                                 .arg(run.value("crop_samples").toInteger());
    }
    card["training"] = training;

    std::string credits;
    if (parser.isSet("credits")) {
        credits = readFileBytes(parser.value("credits").toStdString());
        card["credits"] = QString::fromStdString(credits);
    }

    QJsonObject report;
    if (parser.isSet("evaluate")) {
        if (!run.contains("data"))
            throw Error(checkpoint.toStdString() + ": the checkpoint does not record its data; cannot evaluate");
        const DataSpec spec = DataSpec::fromJson(run.value("data").toObject());
        const LoadedData loaded = loadTrainingData(spec, ckpt.options.seed, [](const QString& s) { info(s); }, &cancelFlag());
        EvaluationOptions eo;
        eo.maxNotes = parseIntOption(parser, "eval-max-notes", 0, 1 << 30);
        eo.samples = parseIntOption(parser, "eval-samples", 0, 1 << 30);
        eo.seed = uint64_t(parser.value("eval-seed").toULongLong());
        eo.batchSize = parseIntOption(parser, "eval-batch-size", 1, 4096);
        if (c.pitch.enabled)
            info("evaluating with each note's labelled pitch as the decoder's pitch input");
        QJsonObject metrics;
        auto measure = [&](const std::vector<TrainingNote>& notes, const char* which) {
            if (notes.empty())
                return QJsonObject();
            const int64_t count = eo.maxNotes > 0 ? std::min<int64_t>(eo.maxNotes, int64_t(notes.size()))
                                                  : int64_t(notes.size());
            const int64_t len = eo.samples > 0 ? std::min<int64_t>(eo.samples, notes.front().samples())
                                               : notes.front().samples();
            ProgressReporter reporter(QString("evaluate %1").arg(which), "samples", count * len, common.progress);
            const auto e = evaluateModel(model, notes, eo, [&](int64_t d, int64_t) { reporter.update(d); },
                                         &cancelFlag());
            reporter.finish();
            info(QString("%1: %2 notes, teacher-forced loss %3 nats/sample, pitch within 50 cents on %4 of %5 notes "
                         "with a clear pitch (%6%)")
                     .arg(which)
                     .arg(e.notes)
                     .arg(e.teacherForcedLoss, 0, 'f', 4)
                     .arg(e.correct)
                     .arg(e.clear)
                     .arg(100.0 * e.pitchShare(), 0, 'f', 1));
            report[which] = e.toJson(true);
            return e.toJson(false);
        };
        metrics["held_out"] = measure(loaded.valid, "held_out");
        metrics["train"] = measure(loaded.train, "train");
        metrics["method"] =
            QString("teacher-forced loss: mean NLL (nats/sample) over whole notes (or the first --eval-samples), "
                    "conditioned on each note's own embedding; pitch: each note reconstructed (encode, then sample at "
                    "temperature 1, seed %1%2) and its pitch detected with YIN (audio::estimatePitch); a note counts "
                    "when its source is voiced with confidence >= 0.5, and is correct when the reconstruction's "
                    "pitch is within 50 cents of the source's")
                .arg(eo.seed)
                .arg(c.pitch.enabled ? ", decoder given the labelled pitch" : "");
        metrics["measured"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        metrics["notes_per_set_limit"] = qint64(eo.maxNotes);
        card["metrics"] = metrics;
    }

    const QString cardText = QString::fromUtf8(QJsonDocument(card).toJson(QJsonDocument::Compact));
    model.metadata["nsynth.model_card"] = cardText.toStdString();
    if (!credits.empty())
        model.metadata["nsynth.credits"] = credits;
    const QString out = parser.value("output");
    saveModel(out.toStdString(), model);
    if (parser.isSet("card"))
        writeFileAtomically(parser.value("card").toStdString(), QJsonDocument(card).toJson(QJsonDocument::Indented).toStdString());
    if (parser.isSet("eval-report"))
        writeFileAtomically(parser.value("eval-report").toStdString(),
                            QJsonDocument(report).toJson(QJsonDocument::Indented).toStdString());

    const double seconds = double(timer.elapsed()) / 1000.0;
    if (common.json)
        printJson(QJsonObject{{"command", "export"},
                              {"output", QFileInfo(out).absoluteFilePath()},
                              {"checkpoint", QFileInfo(checkpoint).absoluteFilePath()},
                              {"step", qint64(ckpt.step)},
                              {"weights", weights},
                              {"bytes", QFileInfo(out).size()},
                              {"model_card", card},
                              {"seconds", seconds}});
    else
        info(QString("export: wrote %1 (%2 weights of step %3, %4 bytes) in %5")
                 .arg(out, weights)
                 .arg(ckpt.step)
                 .arg(QFileInfo(out).size())
                 .arg(ProgressReporter::formatDuration(seconds)));
    return 0;
}

static const CommandRegistration kExportRegistration{
    "export", "write a model file from a training checkpoint, with a model card (and measured quality)", runExport, 110};

} // namespace nsynth::app
