// nsynth convert, and `nsynth info` for TensorFlow checkpoints (called from cmd_model.cpp)

#include "cli_common.h"
#include "commands.h"
#include "error.h"
#include "tf_checkpoint.h"
#include "tf_nsynth_import.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <map>
#include <set>

namespace nsynth::app {

int runCheckpointInfo(const QString& path, bool json);

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QJsonArray shapeJson(const Shape& shape)
{
    QJsonArray a;
    for (int64_t d : shape)
        a.append(qint64(d));
    return a;
}

QString megabytes(double bytes) { return QString::number(bytes / 1e6, 'f', 1) + " MB"; }

// "374 EMA shadows, 746 optimizer slots, 3 training state" for the tensors not kept.
QString ignoredBreakdown(const TfCheckpoint& ckpt, const NSynthImportPlan& plan)
{
    const auto summary = summarizeTfCheckpoint(ckpt);
    std::set<const TfTensorEntry*> kept;
    for (const auto& item : plan.items)
        kept.insert(item.entry);
    std::map<std::string, int> counts;
    for (size_t i = 0; i < ckpt.entries().size(); ++i) {
        if (kept.count(&ckpt.entries()[i]))
            continue;
        std::string role = checkpointTensorRoleName(summary.roles[i]);
        if (summary.roles[i] == CheckpointTensorRole::Weight)
            role = "raw values";
        else if (summary.roles[i] == CheckpointTensorRole::EmaShadow)
            role = "EMA shadows";
        else if (summary.roles[i] == CheckpointTensorRole::OptimizerSlot)
            role = "optimizer slots";
        counts[role]++;
    }
    QStringList parts;
    for (const auto& [role, n] : counts)
        parts << QString("%1 %2").arg(n).arg(q(role));
    return parts.join(", ");
}

} // namespace

// The checkpoint's files, what it is, and every tensor with its dtype, shape and role.
int runCheckpointInfo(const QString& path, bool json)
{
    const TfCheckpoint ckpt(path.toStdString());
    const auto summary = summarizeTfCheckpoint(ckpt);
    const auto& entries = ckpt.entries();

    QJsonObject o;
    o["checkpoint"] = QFileInfo(q(ckpt.prefix())).absoluteFilePath();
    o["index"] = QFileInfo(q(ckpt.paths().index)).absoluteFilePath();
    QJsonArray data;
    qint64 dataBytes = 0;
    for (const auto& f : ckpt.dataFiles()) {
        data.append(QFileInfo(q(f)).absoluteFilePath());
        dataBytes += QFileInfo(q(f)).size();
    }
    o["data_files"] = data;
    if (!ckpt.paths().meta.empty())
        o["meta"] = QFileInfo(q(ckpt.paths().meta)).absoluteFilePath();
    o["format_version"] = ckpt.formatVersion();
    o["byte_order"] = ckpt.bigEndian() ? "big-endian" : "little-endian";
    o["nsynth"] = summary.isNSynth;
    o["variant"] = q(summary.description);
    if (summary.plan) {
        const auto& c = summary.plan->config;
        o["preset"] = q(summary.plan->preset);
        o["config"] = QJsonDocument::fromJson(QByteArray::fromStdString(c.toJson())).object();
        o["parameters"] = qint64(c.encoderParameterCount() + c.decoderParameterCount());
        o["has_ema"] = summary.plan->hasEma;
        o["has_optimizer_slots"] = summary.plan->hasOptimizerSlots;
        if (summary.plan->globalStep)
            o["global_step"] = qint64(*summary.plan->globalStep);
    }
    QJsonArray tensors;
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        QJsonObject t{{"name", q(e.name)},
                      {"dtype", q(e.dtypeName())},
                      {"shape", shapeJson(e.shape)},
                      {"shard", e.shard},
                      {"offset", qint64(e.offset)},
                      {"bytes", qint64(e.size)}};
        if (summary.isNSynth)
            t["role"] = q(checkpointTensorRoleName(summary.roles[i]));
        if (e.partitioned)
            t["partitioned"] = true;
        tensors.append(t);
    }
    o["tensors"] = tensors;
    if (json) {
        printJson(o);
        return 0;
    }

    auto out = [](const QString& s) { std::fprintf(stdout, "%s\n", qPrintable(s)); };
    out(QString("checkpoint       %1").arg(o["checkpoint"].toString()));
    QStringList files{QFileInfo(q(ckpt.paths().index)).fileName()};
    for (const auto& f : ckpt.dataFiles())
        files << QFileInfo(q(f)).fileName();
    if (!ckpt.paths().meta.empty())
        files << QFileInfo(q(ckpt.paths().meta)).fileName();
    out(QString("files            %1 (%2 of tensor data in %3 shard%4)")
            .arg(files.join(", "), megabytes(double(dataBytes)))
            .arg(ckpt.numShards())
            .arg(ckpt.numShards() == 1 ? "" : "s"));
    out(QString("variant          %1").arg(o["variant"].toString()));
    if (summary.plan) {
        const auto& c = summary.plan->config;
        out(QString("parameters       %1 (encoder %2, decoder %3), %4 as float32")
                .arg(c.encoderParameterCount() + c.decoderParameterCount())
                .arg(c.encoderParameterCount())
                .arg(c.decoderParameterCount())
                .arg(megabytes(double(summary.plan->keptBytes))));
        out(QString("use              --model %1 [--weights raw|ema], or nsynth convert %1 -o model.safetensors")
                .arg(path));
    }
    int nameWidth = 8;
    for (const auto& e : entries)
        nameWidth = std::max(nameWidth, int(e.name.size()));
    out(QString("tensors          %1").arg(entries.size()));
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        QString line = QString("  %1  %2  %3")
                           .arg(q(e.name), -nameWidth)
                           .arg(q(e.dtypeName()), -9)
                           .arg(q(shapeToString(e.shape)), -16);
        if (summary.isNSynth)
            line += "  " + q(checkpointTensorRoleName(summary.roles[i]));
        if (e.partitioned)
            line += "  (partitioned; not readable here)";
        out(line.trimmed().prepend("  "));
    }
    return 0;
}

