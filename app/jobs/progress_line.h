#pragma once
// One line of `nsynth ... --progress json` (app/progress.h, docs/grid.md section 8), as the job
// runners read it from a process's stderr:
//
//   {"event":"progress","task":"grid run","done":..,"total":..,"unit":"samples","rate":..,"eta_s":..,"elapsed_s":..}
//   {"event":"batch","task":"grid run","shard":"0/1","batch":3,"batches_done":..,"batches_total":..,
//    "notes_done":..,"notes_total":..}
//   {"event":"done", ...}   (a final progress line)
//
// Anything else on stderr is a message for people (notices, "nsynth grid: error: ...").

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace nsynth::app {

struct ProgressLine {
    enum class Kind { Text, Progress, Batch, Done };
    Kind kind = Kind::Text;
    QString text;        // Text: the line (no newline)
    QString task;        // "grid run", "encode", ...
    double done = 0, total = 0;
    QString unit;
    double rate = 0;     // units per second
    double etaSeconds = -1;
    double elapsedSeconds = 0;
    // Batch events
    int64_t batch = -1, batchesDone = 0, batchesTotal = 0, notesDone = 0, notesTotal = 0;
};

// Parses one line (without its newline). Lines that are not a JSON object with a known "event"
// are Text.
ProgressLine parseProgressLine(const QByteArray& line);

// The error message of a line "nsynth <command>: error: <message>", or empty.
QString errorOfLine(const QString& line);

} // namespace nsynth::app
