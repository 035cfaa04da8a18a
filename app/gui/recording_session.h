#pragma once
// The guided recording of the workshop's notes: an instrument name, a list of target pitches
// (default MIDI 24..48 step 4), and for each pitch a take of 4 s plus a pre-roll, with a
// count-in and an optional reference tone at the target pitch before it.
//
//   record(): count-in (clicks; the reference tone sounds during all but the last beat, so it
//   is not in the take) -> take (audio::Recorder, device format, WAV in sources/) -> conform
//   on a worker (app::conformOriginal, named <instrument>_<pitch>.wav) -> the note is added
//   to the workspace with one undoable command (a retake replaces the earlier take, and undo
//   brings it back) -> auto-advance to the next pitch.
//
// A take cut short (the device was lost, or stopped early) is kept in sources/ as it is and
// reported; it does not become a note, since it is not a whole note.

#include "recorder.h"
#include "workspace.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace nsynth::audio {
class TonePlayer;
}

namespace nsynth::app {

class BackgroundTask;
class Workspace;

class RecordingSession : public QObject {
    Q_OBJECT
public:
    enum class Phase { Idle, CountIn, Recording, Conforming };

    explicit RecordingSession(QObject* parent = nullptr);
    ~RecordingSession() override;

    void setWorkspace(Workspace* workspace);
    Workspace* workspace() const { return m_ws; }
    audio::Recorder* recorder() const { return m_recorder; }
    audio::TonePlayer* tonePlayer() const { return m_tone; }

    // The instrument and pitch list are the workspace's recording defaults.
    QString instrument() const;
    void setInstrument(const QString& name);
    // Empty when valid; otherwise one translated sentence.
    static QString instrumentProblem(const QString& name);
    QList<int> pitches() const;
    void setPitches(const QList<int>& pitches);
    // "24, 28, 32" or ranges "24-48/4" (from 24 to 48 in steps of 4), comma or space separated.
    static bool parsePitchList(const QString& text, QList<int>* pitches, QString* why);
    static QString formatPitchList(const QList<int>& pitches);

    int currentIndex() const { return m_index; }
    int currentPitch() const;
    void setCurrentIndex(int index);

    void setCountInBeats(int beats) { m_countInBeats = beats; }
    int countInBeats() const { return m_countInBeats; }
    void setTempo(double bpm) { m_tempo = bpm; }
    double tempo() const { return m_tempo; }
    void setPreRollSeconds(double s) { m_preRoll = s; }
    double preRollSeconds() const { return m_preRoll; }
    void setReferenceTone(bool on) { m_referenceTone = on; }
    bool referenceTone() const { return m_referenceTone; }
    void setClicks(bool on) { m_clicks = on; }
    bool clicks() const { return m_clicks; }
    void setAutoAdvance(bool on) { m_autoAdvance = on; }
    bool autoAdvance() const { return m_autoAdvance; }
    static constexpr double kTakeSeconds = 4.0;

    Phase phase() const { return m_phase; }
    int beatsLeft() const { return m_beatsLeft; }
    QString lastNoteId() const { return m_lastNoteId; }
    // Why record() would refuse now (empty when it would start).
    QString recordProblem() const;

public Q_SLOTS:
    bool record();  // starts the count-in (or the take); false with errorOccurred when it cannot
    bool retake();  // records the last recorded pitch again
    void cancel();  // stops a count-in or discards a take in progress
    void stopEarly(); // ends the take now, keeping what was recorded
    void toggleReferenceTone(bool on);  // the tone at the current pitch, to tune before a take

Q_SIGNALS:
    void phaseChanged(nsynth::app::RecordingSession::Phase phase);
    void countInBeat(int beatsLeft);
    void currentIndexChanged(int index);
    void noteRecorded(const QString& noteId, const QString& name);
    void allPitchesRecorded();
    void errorOccurred(const QString& message);
    void message(const QString& text);

private:
    void setPhase(Phase phase);
    void beat();
    void startTake();
    void onTakeFinished(const audio::TakeResult& result);
    QString takePath() const;

    QPointer<Workspace> m_ws;
    audio::Recorder* m_recorder;
    audio::TonePlayer* m_tone;
    BackgroundTask* m_conform = nullptr;
    Phase m_phase = Phase::Idle;
    int m_index = 0;
    int m_countInBeats = 4;
    double m_tempo = 100.0, m_preRoll = 0.3;
    bool m_referenceTone = true, m_clicks = true, m_autoAdvance = true;
    int m_beatsLeft = 0;
    QTimer m_beatTimer;
    int m_takePitch = -1;
    QString m_takeInstrument, m_lastNoteId;
    int m_lastIndex = -1;
};

} // namespace nsynth::app
