#include "recorder.h"

#include "audio_devices.h"
#include "error.h"

#include <QAudioSource>
#include <QMediaDevices>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace nsynth::audio {

namespace {

constexpr double kRingSeconds = 3.0;
// Longer than any period a working device leaves between deliveries (a sound server may hand
// over audio in blocks of up to 2 s when nothing asks it for low latency).
constexpr int kWatchdogMs = 4000;

} // namespace

// Pull-mode target of QAudioSource: everything the device delivers lands in Recorder::consume.
// One per opened source and owned by it, so it outlives whatever the source does while it is
// being destroyed (Qt 6.4's PulseAudio source still processes events in its destructor);
// detach() cuts it off from the recorder first.
class CaptureDevice : public QIODevice {
public:
    CaptureDevice(Recorder* recorder, QObject* parent) : QIODevice(parent), m_recorder(recorder) {}
    void detach() { m_recorder = nullptr; }

protected:
    qint64 readData(char*, qint64) override { return 0; }
    qint64 writeData(const char* data, qint64 len) override
    {
        if (m_recorder)
            m_recorder->consume(data, len);
        return len;  // always accept everything: Qt reports an underrun otherwise
    }

private:
    Recorder* m_recorder;
};

Recorder::Recorder(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<nsynth::audio::TakeResult>();
    m_mediaDevices = new QMediaDevices(this);
    connect(m_mediaDevices, &QMediaDevices::audioInputsChanged, this, &Recorder::checkDevicesPresent);
    m_watchdog.setInterval(250);
    connect(&m_watchdog, &QTimer::timeout, this, &Recorder::checkWatchdog);
}

Recorder::~Recorder()
{
    m_failing = true;  // no signals to half-destroyed listeners
    if (m_writer.isOpen()) {
        try {
            m_writer.finish();
        } catch (const Error&) {
        }
    }
    closeDevice();
}

QString Recorder::deviceName() const
{
    return m_device.isNull() ? tr("(none)") : m_device.description();
}

void Recorder::setDevice(const QAudioDevice& device)
{
    if (device == m_device)
        return;
    stop();
    m_device = device;
}

void Recorder::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

bool Recorder::openDevice()
{
    if (m_source)
        return true;
    if (m_device.isNull()) {
        fail(tr("No audio input device was found. Connect a microphone or an audio interface, "
                "then choose it in the recorder."));
        return false;
    }
    if (findAudioInput(m_device.id()).isNull()) {
        fail(tr("The input device \"%1\" is not available any more. Choose another input.").arg(deviceName()));
        return false;
    }
    const QAudioFormat format = m_formatOverride.isValid() ? m_formatOverride : m_device.preferredFormat();
    if (!format.isValid() || !m_device.isFormatSupported(format)) {
        fail(tr("The input device \"%1\" refused the recording format (%2). Choose another input or "
                "check the device's settings in the system's sound preferences.")
                 .arg(deviceName(), describeFormat(format)));
        return false;
    }
    m_format = format;
    // Not a child of the recorder: a source being closed is deleted later, possibly after the
    // recorder itself (see CaptureDevice).
    m_source = new QAudioSource(m_device, format);
    m_capture = new CaptureDevice(this, m_source);
    // Small periods keep the meter lively; the ring buffer absorbs any GUI-thread hiccup.
    m_source->setBufferSize(format.bytesForDuration(200000));
    connect(m_source, &QAudioSource::stateChanged, this, [this](QAudio::State) {
        if (!m_source || m_failing)
            return;
        const QAudio::Error e = m_source->error();
        if (e == QAudio::FatalError || e == QAudio::IOError)
            deviceLost(tr("the sound system reported an error"));
    });
    m_ring = QByteArray(format.bytesForDuration(qint64(kRingSeconds * 1e6)) / format.bytesPerFrame() *
                            format.bytesPerFrame(),
                        '\0');
    m_ringWrite = m_ringFill = 0;
    m_partial.clear();
    m_capture->open(QIODevice::WriteOnly);
    m_source->start(m_capture);
    if (m_source->error() != QAudio::NoError || m_source->state() == QAudio::StoppedState) {
        const QAudio::Error e = m_source->error();
        closeDevice();
        if (e == QAudio::OpenError)
            fail(tr("The input device \"%1\" refused the recording format (%2).").arg(deviceName(), describeFormat(format)));
        else
            fail(tr("The input device \"%1\" could not be opened (the sound system is not running or "
                    "the device is busy).")
                     .arg(deviceName()));
        return false;
    }
    m_sinceData.start();
    m_watchdog.start();
    return true;
}

