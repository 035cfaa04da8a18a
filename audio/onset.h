#pragma once
// Note onset from a short-window RMS envelope, shared by conform (where to trim) and pitch
// (where the steady part starts).
//
// The envelope is the RMS over windows of windowMs, one value per hopMs. The note "rises" at the
// first window whose RMS reaches riseDb relative to the loudest window (-20 dB = 10% by
// default). Slow attacks (bowed strings, flutes) start well before that, so the onset is the
// last quiet window before the rise: one at or below quietDb relative to the loudest window, or
// within 6 dB of the quietest window before the rise when the recording's noise floor is above
// quietDb (a home recording's hiss must not hide the onset).

#include <cstdint>
#include <vector>

namespace nsynth::audio {

struct OnsetOptions {
    double windowMs = 3.0; // RMS window
    double hopMs = 1.0;    // envelope resolution
    double riseDb = -20.0; // relative to the loudest window
    double quietDb = -40.0; // relative to the loudest window
};

struct Onset {
    bool found = false;   // false for all-zero input
    int64_t onset = 0;    // sample index where the last quiet window before the rise ends
                          // (0 when the file is loud from its first sample)
    int64_t rise = 0;     // sample index where the envelope first reaches riseDb
    double peakRms = 0;   // loudest window's RMS, full scale = 1.0
};

// mono [n] at sampleRate Hz.
Onset detectOnset(const float* mono, int64_t n, int sampleRate, const OnsetOptions& options = {});

// RMS per window: value k covers samples [k*hop, k*hop + window) (clipped to n), window and
// hop in samples (>= 1). Output [ceil(n / hop)].
std::vector<float> rmsEnvelope(const float* mono, int64_t n, int64_t window, int64_t hop);

} // namespace nsynth::audio
