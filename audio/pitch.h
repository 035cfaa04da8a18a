#pragma once
// Fundamental frequency of a single note with YIN (de Cheveigne & Kawahara, "YIN, a fundamental
// frequency estimator for speech and music", JASA 2002): per frame, the difference function
// d(tau), its cumulative-mean normalisation d'(tau), the first dip below an absolute threshold,
// and parabolic interpolation; then the median over the voiced frames of the note's steady part.

#include <cstdint>

namespace nsynth::audio {

// MIDI note number <-> Hz, equal temperament with A4 = MIDI 69 = 440 Hz.
double midiToHz(double midi);
double hzToMidi(double hz);

// 1200 * log2(hz / referenceHz): positive when hz is sharp of the reference.
double centsBetween(double hz, double referenceHz);

struct PitchEstimate {
    bool voiced = false;     // a clear pitch was found
    double frequencyHz = 0;  // median over the voiced frames (0 when not voiced)
    double midi = 0;         // hzToMidi(frequencyHz), fractional (0 when not voiced)
    double confidence = 0;   // fraction of the analysed (non-silent) frames that were voiced, 0..1
};

// mono [n] at sampleRate Hz. The analysis starts 50 ms after the note's rise (onset.h) to skip
// the attack and covers at most 1.5 s from there; frames quieter than -35 dB relative to the
// loudest analysed frame are not analysed. Lags are searched in [sampleRate / maxHz,
// sampleRate / minHz]. Cost at 16 kHz: a few ms per note. Throws Error for invalid arguments
// (rate <= 0, minHz <= 0, maxHz <= minHz, maxHz above half the rate).
PitchEstimate estimatePitch(const float* mono, int64_t n, int sampleRate, double minHz = 25.0,
                            double maxHz = 4500.0);

} // namespace nsynth::audio