static int runConvert(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Convert a TensorFlow checkpoint of the NSynth WaveNet autoencoder (Magenta's "
        "wavenet-ckpt/model.ckpt-200000) into a model file. The checkpoint is named by its prefix, its "
        "folder, or its .index, .data-* or .meta file. Every command's --model also takes a checkpoint "
        "directly; converting once makes later loads faster and gives a file PyTorch/numpy users can read.");
    addCommonOptions(parser);
    parser.addOption({"weights",
                      "raw: the variables as trained (what Magenta's current tools load); ema: their "
                      "exponential moving averages (what the 2017 embeddings used).",
                      "raw|ema", "raw"});
    parser.addOption({{"o", "output"}, "Output model file (.safetensors).", "file"});
    parser.addPositionalArgument("checkpoint", "TensorFlow checkpoint: prefix, folder, .index, .data-* or .meta.",
                                 "CHECKPOINT");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw UsageError(positional.isEmpty() ? "no checkpoint given" : "give exactly one checkpoint");
    if (!parser.isSet("output"))
        throw UsageError("an output file is needed (-o model.safetensors)");
    const QString weightsText = parser.value("weights");
    if (weightsText != "raw" && weightsText != "ema")
        throw UsageError("--weights must be raw or ema");
    const CheckpointWeights weights = weightsText == "ema" ? CheckpointWeights::Ema : CheckpointWeights::Raw;
    const QString input = positional[0];
    const QString output = parser.value("output");
    if (QFileInfo(output).isDir())
        throw Error(output.toStdString() + ": is a folder; give the output file's name (-o model.safetensors)");

    QElapsedTimer timer;
    timer.start();
    const TfCheckpoint ckpt(input.toStdString());
    const NSynthImportPlan plan = planNSynthImport(ckpt, weights);
    ProgressReporter reporter("convert", "tensors", int64_t(plan.items.size()), common.progress);
    int64_t converted = 0;
    convertNSynthCheckpoint(
        ckpt, plan, output.toStdString(), [&](int64_t, int64_t) { reporter.update(++converted); }, &cancelFlag());
    reporter.finish();
    const double seconds = double(timer.elapsed()) / 1000.0;
    const QString ignored = ignoredBreakdown(ckpt, plan);

    if (common.json) {
        QJsonObject o{{"command", "convert"},
                      {"checkpoint", QFileInfo(q(ckpt.prefix())).absoluteFilePath()},
                      {"output", QFileInfo(output).absoluteFilePath()},
                      {"weights", weightsText},
                      {"preset", q(plan.preset)},
                      {"config", QJsonDocument::fromJson(QByteArray::fromStdString(plan.config.toJson())).object()},
                      {"tensors", int(plan.items.size())},
                      {"ignored_tensors", plan.ignoredTensors},
                      {"ignored", ignored},
                      {"bytes", QFileInfo(output).size()},
                      {"seconds", seconds}};
        if (plan.globalStep)
            o["global_step"] = qint64(*plan.globalStep);
        printJson(o);
    } else {
        info(QString("convert: wrote %1 (preset %2, %3 weights, %4 tensors, %5) from %6 in %7")
                 .arg(output, q(plan.preset), weightsText)
                 .arg(plan.items.size())
                 .arg(megabytes(double(QFileInfo(output).size())), q(ckpt.prefix()),
                      ProgressReporter::formatDuration(seconds)));
        if (!ignored.isEmpty())
            info(QString("convert: ignored %1 other tensors (%2)").arg(plan.ignoredTensors).arg(ignored));
    }
    return 0;
}

static const CommandRegistration kConvertRegistration{
    "convert", "TensorFlow checkpoint (Magenta's wavenet-ckpt) -> model file", runConvert, 85};

} // namespace nsynth::app
