#include "job_queue_page.h"

#include "background_task.h"
#include "job_queue.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace nsynth::widgets {

using app::JobState;

JobQueuePage::JobQueuePage(app::JobQueue* queue, QWidget* parent) : QWidget(parent), m_queue(queue)
{
    setObjectName(QStringLiteral("jobQueuePage"));
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(split);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, ColumnCount, top);
    m_table->setObjectName(QStringLiteral("jobTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ProgressColumn, QHeaderView::Fixed);
    m_table->setColumnWidth(ProgressColumn, 160);
    topLayout->addWidget(m_table, 1);
    auto* buttons = new QHBoxLayout;
    auto make = [&](const char* name) {
        auto* b = new QPushButton(top);
        b->setObjectName(QString::fromLatin1(name));
        buttons->addWidget(b);
        return b;
    };
    m_pause = make("pauseJob");
    m_resume = make("resumeJob");
    m_cancel = make("cancelJob");
    m_remove = make("removeJob");
    m_up = make("moveJobUp");
    m_down = make("moveJobDown");
    buttons->addSpacing(16);
    m_preview = make("previewJob");
    m_export = make("exportJob");
    buttons->addStretch(1);
    m_keepRunning = new QCheckBox(top);
    m_keepRunning->setObjectName(QStringLiteral("keepRunningOnClose"));
    buttons->addWidget(m_keepRunning);
    topLayout->addLayout(buttons);
    split->addWidget(top);

    auto* bottom = new QWidget(split);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_logTitle = new QLabel(bottom);
    m_log = new QPlainTextEdit(bottom);
    m_log->setObjectName(QStringLiteral("jobLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_log->setFont(mono);
    bottomLayout->addWidget(m_logTitle);
    bottomLayout->addWidget(m_log, 1);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    m_logTimer = new QTimer(this);
    m_logTimer->setSingleShot(true);
    m_logTimer->setInterval(300);
    connect(m_logTimer, &QTimer::timeout, this, &JobQueuePage::refreshLog);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        updateButtons();
        refreshLog();
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        const app::JobRecord* r = m_queue ? m_queue->job(m_table->item(row, NameColumn)->data(Qt::UserRole).toString())
                                          : nullptr;
        if (r && QFileInfo::exists(r->folder + QStringLiteral("/job.json")))
            Q_EMIT previewRequested(r->folder);
    });
    connect(m_pause, &QPushButton::clicked, this, [this] { m_queue->pause(currentJob()); });
    connect(m_resume, &QPushButton::clicked, this, [this] { m_queue->resume(currentJob()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_queue->cancel(currentJob()); });
    connect(m_up, &QPushButton::clicked, this, [this] { m_queue->move(currentJob(), -1); });
    connect(m_down, &QPushButton::clicked, this, [this] { m_queue->move(currentJob(), +1); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString id = currentJob();
        const app::JobRecord* r = m_queue->job(id);
        if (!r)
            return;
        auto* box = new QMessageBox(QMessageBox::Question, tr("Remove Job"),
                                    tr("Remove %1 from the queue? Its folder %2 holds the notes generated so far.")
                                        .arg(id, r->folder),
                                    QMessageBox::NoButton, this);
        box->setObjectName(QStringLiteral("removeJobBox"));
        QPushButton* keep = box->addButton(tr("Remove, Keep the Files"), QMessageBox::AcceptRole);
        keep->setObjectName(QStringLiteral("removeKeepFiles"));
        QPushButton* del = box->addButton(tr("Remove and Delete the Files"), QMessageBox::DestructiveRole);
        del->setObjectName(QStringLiteral("removeDeleteFiles"));
        box->addButton(QMessageBox::Cancel);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::buttonClicked, this, [this, id, keep, del](QAbstractButton* b) {
            if (b != keep && b != del)
                return;
            QString error;
            if (!m_queue->remove(id, b == del, &error))
                Q_EMIT errorOccurred(error);
        });
        box->open();
    });
    connect(m_preview, &QPushButton::clicked, this, [this] {
        if (const app::JobRecord* r = m_queue->job(currentJob()))
            Q_EMIT previewRequested(r->folder);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        if (const app::JobRecord* r = m_queue->job(currentJob()))
            Q_EMIT exportRequested(r->folder);
    });
    connect(m_keepRunning, &QCheckBox::toggled, this, [this](bool on) {
        if (m_queue)
            m_queue->setKeepRunningOnClose(on);
    });

    connect(m_queue, &app::JobQueue::jobAdded, this, [this](const QString& id) {
        rebuild();
        selectJob(id);
    });
    connect(m_queue, &app::JobQueue::jobRemoved, this, &JobQueuePage::rebuild);
    connect(m_queue, &app::JobQueue::jobMoved, this, [this] {
        const QString id = currentJob();
        rebuild();
        selectJob(id);
    });
    connect(m_queue, &app::JobQueue::jobChanged, this, [this](const QString& id) {
        updateRow(id);
        if (id == currentJob())
            updateButtons();
    });
    connect(m_queue, &app::JobQueue::jobEnded, this, [this](const QString& id) {
        updateRow(id);
        updateButtons();
        if (id == currentJob())
            refreshLog();
    });
    connect(m_queue, &app::JobQueue::logAppended, this, [this](const QString& id) {
        if (id == currentJob() && !m_logTimer->isActive())
            m_logTimer->start();
    });
    retranslate();
    rebuild();
}

void JobQueuePage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void JobQueuePage::retranslate()
{
    m_title->setText(tr("Grid jobs of this workspace, run in order. A local job runs the headless nsynth grid in a "
                        "process of its own; Pause stops it after the batch in progress, Cancel at once, and Resume "
                        "continues where it stopped."));
    m_table->setHorizontalHeaderLabels({tr("Job"), tr("Where"), tr("State"), tr("Progress"), tr("Notes"), tr("Speed"),
                                        tr("Time left"), tr("Message")});
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Stop after the batch in progress; Resume continues from there"));
    m_resume->setText(tr("Resume"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop now, abandoning the batch in progress; the notes already generated are kept"));
    m_remove->setText(tr("Remove..."));
    m_up->setText(tr("Move Up"));
    m_down->setText(tr("Move Down"));
    m_preview->setText(tr("Preview"));
    m_export->setText(tr("Export..."));
    m_keepRunning->setText(tr("Keep local jobs running when the workbench closes"));
    m_keepRunning->setToolTip(tr("Off: closing stops them after the batch in progress and reopening resumes them"));
    m_logTitle->setText(tr("Log"));
    rebuild();
}

int JobQueuePage::rowOf(const QString& id) const
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, NameColumn) && m_table->item(r, NameColumn)->data(Qt::UserRole).toString() == id)
            return r;
    return -1;
}

