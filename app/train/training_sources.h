#pragma once
// Where training notes come from, and loading them (docs/training.md, "Data"):
//
//   a folder of notes   any audio files libsndfile reads, found recursively; each is mixed to
//                       mono, resampled to 16 kHz and conformed to the note length like every
//                       workbench note (audio/conform.h: onset-aligned, faded, 16-bit grid).
//                       Pitch, instrument, family, source and velocity come from the file name
//                       (audio/note_name.h: flute_60.wav or guitar_acoustic_030-060-075.wav); a
//                       name that does not parse gives a note without pitch whose instrument is
//                       the file's stem.
//   NSynth json/wav     a folder with examples.json (note_str -> features) and audio/<note_str>.wav
//                       (16 kHz mono, exactly the note length).
//   TFRecord            NSynth's nsynth-*.tfrecord files of tf.train.Example records (a file, or
//                       every *.tfrecord* file found in a folder).
// A folder with examples.json is read as NSynth json/wav; any other folder yields its audio
// files and its TFRecord files.
//
// Filters are applied while reading (so a filtered NSynth training split needs memory only for
// the notes kept). Bad data is an Error naming the file and the problem (unreadable or corrupt
// files, wrong rate or length, silence, a corrupt record, no notes at all), unless skipBad is set,
// in which case the file is skipped and counted, and the message reported as a notice.

#include "training_data.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <vector>

namespace nsynth::app {

struct DataSpec {
    QStringList paths;            // --data
    QStringList validPaths;       // --valid-data: an explicit held-out set (no split then)
    NoteFilter filter;
    QStringList validInstruments; // held out from `paths` by name
    double validFraction = 0.0;   // or by share of notes (instruments chosen by hash)
    int64_t noteLength = 64000;   // samples at 16 kHz
    bool skipBad = false;
    // Data augmentation: training notes also as transposed copies, LO..HI semitones (0 is the
    // note itself), made by resampling; held-out notes are never transposed.
    int transposeMin = 0, transposeMax = 0;

    QJsonObject toJson() const;
    static DataSpec fromJson(const QJsonObject& json);
};

struct LoadedData {
    std::vector<TrainingNote> train, valid;
    QStringList validInstruments;
    QJsonObject summary;  // counts per source and label, skipped and filtered notes
};

using Notice = std::function<void(const QString&)>;

// Loads, filters and splits (seed: which instruments a --valid-fraction holds out). `cancel`
// is polled between files.
LoadedData loadTrainingData(const DataSpec& spec, uint64_t seed, const Notice& notice,
                            const std::atomic<bool>* cancel = nullptr);

// One source path (file or folder) as notes, with the spec's filter, note length, skipBad and
// (when `augment`) transposition; exposed for tests. `skipped` counts skipped files, `filtered`
// notes the filter rejected.
std::vector<TrainingNote> loadNotesFrom(const QString& path, const DataSpec& spec, bool augment, const Notice& notice,
                                        int64_t* skipped = nullptr, int64_t* filtered = nullptr,
                                        const std::atomic<bool>* cancel = nullptr);

// A summary of notes for logs and model cards: count, instruments, seconds, pitch range, and
// counts per family and source.
QJsonObject describeNotes(const std::vector<TrainingNote>& notes);

} // namespace nsynth::app
