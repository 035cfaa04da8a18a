#include "model_catalog.h"

#include "atomic_file.h"
#include "error.h"
#include "fast_encoder.h"
#include "gemm.h"
#include "grid_estimate.h"
#include "model_file.h"
#include "model_source.h"
#include "random.h"
#include "tf_checkpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <chrono>

namespace nsynth::app {

namespace {

// The translation context of this file's texts: its functions are no QObject's, and lupdate
// files a plain tr() in a namespace under the namespace, where the program would not look.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ModelCatalog)
};

void checkCancel(const std::atomic<bool>* cancel)
{
    if (cancel && cancel->load())
        throw Cancelled();
}

QString thousands(int64_t n)
{
    return QLocale().toString(qlonglong(n));
}

} // namespace

QJsonObject ModelSummary::toJson() const
{
    return QJsonObject{{"path", path},
                       {"weights", weights},
                       {"kind", kind},
                       {"name", name},
                       {"description", description},
                       {"preset", preset},
                       {"encoder_parameters", qint64(encoderParameters)},
                       {"decoder_parameters", qint64(decoderParameters)},
                       {"receptive_field_samples", qint64(receptiveFieldSamples)},
                       {"receptive_field_ms", receptiveFieldMs},
                       {"decoder_macs_per_sample", qint64(decoderMacsPerSample)},
                       {"decoder_weight_bytes_per_step", qint64(decoderWeightBytesPerStep)},
                       {"encoder_macs_per_sample", qint64(encoderMacsPerSample)},
                       {"sample_rate", sampleRate},
                       {"hop_length", hopLength},
                       {"bottleneck_width", bottleneckWidth},
                       {"pitch_conditioned", pitchConditioned},
                       {"file_stamp", fileStamp},
                       {"measured", measured},
                       {"decoder_samples_per_s_batch1", decoderBatch1},
                       {"decoder_samples_per_s_batch16", decoderBatch16},
                       {"encoder_x_real_time", encoderRealTime},
                       {"threads", threads},
                       {"measured_at", measuredAt.isValid() ? measuredAt.toUTC().toString(Qt::ISODate) : QString()}};
}

ModelSummary ModelSummary::fromJson(const QJsonObject& o)
{
    ModelSummary s;
    s.path = o.value("path").toString();
    s.weights = o.value("weights").toString(QStringLiteral("raw"));
    s.kind = o.value("kind").toString();
    s.name = o.value("name").toString();
    s.description = o.value("description").toString();
    s.preset = o.value("preset").toString();
    s.encoderParameters = o.value("encoder_parameters").toInteger();
    s.decoderParameters = o.value("decoder_parameters").toInteger();
    s.receptiveFieldSamples = o.value("receptive_field_samples").toInteger();
    s.receptiveFieldMs = o.value("receptive_field_ms").toDouble();
    s.decoderMacsPerSample = o.value("decoder_macs_per_sample").toInteger();
    s.decoderWeightBytesPerStep = o.value("decoder_weight_bytes_per_step").toInteger();
    s.encoderMacsPerSample = o.value("encoder_macs_per_sample").toInteger();
    s.sampleRate = o.value("sample_rate").toInt();
    s.hopLength = o.value("hop_length").toInt();
    s.bottleneckWidth = o.value("bottleneck_width").toInt();
    s.pitchConditioned = o.value("pitch_conditioned").toBool();
    s.fileStamp = o.value("file_stamp").toString();
    s.measured = o.value("measured").toBool();
    s.decoderBatch1 = o.value("decoder_samples_per_s_batch1").toDouble();
    s.decoderBatch16 = o.value("decoder_samples_per_s_batch16").toDouble();
    s.encoderRealTime = o.value("encoder_x_real_time").toDouble();
    s.threads = o.value("threads").toInt();
    s.measuredAt = QDateTime::fromString(o.value("measured_at").toString(), Qt::ISODate);
    return s;
}

