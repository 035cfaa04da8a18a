#include "grid_notes.h"

#include "audio_file.h"
#include "config.h"
#include "error.h"
#include "note_name.h"
#include "npy.h"
#include "resample.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QMap>

#include <map>

namespace nsynth::app {

namespace {

const QStringList kAudioExtensions = {"wav", "flac", "ogg", "oga", "aif", "aiff", "aifc", "mp3", "opus"};

struct Candidate {
    QString instrument;
    int pitch = -1;
    QString path;
    bool npy = false;
};

// (instrument, pitch) from a file name, or nothing. ONS's embedding files are
// "<instrument>_<pitch>_embeddings.npy".
std::optional<Candidate> parseCandidate(const QString& path, QString* problem)
{
    const QFileInfo fi(path);
    const QString ext = fi.suffix().toLower();
    const bool npy = ext == "npy";
    if (!npy && !kAudioExtensions.contains(ext))
        return std::nullopt;
    QString stem = fi.completeBaseName();
    if (npy && stem.endsWith("_embeddings"))
        stem.chop(int(qstrlen("_embeddings")));
    const std::string probe = (stem + "." + ext).toStdString();
    const auto name = audio::parseNoteName(probe);
    if (!name) {
        *problem = QString::fromStdString(audio::explainNoteNameProblem(probe));
        return std::nullopt;
    }
    Candidate c;
    c.instrument = QString::fromStdString(name->style == audio::NoteName::Style::Workshop ? name->instrument
                                                                                          : name->safeInstrument);
    c.pitch = name->pitch;
    c.path = fi.absoluteFilePath();
    c.npy = npy;
    return c;
}

} // namespace

CornerNoteSet findCornerNotes(const GridPlan& plan, const QStringList& paths, const ModelConfig& config,
                              QStringList* problems)
{
    CornerNoteSet set;
    const auto& spec = plan.spec;
    const int P = int(spec.pitches.size());
    set.notes.assign(plan.instruments.size(), std::vector<CornerNote>(size_t(P)));
    if (paths.isEmpty()) {
        *problems << "no notes given (--notes FOLDER, or \"notes\" in the grid file)";
        return set;
    }

    // Every file under the given paths, sorted (deterministic messages).
    QStringList files;
    for (const auto& p : paths) {
        const QFileInfo fi(p);
        if (!fi.exists()) {
            *problems << QString("%1: no such file or folder").arg(p);
            continue;
        }
        if (fi.isDir()) {
            QStringList found;
            QDirIterator it(p, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext())
                found << it.next();
            found.sort();
            files << found;
        } else {
            files << fi.absoluteFilePath();
        }
    }

    std::map<std::pair<int, int>, QStringList> candidates;  // (instrument index, pitch index) -> files
    std::map<int, int> pitchIndex;
    for (int j = 0; j < P; ++j)
        pitchIndex[spec.pitches[size_t(j)]] = j;
    for (const auto& f : files) {
        QString why;
        const auto c = parseCandidate(f, &why);
        if (!c) {
            // A mistyped name of a corner instrument is worth reporting; anything else is just
            // another file in the folder.
            const QString base = QFileInfo(f).fileName();
            bool corner = false;
            for (const auto& i : plan.instruments)
                if (base.startsWith(QString::fromStdString(i) + "_"))
                    corner = true;
            if (corner && !why.isEmpty())
                *problems << QString("%1: %2").arg(f, why);
            ++set.ignoredFiles;
            continue;
        }
        const int inst = plan.instrumentIndex(c->instrument.toStdString());
        const auto pj = pitchIndex.find(c->pitch);
        if (inst < 0 || pj == pitchIndex.end()) {
            ++set.ignoredFiles;
            continue;
        }
        candidates[{inst, pj->second}] << f;
    }

    const int hop = config.hopLength;
    std::map<int64_t, int> lengthVotes;
    for (size_t i = 0; i < plan.instruments.size(); ++i)
        for (int j = 0; j < P; ++j) {
            const QString label = QString("%1_%2").arg(QString::fromStdString(plan.instruments[i])).arg(spec.pitches[size_t(j)]);
            const auto it = candidates.find({int(i), j});
            if (it == candidates.end()) {
                *problems << QString("%1: missing (no %1.wav or %1.npy in the notes folders)").arg(label);
                continue;
            }
            if (it->second.size() > 1) {
                *problems << QString("%1: %2 files (%3); keep one (embeddings are used as given, audio is "
                                     "encoded with the job's model)")
                                 .arg(label)
                                 .arg(it->second.size())
                                 .arg(it->second.join(", "));
                continue;
            }
            CornerNote& note = set.notes[i][size_t(j)];
            note.instrument = QString::fromStdString(plan.instruments[i]);
            note.pitch = spec.pitches[size_t(j)];
            note.path = it->second[0];
            note.isEmbedding = note.path.toLower().endsWith(".npy");
            try {
                if (note.isEmbedding) {
                    const Embedding e = readEmbedding(note.path.toStdString(), config.bottleneckWidth);
                    note.samples = e.frames * hop;
                    note.embeddingData = e.data;
                } else {
                    const auto data = audio::readAudio(note.path.toStdString());
                    note.sourceRate = data.sampleRate;
                    note.sourceFrames = data.frames();
                    auto mono = audio::mixToMono(data);
                    if (data.sampleRate != config.sampleRate)
                        mono = audio::resample(mono, data.sampleRate, config.sampleRate);
                    note.samples = int64_t(mono.size());
                    mono.resize(size_t(note.samples / hop * hop));
                    note.audio = std::move(mono);
                }
                ++lengthVotes[note.samples];
            } catch (const Error& e) {
                *problems << QString::fromUtf8(e.what());
                note.samples = -1;
            }
        }

    if (lengthVotes.empty())
        return set;
    // The most common length is the reference; every other note is reported against it.
    int64_t common = 0;
    int votes = -1;
    for (const auto& [length, n] : lengthVotes)
        if (n > votes) {
            common = length;
            votes = n;
        }
    for (const auto& row : set.notes)
        for (const auto& note : row) {
            if (note.path.isEmpty() || note.samples < 0)
                continue;
            if (note.samples != common) {
                const QString what = note.isEmbedding
                                         ? QString("%1 frames").arg(note.samples / hop)
                                         : QString("%1 samples at %2 Hz").arg(note.samples).arg(config.sampleRate);
                const QString expected = note.isEmbedding || common % hop == 0
                                             ? QString("%1 samples (%2 frames)").arg(common).arg(common / hop)
                                             : QString("%1 samples").arg(common);
                *problems << QString("%1: %2, the other notes have %3; all notes of a grid must have the same length "
                                     "(conform them: nsynth conform)")
                                 .arg(note.path, what, expected);
            }
        }
    if (common < hop)
        *problems << QString("the notes are %1 samples long, shorter than one frame (%2 samples)").arg(common).arg(hop);
    set.frames = common / hop;
    return set;
}

} // namespace nsynth::app
