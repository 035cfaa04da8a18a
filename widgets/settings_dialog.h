#pragma once
// Preferences: the interface language (follow the system, or a chosen one; applied at once),
// the model to encode with (the default model or a file), and the output device for playback
// and the reference tone. The recorder's own options live on the recorder page.

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace nsynth::app {
class AppSettings;
}

namespace nsynth::widgets {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(app::AppSettings* settings, const QString& defaultModelPath, QWidget* parent = nullptr);

    QString language() const;   // "" = system
    QString modelPath() const;  // "" = default
    QByteArray outputDevice() const;

    QComboBox* languageBox() const { return m_language; }

private:
    QComboBox* m_language;
    QLineEdit* m_model;
    QComboBox* m_output;
};

} // namespace nsynth::widgets
