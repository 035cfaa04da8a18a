#include "conform.h"

#include "error.h"
#include "onset.h"
#include "resample.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace nsynth::audio {
namespace {

// Thresholds of the checks (the seed exercise's; dBFS relative to full scale 1.0).
constexpr double kSilentDb = -60.0;
constexpr double kQuietDb = -30.0;
constexpr double kDcLimit = 0.01;
constexpr float kClipLevel = 0.999f;
constexpr int kClipRun = 3;
constexpr double kPitchToleranceCents = 50.0;
// When a short note is padded, its last few ms fade out so the padding does not start with a click.
constexpr double kPadFadeMs = 5.0;
// Leading silence shorter than this is left alone: a note that already starts at its onset (an
// NSynth note, a trimmed sample) passes through unshifted instead of losing a millisecond and
// being padded for it.
constexpr double kMinTrimMs = 10.0;
// Padding up to this fraction of the length (200 ms of 4 s) is reported as info, beyond as a warning.
constexpr double kShortWarningFraction = 0.05;
// Extra source samples resampled past what the output needs, so the filter's end effects
// (libsamplerate's best sinc spans a few hundred input samples) never reach kept output.
constexpr int64_t kResampleMargin = 8192;

double toDb(double amplitude) { return amplitude > 0 ? 20.0 * std::log10(amplitude) : -INFINITY; }

// v with `decimals` digits after the point; `sign` forces a leading + for positive values.
std::string fixed(double v, int decimals, bool sign = false)
{
    char buf[64];
    if (sign)
        std::snprintf(buf, sizeof buf, "%+.*f", decimals, v);
    else
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string ms(int64_t samples, int rate) { return fixed(1000.0 * double(samples) / rate, 1) + " ms"; }

// Samples in runs of at least kClipRun consecutive samples (per channel) at |x| >= kClipLevel.
int64_t countClipped(const AudioData& input)
{
    const int64_t frames = input.frames();
    const int channels = input.channels;
    int64_t total = 0;
    for (int c = 0; c < channels; ++c) {
        int64_t run = 0;
        for (int64_t f = 0; f <= frames; ++f) {
            const bool hot = f < frames && std::abs(input.samples[size_t(f * channels + c)]) >= kClipLevel;
            if (hot) {
                ++run;
            } else {
                if (run >= kClipRun)
                    total += run;
                run = 0;
            }
        }
    }
    return total;
}

void validate(const ConformOptions& o)
{
    if (o.sampleRate < 1000 || o.sampleRate > 384000)
        throw Error("conform: invalid target sample rate " + std::to_string(o.sampleRate) + " Hz");
    if (o.length < 1 || o.length > int64_t(o.sampleRate) * 3600)
        throw Error("conform: invalid target length " + std::to_string(o.length) + " samples");
    if (!(o.preOnsetMs >= 0 && o.preOnsetMs <= 10000))
        throw Error("conform: invalid pre-onset time " + std::to_string(o.preOnsetMs) + " ms");
    if (!(o.fadeOutMs >= 0 && o.fadeOutMs <= 60000))
        throw Error("conform: invalid fade-out time " + std::to_string(o.fadeOutMs) + " ms");
    if (o.normalize && !(o.normalizePeakDb <= 0 && o.normalizePeakDb >= -60))
        throw Error("conform: normalisation peak must be between -60 and 0 dBFS, got " +
                    std::to_string(o.normalizePeakDb));
}

void add(ConformReport& r, NoteCheck::Severity s, const char* code, std::string message)
{
    r.checks.push_back(NoteCheck{s, code, std::move(message)});
}

// Compares the detected pitch with the named one and records the result.
void checkPitch(ConformReport& r)
{
    using S = NoteCheck::Severity;
    const int named = r.name->pitch;
    const std::string namedText = midiNoteName(named) + " (" + std::to_string(named) + ")";
    if (!r.pitch.voiced) {
        add(r, S::Warning, "no_pitch",
            "no clear pitch found (" + fixed(100.0 * r.pitch.confidence, 0) + "%" +
                " of frames voiced); cannot check it against " + namedText);
        return;
    }
    const double cents = centsBetween(r.pitch.frequencyHz, midiToHz(named));
    r.centsFromNamed = cents;
    const long octaves = std::lround(cents / 1200.0);
    const double rest = cents - 1200.0 * double(octaves);
    const std::string detected = "detected pitch " + fixed(r.pitch.frequencyHz, 1) + " Hz";
    if (octaves != 0 && std::abs(rest) <= kPitchToleranceCents) {
        r.octaveError = true;
        add(r, S::Warning, "octave_error",
            detected + " is " + std::to_string(std::abs(octaves)) + (std::abs(octaves) == 1 ? " octave " : " octaves ") +
                (octaves > 0 ? "above " : "below ") + namedText + " (" + fixed(cents, 0, true) + " cents)");
    } else if (std::abs(cents) > kPitchToleranceCents) {
        add(r, S::Warning, "pitch_off",
            detected + " (MIDI " + fixed(r.pitch.midi, 2) + ") is " + fixed(std::abs(cents), 0) + " cents " +
                (cents > 0 ? "sharp of " : "flat of ") + namedText);
    }
}

} // namespace

bool ConformReport::hasErrors() const
{
    return std::any_of(checks.begin(), checks.end(),
                       [](const NoteCheck& c) { return c.severity == NoteCheck::Severity::Error; });
}

bool ConformReport::hasWarnings() const
{
    return std::any_of(checks.begin(), checks.end(),
                       [](const NoteCheck& c) { return c.severity == NoteCheck::Severity::Warning; });
}

std::string severityName(NoteCheck::Severity severity)
{
    switch (severity) {
    case NoteCheck::Severity::Info: return "info";
    case NoteCheck::Severity::Warning: return "warning";
    case NoteCheck::Severity::Error: return "error";
    }
    return "?";
}

ConformedNote conformNote(const AudioData& input, const std::string& sourceName, const ConformOptions& options)
{
    using S = NoteCheck::Severity;
    validate(options);
    if (input.sampleRate <= 0 || input.channels <= 0)
        throw Error(sourceName + ": audio data has " + std::to_string(input.channels) + " channels at " +
                    std::to_string(input.sampleRate) + " Hz");
    const int rate = options.sampleRate;
    const int srcRate = input.sampleRate;

    ConformedNote out;
    ConformReport& r = out.report;
    r.source = sourceName;
    r.sourceRate = srcRate;
    r.sourceChannels = input.channels;
    r.sourceFrames = input.frames();
    r.sourceFormat = input.formatDescription;

    // 1-2. Mono mix and the source's statistics.
    std::vector<float> mono = mixToMono(input);
    const int64_t n = int64_t(mono.size());
    double sum = 0, sumSq = 0, peak = 0;
    for (float x : mono) {
        sum += x;
        sumSq += double(x) * x;
        peak = std::max(peak, double(std::abs(x)));
    }
    r.dcOffset = n > 0 ? sum / double(n) : 0.0;
    r.peakDb = toDb(peak);
    r.rmsDb = n > 0 ? toDb(std::sqrt(sumSq / double(n))) : -INFINITY;
    r.clippedSamples = countClipped(input);

    if (input.channels > 1)
        add(r, S::Info, "mixed_down", "mixed " + std::to_string(input.channels) + " channels down to mono");
    if (srcRate != rate)
        add(r, S::Info, "resampled", "resampled from " + std::to_string(srcRate) + " Hz to " + std::to_string(rate) + " Hz");
    if (r.clippedSamples > 0)
        add(r, S::Warning, "clipping",
            std::to_string(r.clippedSamples) + " clipped samples in the source (runs of 3 or more at full scale)");
    const bool silent = n == 0 || r.peakDb < kSilentDb;
    if (silent)
        add(r, S::Error, "silent", n == 0 ? std::string("the note is empty")
                                          : "the note is silent: peak " + fixed(r.peakDb, 1) + " dBFS is below -60 dBFS");
    else if (r.peakDb < kQuietDb)
        add(r, S::Warning, "quiet", "the note is quiet: peak " + fixed(r.peakDb, 1) + " dBFS is below -30 dBFS");
    if (std::abs(r.dcOffset) > kDcLimit) {
        if (options.removeDc)
            add(r, S::Info, "dc_offset", "DC offset of " + fixed(r.dcOffset, 3) + " of full scale removed");
        else
            add(r, S::Warning, "dc_offset", "DC offset of " + fixed(r.dcOffset, 3) + " of full scale (more than 0.01)");
    }

    // 3. Onset on the source mono with the DC removed, so an offset does not read as sound
    //    (the note itself keeps its offset unless removeDc).
    if (options.removeDc && r.dcOffset != 0)
        for (float& x : mono)
            x = float(double(x) - r.dcOffset);
    int64_t onsetSrc = -1;
    if (!silent) {
        Onset onset;
        if (options.removeDc || r.dcOffset == 0) {
            onset = detectOnset(mono.data(), n, srcRate);
        } else {
            std::vector<float> centred(mono);
            for (float& x : centred)
                x = float(double(x) - r.dcOffset);
            onset = detectOnset(centred.data(), n, srcRate);
        }
        if (onset.found)
            onsetSrc = onset.onset;
    }
    const int64_t fullLength = resampledLength(n, srcRate, rate);
    if (onsetSrc >= 0)
        r.onsetSample = std::min(resampledLength(onsetSrc, srcRate, rate), std::max<int64_t>(0, fullLength - 1));

    // 6 (planned first, so step 4 resamples only what is kept).
    const int64_t preOnset = int64_t(std::llround(options.preOnsetMs * 1e-3 * rate));
    int64_t start = (options.trimLeadingSilence && r.onsetSample > 0) ? std::max<int64_t>(0, r.onsetSample - preOnset) : 0;
    if (start < int64_t(std::llround(kMinTrimMs * 1e-3 * rate)))
        start = 0;
    r.trimmedSamples = start;
    const int64_t available = fullLength - start;
    const int64_t kept = std::min(available, options.length);
    r.cutSamples = std::max<int64_t>(0, available - options.length);
    r.paddedSamples = options.length - kept;

    // 4. Resample the prefix that covers [0, start + kept) plus a margin.
    std::vector<float> resampled;
    if (srcRate == rate) {
        resampled = std::move(mono);
    } else {
        const int64_t needSrc = (start + kept) * int64_t(srcRate) / rate + 1 + kResampleMargin;
        if (needSrc < n) {
            // The prefix's own length rounds the same way; only its first start + kept samples are used.
            std::vector<float> prefix(mono.begin(), mono.begin() + needSrc);
            resampled = resample(prefix, srcRate, rate);
        } else {
            resampled = resample(mono, srcRate, rate);
        }
        mono.clear();
        mono.shrink_to_fit();
    }

    // 6-7. Trim and fit to length.
    std::vector<float>& y = out.samples;
    y.assign(size_t(options.length), 0.0f);
    for (int64_t i = 0; i < kept; ++i)
        y[size_t(i)] = start + i < int64_t(resampled.size()) ? resampled[size_t(start + i)] : 0.0f;
    if (r.trimmedSamples > 0)
        add(r, S::Info, "trimmed", "removed " + ms(r.trimmedSamples, rate) + " of leading silence");
    if (r.cutSamples > 0) {
        const int64_t fade = std::min(kept, int64_t(std::llround(options.fadeOutMs * 1e-3 * rate)));
        // Half cosine from 1 to exactly 0 at the last sample: gain(i) = (1 + cos(pi * (i+1) / fade)) / 2.
        for (int64_t i = 0; i < fade; ++i) {
            const double g = 0.5 * (1.0 + std::cos(std::numbers::pi * double(i + 1) / double(fade)));
            float& v = y[size_t(kept - fade + i)];
            v = float(v * g);
        }
        add(r, S::Info, "cut",
            "cut " + ms(r.cutSamples, rate) + " from the end with a " + fixed(options.fadeOutMs, 0) + " ms fade-out");
    }
    if (r.paddedSamples > 0) {
        const int64_t fade = std::min(kept, int64_t(std::llround(kPadFadeMs * 1e-3 * rate)));
        for (int64_t i = 0; i < fade; ++i) {
            const double g = 0.5 * (1.0 + std::cos(std::numbers::pi * double(i + 1) / double(fade)));
            float& v = y[size_t(kept - fade + i)];
            v = float(v * g);
        }
        // A few ms of padding (an NSynth note whose onset was 20 ms in) is not worth a warning.
        const bool significant = double(r.paddedSamples) > kShortWarningFraction * double(options.length);
        add(r, significant ? S::Warning : S::Info, "short",
            "the note is " + ms(kept, rate) + " long after trimming; padded with " + ms(r.paddedSamples, rate) +
                " of silence");
    }

    // 8. Peak normalisation (never of a silent note: that would only amplify noise).
    if (options.normalize && !silent) {
        float outPeak = 0;
        for (float v : y)
            outPeak = std::max(outPeak, std::abs(v));
        if (outPeak > 0) {
            const double gain = std::pow(10.0, options.normalizePeakDb / 20.0) / outPeak;
            for (float& v : y)
                v = float(v * gain);
            add(r, S::Info, "normalized",
                "peak normalised to " + fixed(options.normalizePeakDb, 1) + " dBFS (gain " + fixed(toDb(gain), 1, true) + " dB)");
        }
    }

    // 9. The 16-bit grid. Resampling can overshoot a source that peaks near full scale, and a
    //    float source may hold +1.0 itself (one step above the largest 16-bit value).
    int64_t outputClipped = 0;
    y = quantizeTo16Bit(y, &outputClipped);
    if (outputClipped > 0)
        add(r, S::Warning, "output_clipped",
            std::to_string(outputClipped) + " samples exceeded 16-bit full scale and were clipped" +
                (srcRate != rate ? " (resampling overshoots a source that peaks near full scale)" : ""));

    // 10. Name and pitch.
    r.name = parseNoteName(sourceName);
    if (!r.name)
        add(r, S::Error, "name", explainNoteNameProblem(sourceName));
    if (!silent) {
        r.pitch = estimatePitch(y.data(), int64_t(y.size()), rate, 25.0, std::min(4500.0, rate / 2.0 - 1.0));
        if (r.name)
            checkPitch(r);
    }
    return out;
}

} // namespace nsynth::audio
