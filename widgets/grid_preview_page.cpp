#include "grid_preview_page.h"

#include "audio_devices.h"
#include "error.h"
#include "grid_preview_source.h"
#include "job_queue.h"
#include "note_name.h"
#include "piano_keyboard.h"
#include "stream_player.h"
#include "xy_pad.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace nsynth::widgets {

namespace {

// Sliders run 0..100 over three decades: attack 2 ms .. 2 s, release 5 ms .. 5 s.
double sliderToMs(int value, double floorMs)
{
    return floorMs * std::pow(10.0, 3.0 * value / 100.0);
}

int msToSlider(double ms, double floorMs)
{
    return int(std::lround(100.0 / 3.0 * std::log10(ms / floorMs)));
}

QString msText(double ms)
{
    return ms < 1000 ? QStringLiteral("%1 ms").arg(std::round(ms)) : QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 2);
}

} // namespace

GridPreviewPage::GridPreviewPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("gridPreviewPage"));
    setFocusPolicy(Qt::StrongFocus);  // the computer keyboard plays here
    m_player = new audio::StreamPlayer(this);
    connect(m_player, &audio::StreamPlayer::errorOccurred, this, &GridPreviewPage::showAudioError);
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(2000);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_source && m_source->notesDone() < m_source->notes()) {
            m_source->refresh();
            refreshAvailability();
            updateLabels();
        }
    });

    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_jobLabel = new QLabel(this);
    m_jobs = new QComboBox(this);
    m_jobs->setObjectName(QStringLiteral("previewJob"));
    m_jobs->setMinimumWidth(260);
    m_jobs->setFocusPolicy(Qt::ClickFocus);
    m_openFolder = new QPushButton(this);
    m_openFolder->setObjectName(QStringLiteral("previewOpenFolder"));
    m_openFolder->setFocusPolicy(Qt::ClickFocus);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("previewStatus"));
    top->addWidget(m_jobLabel);
    top->addWidget(m_jobs, 1);
    top->addWidget(m_openFolder);
    top->addWidget(m_status, 2);
    layout->addLayout(top);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("previewError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #ffebe9; color: #82071e; border: 1px solid #cf222e; "
                                          "border-radius: 4px; padding: 6px; }"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* middle = new QHBoxLayout;
    m_pad = new XyPad(this);
    middle->addWidget(m_pad, 3);
    auto* side = new QVBoxLayout;
    m_cornersTitle = new QLabel(this);
    QFont bold = m_cornersTitle->font();
    bold.setBold(true);
    m_cornersTitle->setFont(bold);
    side->addWidget(m_cornersTitle);
    auto* corners = new QFormLayout;
    for (int k = 0; k < 4; ++k) {
        m_cornerLabels[size_t(k)] = new QLabel(this);
        m_cornerCombos[size_t(k)] = new QComboBox(this);
        m_cornerCombos[size_t(k)]->setObjectName(QStringLiteral("previewCorner%1").arg(k));
        m_cornerCombos[size_t(k)]->setFocusPolicy(Qt::ClickFocus);
        corners->addRow(m_cornerLabels[size_t(k)], m_cornerCombos[size_t(k)]);
        connect(m_cornerCombos[size_t(k)], &QComboBox::activated, this, &GridPreviewPage::cornerChosen);
    }
    side->addLayout(corners);
    m_cellLabel = new QLabel(this);
    m_cellLabel->setObjectName(QStringLiteral("previewCell"));
    m_cellLabel->setWordWrap(true);
    m_weights = new QLabel(this);
    m_weights->setObjectName(QStringLiteral("previewWeights"));
    m_weights->setTextFormat(Qt::RichText);
    side->addWidget(m_cellLabel);
    side->addWidget(m_weights);
    m_sourcesTitle = new QLabel(this);
    m_sourcesTitle->setFont(bold);
    m_sourcesTitle->setWordWrap(true);
    side->addWidget(m_sourcesTitle);
    auto* sources = new QGridLayout;
    for (int k = 0; k < 4; ++k) {
        auto* b = new QPushButton(this);
        b->setObjectName(QStringLiteral("previewSource%1").arg(k));
        b->setFocusPolicy(Qt::NoFocus);
        m_sourceButtons[size_t(k)] = b;
        sources->addWidget(b, k / 2, k % 2);
        connect(b, &QPushButton::pressed, this, [this, k] {
            sourceNoteOn(k, m_lastNote >= 0 ? m_lastNote : (m_source ? m_source->pitches().front() : 60));
        });
        connect(b, &QPushButton::released, this, [this] {
            noteOff(m_lastNote >= 0 ? m_lastNote : (m_source ? m_source->pitches().front() : 60));
        });
    }
    side->addLayout(sources);
    side->addStretch(1);
    m_help = new QLabel(this);
    m_help->setWordWrap(true);
    // Instructions, in the normal text colour: greyed they read as disabled.
    side->addWidget(m_help);
    middle->addLayout(side, 2);
    layout->addLayout(middle, 1);

    // Sound controls, then the keyboard.
    auto* controls = new QHBoxLayout;
    m_octaveDown = new QPushButton(QStringLiteral("−"), this);
    m_octaveDown->setObjectName(QStringLiteral("octaveDown"));
    m_octaveUp = new QPushButton(QStringLiteral("+"), this);
    m_octaveUp->setObjectName(QStringLiteral("octaveUp"));
    m_octaveLabel = new QLabel(this);
    for (QPushButton* b : {m_octaveDown, m_octaveUp}) {
        b->setFocusPolicy(Qt::NoFocus);
        b->setFixedWidth(32);
    }
    controls->addWidget(m_octaveDown);
    controls->addWidget(m_octaveLabel);
    controls->addWidget(m_octaveUp);
    controls->addSpacing(16);
    m_attackLabel = new QLabel(this);
    m_attack = new QSlider(Qt::Horizontal, this);
    m_attack->setObjectName(QStringLiteral("attack"));
    m_attack->setRange(0, 100);
    m_attack->setValue(msToSlider(5, 2));
    m_releaseLabel = new QLabel(this);
    m_release = new QSlider(Qt::Horizontal, this);
    m_release->setObjectName(QStringLiteral("release"));
    m_release->setRange(0, 100);
    m_release->setValue(msToSlider(300, 5));
    m_voicesLabel = new QLabel(this);
    m_voices = new QSpinBox(this);
    m_voices->setObjectName(QStringLiteral("voices"));
    m_voices->setRange(app::PreviewSynth::kMinVoices, 32);
    m_voices->setValue(16);
    m_volumeLabel = new QLabel(this);
    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setObjectName(QStringLiteral("volume"));
    m_volume->setRange(0, 100);
    m_volume->setValue(80);
    m_allOff = new QPushButton(this);
    m_allOff->setObjectName(QStringLiteral("allNotesOff"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_attack, m_release, m_voices, m_volume, m_allOff})
        w->setFocusPolicy(Qt::NoFocus);
    controls->addWidget(m_attackLabel);
    controls->addWidget(m_attack, 1);
    controls->addWidget(m_releaseLabel);
    controls->addWidget(m_release, 1);
    controls->addWidget(m_voicesLabel);
    controls->addWidget(m_voices);
    controls->addWidget(m_volumeLabel);
    controls->addWidget(m_volume, 1);
    controls->addWidget(m_allOff);
    layout->addLayout(controls);
    m_keyboard = new PianoKeyboard(this);
    layout->addWidget(m_keyboard);

    connect(m_pad, &XyPad::touched, this, &GridPreviewPage::onTouched);
    connect(m_keyboard, &PianoKeyboard::noteOn, this, [this](int n) { noteOn(n); });
    connect(m_keyboard, &PianoKeyboard::noteOff, this, [this](int n) { noteOff(n); });
    connect(m_octaveDown, &QPushButton::clicked, this, [this] {
        m_keys.octaveDown();
        updateKeyboardRange();
    });
    connect(m_octaveUp, &QPushButton::clicked, this, [this] {
        m_keys.octaveUp();
        updateKeyboardRange();
    });
    connect(m_attack, &QSlider::valueChanged, this, &GridPreviewPage::envelopeChanged);
    connect(m_release, &QSlider::valueChanged, this, &GridPreviewPage::envelopeChanged);
    connect(m_voices, &QSpinBox::valueChanged, this, [this](int v) { m_synth.setMaxVoices(v); });
    connect(m_volume, &QSlider::valueChanged, this, [this](int v) { m_synth.setGain(v / 100.0); });
    connect(m_allOff, &QPushButton::clicked, this, [this] {
        m_synth.allNotesOff();
        for (int n = 0; n < 128; ++n)
            m_keyboard->setPressed(n, false);
    });
    connect(m_jobs, &QComboBox::activated, this, [this](int i) {
        const QString folder = m_jobs->itemData(i).toString();
        if (!folder.isEmpty() && folder != jobFolder())
            openJob(folder);
    });
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a grid job folder"),
                                                                 m_queue ? m_queue->folder() : QString());
        if (!folder.isEmpty())
            openJob(folder);
    });
    m_synth.setMaxVoices(m_voices->value());
    m_synth.setGain(m_volume->value() / 100.0);
    envelopeChanged();
    retranslate();
    updateKeyboardRange();
    updateLabels();
}

