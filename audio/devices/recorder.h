#pragma once
// Recording takes from an audio input with Qt Multimedia's QAudioSource, at the device's own
// format (its preferred rate, channel count and sample format: real devices refuse "16 kHz mono"
// often enough, and conforming afterwards is exact and ours).
//
// The source runs in pull mode into our own QIODevice, so every byte passes through here: the
// level meter sees every sample, a ring buffer keeps the last few seconds (a take's pre-roll
// comes from it, so a player who starts a little early is not cut), and a take is written to a
// WAV file as it arrives (WavWriter), never held only in memory.
//
// Failures (no device, a refused format, the device lost mid-take: unplugged, disabled, or the
// sound server gone) are reported through errorOccurred() with one sentence naming the device
// and the problem; a take in progress is finished with what was recorded and reported through
// takeFinished() with complete == false first, so nothing recorded is lost. A lost device is
// noticed three ways: Qt reports an error, the device disappears from QMediaDevices (Qt 6.4's
// PulseAudio backend reports nothing on the stream when a source is removed), or no audio arrives
// for 4 s.

#include "pcm.h"
#include "wav_writer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QElapsedTimer>
#include <QIODevice>
#include <QObject>
#include <QTimer>

#include <memory>

class QAudioSource;
class QMediaDevices;

namespace nsynth::audio {

class CaptureDevice;

struct TakeResult {
    QString path;           // the raw take: WAV at the device's format
    QAudioFormat format;
    qint64 frames = 0;
    qint64 preRollFrames = 0; // how many of the frames precede the moment recording started
    bool complete = false;  // false: stopped early or the device was lost
    double seconds() const { return format.sampleRate() > 0 ? double(frames) / format.sampleRate() : 0.0; }
};

class Recorder : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Monitoring, Recording };

    explicit Recorder(QObject* parent = nullptr);
    ~Recorder() override;

    void setDevice(const QAudioDevice& device);  // stops first when it changes
    QAudioDevice device() const { return m_device; }
    // For tests and experts: record in this format instead of the device's preferred one.
    void setFormatOverride(const QAudioFormat& format) { m_formatOverride = format; }

    // Opens the device for the level meter. False (and errorOccurred) when it cannot.
    bool startMonitoring();
    // Records preRollSeconds from the ring buffer (what is there of it; the rest is recorded
    // live) followed by `seconds` of live audio into a WAV at `path`. Opens the device when
    // needed. False (and errorOccurred) when it cannot start.
    bool startTake(const QString& path, double seconds, double preRollSeconds = 0.0);
    void stopTake();    // finish now, keeping what was recorded (takeFinished, complete false)
    void cancelTake();  // discard the take in progress
    void stop();        // close the device; a take in progress is finished and kept

    State state() const { return m_state; }
    QAudioFormat format() const { return m_format; }
    double takeProgress() const;   // 0..1 of the take in progress
    double recordedSeconds() const;

    // Levels since the previous call (the meter polls), and a clip indicator that stays lit
    // until resetClip().
    Levels takeLevels();
    bool clipLatched() const { return m_clipLatched; }
    void resetClip() { m_clipLatched = false; }

    // Called by the capture device with whole frames of the device format.
    void consume(const char* data, qint64 bytes);

Q_SIGNALS:
    void stateChanged(nsynth::audio::Recorder::State state);
    void takeFinished(const nsynth::audio::TakeResult& result);
    void errorOccurred(const QString& message);

private:
    bool openDevice();
    void closeDevice();
    void setState(State state);
    void finishTake(bool complete);
    void fail(const QString& message);
    void deviceLost(const QString& why);
    void checkWatchdog();
    void checkDevicesPresent();
    QString deviceName() const;

    QAudioDevice m_device;
    QAudioFormat m_formatOverride, m_format;
    QAudioSource* m_source = nullptr;
    CaptureDevice* m_capture = nullptr;  // owned by m_source
    QMediaDevices* m_mediaDevices = nullptr;
    State m_state = State::Stopped;

    // Ring of raw bytes (whole frames), the last kRingSeconds of input.
    QByteArray m_ring;
    qint64 m_ringWrite = 0, m_ringFill = 0;

    WavWriter m_writer;
    qint64 m_takeTargetFrames = 0;
    qint64 m_takePreRollFrames = 0;
    bool m_finishQueued = false;

    Levels m_levels;
    bool m_clipLatched = false;
    std::vector<float> m_scratch;
    QByteArray m_partial;  // an incomplete frame carried over between writes

    QTimer m_watchdog;
    QElapsedTimer m_sinceData;
    bool m_failing = false;
};

} // namespace nsynth::audio

Q_DECLARE_METATYPE(nsynth::audio::TakeResult)
