#include "ons_postprocess.h"

#include "error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace nsynth::audio {

void OnsPostProcessOptions::validate() const
{
    if (!(declickThreshold > 0) || !std::isfinite(declickThreshold))
        throw Error("post-processing: declick threshold must be a positive number");
    if (!(normalizeDb <= 0) || !std::isfinite(normalizeDb) || normalizeDb < -120)
        throw Error("post-processing: normalisation level must be in -120..0 dBFS");
    if (!(onsetThreshold > 0 && onsetThreshold <= 1))
        throw Error("post-processing: onset threshold must be a fraction of the peak in (0, 1]");
    if (onsetBackoff < 0 || onsetBackoff > 1000000)
        throw Error("post-processing: onset backoff must be 0..1000000 samples");
    if (finalLength < 0 || finalLength > 100000000)
        throw Error("post-processing: final length must be 0..100000000 samples");
    if (fadeSamples < 0 || fadeSamples > 1000000)
        throw Error("post-processing: fade length must be 0..1000000 samples");
}

int64_t removeClicks(std::vector<float>& x, double threshold)
{
    // Indices i where |x[i+1] - x[i]| > threshold, taken from the unmodified note (ONS computes
    // all differences first); a run i, i+1 marks a spike at i+1.
    const int64_t n = int64_t(x.size());
    std::vector<int64_t> jumps;
    for (int64_t i = 0; i + 1 < n; ++i)
        if (std::fabs(double(x[size_t(i + 1)]) - double(x[size_t(i)])) > threshold)
            jumps.push_back(i);
    const std::vector<float> original = jumps.size() >= 2 ? x : std::vector<float>{};
    int64_t replaced = 0;
    for (size_t j = 0; j + 1 < jumps.size(); ++j)
        if (jumps[j + 1] == jumps[j] + 1) {
            const int64_t s = jumps[j] + 1;
            x[size_t(s)] = float((double(original[size_t(s - 1)]) + double(original[size_t(s + 1)])) / 2.0);
            ++replaced;
        }
    return replaced;
}

int64_t findOnset(const int16_t* x, int64_t n, double fraction)
{
    int peak = 0;
    for (int64_t i = 0; i < n; ++i)
        peak = std::max(peak, std::abs(int(x[i])));
    if (peak == 0)
        return -1;
    const double threshold = fraction * double(peak);
    for (int64_t i = 0; i < n; ++i)
        if (double(std::abs(int(x[i]))) > threshold)
            return i;
    return -1;  // unreachable for fraction <= 1
}

namespace {

// numpy.linspace(start, stop, n)[i] for n >= 2: start + i * ((stop - start) / (n - 1)), the last
// exactly stop.
double linspaceAt(double start, double stop, int n, int i)
{
    if (n == 1)
        return start;
    if (i == n - 1)
        return stop;
    return double(i) * ((stop - start) / double(n - 1)) + start;
}

int16_t scaleTruncated(int16_t v, double factor)
{
    // float32 array *= float64 array: the product is rounded to float32, then astype(int16)
    // truncates toward zero.
    const float p = float(double(v) * factor);
    return int16_t(std::trunc(p));
}

} // namespace

void applyOnsFades(std::vector<int16_t>& x, int fadeSamples)
{
    const int n = int(std::min<int64_t>(fadeSamples, int64_t(x.size())));
    if (n <= 0)
        return;
    for (int i = 0; i < n; ++i)
        x[size_t(i)] = scaleTruncated(x[size_t(i)], linspaceAt(0.0, 1.0, n, i));
    const size_t tail = x.size() - size_t(n);
    for (int i = 0; i < n; ++i)
        x[tail + size_t(i)] = scaleTruncated(x[tail + size_t(i)], linspaceAt(1.0, 0.0, n, i));
}

std::vector<int16_t> onsPostProcess(const float* generated, int64_t n, const OnsPostProcessOptions& options,
                                    OnsPostProcessReport* report)
{
    options.validate();
    if (n <= 0 || !generated)
        throw Error("post-processing: the note is empty");
    OnsPostProcessReport r;
    std::vector<float> x(generated, generated + n);
    for (float v : x)
        if (!std::isfinite(v))
            throw Error("post-processing: the note contains NaN or infinite samples");

    if (options.declick)
        r.clicksRemoved = removeClicks(x, options.declickThreshold);

    double gain = 1.0;
    if (options.normalize) {
        double peak = 0;
        for (float v : x)
            peak = std::max(peak, std::fabs(double(v)));
        if (peak > 0) {
            gain = std::pow(10.0, options.normalizeDb / 20.0) / peak;
            r.gainDb = 20.0 * std::log10(gain);
        }
    }

    std::vector<int16_t> q(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const double v = std::nearbyint(double(x[size_t(i)]) * gain * 32768.0);
        if (v > 32767.0 || v < -32768.0)
            ++r.clippedSamples;
        q[size_t(i)] = int16_t(std::clamp(v, -32768.0, 32767.0));
    }

    int64_t start = 0;
    r.onset = findOnset(q.data(), n, options.onsetThreshold);
    if (options.onsetCrop)
        start = std::max<int64_t>(0, std::max<int64_t>(r.onset, 0) - options.onsetBackoff);
    r.start = start;
    const int64_t length = options.finalLength > 0 ? options.finalLength : n;
    std::vector<int16_t> out(static_cast<size_t>(length), 0);
    const int64_t copy = std::min(length, n - start);
    std::copy_n(q.begin() + start, copy, out.begin());
    r.paddedSamples = length - copy;

    applyOnsFades(out, options.fadeSamples);
    if (report)
        *report = r;
    return out;
}

} // namespace nsynth::audio
