#include "model_manager_dialog.h"

#include "background_task.h"
#include "error.h"
#include "tf_checkpoint.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace nsynth::widgets {

ModelManagerDialog::ModelManagerDialog(const QString& defaultModel, const QString& current, QWidget* parent)
    : QDialog(parent), m_default(defaultModel), m_current(current)
{
    setObjectName(QStringLiteral("modelManagerDialog"));
    setWindowTitle(tr("Model Manager"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The models to generate with: the default model, models trained with this project's "
                                "trainer, and Magenta's TensorFlow checkpoints (give any of a checkpoint's files, its "
                                "prefix or its folder). Use makes a model the current one."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* row = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("modelList"));
    m_list->setMinimumWidth(260);
    row->addWidget(m_list, 2);
    auto* right = new QVBoxLayout;
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_summary = new QPlainTextEdit(this);
    m_summary->setObjectName(QStringLiteral("modelSummary"));
    m_summary->setReadOnly(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("modelError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #ffebe9; color: #82071e; border: 1px solid #cf222e; "
                                          "border-radius: 4px; padding: 6px; }"));
    m_error->hide();
    auto* weightsRow = new QHBoxLayout;
    auto* weightsLabel = new QLabel(tr("Checkpoint weights for new imports:"), this);
    m_weights = new QComboBox(this);
    m_weights->setObjectName(QStringLiteral("checkpointWeights"));
    m_weights->addItem(tr("raw (what Magenta's tools load)"), QStringLiteral("raw"));
    m_weights->addItem(tr("EMA (the moving average)"), QStringLiteral("ema"));
    weightsRow->addWidget(weightsLabel);
    weightsRow->addWidget(m_weights, 1);
    right->addWidget(m_title);
    right->addWidget(m_summary, 1);
    right->addWidget(m_error);
    right->addLayout(weightsRow);
    row->addLayout(right, 3);
    layout->addLayout(row, 1);

    auto* buttons = new QHBoxLayout;
    auto make = [&](const char* name, const QString& text) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };
    m_addFile = make("addModelFile", tr("Add Model File..."));
    m_addCheckpointFile = make("addCheckpointFile", tr("Import Checkpoint File..."));
    m_addCheckpointFolder = make("addCheckpointFolder", tr("Import Checkpoint Folder..."));
    m_remove = make("removeModel", tr("Remove"));
    buttons->addStretch(1);
    m_measure = make("measureModel", tr("Measure Speed"));
    m_use = make("useModel", tr("Use"));
    layout->addLayout(buttons);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_list, &QListWidget::currentRowChanged, this, &ModelManagerDialog::showSelected);
    connect(m_addFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add a model file"), QString(),
                                                          tr("NSynth models (*.safetensors);;All files (*)"));
        if (!path.isEmpty())
            addModel(path);
    });
    connect(m_addCheckpointFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import a TensorFlow checkpoint"), QString(),
            tr("TensorFlow checkpoints (*.index *.meta *.data-* checkpoint);;All files (*)"));
        if (!path.isEmpty())
            addModel(path, m_weights->currentData().toString());
    });
    connect(m_addCheckpointFolder, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Import a TensorFlow checkpoint folder"));
        if (!path.isEmpty())
            addModel(path, m_weights->currentData().toString());
    });
    connect(m_remove, &QPushButton::clicked, this, &ModelManagerDialog::removeSelected);
    connect(m_measure, &QPushButton::clicked, this, [this] { summarizeSelected(true); });
    connect(m_use, &QPushButton::clicked, this, [this] {
        if (!selectedPath().isEmpty()) {
            m_current = selectedPath();
            Q_EMIT useRequested(selectedPath());
            reload();
        }
    });
    resize(900, 560);
    reload();
    selectModel(m_current);
}

ModelManagerDialog::~ModelManagerDialog()
{
    delete m_task;  // cancels and waits
}

void ModelManagerDialog::reload()
{
    const QString selected = selectedPath(), selectedW = selectedWeights();
    m_entries.clear();
    if (!m_default.isEmpty()) {
        app::ModelEntry d;
        d.path = m_default;
        d.hasSummary = m_catalog.summaryFor(d.path, d.weights, &d.summary);
        m_entries << d;
    }
    try {
        m_entries << m_catalog.load();
        m_error->hide();
    } catch (const Error& e) {
        m_error->setText(QString::fromStdString(e.what()));
        m_error->show();
    }
    m_list->blockSignals(true);
    m_list->clear();
    for (int i = 0; i < m_entries.size(); ++i) {
        const app::ModelEntry& e = m_entries[i];
        QString name = e.hasSummary ? e.summary.name : QFileInfo(e.path).fileName();
        if (name.isEmpty())
            name = e.path;
        QString text = name;
        if (i == 0 && !m_default.isEmpty())
            text = tr("%1 (default)").arg(name);
        if (isTfCheckpointPath(e.path.toStdString()))
            text += QStringLiteral(" [%1]").arg(e.weights);
        if (e.path == m_current)
            text = QStringLiteral("● ") + text;
        auto* item = new QListWidgetItem(text, m_list);
        item->setToolTip(e.path);
    }
    m_list->blockSignals(false);
    if (!selected.isEmpty())
        selectModel(selected, selectedW);
    if (m_list->currentRow() < 0 && m_list->count() > 0)
        m_list->setCurrentRow(0);
    showSelected();
}