GridPreviewPage::~GridPreviewPage()
{
    m_player->stop();
}

void GridPreviewPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void GridPreviewPage::retranslate()
{
    m_jobLabel->setText(tr("Job:"));
    m_openFolder->setText(tr("Open Job Folder..."));
    m_cornersTitle->setText(tr("Corners"));
    const QString names[4] = {tr("Top left:"), tr("Top right:"), tr("Bottom left:"), tr("Bottom right:")};
    for (int k = 0; k < 4; ++k)
        m_cornerLabels[size_t(k)]->setText(names[k]);
    m_sourcesTitle->setText(tr("Source notes (hold to hear a corner's own note at the last key's pitch)"));
    m_help->setText(tr("Play with the keys A W S E D F T G Y H U J K O L P ; ' (Z and X change the octave) or click "
                       "the keyboard below. Each key plays the cell's nearest generated pitch, resampled as Open "
                       "NSynth Super does. Touch the pad to move between cells."));
    m_attackLabel->setToolTip(tr("How long a note takes to rise to full level"));
    m_releaseLabel->setToolTip(tr("How long a note takes to fade out after the key is released"));
    m_voicesLabel->setText(tr("Voices:"));
    m_voices->setToolTip(tr("How many keys can sound at once; a key beyond that takes the oldest voice"));
    m_volumeLabel->setText(tr("Volume:"));
    m_allOff->setText(tr("All Notes Off"));
    m_octaveDown->setToolTip(tr("Octave down (Z)"));
    m_octaveUp->setToolTip(tr("Octave up (X)"));
    envelopeChanged();
    updateKeyboardRange();
    refreshJobs();
    updateLabels();
}

