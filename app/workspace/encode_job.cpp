#include "encode_job.h"

#include "current_model.h"
#include "error.h"
#include "fast_encoder.h"
#include "model_file.h"
#include "note_conform.h"
#include "npy.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace nsynth::app {

namespace {
constexpr int kGroupSize = 2;  // notes per encoder call: progress every few seconds on 2 cores
}

void runEncode(BackgroundTask& task, const std::shared_ptr<const Model>& model, const QList<EncodeRequest>& requests,
               QList<EncodeOutcome>& outcomes)
{
    const int total = int(requests.size());
    task.setProgress(0, total);
    FastEncoder encoder(*model);
    const ModelConfig& config = encoder.config();
    for (int start = 0; start < total; start += kGroupSize) {
        if (task.isCancelled())
            return;
        // Read the group; a note that cannot be read fails alone.
        std::vector<std::vector<float>> audio;
        QList<int> members;
        int64_t length = -1;
        for (int i = start; i < std::min(total, start + kGroupSize); ++i) {
            const EncodeRequest& r = requests[i];
            try {
                int rate = 0;
                std::vector<float> samples = readNoteSamples(r.notePath, &rate);
                if (rate != config.sampleRate)
                    throw Error(QString("%1 Hz, the model needs %2 Hz").arg(rate).arg(config.sampleRate).toStdString());
                // Whole frames: the encoder pools over hop-sized windows.
                samples.resize(samples.size() / size_t(config.hopLength) * size_t(config.hopLength));
                if (samples.empty())
                    throw Error("shorter than one embedding frame");
                if (length >= 0 && int64_t(samples.size()) != length) {
                    // Different lengths cannot share a batch: encode this one in its own group.
                    const std::vector<const float*> one = {samples.data()};
                    auto emb = encoder.encode(one, int64_t(samples.size()), {}, task.cancelFlag());
                    Embedding e{int64_t(samples.size()) / config.hopLength, config.bottleneckWidth, std::move(emb[0])};
                    writeEmbedding(r.embeddingPath.toStdString(), e);
                    outcomes.append({r.noteId, r.noteSha, r.embeddingPath, {}});
                    continue;
                }
                length = int64_t(samples.size());
                audio.push_back(std::move(samples));
                members.append(i);
            } catch (const Cancelled&) {
                throw;
            } catch (const Error& e) {
                outcomes.append({r.noteId, r.noteSha, r.embeddingPath, QString::fromStdString(e.what())});
            }
        }
        if (audio.empty())
            continue;
        std::vector<const float*> pointers;
        for (const auto& a : audio)
            pointers.push_back(a.data());
        const double groupStart = start, groupSize = double(members.size());
        const QString detail = QFileInfo(requests[members.first()].notePath).completeBaseName();
        auto progress = [&](int64_t done, int64_t all) {
            task.setProgress(groupStart + groupSize * double(done) / double(std::max<int64_t>(1, all)), total, detail);
        };
        const auto embeddings = encoder.encode(pointers, length, progress, task.cancelFlag());
        for (int k = 0; k < members.size(); ++k) {
            const EncodeRequest& r = requests[members[k]];
            try {
                Embedding e{length / config.hopLength, config.bottleneckWidth, embeddings[size_t(k)]};
                QDir().mkpath(QFileInfo(r.embeddingPath).absolutePath());
                writeEmbedding(r.embeddingPath.toStdString(), e);
                outcomes.append({r.noteId, r.noteSha, r.embeddingPath, {}});
            } catch (const Error& e) {
                outcomes.append({r.noteId, r.noteSha, r.embeddingPath, QString::fromStdString(e.what())});
            }
        }
        task.setProgress(std::min(total, start + kGroupSize), total, detail);
    }
}

EncodeController::EncodeController(CurrentModel* model, QObject* parent) : QObject(parent), m_model(model) {}

void EncodeController::setWorkspace(Workspace* workspace)
{
    cancel();
    m_workspace = workspace;
}

QList<EncodeRequest> EncodeController::pending() const
{
    QList<EncodeRequest> out;
    if (!m_workspace)
        return out;
    const QString modelSha = m_model->sha256();
    for (const Note& n : m_workspace->notes()) {
        if (n.sha256.isEmpty() || !QFileInfo::exists(m_workspace->notePath(n)))
            continue;
        if (m_workspace->embeddingState(n, modelSha) == Workspace::EmbeddingState::Current)
            continue;
        out.append({n.id, m_workspace->notePath(n), m_workspace->embeddingPath(n), n.sha256});
    }
    return out;
}

bool EncodeController::start(const QStringList& ids, QString* why)
{
    auto refuse = [why](const QString& message) {
        if (why)
            *why = message;
        return false;
    };
    if (m_task)
        return refuse(tr("Notes are already being encoded."));
    if (!m_workspace)
        return refuse(tr("Open or create a workspace first."));
    if (m_model->state() != CurrentModel::State::Ready || !m_model->model())
        return refuse(m_model->state() == CurrentModel::State::Loading
                          ? tr("The model is still loading.")
                          : tr("No model is loaded. Choose one with Model > Choose model."));
    QList<EncodeRequest> requests = pending();
    if (!ids.isEmpty()) {
        QList<EncodeRequest> chosen;
        for (const EncodeRequest& r : requests)
            if (ids.contains(r.noteId))
                chosen.append(r);
        requests = chosen;
    }
    if (requests.isEmpty())
        return refuse(tr("Every note is already encoded with this model."));

    const QString modelSha = m_model->sha256();
    auto outcomes = std::make_shared<QList<EncodeOutcome>>();
    m_task = new BackgroundTask(tr("Encoding"), this);
    connect(m_task, &BackgroundTask::progressChanged, this, &EncodeController::progressChanged);
    connect(m_task, &BackgroundTask::finished, this, [this, outcomes, modelSha](bool cancelled, const QString& error) {
        QStringList failures;
        int done = 0;
        for (const EncodeOutcome& o : *outcomes) {
            if (!m_workspace)
                break;  // the workspace was closed: its files are no longer ours to tidy
            const Note* n = m_workspace->note(o.noteId);
            if (!o.error.isEmpty()) {
                failures.append(QString("%1: %2").arg(n ? n->name() : QFileInfo(o.embeddingPath).completeBaseName(), o.error));
                continue;
            }
            if (!n) {
                // Deleted while it was being encoded: do not leave an orphan embedding.
                QFile::remove(o.embeddingPath);
                continue;
            }
            if (n->sha256 != o.noteSha) {
                // Changed while it was being encoded: this embedding is not its embedding.
                QFile::remove(o.embeddingPath);
                continue;
            }
            const QString current = m_workspace->embeddingPath(*n);
            if (current != o.embeddingPath)  // renamed meanwhile
                std::rename(QFile::encodeName(o.embeddingPath).constData(), QFile::encodeName(current).constData());
            m_workspace->setEmbeddingComputed(n->id, o.noteSha, modelSha);
            ++done;
        }
        if (!error.isEmpty())
            failures.append(error);
        BackgroundTask* task = m_task;
        m_task = nullptr;
        task->deleteLater();
        Q_EMIT finished(done, failures, cancelled);
    });
    const std::shared_ptr<const Model> model = m_model->model();
    m_task->start([model, requests, outcomes](BackgroundTask& task) { runEncode(task, model, requests, *outcomes); });
    Q_EMIT started();
    return true;
}

void EncodeController::cancel()
{
    if (m_task)
        m_task->cancel();
}

} // namespace nsynth::app
