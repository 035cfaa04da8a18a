#pragma once
// Post-processing of generated notes for Open NSynth Super (ons-pipeline.md section 3, steps 5
// and 6): a generated note (float, full scale 1.0, usually 64000 samples) becomes a final note
// of int16 samples, `finalLength` long, the way ONS's 05_clean_files.py and 06_build_pads.py do
// it, with every step switchable:
//
//   1. declick: where two consecutive first differences both exceed `declickThreshold` in
//      magnitude (a one-sample spike up and back), the middle sample becomes the mean of its
//      neighbours;
//   2. peak normalisation to `normalizeDb` dBFS (ONS: sox --norm=-12), applied in float;
//   3. quantisation to int16 (round to nearest, clamped; counted in the report);
//   4. onset crop: the onset is the first sample whose magnitude exceeds `onsetThreshold` times
//      the note's peak magnitude, searched over the whole note (what ONS's call actually does,
//      section 3 step 6); the note starts `onsetBackoff` samples earlier (not before 0);
//   5. final length: cut to `finalLength` samples or zero-padded up to it (0 keeps the length);
//   6. fades: the first and last `fadeSamples` samples are multiplied by linspace(0, 1, n) and
//      linspace(1, 0, n) (products rounded to float32, then truncated toward zero as numpy's
//      astype(int16) does).
//
// Not reproduced: ONS's MP3 round trip (LAME at 128 kbps and back through sox), which low-passes
// and delays the note by the codec's padding (removed again by the onset crop), and sox's dither
// in the normalisation. Both are lossy or random; this pipeline is deterministic, so a job's
// final notes and banks are the same bytes on every run.

#include <cstdint>
#include <vector>

namespace nsynth::audio {

struct OnsPostProcessOptions {
    bool declick = true;
    double declickThreshold = 1.0;  // |difference|, full scale = 1.0 (ONS: more than half the range)
    bool normalize = true;
    double normalizeDb = -12.0;     // peak, dBFS (<= 0)
    bool onsetCrop = true;
    double onsetThreshold = 0.1;    // fraction of the peak magnitude
    int onsetBackoff = 16;          // samples kept before the onset
    int64_t finalLength = 60000;    // samples; 0 keeps the generated length
    int fadeSamples = 8;            // 0 disables the fades

    // Throws Error naming the first invalid field.
    void validate() const;
    bool operator==(const OnsPostProcessOptions&) const = default;
};

struct OnsPostProcessReport {
    int64_t clicksRemoved = 0;
    double gainDb = 0;           // applied by the normalisation
    int64_t clippedSamples = 0;  // clamped by the int16 quantisation
    int64_t onset = 0;           // first sample above the threshold (before the backoff); -1 if silent
    int64_t start = 0;           // where the final note starts in the generated one
    int64_t paddedSamples = 0;   // zeros appended to reach finalLength
};

// The whole chain; returns finalLength samples (or n when finalLength is 0).
std::vector<int16_t> onsPostProcess(const float* generated, int64_t n, const OnsPostProcessOptions& options,
                                    OnsPostProcessReport* report = nullptr);

// Step 1 in place; returns the number of samples replaced.
int64_t removeClicks(std::vector<float>& x, double threshold);
// Step 4's onset: first index with |x| > fraction * max|x|, or -1 for an all-zero note.
int64_t findOnset(const int16_t* x, int64_t n, double fraction);
// Step 6 in place on int16 samples.
void applyOnsFades(std::vector<int16_t>& x, int fadeSamples);

} // namespace nsynth::audio
