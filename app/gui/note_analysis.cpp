#include "note_analysis.h"

#include "background_task.h"
#include "error.h"
#include "note_conform.h"
#include "workspace.h"

#include <QFileInfo>

namespace nsynth::app {

namespace {
constexpr size_t kCacheSize = 24;
}

NoteAnalyzer::NoteAnalyzer(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const nsynth::app::NoteAnalysis>>();
}

NoteAnalyzer::~NoteAnalyzer()
{
    if (m_task) {
        m_task->disconnect(this);
        delete m_task;  // cancels and waits
    }
}

void NoteAnalyzer::clear()
{
    m_pending.reset();
    m_cache.clear();
    if (m_task)
        m_task->cancel();
}

void NoteAnalyzer::request(const Workspace& ws, const QString& noteId)
{
    const Note* n = ws.note(noteId);
    if (!n)
        return;
    Job job;
    job.noteId = n->id;
    job.noteName = n->name();
    job.notePath = ws.notePath(*n);
    job.sourcePath = ws.sourcePath(*n);
    job.embeddingPath = ws.embeddingPath(*n);
    const QFileInfo emb(job.embeddingPath);
    // The note file's hash names its content; the embedding file's time names its version.
    job.key = n->sha256 + '|' + job.notePath + '|' + (emb.exists() ? QString::number(emb.lastModified().toMSecsSinceEpoch()) : QString()) +
              '|' + job.sourcePath;
    job.startSeconds = double(n->report.trimmedSamples) / 16000.0 + (n->settings.autoTrim ? 0.0 : n->settings.startSeconds);
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
        if ((*it)->key == job.key) {
            auto hit = *it;
            m_cache.erase(it);
            m_cache.push_front(hit);
            m_pending.reset();
            if (m_task)
                m_task->cancel();
            Q_EMIT ready(hit);
            return;
        }
    }
    m_pending = job;
    if (m_task)
        m_task->cancel();  // startNext runs when it has stopped
    else
        startNext();
}

void NoteAnalyzer::startNext()
{
    if (!m_pending)
        return;
    const Job job = *m_pending;
    m_pending.reset();
    auto result = std::make_shared<NoteAnalysis>();
    auto error = std::make_shared<QString>();
    m_task = new BackgroundTask(tr("Analysing"), this);
    connect(m_task, &BackgroundTask::finished, this, [this, job, result, error](bool cancelled, const QString& taskError) {
        m_task->deleteLater();
        m_task = nullptr;
        if (!cancelled) {
            if (!taskError.isEmpty() || !error->isEmpty()) {
                Q_EMIT failed(job.noteId, taskError.isEmpty() ? *error : taskError);
            } else {
                m_cache.push_front(result);
                while (m_cache.size() > kCacheSize)
                    m_cache.pop_back();
                if (!m_pending)
                    Q_EMIT ready(result);
            }
        }
        startNext();
    });
    m_task->start([job, result, error](BackgroundTask& task) {
        result->noteId = job.noteId;
        result->noteName = job.noteName;
        result->key = job.key;
        result->originalStartSeconds = job.startSeconds;
        int rate = 0;
        std::vector<float> samples;
        try {
            samples = readNoteSamples(job.notePath, &rate);
        } catch (const Error& e) {
            *error = QString::fromStdString(e.what());
            return;
        }
        audio::SpectrogramOptions options;
        options.maxHz = std::min(8000.0, rate / 2.0);
        result->spectrogram = audio::computeSpectrogram(samples.data(), int64_t(samples.size()), rate, options,
                                                        task.cancelFlag());
        result->note = std::make_shared<const PeakCache>(std::move(samples), rate);
        if (task.isCancelled())
            return;
        if (QFileInfo::exists(job.embeddingPath)) {
            try {
                // Whatever width the model that wrote it had; readEmbedding validates the rest.
                const NpyArray raw = readNpy(job.embeddingPath.toStdString());
                const int64_t channels = raw.shape.empty() ? 0 : raw.shape.back();
                result->embedding = readEmbedding(job.embeddingPath.toStdString(), channels);
            } catch (const Error& e) {
                result->embeddingError = QString::fromStdString(e.what());
            }
        }
        if (!job.sourcePath.isEmpty()) {
            try {
                int sourceRate = 0;
                std::vector<float> original = readNoteSamples(job.sourcePath, &sourceRate);
                result->original = std::make_shared<const PeakCache>(std::move(original), sourceRate);
            } catch (const Error& e) {
                result->originalError = QString::fromStdString(e.what());
            }
        }
    });
}

} // namespace nsynth::app