void GridPreviewPage::setQueue(app::JobQueue* queue)
{
    if (m_queue)
        m_queue->disconnect(this);
    m_queue = queue;
    if (m_queue) {
        connect(m_queue, &app::JobQueue::jobAdded, this, &GridPreviewPage::refreshJobs);
        connect(m_queue, &app::JobQueue::jobRemoved, this, &GridPreviewPage::refreshJobs);
        connect(m_queue, &app::JobQueue::jobEnded, this, [this](const QString& id) {
            refreshJobs();
            const app::JobRecord* r = m_queue ? m_queue->job(id) : nullptr;
            if (m_source && r && QDir(r->folder).absolutePath() == QDir(jobFolder()).absolutePath()) {
                m_source->refresh();
                refreshAvailability();
                loadCell();
                updateLabels();
            }
        });
    }
    refreshJobs();
}

void GridPreviewPage::setOutputDevice(const QByteArray& id)
{
    m_outputDevice = id;
    m_player->setDevice(audio::findAudioOutput(id));
}

void GridPreviewPage::refreshJobs()
{
    const QString current = jobFolder();
    m_jobs->clear();
    if (m_queue)
        for (const app::JobRecord& r : m_queue->jobs())
            if (QFileInfo::exists(r.folder + QStringLiteral("/job.json")))
                m_jobs->addItem(QStringLiteral("%1 — %2").arg(r.id, app::jobStateName(r.state)), r.folder);
    if (!current.isEmpty() && m_jobs->findData(current) < 0)
        m_jobs->addItem(QDir::toNativeSeparators(current), current);
    if (m_jobs->count() == 0)
        m_jobs->addItem(tr("(no planned jobs yet)"), QString());
    m_jobs->setCurrentIndex(std::max(0, m_jobs->findData(current)));
}

