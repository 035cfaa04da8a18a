#pragma once
// The grid designer's model (no widgets): the corners, resolution and pitches a user picks from
// the notes they have, and what follows from them before anything runs — the unique notes after
// de-duplication (model/grid.h, the same planner as `nsynth grid plan`), and every problem the
// plan would stop at (missing notes, notes of different lengths, unreadable files), in words.

#include "grid_settings.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <vector>

namespace nsynth::app {

// The notes a workspace has: instrument -> pitch -> file.
class NoteInventory {
public:
    void add(const QString& instrument, int pitch, const QString& path);
    QStringList instruments() const { return m_notes.keys(); }  // sorted
    std::vector<int> pitchesOf(const QString& instrument) const;
    // Pitches every one of `instruments` has (all pitches of the inventory for an empty list
    // would be wrong: none).
    std::vector<int> commonPitches(const QStringList& instruments) const;
    std::vector<int> allPitches() const;
    QString path(const QString& instrument, int pitch) const;
    bool isEmpty() const { return m_notes.isEmpty(); }

private:
    QMap<QString, QMap<int, QString>> m_notes;
};

struct GridDesign {
    std::array<QStringList, 4> corners;  // top-left, top-right, bottom-left, bottom-right
    std::vector<int> pitches;            // ascending (bank order)
    int resolution = 9;
    int batchSize = 16;
    uint64_t seed = 0;
    int shards = 1;
    QString model;                       // a model file or TensorFlow checkpoint path
    QString weights = QStringLiteral("raw");
    QString notesFolder;                 // where the notes are (the workspace's notes/)

    QStringList instruments() const;     // every corner instrument, each once, sorted
    // The grid file's settings for `nsynth grid plan` (the ONS post-processing defaults).
    GridSettings toSettings() const;
};

struct GridDesignCounts {
    bool valid = false;             // the spec could be planned (corners and pitches set)
    int64_t combinations = 0;       // banks
    int cells = 0;
    int64_t gridNotes = 0;          // combinations x cells x pitches
    int64_t uniqueNotes = 0;        // after de-duplication: what is generated
    int64_t batches = 0;
    int64_t largestShardNotes = 0;
};

// Counts only (fast: the full ONS set plans in a fraction of a second).
GridDesignCounts countGridDesign(const GridDesign& design);

struct GridDesignReport {
    GridDesignCounts counts;
    QStringList problems;       // translated, one line each; empty when the job can run
    int64_t samplesPerNote = 0; // whole frames of the (common) note length
    int64_t cornerNotes = 0;    // notes to encode when planning
};

// Counts and problems. With readFiles the chosen notes are read to check they are readable and
// of one length (a few milliseconds per note: call it off the GUI thread for big sets).
// hopLength: the model's samples per embedding frame.
GridDesignReport analyzeGridDesign(const GridDesign& design, const NoteInventory& notes, bool readFiles,
                                   int hopLength = 512);

} // namespace nsynth::app
