#include "rename_dialog.h"

#include "note_name.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace nsynth::widgets {

RenameDialog::RenameDialog(const QString& instrument, int pitch, std::function<QString(const QString&, int)> problem,
                           QWidget* parent)
    : QDialog(parent), m_problem(std::move(problem))
{
    setObjectName(QStringLiteral("renameDialog"));
    setWindowTitle(tr("Rename note"));
    auto* form = new QFormLayout(this);
    m_instrument = new QLineEdit(instrument, this);
    m_instrument->setObjectName(QStringLiteral("renameInstrument"));
    m_instrument->setMaxLength(64);
    m_pitch = new QSpinBox(this);
    m_pitch->setObjectName(QStringLiteral("renamePitch"));
    m_pitch->setRange(0, 127);
    m_pitch->setValue(pitch);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(tr("Instrument:"), m_instrument);
    form->addRow(tr("MIDI pitch:"), m_pitch);
    form->addRow(m_hint);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_instrument, &QLineEdit::textChanged, this, &RenameDialog::validate);
    connect(m_pitch, &QSpinBox::valueChanged, this, &RenameDialog::validate);
    validate();
}

QString RenameDialog::instrument() const
{
    return m_instrument->text().trimmed();
}

int RenameDialog::pitch() const
{
    return m_pitch->value();
}

void RenameDialog::validate()
{
    const QString problem = m_problem ? m_problem(instrument(), pitch()) : QString();
    m_hint->setText(problem.isEmpty() ? tr("The note becomes %1_%2.wav").arg(instrument()).arg(pitch())
                                      : problem);
    m_hint->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #cf222e;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace nsynth::widgets
