#include "note_info_panel.h"

#include "note_checks.h"
#include "note_name.h"
#include "pitch.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace nsynth::widgets {

namespace {

QLabel* valueLabel(QWidget* parent, const char* name)
{
    auto* l = new QLabel(parent);
    l->setObjectName(QString::fromLatin1(name));
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QString levelColor(app::Badge::Level level)
{
    switch (level) {
    case app::Badge::Level::Ok:
        return QStringLiteral("#2ea043");
    case app::Badge::Level::Warning:
        return QStringLiteral("#d68c00");
    case app::Badge::Level::Error:
        return QStringLiteral("#cf222e");
    default:
        return QStringLiteral("#6e7681");
    }
}

} // namespace

NoteInfoPanel::NoteInfoPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("noteInfo"));
    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    m_name = valueLabel(this, "infoName");
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_name->setFont(big);
    m_rename = new QPushButton(this);
    m_rename->setObjectName(QStringLiteral("renameButton"));
    connect(m_rename, &QPushButton::clicked, this, [this] {
        if (!m_noteId.isEmpty())
            Q_EMIT renameRequested(m_noteId);
    });
    header->addWidget(m_name, 1);
    header->addWidget(m_rename);
    layout->addLayout(header);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_pitch = valueLabel(this, "infoPitch");
    m_detected = valueLabel(this, "infoDetected");
    m_original = valueLabel(this, "infoOriginal");
    m_levels = valueLabel(this, "infoLevels");
    m_origin = valueLabel(this, "infoOrigin");
    m_embedding = valueLabel(this, "infoEmbedding");
    m_checks = valueLabel(this, "infoChecks");
    m_checks->setTextFormat(Qt::RichText);
    m_pitchLabel = new QLabel(this);
    m_detectedLabel = new QLabel(this);
    m_originalLabel = new QLabel(this);
    m_levelsLabel = new QLabel(this);
    m_originLabel = new QLabel(this);
    m_embeddingLabel = new QLabel(this);
    m_checksLabel = new QLabel(this);
    m_form->addRow(m_pitchLabel, m_pitch);
    m_form->addRow(m_detectedLabel, m_detected);
    m_form->addRow(m_originalLabel, m_original);
    m_form->addRow(m_levelsLabel, m_levels);
    m_form->addRow(m_originLabel, m_origin);
    m_form->addRow(m_embeddingLabel, m_embedding);
    layout->addLayout(m_form);
    // The checks get the panel's full width, outside the form: a form row's height-for-width
    // is computed for the wrong width and long rich text would overlap what follows.
    QFont bold = m_checksLabel->font();
    bold.setBold(true);
    m_checksLabel->setFont(bold);
    layout->addWidget(m_checksLabel);
    layout->addWidget(m_checks);

    m_trimBox = new QGroupBox(this);
    auto* trimForm = new QFormLayout(m_trimBox);
    m_autoTrim = new QCheckBox(m_trimBox);
    m_autoTrim->setObjectName(QStringLiteral("autoTrim"));
    m_preOnset = new QDoubleSpinBox(m_trimBox);
    m_preOnset->setObjectName(QStringLiteral("preOnsetMs"));
    m_preOnset->setRange(0, 500);
    m_preOnset->setDecimals(0);
    m_preOnset->setSuffix(QStringLiteral(" ms"));
    m_start = new QDoubleSpinBox(m_trimBox);
    m_start->setObjectName(QStringLiteral("startSeconds"));
    m_start->setRange(0, 36000);
    m_start->setDecimals(3);
    m_start->setSingleStep(0.01);
    m_start->setSuffix(QStringLiteral(" s"));
    m_preOnsetLabel = new QLabel(m_trimBox);
    m_startLabel = new QLabel(m_trimBox);
    m_retrim = new QPushButton(m_trimBox);
    m_retrim->setObjectName(QStringLiteral("retrimButton"));
    trimForm->addRow(m_autoTrim);
    trimForm->addRow(m_preOnsetLabel, m_preOnset);
    trimForm->addRow(m_startLabel, m_start);
    trimForm->addRow(m_retrim);
    layout->addWidget(m_trimBox);

    m_conformBox = new QGroupBox(this);
    auto* conformLayout = new QVBoxLayout(m_conformBox);
    m_normalize = new QCheckBox(m_conformBox);
    m_normalize->setObjectName(QStringLiteral("normalize"));
    m_removeDc = new QCheckBox(m_conformBox);
    m_removeDc->setObjectName(QStringLiteral("removeDc"));
    m_reconform = new QPushButton(m_conformBox);
    m_reconform->setObjectName(QStringLiteral("reconformButton"));
    conformLayout->addWidget(m_normalize);
    conformLayout->addWidget(m_removeDc);
    conformLayout->addWidget(m_reconform);
    layout->addWidget(m_conformBox);
    layout->addStretch(1);

    connect(m_autoTrim, &QCheckBox::toggled, this, &NoteInfoPanel::updateButtons);
    connect(m_preOnset, &QDoubleSpinBox::valueChanged, this, &NoteInfoPanel::updateButtons);
    connect(m_start, &QDoubleSpinBox::valueChanged, this, &NoteInfoPanel::updateButtons);
    connect(m_normalize, &QCheckBox::toggled, this, &NoteInfoPanel::updateButtons);
    connect(m_removeDc, &QCheckBox::toggled, this, &NoteInfoPanel::updateButtons);
    connect(m_retrim, &QPushButton::clicked, this, [this] {
        if (m_note)
            Q_EMIT retrimRequested(m_noteId, editedSettings());
    });
    connect(m_reconform, &QPushButton::clicked, this, [this] {
        if (m_note)
            Q_EMIT reconformRequested(m_noteId, editedSettings());
    });
    retranslate();
    clear();
}

void NoteInfoPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void NoteInfoPanel::retranslate()
{
    m_rename->setText(tr("Rename..."));
    m_pitchLabel->setText(tr("Named pitch:"));
    m_detectedLabel->setText(tr("Detected pitch:"));
    m_originalLabel->setText(tr("Original:"));
    m_levelsLabel->setText(tr("Levels:"));
    m_originLabel->setText(tr("Origin:"));
    m_embeddingLabel->setText(tr("Embedding:"));
    m_checksLabel->setText(tr("Checks"));
    m_trimBox->setTitle(tr("Re-trim"));
    m_autoTrim->setText(tr("Start at the detected onset"));
    m_preOnsetLabel->setText(tr("Keep before the onset:"));
    m_startLabel->setText(tr("Start in the original:"));
    m_retrim->setText(tr("Re-trim"));
    m_retrim->setToolTip(tr("Cut the note from its original again with these settings (undoable)."));
    m_conformBox->setTitle(tr("Re-conform"));
    m_normalize->setText(tr("Normalise the peak to -1 dBFS"));
    m_removeDc->setText(tr("Remove DC offset"));
    m_reconform->setText(tr("Re-conform"));
    m_reconform->setToolTip(tr("Conform the note from its original again with these settings (undoable)."));
    refresh();
}

void NoteInfoPanel::showNote(const app::Note& note, const QString& embeddingState, bool fileMissing)
{
    m_noteId = note.id;
    m_note = note;
    m_embeddingState = embeddingState;
    m_fileMissing = fileMissing;
    {
        // Always the note's own settings (also after an undo or redo changed them).
        const QSignalBlocker b1(m_autoTrim), b2(m_preOnset), b3(m_start), b4(m_normalize), b5(m_removeDc);
        m_autoTrim->setChecked(note.settings.autoTrim);
        m_preOnset->setValue(note.settings.preOnsetMs);
        m_start->setValue(note.settings.autoTrim ? double(note.report.trimmedSamples) / 16000.0 : note.settings.startSeconds);
        m_normalize->setChecked(note.settings.normalize);
        m_removeDc->setChecked(note.settings.removeDc);
    }
    setEnabled(true);
    refresh();
}

void NoteInfoPanel::clear()
{
    m_noteId.clear();
    m_note.reset();
    refresh();
}

