#pragma once
// Grid job settings (docs/grid.md): what a grid job generates and how, from
//   - Open NSynth Super's audio/settings.json: "pads" {"NW", "NE", "SE", "SW"} instrument lists,
//     "pitches", "resolution", "final_length" ("magenta_dir" and "gpus" are noted and ignored);
//     the keys map to corner positions with ONS's label swap: NW = top-left, NE = top-right,
//     SE = bottom-left, SW = bottom-right (ons-pipeline.md section 3 step 2);
//   - our own grid file (the same JSON as a job folder's job.json, everything optional except
//     corners and pitches), with explicit positions and screen labels:
//       {"corners": {"top_left": ["piano", {"name": "flute", "display": "FLUTE", "abbr": "FL"}],
//                    "top_right": [...], "bottom_left": [...], "bottom_right": [...]},
//        "pitches": [24, 28, 32], "resolution": 9, "notes": ["notes/"], "model": "m.safetensors",
//        "generation": {"seed": "0", "temperature": 1.0, "greedy": false, "batch_size": 16},
//        "shards": 1, "post_processing": {"declick": true, "normalize": true, "normalize_db": -12,
//        "onset_crop": true, "final_length": 60000, "fade_samples": 8, ...}}
//   - command-line flags, which override either file (cmd_grid.cpp).
// Relative paths in a file are relative to the file's folder. Every problem (unknown keys, wrong
// types, invalid names, repeated pitches, ...) is collected and reported at once.

#include "error.h"
#include "grid.h"
#include "ons_postprocess.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <vector>

namespace nsynth::app {

// Many problems found at once; what() is one line: "<what>: 3 problems: a; b; c".
class GridProblems : public Error {
public:
    GridProblems(const QString& what, const QStringList& problems);
    const QStringList& problems() const { return m_problems; }

private:
    QStringList m_problems;
};

struct GridInstrument {
    QString name;
    QString display;  // <= 8 characters for the device screen; empty = default (audio/ons_bank.h)
    QString abbr;     // 2 characters; empty = default
    bool operator==(const GridInstrument&) const = default;
};

struct GridSettings {
    std::array<QList<GridInstrument>, 4> corners;  // top-left, top-right, bottom-left, bottom-right
    std::vector<int> pitches;
    int resolution = 9;
    QStringList notes;      // folders or files holding <instrument>_<pitch> notes (absolute paths)
    QString model;          // empty: the command's default model
    QString weights = "raw";  // TensorFlow checkpoints: raw | ema
    uint64_t seed = 0;
    double temperature = 1.0;
    bool greedy = false;
    int batchSize = 16;
    int shards = 1;         // the planned shard count (per-shard estimate, default of `status`)
    audio::OnsPostProcessOptions post;

    QString source;         // the file the settings came from, if any
    QString sourceKind;     // "ons" | "grid" | "flags"
    QStringList notices;    // one line each, e.g. "settings.json: \"gpus\" is not used (see --shards)"

    GridSpec spec() const;
    // Problems of the settings themselves (not of the notes): the spec's, plus option ranges and
    // screen labels.
    QStringList problems() const;
    // Effective screen labels per corner (defaults filled in).
    std::array<std::vector<std::array<QString, 3>>, 4> labels() const;
};

// Reads ONS's settings.json or a grid file (told apart by "pads"). Throws GridProblems listing
// everything wrong with the file, or Error when it cannot be read or is not JSON.
GridSettings readGridSettingsFile(const QString& path);

// Parses a grid file's JSON object; relative paths are resolved against baseDir. Problems are
// appended, never thrown.
GridSettings gridSettingsFromJson(const QJsonObject& json, const QString& baseDir, QStringList* problems);

// The grid file / job.json form (absolute paths, every field written).
QJsonObject gridSettingsToJson(const GridSettings& settings);

// Post-processing options <-> JSON ("post_processing" object).
QJsonObject postProcessingToJson(const audio::OnsPostProcessOptions& options);
audio::OnsPostProcessOptions postProcessingFromJson(const QJsonObject& json, const audio::OnsPostProcessOptions& base,
                                                    QStringList* problems);

// "top_left" ... for messages and JSON.
QString cornerKey(int corner);

} // namespace nsynth::app
