#pragma once
// What the grid preview plays, read from a grid job folder (docs/grid.md, "The job folder"):
// the cells of one corner combination as final notes — every raw note post-processed exactly as
// the export does (audio/ons_postprocess.h, the job's options), so the preview sounds like the
// banks the device will get — and the corners' source notes, for comparison.
//
// Notes are read on demand (a cell's pitches when the cell is touched: a few milliseconds each)
// and kept in a bounded cache; notes the job has not generated yet are reported as missing and
// play as silence.

#include "grid_job.h"
#include "preview_synth.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <list>
#include <memory>
#include <vector>

namespace nsynth::app {

class GridPreviewSource {
public:
    // Opens a planned job; throws Error naming the folder and the problem.
    explicit GridPreviewSource(const QString& jobFolder);

    const GridJob& job() const { return m_job; }
    QString folder() const { return m_job.folder(); }
    int resolution() const { return m_job.plan().spec.resolution; }
    const std::vector<int>& pitches() const { return m_job.plan().spec.pitches; }
    int sampleRate() const { return m_job.sampleRate(); }

    // The instruments of each corner (top-left, top-right, bottom-left, bottom-right), in the
    // job's order.
    std::array<QStringList, 4> cornerInstruments() const;
    // The bank with these instruments in the corners (indices into cornerInstruments()), or -1.
    int combination(const std::array<int, 4>& choice) const;
    QString combinationName(int combination) const;

    // Re-reads which notes exist in raw/ (a job still running adds notes).
    void refresh();
    int64_t notes() const { return int64_t(m_job.plan().notes.size()); }
    int64_t notesDone() const { return m_notesDone; }
    bool isGenerated(int combination, int cell, int pitchIndex) const;
    int generatedPitches(int combination, int cell) const;  // of the cell's pitches

    // The cell's final notes, one per pitch of the job (invalid where not generated yet).
    // Throws Error when a generated note cannot be read.
    std::vector<SynthSample> cellSamples(int combination, int cell);
    // A corner instrument's source note at a pitch index: the job's corner note, mono at the
    // job's rate; invalid when the corner was given as an embedding. Throws Error when the file
    // cannot be read.
    SynthSample sourceSample(const QString& instrument, int pitchIndex);
    QString sourcePath(const QString& instrument, int pitchIndex) const;

private:
    std::shared_ptr<const std::vector<float>> finalNote(int64_t note);

    GridJob m_job;
    std::vector<uint8_t> m_finished;
    int64_t m_notesDone = 0;
    // Final notes by note index, least recently used first.
    QHash<int64_t, std::shared_ptr<const std::vector<float>>> m_cache;
    std::list<int64_t> m_lru;
    size_t m_cacheLimit = 512;  // 512 x 60000 floats = 123 MB at most
    QHash<QString, std::shared_ptr<const std::vector<float>>> m_sources;
};

} // namespace nsynth::app
