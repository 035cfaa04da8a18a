#include "grid_design.h"

#include "audio_file.h"
#include "error.h"
#include "grid.h"
#include "grid_schedule.h"
#include "note_name.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>

#include <algorithm>

namespace nsynth::app {

namespace {

// The translation context of this file's texts: its functions are no QObject's, and lupdate
// files a plain tr() in a namespace under the namespace, where the program would not look.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(GridDesign)
};

QString cornerName(int k)
{
    switch (k) {
    case 0: return Tr::tr("top-left");
    case 1: return Tr::tr("top-right");
    case 2: return Tr::tr("bottom-left");
    default: return Tr::tr("bottom-right");
    }
}

QString pitchText(int p)
{
    return QStringLiteral("%1 (%2)").arg(p).arg(QString::fromStdString(audio::midiNoteName(p)));
}

} // namespace

void NoteInventory::add(const QString& instrument, int pitch, const QString& path)
{
    m_notes[instrument][pitch] = path;
}

std::vector<int> NoteInventory::pitchesOf(const QString& instrument) const
{
    std::vector<int> out;
    for (int p : m_notes.value(instrument).keys())
        out.push_back(p);
    return out;
}

std::vector<int> NoteInventory::commonPitches(const QStringList& instruments) const
{
    if (instruments.isEmpty())
        return {};
    std::vector<int> out = pitchesOf(instruments.first());
    for (const QString& i : instruments) {
        const auto& have = m_notes.value(i);
        out.erase(std::remove_if(out.begin(), out.end(), [&](int p) { return !have.contains(p); }), out.end());
    }
    return out;
}

std::vector<int> NoteInventory::allPitches() const
{
    std::vector<int> out;
    for (const auto& pitches : m_notes)
        for (int p : pitches.keys())
            out.push_back(p);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QString NoteInventory::path(const QString& instrument, int pitch) const
{
    return m_notes.value(instrument).value(pitch);
}

QStringList GridDesign::instruments() const
{
    QStringList out;
    for (const auto& c : corners)
        for (const QString& i : c)
            if (!out.contains(i))
                out << i;
    out.sort();
    return out;
}

GridSettings GridDesign::toSettings() const
{
    GridSettings s;
    for (size_t k = 0; k < 4; ++k)
        for (const QString& name : corners[k])
            s.corners[k].append(GridInstrument{name, {}, {}});
    s.pitches = pitches;
    s.resolution = resolution;
    if (!notesFolder.isEmpty())
        s.notes = QStringList{QFileInfo(notesFolder).absoluteFilePath()};
    s.model = model.isEmpty() ? QString() : QFileInfo(model).absoluteFilePath();
    s.weights = weights;
    s.seed = seed;
    s.batchSize = batchSize;
    s.shards = shards;
    s.sourceKind = QStringLiteral("grid");
    return s;
}

GridDesignCounts countGridDesign(const GridDesign& design)
{
    GridDesignCounts c;
    const GridSpec spec = design.toSettings().spec();
    if (!spec.problems().empty())
        return c;
    const GridPlan plan = planGrid(spec);
    c.valid = true;
    c.combinations = int64_t(plan.combinations.size());
    c.cells = plan.cells();
    c.gridNotes = plan.naiveNotes();
    c.uniqueNotes = int64_t(plan.notes.size());
    const GridSchedule schedule(c.uniqueNotes, std::max(1, design.batchSize));
    c.batches = schedule.batches();
    const int shards = std::max(1, design.shards);
    for (int k = 0; k < std::min(shards, 1000); ++k)
        c.largestShardNotes = std::max(c.largestShardNotes, schedule.shardNotes({k, shards}));
    return c;
}

GridDesignReport analyzeGridDesign(const GridDesign& design, const NoteInventory& notes, bool readFiles, int hopLength)
{
    GridDesignReport r;
    r.counts = countGridDesign(design);
    for (int k = 0; k < 4; ++k)
        if (design.corners[size_t(k)].isEmpty())
            r.problems << Tr::tr("The %1 corner has no instrument.").arg(cornerName(k));
    if (design.pitches.empty())
        r.problems << Tr::tr("Choose at least one pitch.");
    const QStringList instruments = design.instruments();
    for (const QString& name : instruments) {
        std::string why;
        if (!isValidGridInstrumentName(name.toStdString(), &why))
            r.problems << Tr::tr("%1 cannot be a grid instrument: %2").arg(name, QString::fromStdString(why));
    }
    if (design.resolution < 2 || design.resolution > kMaxGridResolution)
        r.problems << Tr::tr("The resolution must be 2 to %1.").arg(kMaxGridResolution);
    // Missing notes, one line per instrument.
    for (const QString& name : instruments) {
        QStringList missing;
        for (int p : design.pitches)
            if (notes.path(name, p).isEmpty())
                missing << pitchText(p);
        if (!missing.isEmpty())
            r.problems << Tr::tr("%1 has no note at %2.").arg(name, missing.join(QStringLiteral(", ")));
    }
    // Lengths: the plan needs one length for every note (ONS fails with a shape mismatch).
    QMap<int64_t, QStringList> byLength;
    for (const QString& name : instruments)
        for (int p : design.pitches) {
            const QString path = notes.path(name, p);
            if (path.isEmpty())
                continue;
            ++r.cornerNotes;
            if (!readFiles)
                continue;
            try {
                const audio::AudioData a = audio::readAudio(path.toStdString());
                byLength[a.frames() * 16000 / std::max(1, a.sampleRate)] << QFileInfo(path).completeBaseName();
            } catch (const Error& e) {
                r.problems << Tr::tr("%1 cannot be read: %2")
                                  .arg(QFileInfo(path).fileName(), QString::fromStdString(e.what()));
            }
        }
    int64_t common = byLength.isEmpty() ? 64000 : byLength.firstKey();
    for (auto it = byLength.begin(); it != byLength.end(); ++it)
        if (it.value().size() > byLength.value(common).size())
            common = it.key();
    if (byLength.size() > 1) {
        // Name the notes that differ from the most common length.
        QStringList odd;
        for (auto it = byLength.begin(); it != byLength.end(); ++it)
            if (it.key() != common)
                for (const QString& n : it.value())
                    odd << Tr::tr("%1 has %2 samples").arg(n).arg(it.key());
        r.problems << Tr::tr("The notes differ in length (most have %1 samples): %2. Re-conform them to one length.")
                          .arg(common)
                          .arg(odd.join(QStringLiteral(", ")));
    }
    const int hop = std::max(1, hopLength);
    r.samplesPerNote = common / hop * hop;
    return r;
}

} // namespace nsynth::app
