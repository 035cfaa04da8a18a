#include "tone_player.h"

#include "audio_devices.h"
#include "pcm.h"

#include <QAudioSink>
#include <QIODevice>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <vector>

namespace nsynth::audio {

// What the generator plays, shared between the player (which changes it) and the generator
// (which reads it on the sink's schedule, in the GUI thread).
struct ToneState {
    double toneHz = 440.0;
    bool toneOn = false;
    double clickHz = 1400.0;
    int clickLeft = 0, clickPhase = 0;
};

// One per opened sink and owned by it, so it outlives the sink's own destruction (Qt 6.4's
// PulseAudio sink processes events in its destructor).
class ToneGenerator : public QIODevice {
public:
    ToneGenerator(std::shared_ptr<ToneState> state, const QAudioFormat& format, QObject* parent)
        : QIODevice(parent), m_state(std::move(state)), m_format(format)
    {
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return 1 << 20; }

protected:
    qint64 readData(char* data, qint64 maxlen) override
    {
        const int bpf = m_format.bytesPerFrame();
        const int rate = m_format.sampleRate();
        if (bpf <= 0 || rate <= 0)
            return 0;
        ToneState& st = *m_state;
        const qint64 frames = maxlen / bpf;
        m_mono.assign(size_t(frames), 0.0f);
        const double rampStep = 1.0 / (0.010 * rate);  // 10 ms fades: no clicks from the tone
        // Harmonic amplitudes, normalised so the peak stays near 0.25 (-12 dBFS).
        static constexpr double amps[4] = {1.0, 0.5, 0.3, 0.2};
        const double norm = 0.25 / (amps[0] + amps[1] + amps[2] + amps[3]);
        for (qint64 i = 0; i < frames; ++i) {
            double v = 0;
            const double target = st.toneOn ? 1.0 : 0.0;
            if (m_envelope < target)
                m_envelope = std::min(target, m_envelope + rampStep);
            else if (m_envelope > target)
                m_envelope = std::max(target, m_envelope - rampStep);
            if (m_envelope > 0) {
                for (int h = 0; h < 4; ++h)
                    if ((h + 1) * st.toneHz < rate / 2.0)
                        v += amps[h] * std::sin((h + 1) * m_tonePhase);
                v *= norm * m_envelope;
            }
            m_tonePhase += 2.0 * std::numbers::pi * st.toneHz / rate;
            if (m_tonePhase > 2.0 * std::numbers::pi * 64)
                m_tonePhase = std::fmod(m_tonePhase, 2.0 * std::numbers::pi);
            if (st.clickLeft > 0) {
                const double t = double(st.clickPhase) / rate;
                v += 0.3 * std::exp(-t / 0.006) * std::sin(2.0 * std::numbers::pi * st.clickHz * t);
                ++st.clickPhase;
                --st.clickLeft;
            }
            m_mono[size_t(i)] = float(v);
        }
        const QByteArray pcm = monoToPcm(m_mono.data(), frames, m_format);
        std::memcpy(data, pcm.constData(), size_t(pcm.size()));
        return pcm.size();
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    std::shared_ptr<ToneState> m_state;
    QAudioFormat m_format;
    std::vector<float> m_mono;
    double m_tonePhase = 0, m_envelope = 0;
};

TonePlayer::TonePlayer(QObject* parent) : QObject(parent), m_state(std::make_shared<ToneState>()) {}

TonePlayer::~TonePlayer()
{
    stop();
}

void TonePlayer::setDevice(const QAudioDevice& device)
{
    if (device == m_device)
        return;
    stop();
    m_device = device;
}

bool TonePlayer::ensureOpen()
{
    if (m_sink)
        return true;
    QAudioDevice device = m_device.isNull() ? chooseAudioOutput({}) : m_device;
    if (device.isNull()) {
        Q_EMIT errorOccurred(tr("No audio output device was found, so the reference tone and the count-in "
                                "clicks cannot be played."));
        return false;
    }
    const QAudioFormat format = device.preferredFormat();
    if (!format.isValid()) {
        Q_EMIT errorOccurred(tr("The output device \"%1\" reports no usable format.").arg(device.description()));
        return false;
    }
    // Not a child of the player: a closed sink is deleted later, possibly after the player.
    m_sink = new QAudioSink(device, format);
    auto* generator = new ToneGenerator(m_state, format, m_sink);
    generator->open(QIODevice::ReadOnly);
    m_sink->setBufferSize(format.bytesForDuration(60000));  // short: clicks should be on time
    m_sink->start(generator);
    if (m_sink->error() != QAudio::NoError || m_sink->state() == QAudio::StoppedState) {
        const QString name = device.description();
        stop();
        Q_EMIT errorOccurred(tr("The output device \"%1\" could not be opened for the reference tone.").arg(name));
        return false;
    }
    return true;
}

bool TonePlayer::startTone(double frequencyHz)
{
    if (!ensureOpen())
        return false;
    m_state->toneHz = frequencyHz;
    m_state->toneOn = true;
    return true;
}

void TonePlayer::stopTone()
{
    m_state->toneOn = false;
}

bool TonePlayer::isTonePlaying() const
{
    return m_sink && m_state->toneOn;
}

double TonePlayer::toneFrequency() const
{
    return m_state->toneHz;
}

bool TonePlayer::click(bool accent)
{
    if (!ensureOpen())
        return false;
    m_state->clickHz = accent ? 2000.0 : 1400.0;
    m_state->clickLeft = int(0.025 * m_sink->format().sampleRate());
    m_state->clickPhase = 0;
    return true;
}

void TonePlayer::stop()
{
    m_state->toneOn = false;
    m_state->clickLeft = 0;
    if (m_sink) {
        QAudioSink* sink = m_sink;
        m_sink = nullptr;
        sink->stop();
        sink->deleteLater();
    }
}

} // namespace nsynth::audio
