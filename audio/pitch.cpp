#include "pitch.h"

#include "error.h"
#include "onset.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace nsynth::audio {
namespace {

// YIN's absolute threshold on d'(tau): the first dip below it is the period. The paper suggests
// about 0.1; on the 197 real instrument notes of the test data (resampled to 16 kHz) the share
// within 50 cents of the true pitch was 0.10: 184, 0.15: 187, 0.20: 189, 0.25: 188. Below 0.2,
// bowed, breathy and low piano notes lose their first dip and YIN falls to the sub-octave.
constexpr double kThreshold = 0.20;
// Where the steady part starts after the rise, and how much of it to analyse.
constexpr double kSkipAttackSeconds = 0.050;
constexpr double kAnalysisSeconds = 1.5;
// At most this many frames (the hop grows for long analysis spans); at least 10 ms apart.
constexpr int kMaxFrames = 48;
constexpr double kMinHopSeconds = 0.010;
// Frames this far below the loudest analysed frame are decay or silence, not analysed.
constexpr double kGateDb = -35.0;
// A note needs this many voiced frames, and this fraction of the analysed ones, to be voiced.
constexpr int kMinVoicedFrames = 3;
constexpr double kMinConfidence = 0.25;
// Sub-sample refinement uses dips at multiples of the period up to this lag (seconds).
constexpr double kRefineLagSeconds = 0.010;

// Vertex offset (-0.5..0.5) of the parabola through (-1, a), (0, b), (1, c).
double parabolicOffset(double a, double b, double c)
{
    const double denom = a - 2.0 * b + c;
    if (!(denom > 0.0))
        return 0.0;
    return std::clamp(0.5 * (a - c) / denom, -0.5, 0.5);
}

// One analysis frame: x [window + maxLag + 1].
class YinFrame {
public:
    YinFrame(const float* x, int window, int minLag, int maxLag)
        : m_x(x), m_window(window), m_minLag(minLag), m_maxLag(maxLag), m_d(size_t(maxLag) + 2, 0.0)
    {
    }

    // d(tau) = sum_{j < window} (x_j - x_{j+tau})^2, computed on demand (frames that find
    // their period early never pay for the long lags).
    double d(int tau)
    {
        while (m_computed < tau) {
            const int t = ++m_computed;
            const float* a = m_x;
            const float* b = m_x + t;
            float sum = 0.0f; // float so the loop vectorises; W <= a few thousand terms
            for (int j = 0; j < m_window; ++j) {
                const float diff = a[j] - b[j];
                sum += diff * diff;
            }
            m_d[size_t(t)] = double(sum);
        }
        return m_d[size_t(tau)];
    }

    // Period in samples (fractional), or 0 when no dip of d' is below the threshold.
    //
    // YIN takes the first lag where d' falls below the threshold and descends to the local
    // minimum after it. Here the same is done on local minima directly, judging each by the
    // parabola's vertex value rather than the integer-lag sample: for periods of a few samples
    // (MIDI 100+ at 16 kHz) no integer lag lands near the dip's bottom, and the integer samples of
    // the true period's dip can all stay above the threshold while the dip at twice the period
    // (a near-integer lag) does not, which would read an octave low.
    double period(int refineLag)
    {
        // d'(tau) = d(tau) * tau / sum_{k=1..tau} d(k); d'(0) = 1.
        std::vector<double>& norm = m_norm;
        norm.assign(size_t(m_maxLag) + 1, 1.0);
        double running = 0.0;
        for (int tau = 1; tau <= m_maxLag; ++tau) {
            running += d(tau);
            norm[size_t(tau)] = running > 0.0 ? d(tau) * tau / running : 1.0;
            const int t = tau - 1; // candidate minimum, now that its right neighbour is known
            if (t < m_minLag || t < 1)
                continue;
            const double a = norm[size_t(t - 1)], b = norm[size_t(t)], c = norm[size_t(tau)];
            if (!(b <= a && b < c))
                continue;
            const double denom = a - 2.0 * b + c;
            const double bottom = denom > 0.0 ? b - (a - c) * (a - c) / (8.0 * denom) : b;
            if (bottom < kThreshold)
                return refine(t, refineLag);
        }
        return 0.0;
    }

private:
    // Parabolic vertex of d around an integer lag.
    double vertex(int tau)
    {
        if (tau <= 1 || tau >= m_maxLag)
            return tau;
        return tau + parabolicOffset(d(tau - 1), d(tau), d(tau + 1));
    }

    // The lag with the smallest d within +-2 of `centre`.
    int localMinimum(int centre)
    {
        int best = centre;
        for (int t = std::max(1, centre - 2); t <= std::min(m_maxLag - 1, centre + 2); ++t)
            if (d(t) < d(best))
                best = t;
        return best;
    }

