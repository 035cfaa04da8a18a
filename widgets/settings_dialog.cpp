#include "settings_dialog.h"

#include "app_settings.h"
#include "language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QAudioDevice>
#include <QMediaDevices>
#include <QPushButton>

namespace nsynth::widgets {

SettingsDialog::SettingsDialog(app::AppSettings* settings, const QString& defaultModelPath, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto* form = new QFormLayout(this);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageBox"));
    const auto languages = app::LanguageManager::available();
    QString systemName = app::LanguageManager::systemLanguage();
    for (const auto& l : languages)
        if (l.code == systemName)
            systemName = l.nativeName;
    m_language->addItem(tr("Follow the system (%1)").arg(systemName), QString());
    for (const auto& l : languages)
        m_language->addItem(l.nativeName, l.code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings->language())));
    form->addRow(tr("Language:"), m_language);

    m_model = new QLineEdit(settings->modelPath(), this);
    m_model->setObjectName(QStringLiteral("modelPath"));
    m_model->setPlaceholderText(defaultModelPath.isEmpty() ? tr("the default model (not installed)")
                                                           : tr("the default model: %1").arg(defaultModelPath));
    auto* browse = new QPushButton(tr("Browse..."), this);
    auto* useDefault = new QPushButton(tr("Default"), this);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(browse);
    modelRow->addWidget(useDefault);
    form->addRow(tr("Model:"), modelRow);
    connect(useDefault, &QPushButton::clicked, m_model, &QLineEdit::clear);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose a model"), m_model->text(),
            tr("NSynth models (*.safetensors);;TensorFlow checkpoints (*.index *.meta);;All files (*)"));
        if (!path.isEmpty())
            m_model->setText(path);
    });

    m_output = new QComboBox(this);
    m_output->setObjectName(QStringLiteral("outputDevice"));
    m_output->addItem(tr("System default"), QByteArray());
    for (const QAudioDevice& d : QMediaDevices::audioOutputs())
        m_output->addItem(d.description(), d.id());
    m_output->setCurrentIndex(std::max(0, m_output->findData(settings->outputDevice())));
    form->addRow(tr("Playback device:"), m_output);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    resize(560, sizeHint().height());
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

QString SettingsDialog::modelPath() const
{
    return m_model->text().trimmed();
}

QByteArray SettingsDialog::outputDevice() const
{
    return m_output->currentData().toByteArray();
}

} // namespace nsynth::widgets
