#pragma once
// Renaming a note: instrument and MIDI pitch, checked as you type (valid name, not taken).

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace nsynth::widgets {

class RenameDialog : public QDialog {
    Q_OBJECT
public:
    // `problem(instrument, pitch)` returns why a name cannot be used (empty when it can).
    RenameDialog(const QString& instrument, int pitch, std::function<QString(const QString&, int)> problem,
                 QWidget* parent = nullptr);

    QString instrument() const;
    int pitch() const;

private:
    void validate();

    std::function<QString(const QString&, int)> m_problem;
    QLineEdit* m_instrument;
    QSpinBox* m_pitch;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
};

} // namespace nsynth::widgets