QString JobQueuePage::currentJob() const
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, NameColumn))
        return {};
    return m_table->item(row, NameColumn)->data(Qt::UserRole).toString();
}

void JobQueuePage::selectJob(const QString& id)
{
    const int row = rowOf(id);
    if (row >= 0)
        m_table->selectRow(row);
}

QString JobQueuePage::cellText(const QString& id, int column) const
{
    const int row = rowOf(id);
    if (row < 0)
        return {};
    if (column == ProgressColumn) {
        auto* bar = qobject_cast<QProgressBar*>(m_table->cellWidget(row, column));
        return bar ? QString::number(bar->value()) : QString();
    }
    return m_table->item(row, column) ? m_table->item(row, column)->text() : QString();
}

void JobQueuePage::rebuild()
{
    if (!m_queue)
        return;
    const QString current = currentJob();
    m_keepRunning->blockSignals(true);
    m_keepRunning->setChecked(m_queue->keepRunningOnClose());
    m_keepRunning->blockSignals(false);
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_queue->jobs().size()));
    for (int r = 0; r < m_queue->jobs().size(); ++r) {
        const app::JobRecord& job = m_queue->jobs()[r];
        for (int c = 0; c < ColumnCount; ++c)
            if (c != ProgressColumn)
                m_table->setItem(r, c, new QTableWidgetItem);
        m_table->item(r, NameColumn)->setData(Qt::UserRole, job.id);
        auto* bar = new QProgressBar(m_table);
        bar->setRange(0, 1000);
        m_table->setCellWidget(r, ProgressColumn, bar);
        updateRow(job.id);
    }
    if (!current.isEmpty())
        selectJob(current);
    if (m_table->currentRow() < 0 && m_table->rowCount() > 0)
        m_table->selectRow(0);
    updateButtons();
    refreshLog();
}

