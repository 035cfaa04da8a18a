#include "recorder_panel.h"

#include "app_settings.h"
#include "audio_devices.h"
#include "level_meter.h"
#include "note_name.h"
#include "pitch.h"
#include "recording_session.h"
#include "tone_player.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QAudioDevice>
#include <QMediaDevices>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace nsynth::widgets {

using app::RecordingSession;

RecorderPanel::RecorderPanel(app::RecordingSession* session, app::AppSettings* settings, QWidget* parent)
    : QWidget(parent), m_session(session), m_settings(settings)
{
    setObjectName(QStringLiteral("recorderPanel"));
    m_devices = new QMediaDevices(this);
    m_meterTimer = new QTimer(this);
    m_meterTimer->setInterval(40);
    connect(m_meterTimer, &QTimer::timeout, this, &RecorderPanel::updateMeter);

    auto* layout = new QVBoxLayout(this);

    // Input.
    auto* inputRow = new QHBoxLayout;
    m_inputLabel = new QLabel(this);
    m_input = new QComboBox(this);
    m_input->setObjectName(QStringLiteral("inputDevice"));
    m_input->setMinimumWidth(220);
    m_refresh = new QPushButton(this);
    m_meter = new LevelMeter(this);
    inputRow->addWidget(m_inputLabel);
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_refresh);
    inputRow->addWidget(m_meter, 2);
    layout->addLayout(inputRow);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("recorderError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #ffebe9; color: #82071e; border: 1px solid #cf222e; "
                                          "border-radius: 4px; padding: 6px; }"));
    m_error->hide();
    layout->addWidget(m_error);

    // What to record.
    auto* form = new QFormLayout;
    m_instrumentLabel = new QLabel(this);
    m_instrument = new QLineEdit(this);
    m_instrument->setObjectName(QStringLiteral("instrumentName"));
    m_instrument->setMaxLength(64);
    m_instrumentProblem = new QLabel(this);
    m_instrumentProblem->setObjectName(QStringLiteral("instrumentProblem"));
    m_instrumentProblem->setStyleSheet(QStringLiteral("color: #cf222e;"));
    m_instrumentProblem->setWordWrap(true);
    auto* instrumentBox = new QVBoxLayout;
    instrumentBox->addWidget(m_instrument);
    instrumentBox->addWidget(m_instrumentProblem);
    form->addRow(m_instrumentLabel, instrumentBox);
    m_pitchesLabel = new QLabel(this);
    m_pitches = new QLineEdit(this);
    m_pitches->setObjectName(QStringLiteral("targetPitches"));
    m_pitchesProblem = new QLabel(this);
    m_pitchesProblem->setStyleSheet(QStringLiteral("color: #cf222e;"));
    m_pitchesProblem->setWordWrap(true);
    auto* pitchBox = new QVBoxLayout;
    pitchBox->addWidget(m_pitches);
    pitchBox->addWidget(m_pitchesProblem);
    form->addRow(m_pitchesLabel, pitchBox);
    layout->addLayout(form);

    m_pitchStrip = new QListWidget(this);
    m_pitchStrip->setObjectName(QStringLiteral("pitchStrip"));
    m_pitchStrip->setFlow(QListView::LeftToRight);
    m_pitchStrip->setWrapping(false);
    m_pitchStrip->setViewMode(QListView::IconMode);
    m_pitchStrip->setMovement(QListView::Static);
    m_pitchStrip->setGridSize(QSize(76, 54));
    m_pitchStrip->setFixedHeight(62);
    m_pitchStrip->setSpacing(4);
    m_pitchStrip->setStyleSheet(QStringLiteral(
        "QListWidget::item { border: 1px solid palette(mid); border-radius: 4px; padding: 2px; min-width: 56px; }"
        "QListWidget::item:selected { border-color: palette(highlight); background: palette(highlight); "
        "color: palette(highlighted-text); }"));
    m_pitchStrip->setTextElideMode(Qt::ElideNone);
    m_pitchStrip->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    layout->addWidget(m_pitchStrip);

    // The next note, large.
    m_target = new QLabel(this);
    m_target->setObjectName(QStringLiteral("recordTarget"));
    m_target->setAlignment(Qt::AlignCenter);
    QFont big = m_target->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_target->setFont(big);
    layout->addWidget(m_target);
    m_phase = new QLabel(this);
    m_phase->setObjectName(QStringLiteral("recordPhase"));
    m_phase->setAlignment(Qt::AlignCenter);
    QFont huge = m_phase->font();
    huge.setPointSizeF(huge.pointSizeF() * 2.4);
    huge.setBold(true);
    m_phase->setFont(huge);
    m_phase->setMinimumHeight(QFontMetrics(huge).height() + 6);
    layout->addWidget(m_phase);
    m_takeProgress = new QProgressBar(this);
    m_takeProgress->setObjectName(QStringLiteral("takeProgress"));
    m_takeProgress->setRange(0, 1000);
    m_takeProgress->setTextVisible(false);
    m_takeProgress->setFixedHeight(10);
    layout->addWidget(m_takeProgress);

    // Buttons.
    auto* buttons = new QHBoxLayout;
    m_record = new QPushButton(this);
    m_record->setObjectName(QStringLiteral("recordButton"));
    m_record->setStyleSheet(QStringLiteral("QPushButton { font-weight: bold; padding: 6px 18px; }"));
    m_retake = new QPushButton(this);
    m_retake->setObjectName(QStringLiteral("retakeButton"));
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_tune = new QPushButton(this);
    m_tune->setObjectName(QStringLiteral("tuneButton"));
    m_tune->setCheckable(true);
    buttons->addWidget(m_record);
    buttons->addWidget(m_retake);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_tune);
    layout->addLayout(buttons);

    // Take settings.
    auto* options = new QHBoxLayout;
    m_countInLabel = new QLabel(this);
    m_countIn = new QSpinBox(this);
    m_countIn->setObjectName(QStringLiteral("countInBeats"));
    m_countIn->setRange(0, 16);
    m_tempoLabel = new QLabel(this);
    m_tempo = new QDoubleSpinBox(this);
    m_tempo->setRange(30, 240);
    m_tempo->setDecimals(0);
    m_preRollLabel = new QLabel(this);
    m_preRoll = new QDoubleSpinBox(this);
    m_preRoll->setObjectName(QStringLiteral("preRoll"));
    m_preRoll->setRange(0, 2);
    m_preRoll->setSingleStep(0.1);
    m_preRoll->setDecimals(2);
    m_preRoll->setSuffix(QStringLiteral(" s"));
    m_referenceTone = new QCheckBox(this);
    m_referenceTone->setObjectName(QStringLiteral("referenceTone"));
    m_clicks = new QCheckBox(this);
    m_autoAdvance = new QCheckBox(this);
    m_autoAdvance->setObjectName(QStringLiteral("autoAdvance"));
    options->addWidget(m_countInLabel);
    options->addWidget(m_countIn);
    options->addWidget(m_tempoLabel);
    options->addWidget(m_tempo);
    options->addWidget(m_preRollLabel);
    options->addWidget(m_preRoll);
    options->addWidget(m_referenceTone);
    options->addWidget(m_clicks);
    options->addWidget(m_autoAdvance);
    options->addStretch(1);
    layout->addLayout(options);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("recorderStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_help = new QLabel(this);
    m_help->setWordWrap(true);
    m_help->setStyleSheet(QStringLiteral("color: #57606a;"));
    layout->addWidget(m_help);
    layout->addStretch(1);

    // Initial values from the settings.
    m_countIn->setValue(settings->countInBeats());
    m_tempo->setValue(settings->tempoBpm());
    m_preRoll->setValue(settings->preRollSeconds());
    m_referenceTone->setChecked(settings->referenceTone());
    m_clicks->setChecked(settings->clicks());
    m_autoAdvance->setChecked(settings->autoAdvance());
    m_session->setCountInBeats(m_countIn->value());
    m_session->setTempo(m_tempo->value());
    m_session->setPreRollSeconds(m_preRoll->value());
    m_session->setReferenceTone(m_referenceTone->isChecked());
    m_session->setClicks(m_clicks->isChecked());
    m_session->setAutoAdvance(m_autoAdvance->isChecked());

    connect(m_countIn, &QSpinBox::valueChanged, this, [this](int v) {
        m_session->setCountInBeats(v);
        m_settings->setCountInBeats(v);
    });
    connect(m_tempo, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_session->setTempo(v);
        m_settings->setTempoBpm(v);
    });
    connect(m_preRoll, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_session->setPreRollSeconds(v);
        m_settings->setPreRollSeconds(v);
    });
    connect(m_referenceTone, &QCheckBox::toggled, this, [this](bool on) {
        m_session->setReferenceTone(on);
        m_settings->setReferenceTone(on);
    });
    connect(m_clicks, &QCheckBox::toggled, this, [this](bool on) {
        m_session->setClicks(on);
        m_settings->setClicks(on);
    });
    connect(m_autoAdvance, &QCheckBox::toggled, this, [this](bool on) {
        m_session->setAutoAdvance(on);
        m_settings->setAutoAdvance(on);
    });
    connect(m_input, &QComboBox::activated, this, &RecorderPanel::deviceChosen);
    connect(m_refresh, &QPushButton::clicked, this, &RecorderPanel::refreshDevices);
    connect(m_devices, &QMediaDevices::audioInputsChanged, this, &RecorderPanel::refreshDevices);
    connect(m_instrument, &QLineEdit::textEdited, this, &RecorderPanel::instrumentEdited);
    connect(m_pitches, &QLineEdit::editingFinished, this, &RecorderPanel::pitchesEdited);
    connect(m_pitchStrip, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            m_session->setCurrentIndex(row);
    });
    connect(m_meter, &LevelMeter::clipResetRequested, this, [this] { m_session->recorder()->resetClip(); });
    connect(m_record, &QPushButton::clicked, this, [this] {
        m_error->hide();
        m_session->record();
    });
    connect(m_retake, &QPushButton::clicked, this, [this] {
        m_error->hide();
        m_session->retake();
    });
    connect(m_stop, &QPushButton::clicked, m_session, &RecordingSession::stopEarly);
    connect(m_cancel, &QPushButton::clicked, m_session, &RecordingSession::cancel);
    connect(m_tune, &QPushButton::toggled, m_session, &RecordingSession::toggleReferenceTone);

    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    space->setContext(Qt::WidgetWithChildrenShortcut);
    connect(space, &QShortcut::activated, m_record, &QPushButton::click);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, m_session, &RecordingSession::cancel);

    connect(m_session, &RecordingSession::errorOccurred, this, &RecorderPanel::showError);
    connect(m_session, &RecordingSession::message, this, [this](const QString& text) { m_status->setText(text); });
    connect(m_session, &RecordingSession::phaseChanged, this, &RecorderPanel::refreshPhase);
    connect(m_session, &RecordingSession::countInBeat, this, &RecorderPanel::refreshPhase);
    connect(m_session, &RecordingSession::currentIndexChanged, this, &RecorderPanel::refreshTarget);
    connect(m_session, &RecordingSession::noteRecorded, this, [this](const QString&, const QString& name) {
        m_status->setText(tr("Recorded %1.").arg(name));
        refreshTarget();
    });
    connect(m_session, &RecordingSession::allPitchesRecorded, this, [this] {
        m_status->setText(tr("Every pitch in the list is recorded. Retake any of them, or change the instrument."));
    });

    retranslate();
    refreshDevices();
    refreshWorkspace();
}

void RecorderPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RecorderPanel::retranslate()
{
    m_inputLabel->setText(tr("Input:"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Look for audio inputs again"));
    m_instrumentLabel->setText(tr("Instrument:"));
    m_instrument->setPlaceholderText(tr("e.g. flute or old-piano"));
    m_pitchesLabel->setText(tr("Pitches (MIDI):"));
    m_pitches->setToolTip(tr("MIDI note numbers separated by commas; a range from-to/step such as 24-48/4 "
                             "gives 24, 28, ..., 48."));
    m_countInLabel->setText(tr("Count-in beats:"));
    m_tempoLabel->setText(tr("Tempo:"));
    m_tempo->setSuffix(tr(" bpm"));
    m_preRollLabel->setText(tr("Pre-roll:"));
    m_preRoll->setToolTip(tr("Recorded before the take starts, so an early attack is not cut. Keep it shorter "
                             "than one beat so the count-in is not recorded."));
    m_referenceTone->setText(tr("Reference tone during count-in"));
    m_clicks->setText(tr("Clicks"));
    m_autoAdvance->setText(tr("Advance to the next pitch"));
    m_record->setText(tr("Record (Space)"));
    m_record->setToolTip(tr("Count in, then record %1 s plus the pre-roll").arg(RecordingSession::kTakeSeconds));
    m_retake->setText(tr("Retake"));
    m_retake->setToolTip(tr("Record the last pitch again (undo brings the earlier take back)"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("End the take now (it is kept, but not made into a note)"));
    m_cancel->setText(tr("Cancel (Esc)"));
    m_tune->setText(tr("Reference tone"));
    m_tune->setToolTip(tr("Play the target pitch to tune against"));
    m_help->setText(tr("How a take goes: press Space; the count-in clicks (with the reference tone at the target "
                       "pitch, if chosen); play on the beat after the last click and hold the note. The take is "
                       "4 s plus the pre-roll, recorded at the input's own format, then trimmed to its onset, "
                       "converted to 16 kHz and checked. The next pitch follows. Esc cancels; Retake records the "
                       "last pitch again."));
    refreshDevices();
    instrumentEdited();
    refreshTarget();
    refreshPhase();
}

void RecorderPanel::setWorkspace(app::Workspace* workspace)
{
    if (m_ws)
        m_ws->disconnect(this);
    m_ws = workspace;
    if (m_ws) {
        connect(m_ws, &app::Workspace::noteInserted, this, &RecorderPanel::refreshTarget);
        connect(m_ws, &app::Workspace::noteRemoved, this, &RecorderPanel::refreshTarget);
        connect(m_ws, &app::Workspace::noteChanged, this, &RecorderPanel::refreshTarget);
        connect(m_ws, &app::Workspace::settingsChanged, this, &RecorderPanel::refreshWorkspace);
    }
    refreshWorkspace();
}

void RecorderPanel::setActive(bool active)
{
    m_active = active;
    if (active) {
        if (!m_session->recorder()->device().isNull())
            m_session->recorder()->startMonitoring();
        m_meterTimer->start();
        // Space records as soon as the page is shown.
        if (m_record->isEnabled())
            m_record->setFocus();
    } else {
        m_meterTimer->stop();
        m_meter->reset();
        if (m_session->phase() == RecordingSession::Phase::Idle)
            m_session->recorder()->stop();
        m_tune->setChecked(false);
    }
}

QString RecorderPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString RecorderPanel::statusText() const
{
    return m_status->text();
}

void RecorderPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void RecorderPanel::refreshDevices()
{
    const QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
    const QByteArray current = m_session->recorder()->device().isNull() ? m_settings->inputDevice()
                                                                         : m_session->recorder()->device().id();
    const QSignalBlocker block(m_input);
    m_input->clear();
    for (const QAudioDevice& d : inputs)
        m_input->addItem(d.description(), d.id());
    if (inputs.isEmpty()) {
        m_input->addItem(tr("(no audio input found)"));
        m_input->setEnabled(false);
        m_session->recorder()->setDevice({});
        showError(tr("No audio input device was found. Connect a microphone or an audio interface; it appears "
                     "here when the system sees it. Importing files works without one."));
        return;
    }
    m_input->setEnabled(true);
    const QAudioDevice chosen = audio::chooseAudioInput(current);
    m_input->setCurrentIndex(std::max(0, m_input->findData(chosen.id())));
    if (m_session->recorder()->device() != chosen) {
        m_session->recorder()->setDevice(chosen);
        if (m_active)
            m_session->recorder()->startMonitoring();
    }
    if (m_error->text().startsWith(tr("No audio input device was found.")))
        m_error->hide();
}

void RecorderPanel::deviceChosen()
{
    const QAudioDevice d = audio::findAudioInput(m_input->currentData().toByteArray());
    if (d.isNull())
        return;
    m_error->hide();
    m_settings->setInputDevice(d.id());
    m_session->recorder()->setDevice(d);
    if (m_active)
        m_session->recorder()->startMonitoring();
}

void RecorderPanel::instrumentEdited()
{
    const QString problem = m_instrument->text().isEmpty() ? QString() : RecordingSession::instrumentProblem(m_instrument->text());
    m_instrumentProblem->setText(problem);
    m_instrumentProblem->setVisible(!problem.isEmpty());
    if (problem.isEmpty() && m_ws)
        m_session->setInstrument(m_instrument->text());
    refreshTarget();
}

void RecorderPanel::pitchesEdited()
{
    QList<int> pitches;
    QString why;
    if (!RecordingSession::parsePitchList(m_pitches->text(), &pitches, &why)) {
        m_pitchesProblem->setText(why);
        m_pitchesProblem->show();
        return;
    }
    m_pitchesProblem->hide();
    m_session->setPitches(pitches);
    refreshWorkspace();
}

void RecorderPanel::refreshWorkspace()
{
    const bool have = m_ws != nullptr;
    m_instrument->setEnabled(have);
    m_pitches->setEnabled(have);
    if (have) {
        if (m_instrument->text() != m_ws->instrument() && !m_instrument->hasFocus())
            m_instrument->setText(m_ws->instrument());
        if (!m_pitches->hasFocus())
            m_pitches->setText(RecordingSession::formatPitchList(m_session->pitches()));
    }
    m_pitchesProblem->hide();
    refreshTarget();
}

void RecorderPanel::refreshTarget()
{
    const QList<int> pitches = m_session->pitches();
    const QString instrument = m_ws ? m_ws->instrument() : QString();
    {
        const QSignalBlocker block(m_pitchStrip);
        if (m_pitchStrip->count() != pitches.size()) {
            m_pitchStrip->clear();
            for (int i = 0; i < pitches.size(); ++i)
                m_pitchStrip->addItem(QString());
        }
        for (int i = 0; i < pitches.size(); ++i) {
            const bool done = m_ws && !instrument.isEmpty() && m_ws->noteByName(instrument, pitches[i]);
            QListWidgetItem* item = m_pitchStrip->item(i);
            item->setText(QStringLiteral("%1%2\n%3")
                              .arg(done ? QStringLiteral("✓ ") : QString())
                              .arg(pitches[i])
                              .arg(QString::fromStdString(audio::midiNoteName(pitches[i]))));
            item->setTextAlignment(Qt::AlignCenter);
            item->setToolTip(done ? tr("%1_%2 is recorded").arg(instrument).arg(pitches[i])
                                  : tr("Not recorded yet"));
            item->setForeground(done ? QBrush(QColor(46, 160, 67)) : QBrush());
        }
        m_pitchStrip->setCurrentRow(m_session->currentIndex());
    }
    const int pitch = m_session->currentPitch();
    if (!m_ws)
        m_target->setText(tr("Open or create a workspace to record"));
    else if (pitch < 0)
        m_target->setText(tr("Add pitches to record"));
    else
        m_target->setText(tr("Next: %1_%2 (MIDI %2, %3, %4 Hz)")
                              .arg(instrument.isEmpty() ? tr("<instrument>") : instrument)
                              .arg(pitch)
                              .arg(QString::fromStdString(audio::midiNoteName(pitch)))
                              .arg(audio::midiToHz(pitch), 0, 'f', 1));
    refreshPhase();
}

void RecorderPanel::refreshPhase()
{
    const auto phase = m_session->phase();
    const bool idle = phase == RecordingSession::Phase::Idle;
    switch (phase) {
    case RecordingSession::Phase::CountIn:
        m_phase->setText(QString::number(std::max(1, m_session->beatsLeft())));
        m_phase->setStyleSheet(QStringLiteral("color: #d68c00;"));
        break;
    case RecordingSession::Phase::Recording:
        m_phase->setText(tr("● Recording"));
        m_phase->setStyleSheet(QStringLiteral("color: #cf222e;"));
        break;
    case RecordingSession::Phase::Conforming:
        m_phase->setText(tr("Checking the take..."));
        m_phase->setStyleSheet(QString());
        break;
    default:
        m_phase->setText(QString());
        m_phase->setStyleSheet(QString());
        m_takeProgress->setValue(0);
        break;
    }
    const bool canRecord = idle && m_session->recordProblem().isEmpty() && !m_session->recorder()->device().isNull();
    m_record->setEnabled(canRecord);
    m_retake->setEnabled(canRecord && !m_session->lastNoteId().isEmpty());
    m_stop->setEnabled(phase == RecordingSession::Phase::Recording);
    m_cancel->setEnabled(phase == RecordingSession::Phase::CountIn || phase == RecordingSession::Phase::Recording);
    m_tune->setEnabled(idle && m_session->currentPitch() >= 0);
    if (!idle && m_tune->isChecked()) {
        const QSignalBlocker block(m_tune);  // the take stopped the tone
        m_tune->setChecked(false);
    }
    m_input->setEnabled(idle && m_input->count() > 0 && !m_session->recorder()->device().isNull());
}

void RecorderPanel::updateMeter()
{
    audio::Recorder* r = m_session->recorder();
    const audio::Levels l = r->takeLevels();
    m_meter->setLevels(l.rms(), l.peak, r->clipLatched());
    if (m_session->phase() == RecordingSession::Phase::Recording)
        m_takeProgress->setValue(int(r->takeProgress() * 1000));
}

} // namespace nsynth::widgets
