#pragma once
// The Preview page: hear a grid job before it goes to a device. An XY pad drawn like the Open
// NSynth Super screen (R x R cells, the touched cell and the corner weights), a selector per
// corner when corners hold several instruments (which bank is played), the computer keyboard and
// an on-screen keyboard to play, attack, release and voices, and the corners' source notes to
// compare with. Playing is app::PreviewSynth (nearest generated pitch resampled by
// 2^(semitones/12) as the device does) through audio::StreamPlayer; the notes are the job's,
// post-processed as the export does (app::GridPreviewSource). This page only draws and forwards.

#include "keyboard_map.h"
#include "ons_touch.h"
#include "preview_synth.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <array>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace nsynth::app {
class GridPreviewSource;
class JobQueue;
}
namespace nsynth::audio {
class StreamPlayer;
}

namespace nsynth::widgets {

class PianoKeyboard;
class XyPad;

class GridPreviewPage : public QWidget {
    Q_OBJECT
public:
    explicit GridPreviewPage(QWidget* parent = nullptr);
    ~GridPreviewPage() override;

    void setQueue(app::JobQueue* queue);
    void setOutputDevice(const QByteArray& id);
    // The output stream is open while the page is shown.
    void setActive(bool active);

    // Opens a grid job folder; false (and the message in the page's banner) when it cannot.
    bool openJob(const QString& folder);
    void closeJob();
    QString jobFolder() const;
    // Selects the instrument of each corner (indices into the job's corner lists).
    bool selectCombination(const std::array<int, 4>& choice);
    // As a touch on the device at touch positions (tx, ty).
    void touch(int touchX, int touchY);

    // Playing (what the keys do).
    bool noteOn(int midi);
    void noteOff(int midi);
    // A corner's source note at the pitch nearest `midi` (key down / key up).
    bool sourceNoteOn(int corner, int midi);

    app::PreviewSynth& synth() { return m_synth; }
    audio::StreamPlayer* player() const { return m_player; }
    app::GridPreviewSource* source() const { return m_source.get(); }
    XyPad* pad() const { return m_pad; }
    PianoKeyboard* keyboard() const { return m_keyboard; }
    const app::KeyboardMap& keyMap() const { return m_keys; }
    QString errorText() const;
    QString statusText() const;
    int combination() const { return m_combination; }

Q_SIGNALS:
    void errorOccurred(const QString& message);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void retranslate();
    void refreshJobs();
    void refreshAvailability();
    void loadCell();
    void updateLabels();
    void updateKeyboardRange();
    void showError(const QString& message);       // about the job or its notes; empty clears
    void showAudioError(const QString& message);  // about the output device; empty clears
    void updateBanner();
    bool ensureAudio();
    void onTouched(const app::OnsPadPoint& point);
    void cornerChosen();
    void envelopeChanged();

    app::PreviewSynth m_synth;
    app::KeyboardMap m_keys;
    audio::StreamPlayer* m_player;
    QByteArray m_outputDevice;
    std::unique_ptr<app::GridPreviewSource> m_source;
    QPointer<app::JobQueue> m_queue;
    int m_combination = -1;
    app::OnsPadPoint m_point;
    bool m_active = false;
    QString m_jobError, m_audioError;
    int m_lastNote = -1;
    QHash<int, int> m_keyNotes;  // Qt key -> note it started (octave changes while held)
    QTimer* m_refreshTimer;

    QLabel *m_jobLabel, *m_status, *m_error, *m_cellLabel, *m_weights, *m_cornersTitle, *m_sourcesTitle, *m_help;
    QComboBox* m_jobs;
    QPushButton *m_openFolder, *m_octaveDown, *m_octaveUp, *m_allOff;
    QLabel* m_octaveLabel;
    std::array<QLabel*, 4> m_cornerLabels{};
    std::array<QComboBox*, 4> m_cornerCombos{};
    std::array<QPushButton*, 4> m_sourceButtons{};
    XyPad* m_pad;
    PianoKeyboard* m_keyboard;
    QLabel *m_attackLabel, *m_releaseLabel, *m_voicesLabel, *m_volumeLabel;
    QSlider *m_attack, *m_release, *m_volume;
    QSpinBox* m_voices;
};

} // namespace nsynth::widgets
