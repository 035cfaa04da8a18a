#pragma once
// Conversion between the interleaved PCM bytes Qt Multimedia delivers or accepts (any
// QAudioFormat: unsigned 8-bit, signed 16/32-bit, float; any channel count) and the float
// samples of audio/ (full scale = 1.0). Integers scale like libsndfile's (s / 2^(bits-1)) so a
// recorded take means the same numbers whether read live or from its WAV file.

#include <QAudioFormat>
#include <QByteArray>

#include <vector>

namespace nsynth::audio {

// `frames` interleaved frames of `format` -> floats [frames * channels], appended to `out`.
void appendPcmAsFloat(const char* data, qint64 frames, const QAudioFormat& format, std::vector<float>& out);

// mono floats -> interleaved bytes of `format`, the mono signal on every channel; clamped to
// full scale (integers round to nearest).
QByteArray monoToPcm(const float* mono, qint64 frames, const QAudioFormat& format);

// Levels of a stretch of audio, for meters.
struct Levels {
    float peak = 0;     // max |x|
    double sumSquares = 0;
    qint64 samples = 0;
    bool clipped = false; // a sample at or beyond 0.999 of full scale (the conform check's level)
    float rms() const;
    void add(const Levels& other);
};

Levels measureLevels(const float* samples, qint64 count);

} // namespace nsynth::audio