void GridPreviewPage::showError(const QString& message)
{
    m_jobError = message;
    updateBanner();
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}

void GridPreviewPage::showAudioError(const QString& message)
{
    if (message == m_audioError)
        return;
    m_audioError = message;
    updateBanner();
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}

void GridPreviewPage::updateBanner()
{
    QStringList lines;
    for (const QString& m : {m_jobError, m_audioError})
        if (!m.isEmpty())
            lines << m;
    m_error->setText(lines.join(QLatin1Char('\n')));
    m_error->setVisible(!lines.isEmpty());
}

QString GridPreviewPage::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString GridPreviewPage::statusText() const
{
    return m_status->text();
}

QString GridPreviewPage::jobFolder() const
{
    return m_source ? m_source->folder() : QString();
}

bool GridPreviewPage::openJob(const QString& folder)
{
    std::unique_ptr<app::GridPreviewSource> source;
    try {
        source = std::make_unique<app::GridPreviewSource>(folder);
    } catch (const Error& e) {
        showError(tr("The job %1 cannot be previewed: %2").arg(QDir::toNativeSeparators(folder),
                                                               QString::fromStdString(e.what())));
        return false;
    }
    m_synth.allNotesOff();
    m_source = std::move(source);
    showError(QString());
    const auto corners = m_source->cornerInstruments();
    std::array<QString, 4> names;
    for (size_t k = 0; k < 4; ++k) {
        QComboBox* c = m_cornerCombos[k];
        c->clear();
        c->addItems(corners[k]);
        c->setEnabled(corners[k].size() > 1);
        c->setCurrentIndex(0);
        names[k] = corners[k].value(0);
    }
    m_pad->setResolution(m_source->resolution());
    m_pad->setCornerNames(names);
    m_keys.setBaseNote(app::KeyboardMap::defaultBaseNote(m_source->pitches()));
    m_keyboard->setMarkedPitches(m_source->pitches());
    m_lastNote = -1;
    m_combination = m_source->combination({0, 0, 0, 0});
    refreshJobs();
    refreshAvailability();
    updateKeyboardRange();
    // Start in the middle of the pad, where all four corners mix.
    touch(app::kOnsTouchPositions / 2, app::kOnsTouchPositions / 2);
    if (isVisible())
        m_refreshTimer->start();
    return true;
}

void GridPreviewPage::closeJob()
{
    m_synth.allNotesOff();
    m_synth.setSamples({});
    m_source.reset();
    m_combination = -1;
    m_pad->clearPoint();
    m_pad->setCornerNames({});
    refreshJobs();
    updateLabels();
}

bool GridPreviewPage::selectCombination(const std::array<int, 4>& choice)
{
    if (!m_source)
        return false;
    const int c = m_source->combination(choice);
    if (c < 0)
        return false;
    std::array<QString, 4> names;
    for (size_t k = 0; k < 4; ++k) {
        m_cornerCombos[k]->setCurrentIndex(choice[k]);
        names[k] = m_cornerCombos[k]->currentText();
    }
    m_combination = c;
    m_pad->setCornerNames(names);
    refreshAvailability();
    loadCell();
    updateLabels();
    return true;
}

void GridPreviewPage::cornerChosen()
{
    std::array<int, 4> choice{};
    for (size_t k = 0; k < 4; ++k)
        choice[k] = std::max(0, m_cornerCombos[k]->currentIndex());
    selectCombination(choice);
}

void GridPreviewPage::refreshAvailability()
{
    if (!m_source || m_combination < 0)
        return;
    const int R = m_source->resolution();
    const double P = double(m_source->pitches().size());
    std::vector<double> generated(size_t(R * R));
    for (int c = 0; c < R * R; ++c)
        generated[size_t(c)] = m_source->generatedPitches(m_combination, c) / P;
    m_pad->setCellAvailability(generated);
}

