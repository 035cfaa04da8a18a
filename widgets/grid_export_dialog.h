#pragma once
// Export a grid job (app::exportGrid, the same code as `nsynth grid export`): Open NSynth Super
// banks with the device's settings.json, the course's Pure Data grid, and/or a WAV/FLAC sample
// pack, into a folder of the user's choice, in the background with progress, time left and
// Cancel. The dialog explains where the banks go on the device.

#include "background_task.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace nsynth::widgets {

class GridExportDialog : public QDialog {
    Q_OBJECT
public:
    // `defaultOutput`: where the export goes unless the user picks another folder.
    GridExportDialog(const QString& jobFolder, const QString& defaultOutput, QWidget* parent = nullptr);
    ~GridExportDialog() override;

    QString jobFolder() const { return m_job; }
    QString outputFolder() const;
    void setOutputFolder(const QString& folder);
    void setTargets(bool ons, bool pd, bool pack);
    void setPackFormat(const QString& format, const QString& bitDepth);
    bool isRunning() const { return m_task != nullptr; }
    QString resultText() const;
    // Starts the export (what the Export button does); false when it cannot start.
    bool startExport();

Q_SIGNALS:
    void exported(const QString& folder);
    void failed(const QString& message);

protected:
    void reject() override;

private:
    void updateState();

    QString m_job;
    int64_t m_missing = 0, m_notes = 0;
    QPointer<app::BackgroundTask> m_task;
    QLabel* m_summary;
    QCheckBox *m_ons, *m_pd, *m_pack, *m_allowMissing;
    QComboBox *m_format, *m_bitDepth;
    QLineEdit *m_output, *m_dataDirectory;
    QPushButton* m_browse;
    QLabel* m_deviceHelp;
    QProgressBar* m_progress;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QPushButton* m_exportButton;
};

} // namespace nsynth::widgets
