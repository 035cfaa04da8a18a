#include "note_player.h"

#include "audio_devices.h"
#include "error.h"
#include "pcm.h"
#include "resample.h"

#include <QAudioSink>

namespace nsynth::audio {

NotePlayer::NotePlayer(QObject* parent) : QObject(parent)
{
    m_positionTimer.setInterval(30);
    connect(&m_positionTimer, &QTimer::timeout, this, [this] { Q_EMIT positionChanged(positionSeconds()); });
}

NotePlayer::~NotePlayer()
{
    m_positionTimer.stop();
    if (m_sink) {
        m_sink->disconnect(this);
        m_sink->stop();
        m_sink->deleteLater();  // with its buffer (see play)
        m_sink = nullptr;
    }
}

void NotePlayer::setDevice(const QAudioDevice& device)
{
    if (device == m_device)
        return;
    stop();
    m_device = device;
}

bool NotePlayer::play(const std::vector<float>& mono, int sampleRate)
{
    stop();
    const QAudioDevice device = m_device.isNull() ? chooseAudioOutput({}) : findAudioOutput(m_device.id());
    if (device.isNull()) {
        Q_EMIT errorOccurred(m_device.isNull()
                                 ? tr("No audio output device was found, so the note cannot be played.")
                                 : tr("The output device \"%1\" is not available any more.").arg(m_device.description()));
        return false;
    }
    if (mono.empty() || sampleRate <= 0) {
        Q_EMIT errorOccurred(tr("There is no audio to play."));
        return false;
    }
    QAudioFormat format;
    format.setSampleRate(sampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Float);
    std::vector<float> samples;
    if (!device.isFormatSupported(format)) {
        format = device.preferredFormat();
        try {
            samples = resample(mono, sampleRate, format.sampleRate());
        } catch (const Error& e) {
            Q_EMIT errorOccurred(tr("The note cannot be converted for the output device \"%1\": %2")
                                     .arg(device.description(), QString::fromStdString(e.what())));
            return false;
        }
    } else {
        samples = mono;
    }
    m_format = format;
    m_durationSeconds = double(samples.size()) / format.sampleRate();
    // The sink owns its buffer and is nobody's child: a stopped sink is deleted later, possibly
    // after the player, and Qt 6.4's PulseAudio sink still reads in its destructor.
    m_sink = new QAudioSink(device, format);
    m_buffer = new QBuffer(m_sink);
    m_buffer->setData(monoToPcm(samples.data(), qint64(samples.size()), format));
    m_buffer->open(QIODevice::ReadOnly);
    connect(m_sink, &QAudioSink::stateChanged, this, &NotePlayer::onStateChanged);
    m_sink->start(m_buffer);
    if (m_sink->error() != QAudio::NoError && m_sink->state() == QAudio::StoppedState) {
        const QString name = device.description();
        stop();
        Q_EMIT errorOccurred(tr("The output device \"%1\" refused to play (%2).").arg(name, describeFormat(format)));
        return false;
    }
    m_draining.invalidate();
    m_positionTimer.start();
    Q_EMIT started();
    return true;
}

void NotePlayer::onStateChanged()
{
    if (!m_sink)
        return;
    const QAudio::State state = m_sink->state();
    const QAudio::Error error = m_sink->error();
    if (state == QAudio::IdleState && m_buffer && m_buffer->atEnd()) {
        // Everything went to the sound server, but its buffer still holds the end of the note:
        // stopping now would cut it. Wait until the device has played it (or 1 s at most).
        if (!m_draining.isValid())
            m_draining.start();
        QTimer::singleShot(20, this, [this] {
            if (!m_sink)
                return;
            if (positionSeconds() >= m_durationSeconds - 0.005 || m_draining.elapsed() > 1000)
                stop();
            else
                onStateChanged();
        });
    } else if (state == QAudio::StoppedState && (error == QAudio::FatalError || error == QAudio::IOError)) {
        stop();
        Q_EMIT errorOccurred(tr("Playback stopped: the output device was lost."));
    }
}

double NotePlayer::positionSeconds() const
{
    if (!m_sink)
        return 0;
    return std::min(m_durationSeconds, double(m_sink->processedUSecs()) / 1e6);
}

void NotePlayer::stop()
{
    m_positionTimer.stop();
    if (!m_sink)
        return;
    QAudioSink* sink = m_sink;
    m_sink = nullptr;
    m_buffer = nullptr;
    sink->disconnect(this);
    sink->stop();
    sink->deleteLater();
    Q_EMIT finished();
}

} // namespace nsynth::audio
