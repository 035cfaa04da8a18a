#pragma once
// Playback of a note (mono floats at any rate) through Qt Multimedia's QAudioSink. The note is
// played at its own rate and mono when the device accepts that (the sound server converts);
// otherwise it is resampled (libsamplerate) and spread over the channels of the device's
// preferred format.

#include <QAudioDevice>
#include <QAudioFormat>
#include <QBuffer>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

class QAudioSink;

namespace nsynth::audio {

class NotePlayer : public QObject {
    Q_OBJECT
public:
    explicit NotePlayer(QObject* parent = nullptr);
    ~NotePlayer() override;

    void setDevice(const QAudioDevice& device);  // null: the system default
    QAudioDevice device() const { return m_device; }

    // Stops what is playing and plays `mono`. False (and errorOccurred) when it cannot.
    bool play(const std::vector<float>& mono, int sampleRate);
    void stop();
    bool isPlaying() const { return m_sink != nullptr; }
    double positionSeconds() const;
    QAudioFormat format() const { return m_format; }

Q_SIGNALS:
    void started();
    void positionChanged(double seconds);
    void finished();
    void errorOccurred(const QString& message);

private:
    void onStateChanged();

    QAudioDevice m_device;
    QAudioSink* m_sink = nullptr;
    QBuffer* m_buffer = nullptr;  // owned by m_sink
    QAudioFormat m_format;
    double m_durationSeconds = 0;
    QTimer m_positionTimer;
    QElapsedTimer m_draining;
};

} // namespace nsynth::audio
