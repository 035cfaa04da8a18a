#pragma once
// The corner notes of a grid job: one note per (corner instrument, pitch), found by name in the
// folders and files the settings list, as audio (`<instrument>_<pitch>.wav`, any format the
// audio library reads; NSynth-style names use their safe instrument name) or as an embedding
// (`<instrument>_<pitch>.npy`, or ONS's `<instrument>_<pitch>_embeddings.npy`).
//
// Checked before any work, every problem reported at once: each instrument has each pitch, no
// (instrument, pitch) has two candidate files, every file reads, all notes have the same length
// (ONS fails later with a shape mismatch otherwise, ons-pipeline.md section 2), embeddings have
// the model's channel count. Files whose names do not parse are ignored, unless they start with a
// corner instrument's name (then the name is probably mistyped and it is reported).

#include "grid.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace nsynth {
struct ModelConfig;
}

namespace nsynth::app {

struct CornerNote {
    QString instrument;
    int pitch = -1;
    QString path;            // absolute
    bool isEmbedding = false; // .npy given (used as is) rather than audio (encoded by the plan)
    int sourceRate = 0;      // audio only
    int64_t sourceFrames = 0;
    int64_t samples = 0;     // audio: length at the model's rate; embeddings: frames * hop
    std::vector<float> audio;      // audio only: mono at the model's rate, cut to whole frames
    std::vector<float> embeddingData; // embeddings only: [frames][Z]
};

struct CornerNoteSet {
    // [instrument index of the plan][pitch index], every entry filled when there are no problems.
    std::vector<std::vector<CornerNote>> notes;
    int64_t frames = 0;        // common frame count (embedding frames per note)
    int ignoredFiles = 0;      // files in the folders whose names are not notes
    const CornerNote& at(int instrument, int pitchIndex) const
    {
        return notes[size_t(instrument)][size_t(pitchIndex)];
    }
};

// Finds and reads every corner note of `plan` under `paths` (folders searched recursively).
// Problems are appended; the set is complete only when none were added.
CornerNoteSet findCornerNotes(const GridPlan& plan, const QStringList& paths, const ModelConfig& config,
                              QStringList* problems);

} // namespace nsynth::app
