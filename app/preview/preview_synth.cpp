#include "preview_synth.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace nsynth::app {

PreviewSynth::PreviewSynth(int outputRate, int maxVoices)
    : m_outputRate(std::max(1, outputRate)), m_maxVoices(std::clamp(maxVoices, kMinVoices, kMaxVoices)),
      m_voices(size_t(2 * kMaxVoices))
{
    setEnvelope(m_envelope);
}

void PreviewSynth::setOutputRate(int rate)
{
    m_outputRate = std::max(1, rate);
}

void PreviewSynth::setMaxVoices(int voices)
{
    m_maxVoices = std::clamp(voices, kMinVoices, kMaxVoices);
}

void PreviewSynth::setEnvelope(const SynthEnvelope& e)
{
    m_envelope.attackSeconds = std::max(kMinAttackSeconds, e.attackSeconds);
    m_envelope.decaySeconds = std::max(kMinDecaySeconds, e.decaySeconds);
    m_envelope.sustainLevel = std::clamp(e.sustainLevel, 0.0, 1.0);
    m_envelope.releaseSeconds = std::max(kMinReleaseSeconds, e.releaseSeconds);
}

void PreviewSynth::setSamples(std::vector<SynthSample> samples)
{
    m_samples = std::move(samples);
    m_valid.clear();
    m_pitches.clear();
    for (size_t i = 0; i < m_samples.size(); ++i)
        if (m_samples[i].valid()) {
            m_valid.push_back(i);
            m_pitches.push_back(m_samples[i].pitch);
        }
}

int PreviewSynth::nearestPitch(const std::vector<int>& pitches, int midi)
{
    int best = -1;
    for (size_t i = 0; i < pitches.size(); ++i) {
        if (best < 0) {
            best = int(i);
            continue;
        }
        const int d = std::abs(pitches[i] - midi), bd = std::abs(pitches[size_t(best)] - midi);
        // The device takes the lower of two equally near pitches.
        if (d < bd || (d == bd && pitches[i] < pitches[size_t(best)]))
            best = int(i);
    }
    return best;
}

double PreviewSynth::playbackStep(int midi, int samplePitch, int sampleRate, int outputRate)
{
    return std::pow(2.0, double(midi - samplePitch) / 12.0) * double(sampleRate) / double(outputRate);
}

bool PreviewSynth::noteOn(int midi, double velocity)
{
    const int k = nearestPitch(m_pitches, midi);
    if (k < 0)
        return false;
    return noteOnWith(midi, m_samples[m_valid[size_t(k)]], velocity);
}

void PreviewSynth::release(Voice& v, double seconds)
{
    v.stage = Stage::Release;
    v.held = false;
    // Linear from wherever the envelope is to zero in `seconds`.
    v.releaseDelta = std::max(v.level, 1e-9) / std::max(1.0, seconds * m_outputRate);
}

PreviewSynth::Voice& PreviewSynth::freeVoice()
{
    for (auto& v : m_voices)
        if (!v.active)
            return v;
    // Every slot busy (many voices giving way at once): reuse the quietest one giving way,
    // which is nearly silent by then; failing that, the quietest of all.
    Voice* best = nullptr;
    for (auto& v : m_voices)
        if (v.givingWay && (!best || v.level < best->level))
            best = &v;
    if (!best)
        for (auto& v : m_voices)
            if (!best || v.level < best->level)
                best = &v;
    return *best;
}

