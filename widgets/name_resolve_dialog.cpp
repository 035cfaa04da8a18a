#include "name_resolve_dialog.h"

#include "note_name.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace nsynth::widgets {

NameResolveDialog::NameResolveDialog(const QList<app::ImportItem>& items, QWidget* parent) : QDialog(parent), m_items(items)
{
    setObjectName(QStringLiteral("nameResolveDialog"));
    setWindowTitle(tr("Name the notes"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("These files' names do not say which instrument and pitch they are (the workbench "
                                "understands instrument_pitch.wav and NSynth dataset names, and never guesses). "
                                "Give each an instrument and a MIDI pitch, or skip it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(int(items.size()), 5, this);
    m_table->setObjectName(QStringLiteral("nameTable"));
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Why"), tr("Instrument"), tr("Pitch"), tr("Skip")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ProblemColumn, QHeaderView::Stretch);
    for (int row = 0; row < items.size(); ++row) {
        const app::ImportItem& item = items[row];
        auto* file = new QTableWidgetItem(QFileInfo(item.path).fileName());
        file->setToolTip(item.path);
        file->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, FileColumn, file);
        auto* why = new QTableWidgetItem(QString(item.nameProblem));
        why->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, ProblemColumn, why);
        auto* instrument = new QLineEdit(item.instrument, m_table);
        instrument->setObjectName(QStringLiteral("instrument%1").arg(row));
        instrument->setMaxLength(64);
        m_table->setCellWidget(row, InstrumentColumn, instrument);
        auto* pitch = new QSpinBox(m_table);
        pitch->setObjectName(QStringLiteral("pitch%1").arg(row));
        pitch->setRange(-1, 127);
        pitch->setSpecialValueText(tr("?"));
        pitch->setValue(item.pitch);
        m_table->setCellWidget(row, PitchColumn, pitch);
        auto* skip = new QCheckBox(m_table);
        skip->setObjectName(QStringLiteral("skip%1").arg(row));
        m_table->setCellWidget(row, SkipColumn, skip);
        connect(instrument, &QLineEdit::textChanged, this, &NameResolveDialog::validate);
        connect(pitch, &QSpinBox::valueChanged, this, &NameResolveDialog::validate);
        connect(skip, &QCheckBox::toggled, this, &NameResolveDialog::validate);
    }
    m_table->resizeColumnsToContents();
    layout->addWidget(m_table, 1);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("nameHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(760, 380);
    validate();
}

void NameResolveDialog::validate()
{
    QString problem;
    for (int row = 0; row < m_table->rowCount() && problem.isEmpty(); ++row) {
        if (static_cast<QCheckBox*>(m_table->cellWidget(row, SkipColumn))->isChecked())
            continue;
        const QString instrument = static_cast<QLineEdit*>(m_table->cellWidget(row, InstrumentColumn))->text().trimmed();
        const int pitch = static_cast<QSpinBox*>(m_table->cellWidget(row, PitchColumn))->value();
        const QString file = m_table->item(row, FileColumn)->text();
        if (!audio::isValidInstrumentName(instrument.toStdString()))
            problem = tr("%1: the instrument must be 1 to 64 letters, digits or hyphens.").arg(file);
        else if (pitch < 0)
            problem = tr("%1: choose the MIDI pitch.").arg(file);
    }
    m_hint->setText(problem);
    m_hint->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #cf222e;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

QList<app::ImportItem> NameResolveDialog::resolvedItems() const
{
    QList<app::ImportItem> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (static_cast<QCheckBox*>(m_table->cellWidget(row, SkipColumn))->isChecked())
            continue;
        app::ImportItem item = m_items[row];
        item.instrument = static_cast<QLineEdit*>(m_table->cellWidget(row, InstrumentColumn))->text().trimmed();
        item.pitch = static_cast<QSpinBox*>(m_table->cellWidget(row, PitchColumn))->value();
        out.append(item);
    }
    return out;
}

} // namespace nsynth::widgets