    // Short periods span few samples, so the parabola's error is a large fraction of them. A
    // periodic signal also dips at k * period, where the same absolute error is k times smaller
    // relative to the period: follow the dips at 2, 4, 8, ... periods up to refineLag.
    double refine(int tau, int refineLag)
    {
        double period = vertex(localMinimum(tau));
        int k = 1;
        while (2 * k * period + 3 <= std::min(refineLag, m_maxLag)) {
            k *= 2;
            const int centre = int(std::lround(k * period));
            const double candidate = vertex(localMinimum(centre)) / k;
            if (std::abs(candidate - period) > 0.02 * period)
                break; // the multiple's dip is not where a periodic signal puts it: keep what we have
            period = candidate;
        }
        return period;
    }

    const float* m_x;
    int m_window;
    int m_minLag;
    int m_maxLag;
    std::vector<double> m_d;    // d(tau), [maxLag + 2], valid up to m_computed
    std::vector<double> m_norm; // d'(tau), [maxLag + 1]
    int m_computed = 0;
};

} // namespace

double midiToHz(double midi) { return 440.0 * std::pow(2.0, (midi - 69.0) / 12.0); }

double hzToMidi(double hz) { return 69.0 + 12.0 * std::log2(hz / 440.0); }

double centsBetween(double hz, double referenceHz) { return 1200.0 * std::log2(hz / referenceHz); }

PitchEstimate estimatePitch(const float* mono, int64_t n, int sampleRate, double minHz, double maxHz)
{
    if (sampleRate <= 0)
        throw Error("estimatePitch: invalid sample rate " + std::to_string(sampleRate));
    if (!(minHz > 0) || !(maxHz > minHz) || maxHz > sampleRate / 2.0)
        throw Error("estimatePitch: invalid frequency range " + std::to_string(minHz) + ".." +
                    std::to_string(maxHz) + " Hz at " + std::to_string(sampleRate) + " Hz");
    PitchEstimate result;
    if (!mono || n <= 0)
        return result;

    const int minLag = std::max(2, int(std::floor(sampleRate / maxHz)));
    int maxLag = int(std::ceil(sampleRate / minHz));
    // Integration window: at least one period of the lowest pitch, and 20 ms.
    int window = std::max(maxLag, int(std::lround(0.020 * sampleRate)));
    if (int64_t(window) + maxLag + 1 > n) {
        // Short input: shrink the lag range and window to fit (the lowest pitches become unreachable).
        maxLag = int(std::min<int64_t>(maxLag, (n - 1) / 2));
        window = int(n - 1 - maxLag);
        if (maxLag < minLag + 2 || window < minLag)
            return result;
    }
    const int64_t span = int64_t(window) + maxLag + 1;

    const Onset onset = detectOnset(mono, n, sampleRate);
    if (!onset.found)
        return result;
    int64_t start = onset.rise + int64_t(std::llround(kSkipAttackSeconds * sampleRate));
    int64_t end = std::min(n, start + int64_t(std::llround(kAnalysisSeconds * sampleRate)) + span);
    if (end - start < span) {
        // Short notes: analyse the last full span rather than nothing.
        start = std::max<int64_t>(0, n - span);
        end = n;
    }
    const int64_t room = end - span - start; // frame starts lie in [start, start + room]
    const int64_t hop = std::max<int64_t>(int64_t(std::llround(kMinHopSeconds * sampleRate)), room / kMaxFrames + 1);

    std::vector<int64_t> frameStarts;
    std::vector<double> frameEnergy; // mean square over the integration window
    double loudest = 0;
    for (int64_t s = start; s <= start + room; s += hop) {
        double e = 0;
        for (int64_t j = 0; j < window; ++j)
            e += double(mono[s + j]) * double(mono[s + j]);
        frameStarts.push_back(s);
        frameEnergy.push_back(e / window);
        loudest = std::max(loudest, e / window);
    }
    const double gate = std::max(loudest * std::pow(10.0, kGateDb / 10.0), 1e-12); // energies: dB/10

    const int refineLag = int(std::lround(kRefineLagSeconds * sampleRate));
    std::vector<double> periods;
    int analysed = 0;
    for (size_t f = 0; f < frameStarts.size(); ++f) {
        if (frameEnergy[f] < gate)
            continue;
        ++analysed;
        YinFrame frame(mono + frameStarts[f], window, minLag, maxLag);
        const double period = frame.period(refineLag);
        if (period > 0)
            periods.push_back(period);
    }
    if (analysed == 0)
        return result;
    result.confidence = double(periods.size()) / analysed;
    if (int(periods.size()) < kMinVoicedFrames || result.confidence < kMinConfidence)
        return result;

    // Median period (the lower middle for an even count: always a value some frame measured).
    auto mid = periods.begin() + ptrdiff_t((periods.size() - 1) / 2);
    std::nth_element(periods.begin(), mid, periods.end());
    result.voiced = true;
    result.frequencyHz = sampleRate / *mid;
    result.midi = hzToMidi(result.frequencyHz);
    return result;
}

} // namespace nsynth::audio