app::ConformSettings NoteInfoPanel::editedSettings() const
{
    app::ConformSettings s = m_note ? m_note->settings : app::ConformSettings{};
    s.autoTrim = m_autoTrim->isChecked();
    s.preOnsetMs = m_preOnset->value();
    s.startSeconds = m_start->value();
    s.normalize = m_normalize->isChecked();
    s.removeDc = m_removeDc->isChecked();
    return s;
}

void NoteInfoPanel::updateButtons()
{
    const bool have = m_note.has_value() && !m_note->source.isEmpty();
    m_preOnset->setEnabled(m_autoTrim->isChecked());
    m_start->setEnabled(!m_autoTrim->isChecked());
    m_retrim->setEnabled(have);
    m_reconform->setEnabled(have);
    m_rename->setEnabled(m_note.has_value());
}

void NoteInfoPanel::refresh()
{
    const bool have = m_note.has_value();
    for (QWidget* w : std::initializer_list<QWidget*>{m_trimBox, m_conformBox})
        w->setVisible(have);
    for (int row = 0; row < m_form->rowCount(); ++row)
        m_form->setRowVisible(row, have);
    m_checksLabel->setVisible(have);
    m_checks->setVisible(have);
    if (!have) {
        m_name->setText(tr("No note selected"));
        updateButtons();
        return;
    }
    const app::Note& n = *m_note;
    const app::NoteReport& r = n.report;
    m_name->setText(n.name());
    m_pitch->setText(tr("MIDI %1 (%2), %3 Hz")
                         .arg(n.pitch)
                         .arg(QString::fromStdString(audio::midiNoteName(n.pitch)))
                         .arg(audio::midiToHz(n.pitch), 0, 'f', 1));
    if (r.voiced) {
        QString text = tr("%1 Hz, MIDI %2").arg(r.detectedHz, 0, 'f', 1).arg(r.detectedMidi, 0, 'f', 2);
        if (r.centsFromNamed)
            text += QStringLiteral(", ") + tr("%1 cents from the named pitch").arg(std::lround(*r.centsFromNamed));
        m_detected->setText(text);
    } else {
        m_detected->setText(tr("no clear pitch"));
    }
    const QString channels = r.sourceChannels == 1   ? tr("mono")
                             : r.sourceChannels == 2 ? tr("stereo")
                                                     : tr("%1 channels").arg(r.sourceChannels);
    m_original->setText(tr("%1 (%2, %3 Hz, %4, %5 s)")
                            .arg(n.sourceName.isEmpty() ? tr("unknown") : n.sourceName, r.sourceFormat)
                            .arg(r.sourceRate)
                            .arg(channels)
                            .arg(r.sourceRate > 0 ? double(r.sourceFrames) / r.sourceRate : 0.0, 0, 'f', 2));
    m_levels->setText(tr("peak %1 dBFS, RMS %2 dBFS, DC %3%")
                          .arg(r.peakDb, 0, 'f', 1)
                          .arg(r.rmsDb, 0, 'f', 1)
                          .arg(r.dcOffset * 100.0, 0, 'f', 2));
    if (n.origin == QStringLiteral("recorded"))
        m_origin->setText(tr("recorded %1").arg(QLocale().toString(n.created.toLocalTime(), QLocale::ShortFormat)));
    else if (n.origin == QStringLiteral("demo"))
        m_origin->setText(tr("demo material"));
    else
        m_origin->setText(tr("imported %1").arg(QLocale().toString(n.created.toLocalTime(), QLocale::ShortFormat)));
    m_embedding->setText(m_embeddingState);
    QStringList lines;
    for (const app::Badge& b : app::noteBadges(n, m_fileMissing))
        lines.append(QStringLiteral("<span style='color:%1'>&#9679;</span> <b>%2</b>: %3")
                         .arg(levelColor(b.level), b.label.toHtmlEscaped(), b.tooltip.toHtmlEscaped()));
    m_checks->setText(lines.join(QStringLiteral("<br>")));
    updateButtons();
}

} // namespace nsynth::widgets
