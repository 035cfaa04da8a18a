#pragma once
// Sample-rate conversion with libsamplerate's best sinc converter (SRC_SINC_BEST_QUALITY: about
// 97 dB SNR, 97% bandwidth), used for every import and for resampling on write.

#include <cstdint>
#include <vector>

namespace nsynth::audio {

// mono [n] at fromRate Hz -> [round(n * toRate / fromRate)] at toRate Hz. Equal rates return a
// copy. Throws Error for rates outside 1..1000000 Hz or a ratio libsamplerate cannot do (> 256x).
std::vector<float> resample(const std::vector<float>& mono, int fromRate, int toRate);

// Output length resample() produces: round(n * toRate / fromRate), computed exactly in integers.
int64_t resampledLength(int64_t n, int fromRate, int toRate);

} // namespace nsynth::audio
