#pragma once
// One note of a workspace as recorded in the workspace file: who it is (instrument, pitch), where
// it came from (its original, kept in sources/), how it was conformed (settings), what the
// engine's checks found (report), and the content hashes that tie its embedding to it.
//
// The note file itself is notes/<instrument>_<pitch>.wav, written by conform (mono, 16 kHz,
// 16-bit, exactly 64000 samples); the file name is derived from instrument and pitch, never
// stored separately, so the two cannot disagree.

#include "conform.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace nsynth::app {

// How a note is cut from its original (re-trim) and processed (re-conform).
struct ConformSettings {
    bool autoTrim = true;       // start just before the detected onset
    double preOnsetMs = 5.0;    // kept before the onset when autoTrim
    double startSeconds = 0.0;  // where the note starts in the original when !autoTrim
    bool normalize = false;     // peak-normalise to -1 dBFS
    bool removeDc = false;

    audio::ConformOptions conformOptions() const;
    QJsonObject toJson() const;
    static ConformSettings fromJson(const QJsonObject& o);
    bool operator==(const ConformSettings&) const = default;
};

struct CheckItem {
    enum class Severity { Info = 0, Warning = 1, Error = 2 };
    QString code;     // the engine's check code: "clipping", "pitch_off", ...
    Severity severity = Severity::Info;
    QString message;  // the engine's English sentence (details for the tooltip)
};

// The parts of audio::ConformReport a workspace keeps.
struct NoteReport {
    QList<CheckItem> checks;
    int sourceRate = 0;
    int sourceChannels = 0;
    qint64 sourceFrames = 0;
    QString sourceFormat;
    qint64 onsetSample = -1;
    qint64 trimmedSamples = 0, paddedSamples = 0, cutSamples = 0, clippedSamples = 0;
    double peakDb = -200, rmsDb = -200, dcOffset = 0;
    bool voiced = false;
    double detectedHz = 0, detectedMidi = 0, pitchConfidence = 0;
    std::optional<double> centsFromNamed;
    bool octaveError = false;

    static NoteReport fromConform(const audio::ConformReport& r);
    QJsonObject toJson() const;
    static NoteReport fromJson(const QJsonObject& o);

    CheckItem::Severity worstSeverity() const;
    bool hasCheck(const QString& code) const;
    // The report as it would read had the note been named with `pitch`: the pitch and name
    // checks are recomputed from the detected pitch with the engine's rules (50 cents; whole
    // octaves within 50 cents are octave errors), everything else is kept. Used by rename.
    NoteReport renamedTo(int pitch) const;
};

struct Note {
    QString id;              // unique within the workspace, stable across renames
    QString instrument;      // [A-Za-z0-9-]
    int pitch = -1;          // MIDI
    QString source;          // the original, relative to the workspace folder (sources/...)
    QString sourceName;      // the original's file name as the user knew it
    QString origin;          // "recorded", "imported" or "demo"
    QDateTime created;
    ConformSettings settings;
    NoteReport report;
    QString sha256;          // of the note file as last written
    QString embeddingNoteSha, embeddingModelSha;  // what the stored embedding was computed from

    QString name() const;      // "flute_24"
    QString fileName() const;  // "flute_24.wav"

    QJsonObject toJson() const;
    static Note fromJson(const QJsonObject& o);  // throws Error on a malformed entry
};

} // namespace nsynth::app
