#pragma once
// Continuous output of sound computed as it plays (the grid preview's synthesiser,
// app/preview/preview_synth.h): a QAudioSink in pull mode at the device's preferred format,
// asking a render function for mono samples at the stream's rate whenever the device needs them,
// the mono signal on every channel.
//
// The buffer is kBufferMs = 100 ms: short so a key is heard soon, but it must hold more than one
// of the sound server's periods. Qt 6.4's PulseAudio sink pulls from the source only when a whole
// period (50 ms) of the stream is writable, so with a buffer of 50 ms or less it never pulls and
// the output stays silent while reporting ActiveState (measured with the test's null sink: 40 and
// 50 ms silent, 60 ms and up heard). Two periods leave one to write while the other plays.
//
// Qt Multimedia pulls from the sink's thread, the GUI thread here (as for the tone player), so
// the render function runs where the keys are pressed and needs no locking.

#include <QAudioDevice>
#include <QAudioFormat>
#include <QObject>

#include <cstdint>
#include <functional>
#include <memory>

class QAudioSink;

namespace nsynth::audio {

class StreamPlayer : public QObject {
    Q_OBJECT
public:
    using Render = std::function<void(float* mono, int64_t frames)>;

    explicit StreamPlayer(QObject* parent = nullptr);
    ~StreamPlayer() override;

    void setDevice(const QAudioDevice& device);  // null: the system default; reopens when running
    QAudioDevice device() const { return m_device; }
    static constexpr int kBufferMs = 100;

    // Opens the device and starts pulling from `render`. False (and errorOccurred) when it cannot.
    bool start(Render render);
    void stop();
    bool isRunning() const { return m_sink != nullptr; }
    int sampleRate() const { return m_format.sampleRate(); }  // of the open stream; 0 when closed
    QAudioFormat format() const { return m_format; }
    QString deviceName() const { return m_deviceName; }

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    QAudioDevice m_device;
    QAudioSink* m_sink = nullptr;
    QAudioFormat m_format;
    QString m_deviceName;
    std::shared_ptr<Render> m_render;
};

} // namespace nsynth::audio
