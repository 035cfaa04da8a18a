#pragma once
// A grid job on disk (docs/grid.md, "The job folder"):
//
//   JOB/job.json                       the resolved settings: grid, generation, post-processing,
//                                      model (path, weights sha256, config), corner notes (path,
//                                      sha256), note length; written once by `plan`
//   JOB/plan.json                      counts, batches, shards, estimate, fingerprint, and every
//                                      unique note (identity, pitch, weights, batch)
//   JOB/embeddings/<inst>_<pitch>.npy  corner embeddings [frames, 16] float32, encoded once by
//                                      `plan` so every shard blends the same numbers
//   JOB/raw/<identity>.wav             generated notes, 32-bit float WAV, frames * hop samples,
//                                      each written atomically: present means finished
//   JOB/logs/run-*.json                one summary per `run` (shard, notes, seconds, speed)
//
// The plan itself is recomputed from job.json whenever a job is opened (planning the full ONS set
// takes well under a second), and its fingerprint is checked against plan.json's, so a job can
// only be resumed with the plan it was started with.

#include "grid.h"
#include "grid_schedule.h"
#include "grid_settings.h"
#include "npy.h"
#include "progress.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace nsynth {
struct Model;
}

namespace nsynth::app {

// sha256 (hex) of a model's config and every tensor (name, shape, float32 values): the same for a
// model file and a checkpoint holding the same numbers.
QString weightsSha256(const Model& model);

struct GridPlanRequest {
    GridSettings settings;  // absolute paths; settings.model set
    QString folder;         // the job folder (unused for a dry run)
    bool dryRun = false;    // validate, plan and estimate; write nothing
    bool measure = true;    // measure this machine's decoder speed for the estimate
    ProgressStyle progress = ProgressStyle::None;
    QStringList arguments;  // recorded in job.json
    std::function<Model(const QString& path, const QString& weights)> loadModel;
    std::function<void(const QString&)> notice;
    const std::atomic<bool>* cancel = nullptr;
};

// Validates the settings, the model and every corner note, reporting all problems at once
// (GridProblems); then, unless a dry run, creates the job folder (or completes one planned with
// identical settings), encodes the corner notes and writes job.json and plan.json. Returns the
// summary (plan.json without the note list, plus "job", "created" or "already_planned").
QJsonObject planGridJob(const GridPlanRequest& request);

class GridJob {
public:
    // Throws Error when the folder is not a planned job or its files disagree.
    static GridJob open(const QString& folder);

    const QString& folder() const { return m_folder; }
    const GridSettings& settings() const { return m_settings; }
    const GridPlan& plan() const { return m_plan; }
    const QJsonObject& jobJson() const { return m_job; }
    const QJsonObject& planJson() const { return m_planJson; }
    GridSchedule schedule() const { return GridSchedule(int64_t(m_plan.notes.size()), m_settings.batchSize); }
    QString fingerprint() const { return m_fingerprint; }

    int64_t frames() const { return m_frames; }
    int hop() const { return m_hop; }
    int channels() const { return m_channels; }
    int sampleRate() const { return m_sampleRate; }
    int64_t samplesPerNote() const { return m_frames * m_hop; }
    QString modelPath() const;
    QString modelWeightsSha256() const;

    QString rawFolder() const { return m_folder + "/raw"; }
    QString rawPath(int64_t note) const;
    QString embeddingPath(int instrument, int pitchIndex) const;

    // 1 for every note whose raw file exists (one listing of raw/).
    std::vector<uint8_t> finishedNotes() const;
    // Temporaries left by interrupted writes in raw/ (".<name>.part-<pid>-<n>").
    int64_t temporaryFiles() const;

    // Corner embeddings [instrument][pitch index], read from embeddings/ and checked.
    std::vector<std::vector<Embedding>> loadCornerEmbeddings() const;
    // The note's target embedding (grid.h blendEmbeddings).
    Embedding blendedEmbedding(int64_t note, const std::vector<std::vector<Embedding>>& corners) const;

private:
    QString m_folder;
    QJsonObject m_job, m_planJson;
    GridSettings m_settings;
    GridPlan m_plan;
    QString m_fingerprint;
    int64_t m_frames = 0;
    int m_hop = 512, m_channels = 16, m_sampleRate = 16000;
};

// The plan's fingerprint: sha256 over the batch size and every unique identity in order.
QString planFingerprint(const GridPlan& plan, int batchSize);

// Per-note JSON (plan.json; manifests use part of it): identity, pitch, weights {instrument:
// rounded}, corners [4 names] and corner_weights [4 exact] of the blend, first [combination index
// (into plan.json's "combinations"), row, column] where it first occurs, batch.
QJsonObject gridNoteJson(const GridPlan& plan, int64_t note, int batchSize);

} // namespace nsynth::app
