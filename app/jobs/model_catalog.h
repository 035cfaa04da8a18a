#pragma once
// The model manager's list (no widgets): the models a user works with — the default model, model
// files trained with the project's trainer (`nsynth train` + `nsynth export`), and Magenta's
// TensorFlow checkpoints imported from any of their paths (docs/checkpoints.md) — each with its
// summary: parameters, receptive field, cost per sample and the speed measured on this machine.
//
// The list lives in one JSON file in the user's configuration folder (beside the cluster
// profiles), written atomically:
//   <GenericConfigLocation>/nsynth-workbench/models.json   (NSYNTH_MODEL_CATALOG overrides)
//   {"format": "nsynth-model-catalog", "version": 1,
//    "models": [{"path": ..., "weights": "raw"}],
//    "summaries": [{...ModelSummary::toJson()...}]}
// Summaries (of the listed models and of the default model) are kept with the files' sizes and
// modification times, and measured again when a file changes.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <cstdint>

namespace nsynth::app {

struct ModelSummary {
    QString path;
    QString weights = QStringLiteral("raw");
    QString kind;           // "file" | "trained" | "converted" | "checkpoint"
    QString name;           // the model card's name, else the file name
    QString description;    // the model card's description, or where a conversion came from
    QString preset;         // "magenta-h512-bo16", "tiny", ..., "custom"
    int64_t encoderParameters = 0, decoderParameters = 0;
    int64_t receptiveFieldSamples = 0;
    double receptiveFieldMs = 0;
    int64_t decoderMacsPerSample = 0, decoderWeightBytesPerStep = 0, encoderMacsPerSample = 0;
    int sampleRate = 0, hopLength = 0, bottleneckWidth = 0;
    bool pitchConditioned = false;
    QString fileStamp;      // size and modification time of what was summarised
    // Speed here (measured = false when skipped).
    bool measured = false;
    double decoderBatch1 = 0, decoderBatch16 = 0;  // samples per second
    double encoderRealTime = 0;                    // seconds of audio per second
    int threads = 0;
    QDateTime measuredAt;

    int64_t parameters() const { return encoderParameters + decoderParameters; }
    QJsonObject toJson() const;
    static ModelSummary fromJson(const QJsonObject& o);
    // The lines the model manager shows (translated).
    QStringList describe() const;
};

// Loads the model (any path model/model_source.h accepts) and summarises it; with measure, also
// times the decoder at batch 1 and 16 and the encoder (a few seconds for the full-size model).
// Throws Error naming the model and the problem; Cancelled when *cancel becomes true.
ModelSummary summarizeModel(const QString& path, const QString& weights, bool measure,
                            const std::atomic<bool>* cancel = nullptr);

// The size and modification time of a model file or of a checkpoint's files.
QString modelFileStamp(const QString& path);

struct ModelEntry {
    QString path;
    QString weights = QStringLiteral("raw");
    bool hasSummary = false;
    ModelSummary summary;
    bool summaryCurrent() const;  // summarised from the files as they are now
};

class ModelCatalog {
public:
    explicit ModelCatalog(QString file = defaultPath());
    static QString defaultPath();
    const QString& file() const { return m_file; }

    // Throws Error naming the file when it exists but cannot be read.
    QList<ModelEntry> load() const;
    // The stored summary of any model (listed or not); false when there is none.
    bool summaryFor(const QString& path, const QString& weights, ModelSummary* summary) const;
    // Adds (or, for the same path and weights, keeps) an entry; throws Error when it cannot save.
    void add(const QString& path, const QString& weights);
    // The path a model is listed under: a checkpoint given by any of its paths (its folder, the
    // .index/.meta file, a data shard, the prefix) once, under its prefix; a model file under
    // its absolute path. Throws Error (one line naming what is missing) for a checkpoint path
    // that does not resolve.
    static QString listedPath(const QString& path);
    void remove(const QString& path, const QString& weights);
    void setSummary(const ModelSummary& summary);

private:
    struct Contents {
        QList<ModelEntry> entries;
        QList<ModelSummary> summaries;
    };
    Contents read() const;
    void save(const Contents& contents) const;
    QString m_file;
};

} // namespace nsynth::app
