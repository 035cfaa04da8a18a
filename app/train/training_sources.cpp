#include "training_sources.h"

#include "audio_file.h"
#include "conform.h"
#include "resample.h"
#include "error.h"
#include "note_name.h"
#include "tfrecord.h"
#include "tfrecord_example.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace nsynth::app {
namespace {

constexpr int kRate = 16000;

bool isTfRecordName(const QString& path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    return name.endsWith(".tfrecord") || name.endsWith(".tfrecords") || name.contains(".tfrecord-");
}

bool isAudioName(const QString& path)
{
    static const QStringList extensions = {".wav", ".flac", ".ogg", ".oga", ".aif", ".aiff", ".aifc", ".mp3", ".opus"};
    const QString lower = path.toLower();
    return std::any_of(extensions.begin(), extensions.end(), [&](const QString& e) { return lower.endsWith(e); });
}

void checkCancel(const std::atomic<bool>* cancel)
{
    if (cancel && cancel->load())
        throw Cancelled();
}

// Reports a bad file: thrown as an Error, or (skipBad) reported and counted.
struct BadData {
    bool skip;
    const Notice& notice;
    int64_t* skipped;
    void operator()(const std::string& message) const
    {
        if (!skip)
            throw Error(message);
        if (skipped)
            ++*skipped;
        if (notice)
            notice("skipped " + QString::fromStdString(message));
    }
};

// The copies of one note that the spec asks for: the note itself and, for data augmentation,
// transposed copies (k semitones: the audio resampled as if recorded at rate * 2^(k/12), so it
// plays 2^(k/12) times faster; its pitch label moves by k). Copies whose label would leave MIDI
// 0..127 or that the filter rejects are left out.
struct Transposition {
    int semitones;
    int sourceRate;  // the rate to declare for the audio so that resampling transposes it
};
std::vector<Transposition> transpositions(const TrainingNote& base, int sourceRate, int lo, int hi,
                                          const NoteFilter& filter, int64_t* filtered)
{
    std::vector<Transposition> out;
    for (int k = std::min(lo, 0); k <= std::max(hi, 0); ++k) {
        TrainingNote labels = base;
        if (k != 0 && base.pitch >= 0) {
            labels.pitch = base.pitch + k;
            if (labels.pitch < 0 || labels.pitch > 127)
                continue;
        }
        if (!filter.accepts(labels)) {
            if (k == 0)
                ++*filtered;
            continue;
        }
        out.push_back({k, int(std::lround(sourceRate * std::pow(2.0, k / 12.0)))});
    }
    return out;
}

TrainingNote transposedCopy(const TrainingNote& base, int k)
{
    TrainingNote note = base;
    note.transposed = k;
    if (k != 0) {
        note.name += (k > 0 ? "_t+" : "_t") + std::to_string(k);
        if (note.pitch >= 0)
            note.pitch += k;
    }
    return note;
}

// NSynth notes are already onset-aligned: a transposed copy is the resampled note cut or padded
// to the note length, faded over its last 50 ms when cut.
std::vector<float> fitLength(std::vector<float> x, int64_t n)
{
    if (int64_t(x.size()) > n) {
        x.resize(size_t(n));
        const int64_t fade = std::min<int64_t>(n, kRate / 20);
        for (int64_t i = 0; i < fade; ++i)
            x[size_t(n - fade + i)] *= float(0.5 + 0.5 * std::cos(M_PI * double(i + 1) / double(fade)));
    }
    x.resize(size_t(n), 0.0f);
    return x;
}

// Labels from the NSynth naming scheme, when the name follows it.
void labelFromName(TrainingNote& note, const std::string& path)
{
    const auto name = audio::parseNoteName(path);
    if (!name) {
        note.instrument = note.name;
        return;
    }
    note.instrument = name->instrument;
    note.pitch = name->pitch;
    note.velocity = name->velocity;
    note.family = name->family;
    note.source = name->source;
}

struct LoadRules {
    NoteFilter filter;
    int64_t noteLength = 64000;
    int transposeMin = 0, transposeMax = 0;
};

std::vector<TrainingNote> loadAudioNotes(const QStringList& files, const LoadRules& rules, const BadData& bad,
                                         int64_t* filtered, const std::atomic<bool>* cancel)
{
    std::vector<TrainingNote> notes;
    audio::ConformOptions conform;
    conform.sampleRate = kRate;
    conform.length = rules.noteLength;
    for (const auto& file : files) {
        checkCancel(cancel);
        TrainingNote base;
        base.origin = file.toStdString();
        base.name = QFileInfo(file).completeBaseName().toStdString();
        labelFromName(base, base.origin);
        // The file's rate is only known after reading it; the filter does not depend on it.
        if (transpositions(base, kRate, rules.transposeMin, rules.transposeMax, rules.filter, filtered).empty())
            continue;
        audio::AudioData data;
        try {
            data = audio::readAudio(base.origin);
        } catch (const Error& e) {
            bad(e.what());
            continue;
        }
        int64_t ignored = 0;
        for (const auto& t : transpositions(base, data.sampleRate, rules.transposeMin, rules.transposeMax,
                                            rules.filter, &ignored)) {
            audio::AudioData declared = data;
            declared.sampleRate = t.sourceRate;
            const auto conformed = audio::conformNote(declared, base.origin, conform);
            const auto silent = std::find_if(conformed.report.checks.begin(), conformed.report.checks.end(),
                                             [](const audio::NoteCheck& c) { return c.code == "silent"; });
            if (silent != conformed.report.checks.end()) {
                if (t.semitones == 0)
                    bad(base.origin + ": " + silent->message);
                break;
            }
            TrainingNote note = transposedCopy(base, t.semitones);
            note.classes = audioToClasses(conformed.samples.data(), int64_t(conformed.samples.size()));
            notes.push_back(std::move(note));
        }
    }
    return notes;
}

// An NSynth-format note (16 kHz, already the note length) and its transposed copies.
void addNSynthNote(std::vector<TrainingNote>& notes, const TrainingNote& base, const std::vector<float>& audio,
                   const LoadRules& rules)
{
    int64_t ignored = 0;
    for (const auto& t : transpositions(base, kRate, rules.transposeMin, rules.transposeMax, rules.filter, &ignored)) {
        TrainingNote note = transposedCopy(base, t.semitones);
        if (t.semitones == 0) {
            note.classes = audioToClasses(audio.data(), int64_t(audio.size()));
        } else {
            const auto moved = fitLength(audio::resample(audio, t.sourceRate, kRate), rules.noteLength);
            note.classes = audioToClasses(moved.data(), int64_t(moved.size()));
        }
        notes.push_back(std::move(note));
    }
}

std::vector<TrainingNote> loadNSynthJsonWav(const QString& folder, const LoadRules& rules, const BadData& bad,
                                            int64_t* filtered, const std::atomic<bool>* cancel)
{
    const QString jsonPath = QDir(folder).filePath("examples.json");
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(jsonPath.toStdString() + ": cannot read: " + file.errorString().toStdString());
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject())
        throw Error(jsonPath.toStdString() + ": not a JSON object (" + parseError.errorString().toStdString() + ")");
    const QJsonObject examples = doc.object();
    std::vector<TrainingNote> notes;
    for (auto it = examples.begin(); it != examples.end(); ++it) {  // QJsonObject iterates in key order
        checkCancel(cancel);
        const QString key = it.key();
        if (!it.value().isObject())
            throw Error(jsonPath.toStdString() + ": entry \"" + key.toStdString() + "\" is not an object");
        const QJsonObject e = it.value().toObject();
        TrainingNote note;
        note.name = key.toStdString();
        note.instrument = e.value("instrument_str").toString().toStdString();
        note.family = e.value("instrument_family_str").toString().toStdString();
        note.source = e.value("instrument_source_str").toString().toStdString();
        note.pitch = e.contains("pitch") ? e.value("pitch").toInt(-1) : -1;
        note.velocity = e.contains("velocity") ? e.value("velocity").toInt(-1) : -1;
        // Fill what examples.json lacks from the NSynth name (family_source_NNN-PPP-VVV).
        if (const auto parsed = audio::parseNoteName(note.name + ".wav")) {
            if (note.instrument.empty())
                note.instrument = parsed->instrument;
            if (note.family.empty())
                note.family = parsed->family;
            if (note.source.empty())
                note.source = parsed->source;
            if (note.pitch < 0)
                note.pitch = parsed->pitch;
            if (note.velocity < 0)
                note.velocity = parsed->velocity;
        }
        if (note.instrument.empty())
            note.instrument = note.name;
        if (note.pitch < 0 || note.pitch > 127) {
            bad(jsonPath.toStdString() + ": entry \"" + note.name + "\" has no valid pitch");
            continue;
        }
        if (transpositions(note, kRate, rules.transposeMin, rules.transposeMax, rules.filter, filtered).empty())
            continue;
        const QString wav = QDir(folder).filePath("audio/" + key + ".wav");
        note.origin = wav.toStdString();
        audio::AudioData data;
        try {
            data = audio::readAudio(note.origin);
        } catch (const Error& err) {
            bad(err.what());
            continue;
        }
        if (data.sampleRate != kRate || data.channels != 1) {
            bad(note.origin + ": " + std::to_string(data.sampleRate) + " Hz, " + std::to_string(data.channels) +
                " channel(s); NSynth notes are 16 kHz mono");
            continue;
        }
        if (data.frames() != rules.noteLength) {
            bad(note.origin + ": " + std::to_string(data.frames()) + " samples, expected " +
                std::to_string(rules.noteLength) + " (NSynth notes are 4 s at 16 kHz; see --note-length)");
            continue;
        }
        addNSynthNote(notes, note, data.samples, rules);
    }
    return notes;
}

