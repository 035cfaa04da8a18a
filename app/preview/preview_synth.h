#pragma once
// The grid preview's synthesiser: plays a grid cell's notes from a keyboard the way Open NSynth
// Super does (ons-pipeline.md section 4, "Playback behaviour"), as plain code that the tests
// drive sample by sample and the audio output (audio/devices/stream_player.h) pulls from.
//
//   - A key n plays the sample of the nearest configured pitch p (the lower one on ties),
//     resampled by 2^((n - p) / 12) and by the sample's rate over the output rate, with linear
//     interpolation between samples, as the device's sampler does.
//   - Polyphony: maxVoices keys at once (at least 8; the device allows 32). A key beyond that
//     takes the oldest voice, preferring one already released.
//   - Envelope: attack, decay, sustain, release (linear segments per output sample). Attack and
//     release have floors (2 ms, 5 ms) so no note starts or stops with a step.
//   - Click-free retriggering: a voice that gives way (the same key struck again, or stolen for a
//     new key) fades out over 5 ms beside the new voice instead of being cut.
//   - The end of a sample is tapered over its last 100 samples (the device's non-looping taper).
//
// Voices hold their sample by shared_ptr, so changing the sample set (a new cell touched)
// affects the next keys while notes already sounding finish as they started. Not thread-safe:
// call everything from the thread that renders (the GUI thread, where Qt's audio sink pulls).

#include <cstdint>
#include <memory>
#include <vector>

namespace nsynth::app {

struct SynthEnvelope {
    double attackSeconds = 0.005;
    double decaySeconds = 0.0;
    double sustainLevel = 1.0;  // 0..1
    double releaseSeconds = 0.3;
    bool operator==(const SynthEnvelope&) const = default;
};

// A sound the synth plays: mono samples at `sampleRate`, whose pitch is MIDI `pitch`.
struct SynthSample {
    std::shared_ptr<const std::vector<float>> samples;
    int sampleRate = 16000;
    int pitch = 60;
    bool valid() const { return samples && samples->size() >= 2 && sampleRate > 0; }
};

class PreviewSynth {
public:
    static constexpr int kMinVoices = 8;
    static constexpr int kMaxVoices = 64;
    static constexpr double kMinAttackSeconds = 0.002;
    static constexpr double kMinDecaySeconds = 0.002;
    static constexpr double kMinReleaseSeconds = 0.005;
    static constexpr double kStealSeconds = 0.005;  // fade of a voice that gives way
    static constexpr int kEndTaperSamples = 100;    // at the sample's own rate

    explicit PreviewSynth(int outputRate = 48000, int maxVoices = 16);

    int outputRate() const { return m_outputRate; }
    // For the voices started after the call (the player sets it when it opens the device).
    void setOutputRate(int rate);
    int maxVoices() const { return m_maxVoices; }
    void setMaxVoices(int voices);  // clamped to kMinVoices..kMaxVoices
    // Clamped to the floors above; affects keys struck after the call.
    void setEnvelope(const SynthEnvelope& envelope);
    const SynthEnvelope& envelope() const { return m_envelope; }
    void setGain(double gain) { m_gain = gain; }
    double gain() const { return m_gain; }

    // The sample set, one per configured pitch (any order); invalid entries are ignored (a
    // note not generated yet is silent).
    void setSamples(std::vector<SynthSample> samples);
    const std::vector<SynthSample>& samples() const { return m_samples; }

    // Index into `pitches` of the pitch key `midi` plays: the nearest, the lower one on ties;
    // -1 for an empty list.
    static int nearestPitch(const std::vector<int>& pitches, int midi);
    // Read-position advance per output sample: 2^((midi - samplePitch) / 12) * sampleRate / outputRate.
    static double playbackStep(int midi, int samplePitch, int sampleRate, int outputRate);

    // Key down with the sample set's nearest sample. False when the set has no sample to play.
    bool noteOn(int midi, double velocity = 1.0);
    // Key down with a given sample (the corners' source notes, played for comparison).
    bool noteOnWith(int midi, const SynthSample& sample, double velocity = 1.0);
    void noteOff(int midi);
    void allNotesOff();  // releases every held voice
    void reset();        // silence at once; for a stopped output only

    // Overwrites `frames` mono samples at the output rate.
    void render(float* out, int64_t frames);

    int activeVoices() const;    // voices of keys (held or releasing), not counting those giving way
    int soundingVoices() const;  // every voice still producing output
    bool isKeyDown(int midi) const;

private:
    enum class Stage { Attack, Decay, Sustain, Release };
    struct Voice {
        bool active = false;
        bool givingWay = false;  // fading out over kStealSeconds
        bool held = false;
        int midi = -1;
        uint64_t serial = 0;
        std::shared_ptr<const std::vector<float>> data;
        double pos = 0, step = 1;
        double velocity = 1;
        Stage stage = Stage::Attack;
        double level = 0;
        double attackDelta = 0, decayDelta = 0, sustain = 1, releaseSeconds = 0.3, releaseDelta = 0;
    };

    void release(Voice& v, double seconds);
    Voice& freeVoice();

    int m_outputRate;
    int m_maxVoices;
    SynthEnvelope m_envelope;
    double m_gain = 0.8;
    std::vector<SynthSample> m_samples;
    std::vector<int> m_pitches;  // of the valid samples, in m_valid order
    std::vector<size_t> m_valid;
    std::vector<Voice> m_voices;  // 2 * kMaxVoices slots: voices giving way need room too
    uint64_t m_serial = 0;
};

} // namespace nsynth::app
