#pragma once
// Progress of one kind of long work in the status bar: what it is doing, a bar, done/total,
// the time left, and Cancel. Hidden when idle.

#include "background_task.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace nsynth::widgets {

class TaskProgress : public QWidget {
    Q_OBJECT
public:
    explicit TaskProgress(QWidget* parent = nullptr);

    void start(const QString& title);
    void update(const app::ProgressSnapshot& progress);
    void finish();

    int value() const;  // 0..1000 (for tests)
    QString text() const;

Q_SIGNALS:
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    QString m_title;
    QLabel* m_label;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
};

} // namespace nsynth::widgets