void GridPreviewPage::touch(int touchX, int touchY)
{
    if (!m_source)
        return;
    const app::OnsPadPoint p = app::onsPadPointFromTouch(touchX, touchY, m_source->resolution());
    m_pad->setPoint(p);
    onTouched(p);
}

void GridPreviewPage::onTouched(const app::OnsPadPoint& point)
{
    m_point = point;
    loadCell();
    updateLabels();
}

void GridPreviewPage::loadCell()
{
    if (!m_source || m_combination < 0 || !m_pad->hasPoint())
        return;
    try {
        m_synth.setSamples(m_source->cellSamples(m_combination, m_point.cell));
    } catch (const Error& e) {
        m_synth.setSamples({});
        showError(tr("The notes of cell (%1, %2) cannot be read: %3")
                      .arg(m_point.cellX)
                      .arg(m_point.cellY)
                      .arg(QString::fromStdString(e.what())));
    }
}

void GridPreviewPage::updateLabels()
{
    if (!m_source) {
        m_status->setText(tr("Open a planned job to hear it."));
        m_cellLabel->clear();
        m_weights->clear();
        for (size_t k = 0; k < 4; ++k) {
            m_sourceButtons[k]->setText(tr("(no corner)"));
            m_sourceButtons[k]->setEnabled(false);
        }
        return;
    }
    m_status->setText(tr("%1 of %2 unique notes generated; bank %3")
                          .arg(m_source->notesDone())
                          .arg(m_source->notes())
                          .arg(m_source->combinationName(m_combination)));
    const QString cornerNames[4] = {tr("top left"), tr("top right"), tr("bottom left"), tr("bottom right")};
    if (m_pad->hasPoint()) {
        const int generated = m_source->generatedPitches(m_combination, m_point.cell);
        m_cellLabel->setText(tr("Touch (%1, %2) of 0-10 plays cell (%3, %4) of %5 x %5; %6 of %7 pitches generated.")
                                 .arg(m_point.touchX)
                                 .arg(m_point.touchY)
                                 .arg(m_point.cellX)
                                 .arg(m_point.cellY)
                                 .arg(m_source->resolution())
                                 .arg(generated)
                                 .arg(m_source->pitches().size()));
        QString rows;
        for (size_t k = 0; k < 4; ++k)
            rows += QStringLiteral("<tr><td>%1</td><td>&nbsp;%2&nbsp;</td><td align=right><b>%3</b></td></tr>")
                        .arg(cornerNames[k], m_cornerCombos[k]->currentText().toHtmlEscaped())
                        .arg(m_point.weights[k], 0, 'f', 3);
        m_weights->setText(QStringLiteral("<table>%1</table>").arg(rows));
    }
    for (size_t k = 0; k < 4; ++k) {
        const QString instrument = m_cornerCombos[k]->currentText();
        const bool have = !m_source->sourcePath(instrument, 0).isEmpty();
        m_sourceButtons[k]->setText(tr("Play %1").arg(instrument));
        m_sourceButtons[k]->setEnabled(have);
        m_sourceButtons[k]->setToolTip(have ? tr("The %1 corner's source note: %2").arg(cornerNames[k], instrument)
                                            : tr("This corner was given as an embedding; there is no audio to play"));
    }
}

void GridPreviewPage::updateKeyboardRange()
{
    std::vector<int> pitches = m_source ? m_source->pitches() : std::vector<int>{};
    int low = m_keys.baseNote(), high = m_keys.baseNote() + 17;
    for (int p : pitches) {
        low = std::min(low, p);
        high = std::max(high, p + 2);
    }
    m_keyboard->setRange(low, std::max(2, (high - (low - low % 12)) / 12 + 1));
    m_keyboard->setComputerKeyRange(m_keys.baseNote(), m_keys.baseNote() + 17);
    m_octaveLabel->setText(tr("Keys from %1").arg(QString::fromStdString(audio::midiNoteName(m_keys.baseNote()))));
}