void JobQueuePage::updateRow(const QString& id)
{
    const int row = rowOf(id);
    const app::JobRecord* job = m_queue ? m_queue->job(id) : nullptr;
    if (row < 0 || !job) {
        if (job)
            rebuild();
        return;
    }
    const app::JobProgressInfo& p = job->progress;
    const bool active = app::jobStateIsActive(job->state);
    m_table->item(row, NameColumn)->setText(job->id);
    m_table->item(row, NameColumn)->setToolTip(job->folder);
    app::JobRunner* runner = m_queue->runner(job->runner);
    m_table->item(row, WhereColumn)->setText(runner ? runner->displayName() : job->runner);
    m_table->item(row, StateColumn)->setText(app::jobStateName(job->state));
    QColor color;
    switch (job->state) {
    case JobState::Failed: color = QColor(0xcf, 0x22, 0x2e); break;
    case JobState::Finished: color = QColor(0x11, 0x63, 0x29); break;
    case JobState::Running: case JobState::Pausing: case JobState::Cancelling: color = QColor(0x09, 0x69, 0xda); break;
    default: color = palette().color(QPalette::Text); break;
    }
    m_table->item(row, StateColumn)->setForeground(color);
    if (auto* bar = qobject_cast<QProgressBar*>(m_table->cellWidget(row, ProgressColumn))) {
        bar->setValue(int(std::lround(std::clamp(p.fraction, 0.0, 1.0) * 1000)));
        bar->setFormat(QStringLiteral("%1%").arg(p.fraction * 100.0, 0, 'f', 1));
        bar->setTextVisible(true);
    }
    m_table->item(row, NotesColumn)->setText(p.notesTotal > 0 ? tr("%1 / %2").arg(p.notesDone).arg(p.notesTotal)
                                                              : QString());
    m_table->item(row, SpeedColumn)->setText(active && p.samplesPerSecond > 0
                                                 ? tr("%1 samples/s").arg(p.samplesPerSecond, 0, 'f', 0)
                                                 : QString());
    m_table->item(row, EtaColumn)->setText(active && p.etaSeconds >= 0 ? app::BackgroundTask::formatSeconds(p.etaSeconds)
                                                                       : QString());
    const QString message = active && !p.detail.isEmpty() && job->message.isEmpty() ? p.detail : job->message;
    m_table->item(row, MessageColumn)->setText(message);
    m_table->item(row, MessageColumn)->setToolTip(message);
}

void JobQueuePage::updateButtons()
{
    const app::JobRecord* job = m_queue ? m_queue->job(currentJob()) : nullptr;
    const JobState s = job ? job->state : JobState::Finished;
    m_pause->setEnabled(job && (s == JobState::Running || s == JobState::Queued));
    m_resume->setEnabled(job && app::jobStateCanResume(s));
    m_cancel->setEnabled(job && (s == JobState::Running || s == JobState::Pausing || s == JobState::Queued ||
                                 s == JobState::Paused || s == JobState::Interrupted));
    m_remove->setEnabled(job && !app::jobStateIsActive(s));
    const int row = m_table->currentRow();
    m_up->setEnabled(job && row > 0);
    m_down->setEnabled(job && row >= 0 && row + 1 < m_table->rowCount());
    const bool planned = job && QFileInfo::exists(job->folder + QStringLiteral("/job.json"));
    m_preview->setEnabled(planned);
    m_export->setEnabled(planned);
}

void JobQueuePage::refreshLog()
{
    const QString id = currentJob();
    const QString text = m_queue && !id.isEmpty() ? m_queue->logText(id) : QString();
    QScrollBar* bar = m_log->verticalScrollBar();
    const bool atEnd = id != m_logJob || bar->value() >= bar->maximum() - 4;
    if (text != m_log->toPlainText())
        m_log->setPlainText(text);
    if (atEnd)
        bar->setValue(bar->maximum());
    m_logJob = id;
    m_logTitle->setText(id.isEmpty() ? tr("Log") : tr("Log of %1").arg(id));
}

QString JobQueuePage::logText() const
{
    return m_log->toPlainText();
}

} // namespace nsynth::widgets