int ModelManagerDialog::modelCount() const
{
    return int(m_entries.size());
}

QString ModelManagerDialog::selectedPath() const
{
    const int row = m_list ? m_list->currentRow() : -1;
    return row >= 0 && row < m_entries.size() ? m_entries[row].path : QString();
}

QString ModelManagerDialog::selectedWeights() const
{
    const int row = m_list ? m_list->currentRow() : -1;
    return row >= 0 && row < m_entries.size() ? m_entries[row].weights : QString();
}

void ModelManagerDialog::selectModel(const QString& path, const QString& weights)
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].path == path && (weights.isEmpty() || m_entries[i].weights == weights)) {
            m_list->setCurrentRow(i);
            return;
        }
}

QString ModelManagerDialog::summaryText() const
{
    return m_summary->toPlainText();
}

QString ModelManagerDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void ModelManagerDialog::showSelected()
{
    const int row = m_list->currentRow();
    const bool have = row >= 0 && row < m_entries.size();
    const bool isDefault = have && row == 0 && !m_default.isEmpty();
    m_remove->setEnabled(have && !isDefault && !m_task);
    m_measure->setEnabled(have && !m_task);
    m_use->setEnabled(have && !m_task);
    if (!have) {
        m_title->setText(tr("No models yet: add a model file or import a checkpoint."));
        m_summary->clear();
        return;
    }
    const app::ModelEntry& e = m_entries[row];
    m_title->setText(QDir::toNativeSeparators(e.path));
    if (e.hasSummary) {
        QStringList lines = e.summary.describe();
        if (!e.summaryCurrent())
            lines.prepend(tr("(The files changed since this summary; measure again.)"));
        m_summary->setPlainText(lines.join(QLatin1Char('\n')));
    } else if (!m_task && !m_failed.contains(e.path + QLatin1Char('|') + e.weights)) {
        m_summary->setPlainText(tr("Not summarised yet."));
        // Sizes and costs are quick; the speed is measured on request.
        summarizeSelected(false);
    }
}

bool ModelManagerDialog::addModel(const QString& path, const QString& weights)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(absolute) && !isTfCheckpointPath(absolute.toStdString()))
        return refuse(tr("%1 does not exist.").arg(QDir::toNativeSeparators(absolute)));
    QString listed;
    try {
        listed = app::ModelCatalog::listedPath(absolute);
    } catch (const Error& e) {
        return refuse(
            tr("%1 cannot be used: %2").arg(QDir::toNativeSeparators(absolute), QString::fromStdString(e.what())));
    }
    try {
        m_catalog.add(listed, weights);
    } catch (const Error& e) {
        return refuse(tr("The model list cannot be saved: %1").arg(QString::fromStdString(e.what())));
    }
    reload();
    selectModel(listed, weights);
    return true;
}

bool ModelManagerDialog::refuse(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    Q_EMIT failed(message);
    return false;
}

bool ModelManagerDialog::removeSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_entries.size() || (row == 0 && !m_default.isEmpty()) || m_task)
        return false;
    try {
        m_catalog.remove(m_entries[row].path, m_entries[row].weights);
    } catch (const Error& e) {
        m_error->setText(QString::fromStdString(e.what()));
        m_error->show();
        return false;
    }
    reload();
    return true;
}

void ModelManagerDialog::summarizeSelected(bool measure)
{
    const QString path = selectedPath(), weights = selectedWeights();
    if (path.isEmpty() || m_task)
        return;
    auto result = std::make_shared<app::ModelSummary>();
    m_task = new app::BackgroundTask(tr("Summarising the model"), this);
    m_summary->setPlainText(measure ? tr("Loading the model and measuring its speed on this computer...")
                                    : tr("Loading the model..."));
    m_error->hide();
    connect(m_task, &app::BackgroundTask::finished, this, [this, path, weights, result](bool cancelled,
                                                                                         const QString& error) {
        m_task->deleteLater();
        m_task = nullptr;
        if (cancelled) {
            showSelected();
            return;
        }
        if (!error.isEmpty()) {
            const QString message = tr("%1 cannot be used: %2").arg(QDir::toNativeSeparators(path), error);
            m_error->setText(message);
            m_error->show();
            m_summary->clear();
            m_failed.insert(path + QLatin1Char('|') + weights);
            Q_EMIT failed(message);
            showSelected();
            return;
        }
        try {
            m_catalog.setSummary(*result);
        } catch (const Error& e) {
            m_error->setText(QString::fromStdString(e.what()));
            m_error->show();
        }
        reload();
        selectModel(path, weights);
        Q_EMIT summarized(path);
    });
    m_task->start([path, weights, measure, result](app::BackgroundTask& task) {
        *result = app::summarizeModel(path, weights, measure, task.cancelFlag());
    });
    showSelected();
}

} // namespace nsynth::widgets