QStringList ModelSummary::describe() const
{
    QStringList out;
    QString kindText;
    if (kind == QLatin1String("trained"))
        kindText = Tr::tr("trained with this project's trainer");
    else if (kind == QLatin1String("checkpoint"))
        kindText = Tr::tr("TensorFlow checkpoint (%1 weights), converted when loaded").arg(weights);
    else if (kind == QLatin1String("converted"))
        kindText = Tr::tr("converted from a TensorFlow checkpoint");
    else
        kindText = Tr::tr("model file");
    out << Tr::tr("Kind: %1").arg(kindText);
    if (!description.isEmpty())
        out << Tr::tr("About: %1").arg(description);
    out << Tr::tr("Architecture: %1%2; %3 Hz, an embedding of %4 values every %5 samples")
               .arg(preset, pitchConditioned ? Tr::tr(", pitch-conditioned") : QString())
               .arg(sampleRate)
               .arg(bottleneckWidth)
               .arg(hopLength);
    out << Tr::tr("Parameters: %1 (encoder %2, decoder %3)")
               .arg(thousands(parameters()), thousands(encoderParameters), thousands(decoderParameters));
    out << Tr::tr("Receptive field: %1 samples (%2 ms)")
               .arg(thousands(receptiveFieldSamples))
               .arg(receptiveFieldMs, 0, 'f', 1);
    out << Tr::tr("Cost per generated sample: %1 M multiply-adds, %2 MB of weights read per step")
               .arg(double(decoderMacsPerSample) / 1e6, 0, 'f', 2)
               .arg(double(decoderWeightBytesPerStep) / 1e6, 0, 'f', 1);
    if (measured) {
        out << Tr::tr("Speed here: decoder %1 samples/s at batch 1, %2 samples/s at batch 16; encoder %3x real "
                      "time (%4 threads, measured %5)")
                   .arg(decoderBatch1, 0, 'f', 0)
                   .arg(decoderBatch16, 0, 'f', 0)
                   .arg(encoderRealTime, 0, 'f', 1)
                   .arg(threads)
                   .arg(QLocale().toString(measuredAt.toLocalTime(), QLocale::ShortFormat));
        if (decoderBatch16 > 0 && sampleRate > 0)
            out << Tr::tr("A 4-second note takes %1 in a batch of 16.")
                       .arg(formatEstimate(4.0 * sampleRate / (decoderBatch16 / 16.0)));
    } else {
        out << Tr::tr("Speed here: not measured yet.");
    }
    return out;
}

QString modelFileStamp(const QString& path)
{
    QStringList files;
    if (isTfCheckpointPath(path.toStdString())) {
        try {
            const TfCheckpointPaths p = resolveTfCheckpoint(path.toStdString());
            const QFileInfo prefix(QString::fromStdString(p.prefix));
            for (const QString& f : prefix.dir().entryList({prefix.fileName() + QStringLiteral(".*")}, QDir::Files))
                files << prefix.dir().filePath(f);
        } catch (const Error&) {
            files << path;
        }
    } else {
        files << path;
    }
    QStringList parts;
    for (const QString& f : files) {
        const QFileInfo fi(f);
        parts << QStringLiteral("%1:%2:%3").arg(fi.fileName()).arg(fi.size()).arg(fi.lastModified().toMSecsSinceEpoch());
    }
    return parts.join(QLatin1Char(';'));
}

ModelSummary summarizeModel(const QString& path, const QString& weights, bool measure, const std::atomic<bool>* cancel)
{
    ModelLoadOptions options;
    options.weights = weights == QLatin1String("ema") ? ModelLoadOptions::Weights::Ema : ModelLoadOptions::Weights::Raw;
    const Model model = loadModelFromPath(path.toStdString(), options);
    checkCancel(cancel);
    const ModelConfig& c = model.config;
    ModelSummary s;
    s.path = path;
    s.weights = weights;
    s.fileStamp = modelFileStamp(path);
    const auto meta = [&](const char* key) {
        const auto it = model.metadata.find(key);
        return it == model.metadata.end() ? QString() : QString::fromStdString(it->second);
    };
    s.name = QFileInfo(path).fileName();
    if (isTfCheckpointPath(path.toStdString())) {
        s.kind = QStringLiteral("checkpoint");
        s.description = QString::fromStdString(resolveTfCheckpoint(path.toStdString()).prefix);
    } else if (!meta("nsynth.model_card").isEmpty()) {
        s.kind = QStringLiteral("trained");
        const QJsonObject card = QJsonDocument::fromJson(meta("nsynth.model_card").toUtf8()).object();
        if (!card.value("name").toString().isEmpty())
            s.name = card.value("name").toString();
        s.description = card.value("description").toString();
    } else if (!meta("nsynth.source").isEmpty()) {
        s.kind = QStringLiteral("converted");
        s.description = meta("nsynth.source");
    } else {
        s.kind = QStringLiteral("file");
    }
    s.preset = QString::fromStdString(c.presetName());
    s.encoderParameters = c.encoderParameterCount();
    s.decoderParameters = c.decoderParameterCount();
    s.receptiveFieldSamples = c.decoderReceptiveField();
    s.receptiveFieldMs = 1000.0 * double(c.decoderReceptiveField()) / c.sampleRate;
    s.decoderMacsPerSample = c.decoderMacsPerSample();
    s.decoderWeightBytesPerStep = c.decoderWeightBytesPerStep();
    s.encoderMacsPerSample = c.encoderMacsPerSample();
    s.sampleRate = c.sampleRate;
    s.hopLength = c.hopLength;
    s.bottleneckWidth = c.bottleneckWidth;
    s.pitchConditioned = c.pitch.enabled;
    if (!measure)
        return s;
    s.decoderBatch1 = measureGridDecoderSpeed(model, 1).decoderSamplesPerSecond;
    checkCancel(cancel);
    s.decoderBatch16 = measureGridDecoderSpeed(model, 16).decoderSamplesPerSecond;
    checkCancel(cancel);
    // The encoder on 4 s of noise, after one warm-up pass.
    const int64_t samples = 4 * int64_t(c.sampleRate) / c.hopLength * c.hopLength;
    std::vector<float> noise(static_cast<size_t>(samples));
    SplitMix64 rng(1);
    for (float& v : noise)
        v = rng.uniform(-0.5f, 0.5f);
    FastEncoder encoder(model);
    encoder.encode({noise.data()}, samples, {}, cancel);
    const auto t0 = std::chrono::steady_clock::now();
    encoder.encode({noise.data()}, samples, {}, cancel);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    s.encoderRealTime = seconds > 0 ? double(samples) / c.sampleRate / seconds : 0.0;
    s.threads = computeThreads();
    s.measured = true;
    s.measuredAt = QDateTime::currentDateTimeUtc();
    return s;
}

