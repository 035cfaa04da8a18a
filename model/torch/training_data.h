#pragma once
// Notes to train on, as the trainer sees them: 16 kHz mono notes stored as their 8-bit mu-law
// classes (the model only ever sees mu-law values: input q/128 = (k-128)/128, label k; so
// keeping the classes is exact and takes 64 kB per 4-s note), with the labels the filters and
// the held-out split use. Loading from files (folders of notes, NSynth json/wav, TFRecord)
// lives in app/train/training_sources.h; this header has no file I/O and no LibTorch types.

#include <cstdint>
#include <string>
#include <vector>

namespace nsynth {

struct TrainingNote {
    std::string name;         // NSynth note_str or the file's stem
    std::string instrument;   // what the held-out split groups by (NSynth instrument_str, or the
                              // workshop instrument name)
    std::string family;       // NSynth family name ("bass" .. "vocal"), "" when unknown
    std::string source;       // acoustic | electronic | synthetic, "" when unknown
    int pitch = -1;           // MIDI 0..127, -1 when unknown
    int velocity = -1;        // 0..127, -1 when unknown
    std::string origin;       // where it came from: a file, or "<file>#<record>"
    int transposed = 0;       // semitones this copy was transposed by (data augmentation; 0 =
                              // the note as recorded)
    std::vector<uint8_t> classes;  // [samples] mu-law classes 0..255 at 16 kHz

    int64_t samples() const { return int64_t(classes.size()); }
};

// mu-law classes of audio in [-1, 1] (mulaw::encodeToClass per sample) and back (decodeClass).
std::vector<uint8_t> audioToClasses(const float* audio, int64_t n);
std::vector<float> classesToAudio(const std::vector<uint8_t>& classes);

// Which notes to keep. A set filter rejects notes whose label is unknown (a folder note with a
// workshop name has no family, so --families keeps none of them; the count is reported).
struct NoteFilter {
    std::vector<std::string> families;  // NSynth family names; empty = all
    std::vector<std::string> sources;   // acoustic | electronic | synthetic; empty = all
    int pitchMin = 0, pitchMax = 127;   // inclusive
    int velocityMin = 0, velocityMax = 127;

    bool active() const;
    bool accepts(const TrainingNote& note) const;
    // Throws Error naming the option for unknown family/source names or empty ranges.
    void validate() const;
    std::string describe() const;  // "families bass,reed; pitch 24..60" or "none"
};

// Training and held-out notes, split by instrument so no instrument is in both.
struct DataSplit {
    std::vector<TrainingNote> train, valid;
    std::vector<std::string> validInstruments;  // sorted
};

// Held-out instruments: the named ones (each must exist, or Error listing the unknown names),
// else instruments chosen by a hash of (seed, instrument name), taken in that order until at
// least `validFraction` of the notes are held out (at least one instrument when the fraction is
// positive and there are two or more instruments). validFraction 0 and no names: no held-out set.
DataSplit splitByInstrument(std::vector<TrainingNote> notes, const std::vector<std::string>& validInstruments,
                            double validFraction, uint64_t seed);

// A 64-bit fingerprint of the notes' identities, labels and samples, in order: a resumed run
// checks it against its checkpoint so that it continues on exactly the same data.
uint64_t dataFingerprint(const std::vector<TrainingNote>& notes);

} // namespace nsynth
