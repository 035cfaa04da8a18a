#include "note_list_model.h"

#include "workspace.h"

#include <QFileInfo>

namespace nsynth::app {

NoteListModel::NoteListModel(QObject* parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<QList<nsynth::app::Badge>>();
}

void NoteListModel::setWorkspace(Workspace* workspace)
{
    beginResetModel();
    if (m_ws)
        m_ws->disconnect(this);
    m_ws = workspace;
    if (m_ws) {
        connect(m_ws, &Workspace::noteAboutToBeInserted, this, [this](int i) { beginInsertRows({}, i, i); });
        connect(m_ws, &Workspace::noteInserted, this, [this](int) { endInsertRows(); });
        connect(m_ws, &Workspace::noteAboutToBeRemoved, this, [this](int i) { beginRemoveRows({}, i, i); });
        connect(m_ws, &Workspace::noteRemoved, this, [this](const QString&) { endRemoveRows(); });
        connect(m_ws, &Workspace::noteChanged, this,
                [this](int i) { Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1)); });
    }
    endResetModel();
}

void NoteListModel::setModelSha(const QString& sha)
{
    if (sha == m_modelSha)
        return;
    m_modelSha = sha;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, EmbeddingColumn), index(rowCount() - 1, EmbeddingColumn));
}

int NoteListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_ws ? 0 : int(m_ws->notes().size());
}

int NoteListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString NoteListModel::noteId(int row) const
{
    return m_ws && row >= 0 && row < m_ws->notes().size() ? m_ws->notes()[row].id : QString();
}

int NoteListModel::rowOf(const QString& id) const
{
    return m_ws ? m_ws->indexOf(id) : -1;
}

QVariant NoteListModel::data(const QModelIndex& index, int role) const
{
    if (!m_ws || !index.isValid() || index.row() >= m_ws->notes().size())
        return {};
    const Note& n = m_ws->notes()[index.row()];
    if (role == NoteIdRole)
        return n.id;
    const bool missing = !QFileInfo::exists(m_ws->notePath(n));
    if (role == BadgesRole)
        return QVariant::fromValue(noteBadges(n, missing));
    const auto state = m_ws->embeddingState(n, m_modelSha);
    if (role == EmbeddingStateRole)
        return int(state);
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return n.name();
        if (role == Qt::ToolTipRole)
            return tr("%1, from %2").arg(n.fileName(), n.sourceName.isEmpty() ? tr("unknown source") : n.sourceName);
        break;
    case PitchColumn:
        if (role == Qt::DisplayRole)
            return pitchText(n.pitch);
        break;
    case ChecksColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            QStringList parts;
            for (const Badge& b : noteBadges(n, missing))
                parts.append(role == Qt::DisplayRole ? b.label : b.tooltip);
            return parts.join(role == Qt::DisplayRole ? QStringLiteral(", ") : QStringLiteral("\n"));
        }
        break;
    case EmbeddingColumn:
        if (role == Qt::DisplayRole) {
            switch (state) {
            case Workspace::EmbeddingState::Current:
                return tr("encoded");
            case Workspace::EmbeddingState::Stale:
                return tr("out of date");
            default:
                return tr("not encoded");
            }
        }
        if (role == Qt::ToolTipRole && state == Workspace::EmbeddingState::Stale)
            return tr("The note or the model changed since this embedding was computed.");
        break;
    default:
        break;
    }
    return {};
}

QVariant NoteListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Note");
    case PitchColumn:
        return tr("Pitch");
    case ChecksColumn:
        return tr("Checks");
    case EmbeddingColumn:
        return tr("Embedding");
    default:
        return {};
    }
}

void NoteListModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace nsynth::app
