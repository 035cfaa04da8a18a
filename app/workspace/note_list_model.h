#pragma once
// The workspace's notes as a Qt item model for the note list: name, pitch, check badges and
// embedding state, kept in step with the workspace's signals (so selection survives edits).

#include "note_checks.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace nsynth::app {

class Workspace;

class NoteListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, PitchColumn, ChecksColumn, EmbeddingColumn, ColumnCount };
    enum Role {
        NoteIdRole = Qt::UserRole + 1,
        BadgesRole,        // QList<Badge>
        EmbeddingStateRole // int(Workspace::EmbeddingState)
    };

    explicit NoteListModel(QObject* parent = nullptr);

    void setWorkspace(Workspace* workspace);
    void setModelSha(const QString& sha);  // embedding states are relative to the current model

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString noteId(int row) const;
    int rowOf(const QString& id) const;

    void retranslate();  // headers and badge texts follow the language

private:
    QPointer<Workspace> m_ws;
    QString m_modelSha;
};

} // namespace nsynth::app
