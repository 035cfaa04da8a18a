#pragma once
// Short-time Fourier analysis for the workbench's views: a log-frequency spectrogram in dB and
// the data of NSynth's "rainbowgram" (Engel et al. 2017, figure 2: magnitude as brightness,
// instantaneous frequency as colour).
//
// Frames are centred: frame f is the Hann-windowed block of fftSize samples around sample
// f * hop (zero outside the note), so frame 0 shows the attack. Rows are log-spaced between
// minHz and maxHz. Where a row's band covers several FFT bins the loudest bin represents it;
// where rows are denser than bins (low notes) magnitudes are interpolated between the two
// nearest bins. The NSynth paper used a constant-Q transform; a log-mapped STFT with a long
// window shows the same picture at our 4-second scale and is far cheaper.
//
// Phase: for the bin representing a row, the frame-to-frame phase advance minus the advance
// expected for the bin's centre frequency, wrapped to (-pi, pi] and divided by pi. That is the
// colour of the rainbowgram; the instantaneous frequency in Hz follows from it exactly
// (frequencyHz below).

#include <atomic>
#include <cstdint>
#include <vector>

namespace nsynth::audio {

struct SpectrogramOptions {
    int fftSize = 2048;   // 128 ms at 16 kHz: 7.8 Hz bins, enough to separate MIDI 24's harmonics
    int hop = 256;        // 16 ms
    int rows = 256;       // log-spaced output rows
    double minHz = 30.0;  // just below MIDI 24 (32.7 Hz), the workshop's lowest note
    double maxHz = 0;     // 0: half the sample rate
    double floorDb = -120.0; // magnitudes are clamped at this level
    bool phase = true;    // also compute phase advance and instantaneous frequency
};

struct Spectrogram {
    int frames = 0;
    int rows = 0;
    int sampleRate = 0;
    int hop = 0;
    std::vector<double> rowHz;       // [rows], row 0 is the lowest frequency
    // [frames * rows], index f * rows + r. dB relative to a full-scale sine (a sine of
    // amplitude 1 at a bin centre reads 0 dB).
    std::vector<float> magnitudeDb;
    // [frames * rows] when options.phase: the wrapped phase deviation / pi, -1..1 (0 in frame 0)
    std::vector<float> phase;
    // [frames * rows] when options.phase: instantaneous frequency of the representing bin, Hz
    std::vector<float> frequencyHz;

    double frameSeconds(int frame) const { return sampleRate > 0 ? double(frame) * hop / sampleRate : 0.0; }
    float db(int frame, int row) const { return magnitudeDb[size_t(frame) * rows + row]; }
};

// mono [n] at sampleRate. Throws Error for invalid options (fftSize not a power of two, hop or
// rows < 1, minHz <= 0, maxHz <= minHz or above half the rate); throws Cancelled when `cancel`
// becomes true (checked once per frame).
Spectrogram computeSpectrogram(const float* mono, int64_t n, int sampleRate, const SpectrogramOptions& options = {},
                               const std::atomic<bool>* cancel = nullptr);

// The fractional row at which frequency hz lies (for axis labels and tests); may be outside
// [0, rows - 1] for frequencies outside the range.
double spectrogramRowForHz(const Spectrogram& s, double hz);

} // namespace nsynth::audio
