#include "note_list_view.h"

#include "note_checks.h"
#include "note_list_model.h"

#include <QDragEnterEvent>
#include <QHeaderView>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>

namespace nsynth::widgets {

namespace {

QColor badgeColor(app::Badge::Level level)
{
    switch (level) {
    case app::Badge::Level::Ok:
        return QColor(46, 160, 67);
    case app::Badge::Level::Warning:
        return QColor(214, 140, 0);
    case app::Badge::Level::Error:
        return QColor(207, 34, 46);
    default:
        return QColor(110, 118, 129);
    }
}

QStringList localPaths(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    return paths;
}

} // namespace

void BadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant v = index.data(app::NoteListModel::BadgesRole);
    if (index.column() != app::NoteListModel::ChecksColumn || !v.canConvert<QList<app::Badge>>()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection as for any cell, then the badges instead of text.
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    QStyle* style = option.widget ? option.widget->style() : nullptr;
    if (style)
        style->drawControl(QStyle::CE_ItemViewItem, &base, painter, option.widget);

    const QList<app::Badge> badges = v.value<QList<app::Badge>>();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter->setFont(font);
    const QFontMetrics fm(font);
    const int h = fm.height() + 4;
    int x = option.rect.left() + 4;
    const int y = option.rect.top() + (option.rect.height() - h) / 2;
    for (const app::Badge& b : badges) {
        const int w = fm.horizontalAdvance(b.label) + 12;
        if (x + w > option.rect.right() - 2) {
            painter->setPen(option.palette.color(QPalette::Text));
            painter->drawText(QRect(x, y, 20, h), Qt::AlignCenter, QStringLiteral("…"));
            break;
        }
        QPainterPath path;
        path.addRoundedRect(QRectF(x, y, w, h), h / 2.0, h / 2.0);
        painter->fillPath(path, badgeColor(b.level));
        painter->setPen(Qt::white);
        painter->drawText(QRect(x, y, w, h), Qt::AlignCenter, b.label);
        x += w + 4;
    }
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == app::NoteListModel::ChecksColumn) {
        const QFontMetrics fm(option.font);
        int w = 8;
        for (const app::Badge& b : index.data(app::NoteListModel::BadgesRole).value<QList<app::Badge>>())
            w += fm.horizontalAdvance(b.label) + 16;
        s.setWidth(std::max(s.width(), w));
        s.setHeight(std::max(s.height(), fm.height() + 10));
    }
    return s;
}

NoteListView::NoteListView(QWidget* parent) : QTableView(parent)
{
    setObjectName(QStringLiteral("noteList"));
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setDragDropMode(QAbstractItemView::DropOnly);
    viewport()->setAcceptDrops(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setItemDelegate(new BadgeDelegate(this));
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setHighlightSections(false);
    changeEvent(nullptr);
}

void NoteListView::changeEvent(QEvent* event)
{
    if (!event || event->type() == QEvent::LanguageChange) {
        m_emptyText = tr("No notes yet.\nRecord them, or drop audio files or folders here.");
        viewport()->update();
    }
    if (event)
        QTableView::changeEvent(event);
}

QString NoteListView::currentNoteId() const
{
    return currentIndex().isValid() ? currentIndex().siblingAtColumn(0).data(app::NoteListModel::NoteIdRole).toString()
                                    : QString();
}

QStringList NoteListView::selectedNoteIds() const
{
    QStringList ids;
    if (!selectionModel())
        return ids;
    for (const QModelIndex& i : selectionModel()->selectedRows())
        ids.append(i.data(app::NoteListModel::NoteIdRole).toString());
    if (ids.isEmpty() && !currentNoteId().isEmpty())
        ids.append(currentNoteId());
    return ids;
}

void NoteListView::selectNote(const QString& id)
{
    auto* m = qobject_cast<app::NoteListModel*>(model());
    if (!m)
        return;
    const int row = m->rowOf(id);
    if (row >= 0 && selectionModel())
        selectionModel()->setCurrentIndex(m->index(row, 0),
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void NoteListView::currentChanged(const QModelIndex& current, const QModelIndex& previous)
{
    QTableView::currentChanged(current, previous);
    Q_EMIT currentNoteChanged(currentNoteId());
}

void NoteListView::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void NoteListView::dragMoveEvent(QDragMoveEvent* event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void NoteListView::dropEvent(QDropEvent* event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    Q_EMIT filesDropped(paths);
}

void NoteListView::paintEvent(QPaintEvent* event)
{
    QTableView::paintEvent(event);
    if (model() && model()->rowCount() > 0)
        return;
    QPainter p(viewport());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
}

} // namespace nsynth::widgets
