#pragma once
// The Jobs page: the workspace's job queue (app::JobQueue). One row per job — name, where it
// runs, state, a progress bar, notes done, speed, time left and the last message — with Pause,
// Resume, Cancel, Remove, Move Up/Down, Preview and Export for the selected job, its log below
// (live while it runs), and whether local jobs go on when the workbench closes. The queue does
// the work; the page shows it and forwards the buttons.

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace nsynth::app {
class JobQueue;
}

namespace nsynth::widgets {

class JobQueuePage : public QWidget {
    Q_OBJECT
public:
    explicit JobQueuePage(app::JobQueue* queue, QWidget* parent = nullptr);

    QString currentJob() const;
    void selectJob(const QString& id);
    QTableWidget* table() const { return m_table; }
    QString logText() const;
    // The row's cells as shown (tests).
    QString cellText(const QString& id, int column) const;

    enum Column { NameColumn, WhereColumn, StateColumn, ProgressColumn, NotesColumn, SpeedColumn, EtaColumn,
                  MessageColumn, ColumnCount };

Q_SIGNALS:
    void previewRequested(const QString& jobFolder);
    void exportRequested(const QString& jobFolder);
    void errorOccurred(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuild();
    void updateRow(const QString& id);
    void updateButtons();
    void refreshLog();
    int rowOf(const QString& id) const;

    QPointer<app::JobQueue> m_queue;
    QLabel* m_title;
    QTableWidget* m_table;
    QPushButton *m_pause, *m_resume, *m_cancel, *m_remove, *m_up, *m_down, *m_preview, *m_export;
    QCheckBox* m_keepRunning;
    QLabel* m_logTitle;
    QPlainTextEdit* m_log;
    QString m_logJob;
    QTimer* m_logTimer;
};

} // namespace nsynth::widgets