std::vector<TrainingNote> loadTfRecord(const QString& path, const LoadRules& rules, const BadData& bad, int64_t* filtered,
                                       const std::atomic<bool>* cancel)
{
    std::vector<TrainingNote> notes;
    TFRecordReader reader(path.toStdString());
    std::string record;
    try {
        while (reader.next(record)) {
            checkCancel(cancel);
            const std::string where = path.toStdString() + " record " + std::to_string(reader.recordsRead());
            NSynthExample e;
            try {
                e = parseNSynthExample(record, where);
            } catch (const Error& err) {
                bad(err.what());
                continue;
            }
            TrainingNote note;
            note.origin = path.toStdString() + "#" + std::to_string(reader.recordsRead());
            note.name = e.noteStr.empty() ? "record-" + std::to_string(reader.recordsRead()) : e.noteStr;
            note.instrument = e.instrumentStr;
            if (note.instrument.empty() && !e.noteStr.empty())
                note.instrument = e.noteStr.substr(0, e.noteStr.find('-'));  // "bass_synthetic_033-022-050"
            if (note.instrument.empty())
                note.instrument = e.instrument >= 0 ? "instrument-" + std::to_string(e.instrument) : note.name;
            note.family = e.familyStr;
            note.source = e.sourceStr;
            note.pitch = e.pitch;
            note.velocity = e.velocity;
            if (transpositions(note, kRate, rules.transposeMin, rules.transposeMax, rules.filter, filtered).empty())
                continue;
            if (e.sampleRate != 0 && e.sampleRate != kRate) {
                bad(where + ": sample_rate " + std::to_string(e.sampleRate) + ", expected 16000");
                continue;
            }
            if (int64_t(e.audio.size()) != rules.noteLength) {
                bad(where + ": audio has " + std::to_string(e.audio.size()) + " samples, expected " +
                    std::to_string(rules.noteLength) + " (see --note-length)");
                continue;
            }
            addNSynthNote(notes, note, e.audio, rules);
        }
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& err) {
        // A framing or CRC error leaves the rest of the file unreadable.
        bad(err.what());
    }
    return notes;
}

} // namespace