void GridPreviewPage::envelopeChanged()
{
    app::SynthEnvelope e = m_synth.envelope();
    e.attackSeconds = sliderToMs(m_attack->value(), 2) / 1000.0;
    e.releaseSeconds = sliderToMs(m_release->value(), 5) / 1000.0;
    m_synth.setEnvelope(e);
    m_attackLabel->setText(tr("Attack %1").arg(msText(m_synth.envelope().attackSeconds * 1000.0)));
    m_releaseLabel->setText(tr("Release %1").arg(msText(m_synth.envelope().releaseSeconds * 1000.0)));
}

bool GridPreviewPage::ensureAudio()
{
    if (m_player->isRunning())
        return true;
    if (!m_player->start([this](float* out, int64_t frames) { m_synth.render(out, frames); }))
        return false;
    m_synth.setOutputRate(m_player->sampleRate());
    showAudioError(QString());
    return true;
}

void GridPreviewPage::setActive(bool active)
{
    m_active = active;
    if (active) {
        ensureAudio();
        if (m_source)
            m_refreshTimer->start();
    } else {
        m_synth.allNotesOff();
        m_player->stop();
        m_synth.reset();
        m_refreshTimer->stop();
    }
}

bool GridPreviewPage::noteOn(int midi)
{
    if (!m_source)
        return false;
    ensureAudio();
    m_lastNote = midi;
    if (!m_synth.noteOn(midi)) {
        m_status->setText(tr("Cell (%1, %2) has no generated notes yet.").arg(m_point.cellX).arg(m_point.cellY));
        return false;
    }
    m_keyboard->setPressed(midi, true);
    return true;
}

void GridPreviewPage::noteOff(int midi)
{
    m_synth.noteOff(midi);
    m_keyboard->setPressed(midi, false);
}

bool GridPreviewPage::sourceNoteOn(int corner, int midi)
{
    if (!m_source || corner < 0 || corner > 3)
        return false;
    const int j = app::PreviewSynth::nearestPitch(m_source->pitches(), midi);
    try {
        const app::SynthSample s = m_source->sourceSample(m_cornerCombos[size_t(corner)]->currentText(), j);
        if (!s.valid())
            return false;
        ensureAudio();
        m_lastNote = midi;
        m_keyboard->setPressed(midi, true);
        return m_synth.noteOnWith(midi, s);
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

void GridPreviewPage::keyPressEvent(QKeyEvent* event)
{
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int key = event->key();
    if (event->isAutoRepeat() && (m_keys.noteForKey(key) >= 0 || app::KeyboardMap::isOctaveDownKey(key) ||
                                  app::KeyboardMap::isOctaveUpKey(key))) {
        event->accept();
        return;
    }
    if (app::KeyboardMap::isOctaveDownKey(key) || app::KeyboardMap::isOctaveUpKey(key)) {
        if (app::KeyboardMap::isOctaveDownKey(key))
            m_keys.octaveDown();
        else
            m_keys.octaveUp();
        updateKeyboardRange();
        event->accept();
        return;
    }
    const int note = m_keys.noteForKey(key);
    if (note < 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    if (!m_keyNotes.contains(key)) {
        m_keyNotes.insert(key, note);
        noteOn(note);
    }
    event->accept();
}

void GridPreviewPage::keyReleaseEvent(QKeyEvent* event)
{
    if (event->isAutoRepeat()) {
        event->accept();
        return;
    }
    const auto it = m_keyNotes.find(event->key());
    if (it == m_keyNotes.end()) {
        QWidget::keyReleaseEvent(event);
        return;
    }
    noteOff(it.value());
    m_keyNotes.erase(it);
    event->accept();
}

void GridPreviewPage::focusOutEvent(QFocusEvent* event)
{
    // Keys released while another widget has the focus never reach us: release them now.
    for (auto it = m_keyNotes.begin(); it != m_keyNotes.end(); ++it)
        noteOff(it.value());
    m_keyNotes.clear();
    QWidget::focusOutEvent(event);
}

void GridPreviewPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    setFocus(Qt::OtherFocusReason);
}

void GridPreviewPage::hideEvent(QHideEvent* event)
{
    m_synth.allNotesOff();
    QWidget::hideEvent(event);
}

} // namespace nsynth::widgets
