#pragma once
// The recorder's helper sounds through Qt Multimedia (QAudioSink): the reference tone at the
// target pitch, to tune against, and the count-in clicks. One sink stays open while either is
// in use, fed by a generator that plays silence in between, so clicks start without the delay
// of opening a stream.
//
// The reference tone is a fundamental with three quieter harmonics: a pure sine at MIDI 24
// (32.7 Hz) is inaudible on laptop speakers, while the harmonics make its pitch clear; the
// perceived and measured pitch is still the fundamental's.

#include <QAudioDevice>
#include <QAudioFormat>
#include <QObject>

#include <memory>

class QAudioSink;

namespace nsynth::audio {

struct ToneState;

class TonePlayer : public QObject {
    Q_OBJECT
public:
    explicit TonePlayer(QObject* parent = nullptr);
    ~TonePlayer() override;

    void setDevice(const QAudioDevice& device);
    QAudioDevice device() const { return m_device; }

    bool startTone(double frequencyHz);  // until stopTone(); false (and errorOccurred) on failure
    void stopTone();                     // fades out over 10 ms
    bool isTonePlaying() const;
    double toneFrequency() const;
    bool click(bool accent);             // a 25 ms click; accent = higher
    void stop();                         // closes the sink

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    bool ensureOpen();

    QAudioDevice m_device;
    QAudioSink* m_sink = nullptr;
    std::shared_ptr<ToneState> m_state;
};

} // namespace nsynth::audio
