#include "stream_player.h"

#include "audio_devices.h"
#include "pcm.h"

#include <QAudioSink>
#include <QIODevice>

#include <cstring>
#include <vector>

namespace nsynth::audio {

namespace {

// One per opened sink and owned by it, so it outlives the sink's own destruction (Qt 6.4's
// PulseAudio sink still reads while it is destroyed); the render function is shared for the
// same reason and emptied when the player stops.
class StreamGenerator : public QIODevice {
public:
    StreamGenerator(std::shared_ptr<StreamPlayer::Render> render, const QAudioFormat& format, QObject* parent)
        : QIODevice(parent), m_render(std::move(render)), m_format(format)
    {
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return (1 << 20) + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char* data, qint64 maxlen) override
    {
        const int bpf = m_format.bytesPerFrame();
        if (bpf <= 0)
            return 0;
        const qint64 frames = maxlen / bpf;
        if (frames <= 0)
            return 0;
        m_mono.assign(size_t(frames), 0.0f);
        if (*m_render)
            (*m_render)(m_mono.data(), frames);
        const QByteArray pcm = monoToPcm(m_mono.data(), frames, m_format);
        std::memcpy(data, pcm.constData(), size_t(pcm.size()));
        return pcm.size();
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    std::shared_ptr<StreamPlayer::Render> m_render;
    QAudioFormat m_format;
    std::vector<float> m_mono;
};

} // namespace

StreamPlayer::StreamPlayer(QObject* parent) : QObject(parent) {}

StreamPlayer::~StreamPlayer()
{
    stop();
}

void StreamPlayer::setDevice(const QAudioDevice& device)
{
    if (device == m_device)
        return;
    m_device = device;
    if (m_sink && m_render && *m_render) {
        Render render = *m_render;
        stop();
        start(render);
    }
}

bool StreamPlayer::start(Render render)
{
    stop();
    const QAudioDevice device = m_device.isNull() ? chooseAudioOutput({}) : findAudioOutput(m_device.id());
    if (device.isNull()) {
        Q_EMIT errorOccurred(m_device.isNull()
                                 ? tr("No audio output device was found, so the preview cannot be heard.")
                                 : tr("The output device \"%1\" is not available any more.").arg(m_device.description()));
        return false;
    }
    const QAudioFormat format = device.preferredFormat();
    if (!format.isValid() || format.sampleRate() <= 0) {
        Q_EMIT errorOccurred(tr("The output device \"%1\" reports no usable format.").arg(device.description()));
        return false;
    }
    m_render = std::make_shared<Render>(std::move(render));
    // Nobody's child: a stopped sink is deleted later, possibly after the player.
    m_sink = new QAudioSink(device, format);
    auto* generator = new StreamGenerator(m_render, format, m_sink);
    generator->open(QIODevice::ReadOnly);
    m_sink->setBufferSize(format.bytesForDuration(qint64(kBufferMs) * 1000));
    m_sink->start(generator);
    if (m_sink->error() != QAudio::NoError || m_sink->state() == QAudio::StoppedState) {
        const QString name = device.description();
        stop();
        Q_EMIT errorOccurred(tr("The output device \"%1\" could not be opened (%2).").arg(name, describeFormat(format)));
        return false;
    }
    m_format = format;
    m_deviceName = device.description();
    return true;
}

void StreamPlayer::stop()
{
    if (m_render)
        *m_render = Render();  // the generator may still be asked for data: silence
    m_render.reset();
    m_format = QAudioFormat();
    if (!m_sink)
        return;
    QAudioSink* sink = m_sink;
    m_sink = nullptr;
    sink->stop();
    sink->deleteLater();
}

} // namespace nsynth::audio
