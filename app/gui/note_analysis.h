#pragma once
// What the note views show, computed off the GUI thread and cached: the note's samples and peak
// cache, its spectrogram (with the rainbowgram's phase), its embedding when one is stored, and
// the original it was cut from (a peak cache, since originals can be long) with where the note
// starts in it. Views ask for the selected note; the newest request wins, and the last few
// results are kept (keyed by the note file's hash and the embedding's), so going back and forth
// between notes is instant.

#include "npy.h"
#include "peak_cache.h"
#include "spectrogram.h"

#include <QObject>
#include <QString>

#include <list>
#include <memory>
#include <optional>

namespace nsynth::app {

class BackgroundTask;
class Workspace;

struct NoteAnalysis {
    QString noteId, noteName, key;
    std::shared_ptr<const PeakCache> note;       // the conformed note
    std::shared_ptr<const PeakCache> original;   // null when the original is missing
    double originalStartSeconds = 0;             // where the note starts in the original
    audio::Spectrogram spectrogram;
    std::optional<Embedding> embedding;
    QString originalError, embeddingError;
};

class NoteAnalyzer : public QObject {
    Q_OBJECT
public:
    explicit NoteAnalyzer(QObject* parent = nullptr);
    ~NoteAnalyzer() override;

    // Asks for the analysis of a note; ready() follows (at once when cached).
    void request(const Workspace& workspace, const QString& noteId);
    void clear();
    bool isBusy() const { return m_task != nullptr; }

Q_SIGNALS:
    void ready(std::shared_ptr<const nsynth::app::NoteAnalysis> analysis);
    void failed(const QString& noteId, const QString& message);

private:
    struct Job {
        QString noteId, noteName, key, notePath, sourcePath, embeddingPath;
        double startSeconds = 0;
    };
    void startNext();

    BackgroundTask* m_task = nullptr;
    std::optional<Job> m_pending;
    std::list<std::shared_ptr<const NoteAnalysis>> m_cache;  // most recent first
};

} // namespace nsynth::app

Q_DECLARE_METATYPE(std::shared_ptr<const nsynth::app::NoteAnalysis>)
