#include "spectrogram.h"

#include "error.h"
#include "fft.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <string>

namespace nsynth::audio {

namespace {

double wrapPhase(double x)
{
    x = std::fmod(x + std::numbers::pi, 2.0 * std::numbers::pi);
    if (x < 0)
        x += 2.0 * std::numbers::pi;
    return x - std::numbers::pi;
}

// How one output row is taken from the FFT bins.
struct RowSource {
    int lo = 0, hi = 0;     // inclusive band of bins; the loudest one represents the row
    bool interpolate = false;
    int bin0 = 0;           // interpolation between bin0 and bin0 + 1 ...
    double frac = 0;        // ... with this weight on bin0 + 1
};

} // namespace

Spectrogram computeSpectrogram(const float* mono, int64_t n, int sampleRate, const SpectrogramOptions& options,
                               const std::atomic<bool>* cancel)
{
    const int N = options.fftSize;
    if (sampleRate <= 0)
        throw Error("spectrogram: sample rate must be positive");
    if (options.hop < 1 || options.rows < 1)
        throw Error("spectrogram: hop and rows must be at least 1");
    const double nyquist = sampleRate / 2.0;
    const double maxHz = options.maxHz > 0 ? options.maxHz : nyquist;
    if (options.minHz <= 0 || maxHz <= options.minHz || maxHz > nyquist)
        throw Error("spectrogram: the frequency range " + std::to_string(options.minHz) + ".." +
                    std::to_string(maxHz) + " Hz is not inside 0.." + std::to_string(nyquist) + " Hz");
    const Fft fft(N);  // validates the size
    const std::vector<float> window = hannWindow(N);
    const int bins = N / 2 + 1;
    const double binHz = double(sampleRate) / N;

    Spectrogram s;
    s.sampleRate = sampleRate;
    s.hop = options.hop;
    s.rows = options.rows;
    s.frames = n > 0 ? int((n + options.hop - 1) / options.hop) : 0;
    s.rowHz.resize(s.rows);
    const double ratio = maxHz / options.minHz;
    for (int r = 0; r < s.rows; ++r)
        s.rowHz[r] = s.rows == 1 ? options.minHz : options.minHz * std::pow(ratio, double(r) / (s.rows - 1));

    // Each row's band runs between the geometric midpoints to its neighbours.
    std::vector<RowSource> sources(s.rows);
    const double step = s.rows > 1 ? std::pow(ratio, 1.0 / (s.rows - 1)) : 2.0;
    for (int r = 0; r < s.rows; ++r) {
        const double loHz = s.rowHz[r] / std::sqrt(step), hiHz = s.rowHz[r] * std::sqrt(step);
        RowSource& src = sources[r];
        src.lo = std::clamp(int(std::ceil(loHz / binHz)), 0, bins - 1);
        src.hi = std::clamp(int(std::floor(hiHz / binHz)), 0, bins - 1);
        if (src.hi < src.lo) {
            const double b = std::clamp(s.rowHz[r] / binHz, 0.0, double(bins - 1));
            src.interpolate = true;
            src.bin0 = std::min(int(b), bins - 2);
            src.frac = b - src.bin0;
        }
    }

    s.magnitudeDb.assign(size_t(s.frames) * s.rows, float(options.floorDb));
    if (options.phase) {
        s.phase.assign(size_t(s.frames) * s.rows, 0.0f);
        s.frequencyHz.assign(size_t(s.frames) * s.rows, 0.0f);
    }

    std::vector<float> block(N);
    std::vector<std::complex<double>> spectrum(bins);
    std::vector<double> magnitude(bins), phaseNow(bins), phasePrev(bins, 0.0);
    // A full-scale sine at a bin centre gives |X| = N/4 through a Hann window (sum N/2, times the
    // sine's 1/2 per side), which is our 0 dB.
    const double reference = N / 4.0;
    const double floorLinear = std::pow(10.0, options.floorDb / 20.0);

    for (int f = 0; f < s.frames; ++f) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        const int64_t start = int64_t(f) * options.hop - N / 2;
        for (int i = 0; i < N; ++i) {
            const int64_t t = start + i;
            block[i] = (t >= 0 && t < n) ? mono[t] * window[i] : 0.0f;
        }
        fft.forwardReal(block.data(), spectrum.data());
        for (int k = 0; k < bins; ++k) {
            magnitude[k] = std::abs(spectrum[k]) / reference;
            phaseNow[k] = std::arg(spectrum[k]);
        }
        for (int r = 0; r < s.rows; ++r) {
            const RowSource& src = sources[r];
            double mag;
            int k;
            if (src.interpolate) {
                mag = magnitude[src.bin0] * (1.0 - src.frac) + magnitude[src.bin0 + 1] * src.frac;
                k = src.frac < 0.5 ? src.bin0 : src.bin0 + 1;
            } else {
                k = src.lo;
                for (int b = src.lo + 1; b <= src.hi; ++b)
                    if (magnitude[b] > magnitude[k])
                        k = b;
                mag = magnitude[k];
            }
            const size_t idx = size_t(f) * s.rows + r;
            s.magnitudeDb[idx] = float(20.0 * std::log10(std::max(mag, floorLinear)));
            if (options.phase) {
                const double expected = 2.0 * std::numbers::pi * k * options.hop / N;
                const double deviation = f > 0 ? wrapPhase(phaseNow[k] - phasePrev[k] - expected) : 0.0;
                s.phase[idx] = float(deviation / std::numbers::pi);
                // The deviation is the extra phase per hop: (k + deviation * N / (2 pi hop)) bins.
                s.frequencyHz[idx] =
                    float((k + deviation * N / (2.0 * std::numbers::pi * options.hop)) * binHz);
            }
        }
        std::swap(phasePrev, phaseNow);
    }
    return s;
}

double spectrogramRowForHz(const Spectrogram& s, double hz)
{
    if (s.rows < 2 || hz <= 0)
        return 0;
    const double lo = s.rowHz.front(), hi = s.rowHz.back();
    return std::log(hz / lo) / std::log(hi / lo) * (s.rows - 1);
}

} // namespace nsynth::audio
