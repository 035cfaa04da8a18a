#include "pcm.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace nsynth::audio {

void appendPcmAsFloat(const char* data, qint64 frames, const QAudioFormat& format, std::vector<float>& out)
{
    const qint64 count = frames * format.channelCount();
    const size_t base = out.size();
    out.resize(base + size_t(count));
    float* dst = out.data() + base;
    switch (format.sampleFormat()) {
    case QAudioFormat::UInt8:
        for (qint64 i = 0; i < count; ++i)
            dst[i] = (float(uint8_t(data[i])) - 128.0f) / 128.0f;
        break;
    case QAudioFormat::Int16:
        for (qint64 i = 0; i < count; ++i) {
            int16_t v;
            std::memcpy(&v, data + 2 * i, 2);
            dst[i] = float(v) / 32768.0f;
        }
        break;
    case QAudioFormat::Int32:
        for (qint64 i = 0; i < count; ++i) {
            int32_t v;
            std::memcpy(&v, data + 4 * i, 4);
            dst[i] = float(double(v) / 2147483648.0);
        }
        break;
    case QAudioFormat::Float:
        std::memcpy(dst, data, size_t(count) * 4);
        break;
    default:
        std::fill(dst, dst + count, 0.0f);
        break;
    }
}

QByteArray monoToPcm(const float* mono, qint64 frames, const QAudioFormat& format)
{
    const int channels = std::max(1, format.channelCount());
    const int bytes = format.bytesPerSample();
    QByteArray out(frames * channels * bytes, Qt::Uninitialized);
    char* dst = out.data();
    for (qint64 f = 0; f < frames; ++f) {
        const float x = std::clamp(std::isfinite(mono[f]) ? mono[f] : 0.0f, -1.0f, 1.0f);
        for (int c = 0; c < channels; ++c, dst += bytes) {
            switch (format.sampleFormat()) {
            case QAudioFormat::UInt8: {
                const long v = std::clamp(std::lrint(x * 128.0f) + 128, 0L, 255L);
                *dst = char(uint8_t(v));
                break;
            }
            case QAudioFormat::Int16: {
                const int16_t v = int16_t(std::clamp(std::lrint(x * 32768.0f), -32768L, 32767L));
                std::memcpy(dst, &v, 2);
                break;
            }
            case QAudioFormat::Int32: {
                const int32_t v = int32_t(std::clamp<long long>(std::llrint(double(x) * 2147483648.0),
                                                                -2147483648LL, 2147483647LL));
                std::memcpy(dst, &v, 4);
                break;
            }
            case QAudioFormat::Float:
                std::memcpy(dst, &x, 4);
                break;
            default:
                std::memset(dst, 0, size_t(bytes));
                break;
            }
        }
    }
    return out;
}

float Levels::rms() const
{
    return samples > 0 ? float(std::sqrt(sumSquares / double(samples))) : 0.0f;
}

void Levels::add(const Levels& other)
{
    peak = std::max(peak, other.peak);
    sumSquares += other.sumSquares;
    samples += other.samples;
    clipped = clipped || other.clipped;
}

Levels measureLevels(const float* samples, qint64 count)
{
    Levels l;
    for (qint64 i = 0; i < count; ++i) {
        const float a = std::fabs(samples[i]);
        l.peak = std::max(l.peak, a);
        l.sumSquares += double(samples[i]) * samples[i];
    }
    l.samples = count;
    l.clipped = l.peak >= 0.999f;
    return l;
}

} // namespace nsynth::audio