QJsonObject DataSpec::toJson() const
{
    QJsonObject filterJson{{"families", QJsonArray::fromStringList([&] {
                                QStringList l;
                                for (const auto& f : filter.families)
                                    l << QString::fromStdString(f);
                                return l;
                            }())},
                           {"sources", QJsonArray::fromStringList([&] {
                                QStringList l;
                                for (const auto& s : filter.sources)
                                    l << QString::fromStdString(s);
                                return l;
                            }())},
                           {"pitch_min", filter.pitchMin},
                           {"pitch_max", filter.pitchMax},
                           {"velocity_min", filter.velocityMin},
                           {"velocity_max", filter.velocityMax}};
    return QJsonObject{{"paths", QJsonArray::fromStringList(paths)},
                       {"valid_paths", QJsonArray::fromStringList(validPaths)},
                       {"filter", filterJson},
                       {"valid_instruments", QJsonArray::fromStringList(validInstruments)},
                       {"valid_fraction", validFraction},
                       {"note_length", qint64(noteLength)},
                       {"transpose", QJsonArray{transposeMin, transposeMax}},
                       {"skip_bad", skipBad}};
}

DataSpec DataSpec::fromJson(const QJsonObject& j)
{
    auto strings = [](const QJsonValue& v) {
        QStringList l;
        for (const auto& x : v.toArray())
            l << x.toString();
        return l;
    };
    DataSpec s;
    s.paths = strings(j.value("paths"));
    s.validPaths = strings(j.value("valid_paths"));
    const auto f = j.value("filter").toObject();
    for (const auto& x : strings(f.value("families")))
        s.filter.families.push_back(x.toStdString());
    for (const auto& x : strings(f.value("sources")))
        s.filter.sources.push_back(x.toStdString());
    s.filter.pitchMin = f.value("pitch_min").toInt(0);
    s.filter.pitchMax = f.value("pitch_max").toInt(127);
    s.filter.velocityMin = f.value("velocity_min").toInt(0);
    s.filter.velocityMax = f.value("velocity_max").toInt(127);
    s.validInstruments = strings(j.value("valid_instruments"));
    s.validFraction = j.value("valid_fraction").toDouble(0);
    s.noteLength = j.value("note_length").toInteger(64000);
    s.transposeMin = j.value("transpose").toArray().at(0).toInt(0);
    s.transposeMax = j.value("transpose").toArray().at(1).toInt(0);
    s.skipBad = j.value("skip_bad").toBool(false);
    return s;
}

