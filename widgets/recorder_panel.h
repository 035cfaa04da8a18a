#pragma once
// The recorder page: input device, level meter with clip light, instrument name (validated as
// you type), the list of target pitches (editable; each shows whether it is recorded), the
// next note in large type, count-in / tempo / pre-roll / reference tone / clicks /
// auto-advance, and Record (Space), Retake, Stop, Cancel (Esc). Device problems appear in a
// red banner naming the device and what went wrong. The flow itself is app::RecordingSession.

#include <QWidget>

#include <QPointer>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMediaDevices;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;

namespace nsynth::app {
class AppSettings;
class RecordingSession;
class Workspace;
}

namespace nsynth::widgets {

class LevelMeter;

class RecorderPanel : public QWidget {
    Q_OBJECT
public:
    RecorderPanel(app::RecordingSession* session, app::AppSettings* settings, QWidget* parent = nullptr);

    void setWorkspace(app::Workspace* workspace);
    // Monitoring runs while the page is shown (the meter needs the input open).
    void setActive(bool active);

    QString errorText() const;
    QString statusText() const;
    LevelMeter* meter() const { return m_meter; }

public Q_SLOTS:
    void refreshDevices();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void refreshWorkspace();
    void refreshTarget();
    void refreshPhase();
    void updateMeter();
    void showError(const QString& message);
    void deviceChosen();
    void instrumentEdited();
    void pitchesEdited();

    app::RecordingSession* m_session;
    app::AppSettings* m_settings;
    QPointer<app::Workspace> m_ws;
    QMediaDevices* m_devices;
    QTimer* m_meterTimer;
    bool m_active = false;

    QLabel *m_inputLabel, *m_instrumentLabel, *m_pitchesLabel, *m_countInLabel, *m_tempoLabel, *m_preRollLabel;
    QComboBox* m_input;
    QPushButton* m_refresh;
    LevelMeter* m_meter;
    QLineEdit* m_instrument;
    QLabel* m_instrumentProblem;
    QLineEdit* m_pitches;
    QLabel* m_pitchesProblem;
    QListWidget* m_pitchStrip;
    QLabel* m_target;
    QLabel* m_phase;
    QProgressBar* m_takeProgress;
    QSpinBox* m_countIn;
    QDoubleSpinBox* m_tempo;
    QDoubleSpinBox* m_preRoll;
    QCheckBox *m_referenceTone, *m_clicks, *m_autoAdvance;
    QPushButton *m_tune, *m_record, *m_retake, *m_stop, *m_cancel;
    QLabel* m_error;
    QLabel* m_status;
    QLabel* m_help;
};

} // namespace nsynth::widgets