bool ModelEntry::summaryCurrent() const
{
    return hasSummary && summary.fileStamp == modelFileStamp(path);
}

ModelCatalog::ModelCatalog(QString file) : m_file(std::move(file)) {}

QString ModelCatalog::defaultPath()
{
    const QByteArray env = qgetenv("NSYNTH_MODEL_CATALOG");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/nsynth-workbench/models.json");
}

ModelCatalog::Contents ModelCatalog::read() const
{
    Contents c;
    QFile f(m_file);
    if (!f.exists())
        return c;
    if (!f.open(QIODevice::ReadOnly))
        throw Error((m_file + ": cannot read: " + f.errorString()).toStdString());
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() ||
        doc.object().value("format").toString() != QLatin1String("nsynth-model-catalog"))
        throw Error((m_file + ": not a model list (format nsynth-model-catalog)").toStdString());
    for (const auto& v : doc.object().value("models").toArray()) {
        const QJsonObject o = v.toObject();
        ModelEntry e;
        e.path = o.value("path").toString();
        e.weights = o.value("weights").toString(QStringLiteral("raw"));
        if (!e.path.isEmpty())
            c.entries << e;
    }
    for (const auto& v : doc.object().value("summaries").toArray()) {
        const ModelSummary s = ModelSummary::fromJson(v.toObject());
        if (!s.path.isEmpty())
            c.summaries << s;
    }
    return c;
}

QList<ModelEntry> ModelCatalog::load() const
{
    const Contents c = read();
    QList<ModelEntry> out = c.entries;
    for (ModelEntry& e : out)
        for (const ModelSummary& s : c.summaries)
            if (s.path == e.path && s.weights == e.weights) {
                e.hasSummary = true;
                e.summary = s;
            }
    return out;
}

bool ModelCatalog::summaryFor(const QString& path, const QString& weights, ModelSummary* summary) const
{
    for (const ModelSummary& s : read().summaries)
        if (s.path == path && s.weights == weights) {
            *summary = s;
            return true;
        }
    return false;
}

void ModelCatalog::save(const Contents& c) const
{
    QJsonArray models, summaries;
    for (const ModelEntry& e : c.entries)
        models.append(QJsonObject{{"path", e.path}, {"weights", e.weights}});
    for (const ModelSummary& s : c.summaries)
        summaries.append(s.toJson());
    const QJsonObject root{
        {"format", "nsynth-model-catalog"}, {"version", 1}, {"models", models}, {"summaries", summaries}};
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    writeFileAtomically(m_file.toStdString(), QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString());
}

void ModelCatalog::add(const QString& path, const QString& weights)
{
    Contents c = read();
    for (const ModelEntry& e : c.entries)
        if (e.path == path && e.weights == weights)
            return;
    ModelEntry e;
    e.path = path;
    e.weights = weights;
    c.entries << e;
    save(c);
}

QString ModelCatalog::listedPath(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!isTfCheckpointPath(absolute.toStdString()))
        return absolute;
    return QFileInfo(QString::fromStdString(resolveTfCheckpoint(absolute.toStdString()).prefix)).absoluteFilePath();
}

void ModelCatalog::remove(const QString& path, const QString& weights)
{
    Contents c = read();
    c.entries.erase(std::remove_if(c.entries.begin(), c.entries.end(),
                                   [&](const ModelEntry& e) { return e.path == path && e.weights == weights; }),
                    c.entries.end());
    c.summaries.erase(std::remove_if(c.summaries.begin(), c.summaries.end(),
                                     [&](const ModelSummary& s) { return s.path == path && s.weights == weights; }),
                      c.summaries.end());
    save(c);
}

void ModelCatalog::setSummary(const ModelSummary& summary)
{
    Contents c = read();
    c.summaries.erase(std::remove_if(c.summaries.begin(), c.summaries.end(),
                                     [&](const ModelSummary& s) {
                                         return s.path == summary.path && s.weights == summary.weights;
                                     }),
                      c.summaries.end());
    c.summaries << summary;
    save(c);
}

} // namespace nsynth::app
