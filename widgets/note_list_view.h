#pragma once
// The workspace's notes: a table (name, pitch, check badges, embedding state) that accepts
// dropped files and folders. Badges are painted by BadgeDelegate from the model's BadgesRole.

#include <QStyledItemDelegate>
#include <QTableView>

namespace nsynth::widgets {

class BadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

class NoteListView : public QTableView {
    Q_OBJECT
public:
    explicit NoteListView(QWidget* parent = nullptr);

    QString currentNoteId() const;
    QStringList selectedNoteIds() const;
    void selectNote(const QString& id);

Q_SIGNALS:
    void filesDropped(const QStringList& paths);
    void currentNoteChanged(const QString& id);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void currentChanged(const QModelIndex& current, const QModelIndex& previous) override;
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QString m_emptyText;
};

} // namespace nsynth::widgets