void Recorder::closeDevice()
{
    m_watchdog.stop();
    if (m_source) {
        QAudioSource* source = m_source;
        m_source = nullptr;
        m_capture->detach();
        m_capture = nullptr;
        source->disconnect(this);
        source->stop();
        source->deleteLater();  // never inside one of its own signals
    }
}

bool Recorder::startMonitoring()
{
    if (!openDevice())
        return false;
    if (m_state == State::Stopped)
        setState(State::Monitoring);
    return true;
}

bool Recorder::startTake(const QString& path, double seconds, double preRollSeconds)
{
    if (m_state == State::Recording) {
        fail(tr("A take is already being recorded."));
        return false;
    }
    if (!openDevice())
        return false;
    const int bpf = m_format.bytesPerFrame();
    const qint64 takeFrames = qint64(std::llround(seconds * m_format.sampleRate()));
    const qint64 wantedPreRoll = qint64(std::llround(std::max(0.0, preRollSeconds) * m_format.sampleRate()));
    try {
        m_writer.open(path, m_format);
        // The pre-roll: as much of it as the ring holds; the remainder is recorded live.
        const qint64 fromRing = std::min(wantedPreRoll, m_ringFill / bpf);
        if (fromRing > 0) {
            const qint64 bytes = fromRing * bpf;
            qint64 start = (m_ringWrite - bytes + m_ring.size()) % m_ring.size();
            const qint64 first = std::min(bytes, qint64(m_ring.size()) - start);
            m_writer.append(m_ring.constData() + start, first);
            if (first < bytes)
                m_writer.append(m_ring.constData(), bytes - first);
        }
    } catch (const Error& e) {
        m_writer.discard();
        fail(tr("Cannot write the take: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    m_takeTargetFrames = takeFrames + wantedPreRoll;
    m_takePreRollFrames = wantedPreRoll;
    m_finishQueued = false;
    setState(State::Recording);
    return true;
}

double Recorder::takeProgress() const
{
    if (m_state != State::Recording || m_takeTargetFrames <= 0)
        return 0.0;
    return std::min(1.0, double(m_writer.frames()) / double(m_takeTargetFrames));
}

double Recorder::recordedSeconds() const
{
    return m_format.sampleRate() > 0 ? double(m_writer.frames()) / m_format.sampleRate() : 0.0;
}

void Recorder::consume(const char* data, qint64 bytes)
{
    m_sinceData.restart();
    const int bpf = m_format.bytesPerFrame();
    if (bpf <= 0 || bytes <= 0)
        return;
    // Qt hands over whole frames in practice; keep any split frame for the next call anyway.
    QByteArray joined;
    if (!m_partial.isEmpty()) {
        joined = m_partial + QByteArray(data, bytes);
        m_partial.clear();
        data = joined.constData();
        bytes = joined.size();
    }
    const qint64 whole = bytes / bpf * bpf;
    if (whole < bytes)
        m_partial = QByteArray(data + whole, bytes - whole);
    bytes = whole;
    if (bytes == 0)
        return;

    m_scratch.clear();
    appendPcmAsFloat(data, bytes / bpf, m_format, m_scratch);
    const Levels l = measureLevels(m_scratch.data(), qint64(m_scratch.size()));
    m_levels.add(l);
    m_clipLatched = m_clipLatched || l.clipped;

    // Ring buffer.
    if (!m_ring.isEmpty()) {
        qint64 offset = 0;
        while (offset < bytes) {
            const qint64 n = std::min(bytes - offset, qint64(m_ring.size()) - m_ringWrite);
            std::memcpy(m_ring.data() + m_ringWrite, data + offset, size_t(n));
            m_ringWrite = (m_ringWrite + n) % m_ring.size();
            offset += n;
        }
        m_ringFill = std::min<qint64>(m_ringFill + bytes, m_ring.size());
    }

    if (m_state == State::Recording && m_writer.isOpen() && !m_finishQueued) {
        const qint64 remaining = (m_takeTargetFrames - m_writer.frames()) * bpf;
        const qint64 n = std::min(remaining, bytes);
        try {
            m_writer.append(data, n);
        } catch (const Error& e) {
            // Disk full or similar: keep what is written and say so.
            m_finishQueued = true;
            const QString message = tr("Cannot write the take: %1").arg(QString::fromStdString(e.what()));
            QMetaObject::invokeMethod(this, [this, message] {
                finishTake(false);
                fail(message);
            }, Qt::QueuedConnection);
            return;
        }
        if (m_writer.frames() >= m_takeTargetFrames) {
            // Finish outside QAudioSource's read call (it holds the sound server's lock).
            m_finishQueued = true;
            QMetaObject::invokeMethod(this, [this] { finishTake(true); }, Qt::QueuedConnection);
        }
    }
}

void Recorder::finishTake(bool complete)
{
    if (!m_writer.isOpen())
        return;
    TakeResult result;
    result.format = m_format;
    result.frames = m_writer.frames();
    result.preRollFrames = std::min(m_takePreRollFrames, result.frames);
    result.complete = complete && result.frames >= m_takeTargetFrames;
    try {
        result.path = m_writer.finish();
    } catch (const Error& e) {
        result.path = m_writer.tempPath();
        setState(m_source ? State::Monitoring : State::Stopped);
        fail(QString::fromStdString(e.what()));
        return;
    }
    m_finishQueued = false;
    setState(m_source ? State::Monitoring : State::Stopped);
    Q_EMIT takeFinished(result);
}

void Recorder::stopTake()
{
    if (m_state == State::Recording)
        finishTake(false);
}

void Recorder::cancelTake()
{
    if (m_state != State::Recording)
        return;
    m_writer.discard();
    m_finishQueued = false;
    setState(m_source ? State::Monitoring : State::Stopped);
}

void Recorder::stop()
{
    if (m_state == State::Recording)
        finishTake(false);
    closeDevice();
    setState(State::Stopped);
}

Levels Recorder::takeLevels()
{
    const Levels l = m_levels;
    m_levels = Levels{};
    return l;
}

void Recorder::fail(const QString& message)
{
    if (!m_failing)
        Q_EMIT errorOccurred(message);
}

void Recorder::deviceLost(const QString& why)
{
    if (m_failing || m_state == State::Stopped)
        return;
    m_failing = true;
    const bool wasRecording = m_state == State::Recording;
    const double seconds = recordedSeconds();
    const qint64 frames = wasRecording ? m_writer.frames() : 0;
    QString savedPath;
    if (wasRecording) {
        try {
            savedPath = m_writer.finish();
        } catch (const Error&) {
            savedPath = m_writer.tempPath();
        }
    }
    closeDevice();
    m_finishQueued = false;
    setState(State::Stopped);
    m_failing = false;
    if (wasRecording) {
        TakeResult result;
        result.path = savedPath;
        result.format = m_format;
        result.frames = frames;
        result.preRollFrames = std::min(m_takePreRollFrames, frames);
        result.complete = false;
        Q_EMIT takeFinished(result);
        fail(tr("The input device \"%1\" stopped during the take (%2). The %3 s recorded so far were "
                "saved to %4.")
                 .arg(deviceName(), why, QString::number(seconds, 'f', 1), savedPath));
    } else {
        fail(tr("The input device \"%1\" stopped (%2). Choose another input or reconnect it.").arg(deviceName(), why));
    }
}

void Recorder::checkWatchdog()
{
    // The device list is polled as well as watched: Qt 6.4's PulseAudio backend does not always
    // announce a removed source, and PulseAudio moves the stream to another source meanwhile, so
    // audio keeps coming, from the wrong device.
    checkDevicesPresent();
    if (m_state != State::Stopped && m_source && m_sinceData.elapsed() > kWatchdogMs)
        deviceLost(tr("no audio arrived for %1 s").arg(kWatchdogMs / 1000.0, 0, 'f', 1));
}

void Recorder::checkDevicesPresent()
{
    if (m_state != State::Stopped && !m_device.isNull() && findAudioInput(m_device.id()).isNull())
        deviceLost(tr("it was disconnected or disabled"));
}

} // namespace nsynth::audio
