#include "task_progress.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <cmath>

namespace nsynth::widgets {

TaskProgress::TaskProgress(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(160);
    m_cancel = new QPushButton(this);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        Q_EMIT cancelRequested();
    });
    changeEvent(nullptr);
    hide();
}

void TaskProgress::changeEvent(QEvent* event)
{
    if (!event || event->type() == QEvent::LanguageChange)
        m_cancel->setText(tr("Cancel"));
    if (event)
        QWidget::changeEvent(event);
}

void TaskProgress::start(const QString& title)
{
    m_title = title;
    m_label->setText(tr("%1...").arg(title));
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    show();
}

void TaskProgress::update(const app::ProgressSnapshot& p)
{
    m_bar->setValue(int(std::lround(p.fraction() * 1000)));
    QString text = tr("%1: %2 of %3").arg(m_title).arg(int(std::floor(p.done))).arg(int(std::lround(p.total)));
    if (p.etaSeconds >= 0 && p.done < p.total)
        text += QStringLiteral(", ") + tr("%1 left").arg(app::BackgroundTask::formatSeconds(p.etaSeconds));
    if (!p.detail.isEmpty())
        text += QStringLiteral(" (%1)").arg(p.detail);
    m_label->setText(text);
}

void TaskProgress::finish()
{
    hide();
}

int TaskProgress::value() const
{
    return m_bar->value();
}

QString TaskProgress::text() const
{
    return m_label->text();
}

} // namespace nsynth::widgets
