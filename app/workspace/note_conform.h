#pragma once
// Turning an original (a recorded take or an imported file) into a workspace note with the
// engine's conform (audio/conform.h), honouring the note's ConformSettings, and writing it.
// Thread-safe (no shared state): import, recording and re-conform all call it from worker
// threads or the GUI thread.

#include "note.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace nsynth::app {

struct ConformOutcome {
    std::vector<float> samples;  // 64000 at 16 kHz, on the 16-bit grid
    NoteReport report;
};

// Reads `sourcePath` (never modified) and conforms it as the note `noteFileName`
// ("flute_24.wav": the pitch check compares against this name). With !settings.autoTrim the
// note starts settings.startSeconds into the original. Throws Error naming the file and the
// problem when it cannot be read or the settings are invalid.
ConformOutcome conformOriginal(const QString& sourcePath, const QString& noteFileName, const ConformSettings& settings);

// 16 kHz mono 16-bit WAV, atomically (audio::writeAudio). Returns the file's sha256 (hex).
QString writeNoteFile(const QString& path, const std::vector<float>& samples);

// Hex sha256 of a file, or an empty string when it cannot be read.
QString fileSha256(const QString& path);

// Reads a note file as mono floats at its rate (for views and playback). Throws Error.
std::vector<float> readNoteSamples(const QString& path, int* sampleRate);

} // namespace nsynth::app
