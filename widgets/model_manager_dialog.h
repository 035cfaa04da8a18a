#pragma once
// The model manager: the default model, models trained with the project's trainer and other model
// files, and Magenta TensorFlow checkpoints imported from any of their paths (the prefix, the
// folder, the .index/.meta/.data file), each with its summary — parameters, receptive field, cost
// per sample, and the speed measured here (in the background, on request or when first shown).
// "Use" makes one the workbench's current model. The list and summaries are app::ModelCatalog.

#include "model_catalog.h"

#include "background_task.h"

#include <QDialog>
#include <QPointer>
#include <QSet>

#include <functional>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace nsynth::widgets {

class ModelManagerDialog : public QDialog {
    Q_OBJECT
public:
    // defaultModel: the shipped default model's path ("" when there is none); current: the
    // workbench's current model path.
    ModelManagerDialog(const QString& defaultModel, const QString& current, QWidget* parent = nullptr);
    ~ModelManagerDialog() override;

    // Adds a model file or a checkpoint path (any form); false with a message when it cannot.
    bool addModel(const QString& path, const QString& weights = QStringLiteral("raw"));
    bool removeSelected();
    void selectModel(const QString& path, const QString& weights = QStringLiteral("raw"));
    // Summarises the selected model (measure: also the speed here), in the background.
    void summarizeSelected(bool measure);
    bool isBusy() const { return m_task != nullptr; }
    QString selectedPath() const;
    QString selectedWeights() const;
    QString summaryText() const;
    QString errorText() const;
    int modelCount() const;

Q_SIGNALS:
    void useRequested(const QString& path);  // the workbench loads it as the current model
    void summarized(const QString& path);
    void failed(const QString& message);

private:
    void reload();
    void showSelected();
    bool refuse(const QString& message);  // shows it under the list, emits failed; false

    app::ModelCatalog m_catalog;
    QString m_default, m_current;
    QList<app::ModelEntry> m_entries;  // the default first (when there is one), then the list
    QPointer<app::BackgroundTask> m_task;
    QSet<QString> m_failed;  // path|weights that could not be summarised (not retried on their own)
    QListWidget* m_list;
    QLabel* m_title;
    QPlainTextEdit* m_summary;
    QLabel* m_error;
    QComboBox* m_weights;
    QPushButton *m_addFile, *m_addCheckpointFile, *m_addCheckpointFolder, *m_remove, *m_measure, *m_use;
};

} // namespace nsynth::widgets
