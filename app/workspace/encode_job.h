#pragma once
// Encoding a workspace's notes with the current model (model::FastEncoder) on a worker thread,
// with progress, ETA and cancel, into embeddings/<note>.npy.
//
// The cache: each note records the sha256 of the note file and of the model its embedding was
// computed from (Workspace::setEmbeddingComputed). A note is encoded again only when either
// differs from the note's current file or the current model, so re-trimming a note or switching
// models invalidates exactly what it should and nothing else. A note that is deleted, renamed
// or changed while it is being encoded is handled when the results come back (the embedding is
// dropped, moved or discarded respectively).

#include "background_task.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace nsynth {
struct Model;
}

namespace nsynth::app {

class CurrentModel;
class Workspace;

struct EncodeRequest {
    QString noteId, notePath, embeddingPath, noteSha;
};

struct EncodeOutcome {
    QString noteId, noteSha, embeddingPath;
    QString error;  // empty on success
};

// Worker-thread body: encodes the requests in small groups (so progress is smooth and cancel
// is quick), writing each embedding atomically as its group finishes.
void runEncode(BackgroundTask& task, const std::shared_ptr<const Model>& model, const QList<EncodeRequest>& requests,
               QList<EncodeOutcome>& outcomes);

// GUI-thread side: what needs encoding, starting and cancelling the task, and recording the
// results in the workspace.
class EncodeController : public QObject {
    Q_OBJECT
public:
    EncodeController(CurrentModel* model, QObject* parent = nullptr);

    void setWorkspace(Workspace* workspace);  // cancels a running encode
    // Notes whose embedding is missing or stale for the current model (those with a file).
    QList<EncodeRequest> pending() const;

    // Starts encoding `ids` (empty: every pending note). False with a message when there is
    // nothing to do, no model, or an encode is running.
    bool start(const QStringList& ids = {}, QString* why = nullptr);
    void cancel();
    bool isRunning() const { return m_task != nullptr; }
    BackgroundTask* task() const { return m_task; }

Q_SIGNALS:
    void started();
    void progressChanged(const nsynth::app::ProgressSnapshot& progress);
    // done: notes encoded; failures: one line each ("flute_24: reason").
    void finished(int done, const QStringList& failures, bool cancelled);

private:
    CurrentModel* m_model;
    QPointer<Workspace> m_workspace;
    BackgroundTask* m_task = nullptr;
};

} // namespace nsynth::app
