#include "onset.h"

#include "error.h"

#include <algorithm>
#include <cmath>

namespace nsynth::audio {

std::vector<float> rmsEnvelope(const float* mono, int64_t n, int64_t window, int64_t hop)
{
    if (window < 1 || hop < 1 || n < 0)
        throw Error("rmsEnvelope: window and hop must be at least 1 sample");
    // Prefix sums of squares in double: O(n), and exact enough for 35-s notes.
    std::vector<double> prefix(size_t(n) + 1, 0.0);
    for (int64_t i = 0; i < n; ++i)
        prefix[size_t(i) + 1] = prefix[size_t(i)] + double(mono[i]) * double(mono[i]);
    const int64_t count = (n + hop - 1) / hop;
    std::vector<float> env(static_cast<size_t>(count), 0.0f);
    for (int64_t k = 0; k < count; ++k) {
        const int64_t a = k * hop;
        const int64_t b = std::min(n, a + window);
        const double energy = std::max(0.0, prefix[size_t(b)] - prefix[size_t(a)]);
        env[size_t(k)] = float(std::sqrt(energy / double(b - a)));
    }
    return env;
}

Onset detectOnset(const float* mono, int64_t n, int sampleRate, const OnsetOptions& options)
{
    if (sampleRate <= 0)
        throw Error("detectOnset: invalid sample rate " + std::to_string(sampleRate));
    Onset result;
    if (n <= 0)
        return result;
    const int64_t window = std::max<int64_t>(1, int64_t(std::llround(options.windowMs * 1e-3 * sampleRate)));
    const int64_t hop = std::max<int64_t>(1, int64_t(std::llround(options.hopMs * 1e-3 * sampleRate)));
    const std::vector<float> env = rmsEnvelope(mono, n, window, hop);

    const float peak = *std::max_element(env.begin(), env.end());
    if (!(peak > 0.0f))
        return result;
    result.found = true;
    result.peakRms = peak;

    const float riseLevel = peak * float(std::pow(10.0, options.riseDb / 20.0));
    size_t rise = 0;
    while (rise < env.size() && env[rise] < riseLevel)
        ++rise;

    // The quiet level: quietDb below the peak, or just above the noise floor before the rise
    // when the floor is higher; never above half the rise level, so a quiet point exists only
    // where the signal really is quieter than the rise.
    float noiseFloor = peak;
    for (size_t k = 0; k < rise; ++k)
        noiseFloor = std::min(noiseFloor, env[k]);
    float quiet = std::max(peak * float(std::pow(10.0, options.quietDb / 20.0)), noiseFloor * 2.0f);
    quiet = std::min(quiet, riseLevel * 0.5f);

    size_t quietWindow = rise;
    while (quietWindow > 0 && env[quietWindow] > quiet)
        --quietWindow;
    result.rise = int64_t(rise) * hop;
    if (env[quietWindow] > quiet) {
        result.onset = 0; // loud from the first sample
    } else {
        // Window k is quiet and window k+1 is not, so the sound starts where window k ends
        // (within one hop): onset = k*hop + window, never after the rise.
        result.onset = std::min(int64_t(quietWindow) * hop + window, std::max(result.rise, int64_t(0)));
    }
    result.onset = std::min(result.onset, n - 1);
    return result;
}

} // namespace nsynth::audio