bool PreviewSynth::noteOnWith(int midi, const SynthSample& sample, double velocity)
{
    if (!sample.valid())
        return false;
    // The same key again: the sounding voice gives way (fades out) beside the new one.
    for (auto& v : m_voices)
        if (v.active && !v.givingWay && v.midi == midi) {
            v.givingWay = true;
            release(v, kStealSeconds);
        }
    // Too many keys: the oldest released voice gives way, else the oldest of all.
    if (activeVoices() >= m_maxVoices) {
        Voice* victim = nullptr;
        for (auto& v : m_voices) {
            if (!v.active || v.givingWay)
                continue;
            const bool released = v.stage == Stage::Release;
            const bool victimReleased = victim && victim->stage == Stage::Release;
            if (!victim || (released && !victimReleased) || (released == victimReleased && v.serial < victim->serial))
                victim = &v;
        }
        if (victim) {
            victim->givingWay = true;
            release(*victim, kStealSeconds);
        }
    }
    Voice& v = freeVoice();
    v = Voice{};
    v.active = true;
    v.held = true;
    v.midi = midi;
    v.serial = ++m_serial;
    v.data = sample.samples;
    v.pos = 0;
    v.step = playbackStep(midi, sample.pitch, sample.sampleRate, m_outputRate);
    v.velocity = std::clamp(velocity, 0.0, 1.0);
    v.stage = Stage::Attack;
    v.level = 0;
    v.attackDelta = 1.0 / std::max(1.0, m_envelope.attackSeconds * m_outputRate);
    v.sustain = m_envelope.sustainLevel;
    v.decayDelta = (1.0 - v.sustain) / std::max(1.0, m_envelope.decaySeconds * m_outputRate);
    v.releaseSeconds = m_envelope.releaseSeconds;
    return true;
}

void PreviewSynth::noteOff(int midi)
{
    for (auto& v : m_voices)
        if (v.active && v.held && !v.givingWay && v.midi == midi)
            release(v, v.releaseSeconds);
}

void PreviewSynth::allNotesOff()
{
    for (auto& v : m_voices)
        if (v.active && v.held)
            release(v, v.releaseSeconds);
}

void PreviewSynth::reset()
{
    for (auto& v : m_voices)
        v = Voice{};
}

void PreviewSynth::render(float* out, int64_t frames)
{
    std::fill(out, out + frames, 0.0f);
    for (auto& v : m_voices) {
        if (!v.active)
            continue;
        const std::vector<float>& d = *v.data;
        const double last = double(d.size() - 1);
        for (int64_t t = 0; t < frames; ++t) {
            if (v.pos >= last) {
                v.active = false;
                break;
            }
            const auto i = size_t(v.pos);
            const double frac = v.pos - double(i);
            const double s = double(d[i]) + frac * (double(d[i + 1]) - double(d[i]));
            const double taper = std::min(1.0, (last - v.pos) / kEndTaperSamples);
            out[t] += float(s * v.level * v.velocity * taper * m_gain);
            v.pos += v.step;
            switch (v.stage) {
            case Stage::Attack:
                v.level += v.attackDelta;
                if (v.level >= 1.0) {
                    v.level = 1.0;
                    v.stage = v.sustain < 1.0 ? Stage::Decay : Stage::Sustain;
                }
                break;
            case Stage::Decay:
                v.level -= v.decayDelta;
                if (v.level <= v.sustain) {
                    v.level = v.sustain;
                    v.stage = Stage::Sustain;
                }
                break;
            case Stage::Sustain:
                break;
            case Stage::Release:
                v.level -= v.releaseDelta;
                break;
            }
            if (v.stage == Stage::Release && v.level <= 0.0) {
                v.active = false;
                break;
            }
            // A sustain of zero: the note has faded out although the key is down.
            if (v.stage == Stage::Sustain && v.level <= 0.0) {
                v.active = false;
                break;
            }
        }
        if (!v.active)
            v.data.reset();
    }
    for (int64_t t = 0; t < frames; ++t)
        out[t] = std::clamp(out[t], -1.0f, 1.0f);
}

int PreviewSynth::activeVoices() const
{
    int n = 0;
    for (const auto& v : m_voices)
        n += v.active && !v.givingWay;
    return n;
}

int PreviewSynth::soundingVoices() const
{
    int n = 0;
    for (const auto& v : m_voices)
        n += v.active;
    return n;
}

bool PreviewSynth::isKeyDown(int midi) const
{
    for (const auto& v : m_voices)
        if (v.active && v.held && !v.givingWay && v.midi == midi)
            return true;
    return false;
}

} // namespace nsynth::app
