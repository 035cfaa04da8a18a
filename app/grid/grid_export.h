#pragma once
// Exporting a grid job's generated notes (docs/grid.md, "Export"): every raw note is
// post-processed (audio/ons_postprocess.h) into its final note, then written as
//
//   OUT/ons/pads/<c0>_<c1>_<c2>_<c3>.bin   Open NSynth Super banks, one per corner combination
//   OUT/ons/settings.json                  the device app's settings for this bank set
//   OUT/pd/<c0>_<c1>_<c2>_<c3>.bin         the course's Pd grid, [rows, cols, pitches, length] int16
//   OUT/pd/settings.json                   {"nsynth": {resolution, length, sampleRate, pitches}}
//   OUT/pack/<pitch>/<name>.wav|flac       one file per unique note, readable names (ons_pack.h)
//   OUT/pack/index.csv                     combination, row, column, pitch -> file
//   OUT/manifest.json                      model, inputs, every parameter, seed, per-note weights,
//                                          outputs with sha256, timings, version
//
// Each file is written atomically. A note is post-processed once per export and kept in a
// bounded cache while the banks that share it are written.

#include "grid_job.h"
#include "ons_postprocess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>

namespace nsynth::app {

struct GridExportOptions {
    QString output;                 // the export folder
    bool ons = true;
    bool pd = false;
    bool pack = false;
    audio::OnsPostProcessOptions post;  // the job's, unless overridden
    QString packFormat = "wav";     // wav | flac
    QString packBitDepth = "16";    // 16 | 24 | 32f (final notes are 16-bit values, so 16 is exact)
    bool packRaw = false;           // pack the raw generated notes instead of the final ones
    bool allowMissing = false;      // write silence for notes not generated yet (listed in the manifest)
    bool hash = true;               // sha256 of every bank and settings file in the manifest
    int64_t cacheBytes = int64_t(1) << 30;
    QString dataDirectory = "/home/pi/pads";  // nsynth.dataDirectory in the device settings
    QStringList arguments;          // for the manifest
    const std::atomic<bool>* cancel = nullptr;
    // (done, total) in output bytes
    std::function<void(int64_t, int64_t)> progress;
};

struct GridExportResult {
    QJsonArray outputs;  // {"kind", "path", "bytes", ["sha256"], ["combination"]}
    int64_t bytes = 0;
    int64_t files = 0;
    int64_t notesProcessed = 0;
    int64_t missingNotes = 0;
    double seconds = 0;
    QString manifest;
    QJsonObject toJson() const;
};

// The bytes the export will write (for progress and a disk-space check).
int64_t gridExportBytes(const GridJob& job, const GridExportOptions& options);

GridExportResult exportGrid(const GridJob& job, const GridExportOptions& options);

} // namespace nsynth::app
