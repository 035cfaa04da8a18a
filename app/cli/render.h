#pragma once
// Decoding many notes for the commands that produce audio (decode, reconstruct, interpolate):
// notes with the same number of frames are decoded together in batches of --batch-size, each
// note's audio is written (atomically) as soon as its batch finishes, progress is in samples.

#include "cli_common.h"
#include "npy.h"
#include "synthesis.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace nsynth::app {

class Manifest;

struct RenderJob {
    Embedding embedding;
    QString identity;    // keys the note's random stream; the output stem
    QString outputPath;
    int pitch = -1;      // pitch-conditioned models only
    QJsonObject details; // extra manifest fields (weights, sources, ...)
};

// Returns the outputs' manifest entries (path, samples, frames, identity, clipped, details).
QJsonArray renderNotes(const Model& model, const std::vector<RenderJob>& jobs, const GenerationChoice& generation,
                       const AudioOutputChoice& output, ProgressStyle progress);

// Stream identity used for an output: its file name without extension.
QString noteIdentity(const QString& outputPath);

// MIDI pitch of a note from its file name (workshop or NSynth style), or -1.
int pitchFromName(const QString& path);

} // namespace nsynth::app
