#pragma once
// NSynth notes as tf.train.Example records (nsynth-model.md section 7): the features Magenta's
// reader uses (note_str, pitch, velocity, audio, instrument_family, instrument_source) plus the
// descriptive ones (instrument_str, *_str, qualities, sample_rate) when present.
//
// Parsing is strict where training depends on it (audio must be a float list, pitch an int64 in
// 0..127, sample_rate when present a positive int64) and lenient elsewhere (missing descriptive
// features are left empty); every problem names the feature.

#include <cstdint>
#include <string>
#include <vector>

namespace nsynth {

struct NSynthExample {
    std::string noteStr;          // "bass_synthetic_033-022-050"
    std::string instrumentStr;    // "bass_synthetic_033"
    int64_t note = -1;            // global note id
    int64_t instrument = -1;
    int pitch = -1;               // MIDI 0..127
    int velocity = -1;            // 0..127
    int sampleRate = 0;           // 0 when the record has no sample_rate
    int family = -1;              // NSynth family index (bass 0 .. vocal 10)
    int source = -1;              // acoustic 0, electronic 1, synthetic 2
    std::string familyStr, sourceStr;
    std::vector<int64_t> qualities;
    std::vector<std::string> qualitiesStr;
    std::vector<float> audio;     // [-1, 1]
};

// Parses one serialized tf.train.Example. `where` prefixes errors ("x.tfrecord record 7").
NSynthExample parseNSynthExample(const std::string& serialized, const std::string& where);

// Serializes an example with every field that is set (for tests and tools that write
// NSynth-format records).
std::string serializeNSynthExample(const NSynthExample& example);

// NSynth's label sets (tfds nsynth.py): index <-> name; -1 / "" when unknown.
const std::vector<std::string>& nsynthFamilyNames();  // 11 names, index order
const std::vector<std::string>& nsynthSourceNames();  // acoustic, electronic, synthetic
int nsynthFamilyIndex(const std::string& name);
int nsynthSourceIndex(const std::string& name);

} // namespace nsynth
