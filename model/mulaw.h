#pragma once
// 8-bit mu-law exactly as Magenta's NSynth (nsynth-model.md section 2).
//
//   encode: q(x) = floor(128 * sign(x) * ln(1 + 255|x|) / ln 256), float32 ops in TF's order;
//           q is in -128..127 for x in [-1, 1) and 128 for x = +1.0.
//   model input:   q / 128 (exact in float32).
//   class label:   q + 128, clamped to 0..255 (x = +1.0 would give 256).
//   decode (fastgen's inv_mu_law_numpy): class k -> y = k - 128,
//           u = (y + 0.5) / 128, out = sign(u) / 255 * (256^|u| - 1), except y == 0 -> 0.0.
//   feedback: the decoded sample fed back through encode gives y again, so the next decoder
//           input is exactly (k - 128) / 128 (section 2.3); classToInput() returns that.

#include <cstdint>

namespace nsynth::mulaw {

int encode(float x);                  // q in -128..128
float encodeToInput(float x);         // q(x) / 128
int encodeToClass(float x);           // clamp(q(x) + 128, 0, 255)
float decodeClass(int k);             // class 0..255 -> audio sample in about [-0.98, 0.98]
inline float classToInput(int k) { return float(k - 128) / 128.0f; }

// q for every int16 value s (x = s / 32768, libsndfile's and librosa's scaling); the table is
// computed with encode() once, so int16 input takes one lookup per sample.
int encodeInt16(int16_t s);

} // namespace nsynth::mulaw