std::vector<TrainingNote> loadNotesFrom(const QString& path, const DataSpec& spec, bool augment, const Notice& notice,
                                        int64_t* skipped, int64_t* filtered, const std::atomic<bool>* cancel)
{
    LoadRules rules;
    rules.filter = spec.filter;
    rules.noteLength = spec.noteLength;
    if (augment) {
        rules.transposeMin = spec.transposeMin;
        rules.transposeMax = spec.transposeMax;
    }
    const bool skipBad = spec.skipBad;
    int64_t dummySkipped = 0, dummyFiltered = 0;
    if (!skipped)
        skipped = &dummySkipped;
    if (!filtered)
        filtered = &dummyFiltered;
    const BadData bad{skipBad, notice, skipped};
    const QFileInfo info(path);
    if (!info.exists())
        throw Error(path.toStdString() + ": no such file or folder");
    if (!info.isDir()) {
        if (isTfRecordName(path))
            return loadTfRecord(path, rules, bad, filtered, cancel);
        if (isAudioName(path))
            return loadAudioNotes({path}, rules, bad, filtered, cancel);
        throw Error(path.toStdString() + ": neither an audio file nor a TFRecord file (*.tfrecord)");
    }
    if (QFileInfo::exists(QDir(path).filePath("examples.json")))
        return loadNSynthJsonWav(path, rules, bad, filtered, cancel);
    QStringList audioFiles, records;
    QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (it.hasNext()) {
        const QString f = it.next();
        if (isTfRecordName(f))
            records << f;
        else if (isAudioName(f))
            audioFiles << f;
    }
    audioFiles.sort();
    records.sort();
    if (audioFiles.isEmpty() && records.isEmpty())
        throw Error(path.toStdString() + ": no audio files, examples.json or .tfrecord files in this folder");
    auto notes = loadAudioNotes(audioFiles, rules, bad, filtered, cancel);
    for (const auto& r : records) {
        auto more = loadTfRecord(r, rules, bad, filtered, cancel);
        std::move(more.begin(), more.end(), std::back_inserter(notes));
    }
    return notes;
}

