#pragma once
// Conforming a recorded or imported note to the seed exercise's spec: mono, 16 kHz, 16-bit,
// exactly 64000 samples (4 s), starting just before the note's onset, and checking it: clipping,
// silence, level, DC offset, and the detected pitch against the pitch in the file name.
//
// Steps (conformNote):
//   1. mix to mono (mean of channels);
//   2. analyse the source: clipping per channel on the original samples; peak, RMS and DC offset
//      of the mono mix;
//   3. onset (onset.h) on the mono mix, mapped to the target rate;
//   4. resample to the target rate (libsamplerate best quality), only as far as the output needs;
//   5. optional DC removal (subtract the source mean);
//   6. trim: start preOnsetMs before the onset (when trimLeadingSilence), unless that would
//      remove less than 10 ms (a note that already starts at its onset is not shifted);
//   7. exactly `length` samples: cut with a half-cosine fade-out of fadeOutMs ending at 0 when
//      longer; when shorter, a 5 ms fade at the source's end (no click) and zero padding;
//   8. optional peak normalisation to normalizePeakDb;
//   9. quantise to the 16-bit grid (quantizeTo16Bit);
//  10. pitch (pitch.h) on the conformed note, compared with the named pitch when the name parses.
// Problems with the note are reported as checks, never thrown.
//
// Check severities: "silent" and "name" are errors; "short" is a warning when more than 5% of
// the length (200 ms of 4 s) is padding and info below that; "dc_offset" is info when removeDc
// removed it; "resampled", "mixed_down", "trimmed", "cut" and "normalized" are info; the rest are
// warnings.

#include "audio_file.h"
#include "note_name.h"
#include "pitch.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nsynth::audio {

struct ConformOptions {
    int sampleRate = 16000;
    int64_t length = 64000;        // samples at sampleRate
    bool trimLeadingSilence = true;
    double preOnsetMs = 5.0;       // kept before the detected onset
    double fadeOutMs = 50.0;       // applied when the note is cut
    bool normalize = false;
    double normalizePeakDb = -1.0; // dBFS, <= 0
    bool removeDc = false;
};

struct NoteCheck {
    enum class Severity { Info, Warning, Error };
    Severity severity = Severity::Info;
    // "resampled", "mixed_down", "trimmed", "cut", "short", "clipping", "output_clipped", "silent",
    // "quiet", "dc_offset", "normalized", "no_pitch", "pitch_off", "octave_error", "name"
    std::string code;
    std::string message; // one line, for people
};

struct ConformReport {
    std::string source;          // the sourceName given to conformNote
    int sourceRate = 0;
    int sourceChannels = 0;
    int64_t sourceFrames = 0;
    std::string sourceFormat;
    int64_t onsetSample = -1;    // at the target rate, before trimming; -1 when silent
    int64_t trimmedSamples = 0;  // at the target rate
    int64_t paddedSamples = 0;
    int64_t cutSamples = 0;      // how much longer than `length` the trimmed note was
    double peakDb = -INFINITY;   // source mono mix, dBFS
    double rmsDb = -INFINITY;    // source mono mix, dBFS (full-scale sine = -3 dB)
    double dcOffset = 0;         // source mono mix mean, full scale = 1.0
    int64_t clippedSamples = 0;  // samples in runs of >= 3 at |x| >= 0.999, all channels
    std::optional<NoteName> name;
    PitchEstimate pitch;         // of the conformed note
    std::optional<double> centsFromNamed; // detected - named, when both exist
    bool octaveError = false;
    std::vector<NoteCheck> checks;

    bool hasErrors() const;
    bool hasWarnings() const;
};

struct ConformedNote {
    // exactly options.length values at options.sampleRate, on the 16-bit grid (quantizeTo16Bit),
    // so writing them as 16-bit PCM is exact.
    std::vector<float> samples;
    ConformReport report;
};

// `sourceName` is the file name the note's name is taken from (folders and extension ignored).
// Throws Error only for invalid options or inconsistent AudioData.
ConformedNote conformNote(const AudioData& input, const std::string& sourceName,
                          const ConformOptions& options = {});

// "info", "warning", "error"
std::string severityName(NoteCheck::Severity severity);

} // namespace nsynth::audio