QJsonObject describeNotes(const std::vector<TrainingNote>& notes)
{
    std::set<std::string> instruments;
    std::map<std::string, int> families, sources;
    int pitchMin = 128, pitchMax = -1, unpitched = 0, transposed = 0;
    int64_t samples = 0;
    for (const auto& n : notes) {
        instruments.insert(n.instrument);
        ++families[n.family.empty() ? "unknown" : n.family];
        ++sources[n.source.empty() ? "unknown" : n.source];
        if (n.pitch < 0)
            ++unpitched;
        else {
            pitchMin = std::min(pitchMin, n.pitch);
            pitchMax = std::max(pitchMax, n.pitch);
        }
        samples += n.samples();
        transposed += n.transposed != 0 ? 1 : 0;
    }
    QJsonObject fam, src;
    for (const auto& [k, v] : families)
        fam[QString::fromStdString(k)] = v;
    for (const auto& [k, v] : sources)
        src[QString::fromStdString(k)] = v;
    QJsonObject o{{"notes", qint64(notes.size())},
                  {"instruments", qint64(instruments.size())},
                  {"seconds", double(samples) / kRate},
                  {"families", fam},
                  {"sources", src}};
    if (pitchMax >= 0)
        o["pitch_range"] = QJsonArray{pitchMin, pitchMax};
    if (unpitched > 0)
        o["notes_without_pitch"] = unpitched;
    if (transposed > 0) {
        o["transposed_copies"] = transposed;
        o["recorded_notes"] = qint64(notes.size()) - transposed;
    }
    return o;
}

LoadedData loadTrainingData(const DataSpec& spec, uint64_t seed, const Notice& notice, const std::atomic<bool>* cancel)
{
    spec.filter.validate();
    if (spec.paths.isEmpty())
        throw Error("no training data given (--data PATH)");
    if (spec.noteLength < 512)
        throw Error("--note-length must be at least 512 samples");
    if (spec.transposeMin > 0 || spec.transposeMax < 0 || spec.transposeMin < -24 || spec.transposeMax > 24)
        throw Error("--augment-transpose must be LO:HI semitones with -24 <= LO <= 0 <= HI <= 24");
    if (!spec.validPaths.isEmpty() && (!spec.validInstruments.isEmpty() || spec.validFraction > 0))
        throw Error("--valid-data cannot be combined with --valid-instruments or --valid-fraction");
    int64_t skipped = 0, filtered = 0;
    std::vector<TrainingNote> all;
    for (const auto& p : spec.paths) {
        auto notes = loadNotesFrom(p, spec, true, notice, &skipped, &filtered, cancel);
        std::move(notes.begin(), notes.end(), std::back_inserter(all));
    }
    LoadedData data;
    if (!spec.validPaths.isEmpty()) {
        data.train = std::move(all);
        for (const auto& p : spec.validPaths) {
            auto notes = loadNotesFrom(p, spec, false, notice, &skipped, &filtered, cancel);
            std::move(notes.begin(), notes.end(), std::back_inserter(data.valid));
        }
        std::set<std::string> names;
        for (const auto& n : data.valid)
            names.insert(n.instrument);
        for (const auto& n : names)
            data.validInstruments << QString::fromStdString(n);
    } else {
        std::vector<std::string> held;
        for (const auto& v : spec.validInstruments)
            held.push_back(v.toStdString());
        auto split = splitByInstrument(std::move(all), held, spec.validFraction, seed);
        data.train = std::move(split.train);
        // Held-out notes are measured as recorded: their instruments' transposed copies go.
        for (auto& n : split.valid)
            if (n.transposed == 0)
                data.valid.push_back(std::move(n));
        for (const auto& n : split.validInstruments)
            data.validInstruments << QString::fromStdString(n);
    }
    if (data.train.empty())
        throw Error(filtered > 0 ? "no training notes left after the filters (" + std::to_string(filtered) +
                                       " notes filtered out: " + spec.filter.describe() + ")"
                                 : std::string("no training notes found in the data"));
    data.summary = QJsonObject{{"train", describeNotes(data.train)},
                               {"valid", describeNotes(data.valid)},
                               {"valid_instruments", QJsonArray::fromStringList(data.validInstruments)},
                               {"filtered_out", qint64(filtered)},
                               {"skipped_bad", qint64(skipped)},
                               {"filter", QString::fromStdString(spec.filter.describe())}};
    return data;
}

} // namespace nsynth::app
