#include "note.h"

#include "error.h"
#include "note_name.h"
#include "pitch.h"

#include <QJsonArray>

#include <cmath>

namespace nsynth::app {

audio::ConformOptions ConformSettings::conformOptions() const
{
    audio::ConformOptions o;
    o.trimLeadingSilence = autoTrim;
    o.preOnsetMs = preOnsetMs;
    o.normalize = normalize;
    o.removeDc = removeDc;
    return o;
}

QJsonObject ConformSettings::toJson() const
{
    return {{"auto_trim", autoTrim},
            {"pre_onset_ms", preOnsetMs},
            {"start_s", startSeconds},
            {"normalize", normalize},
            {"remove_dc", removeDc}};
}

ConformSettings ConformSettings::fromJson(const QJsonObject& o)
{
    ConformSettings s;
    s.autoTrim = o.value("auto_trim").toBool(true);
    s.preOnsetMs = o.value("pre_onset_ms").toDouble(5.0);
    s.startSeconds = o.value("start_s").toDouble(0.0);
    s.normalize = o.value("normalize").toBool(false);
    s.removeDc = o.value("remove_dc").toBool(false);
    return s;
}

namespace {

CheckItem::Severity fromAudio(audio::NoteCheck::Severity s)
{
    switch (s) {
    case audio::NoteCheck::Severity::Error:
        return CheckItem::Severity::Error;
    case audio::NoteCheck::Severity::Warning:
        return CheckItem::Severity::Warning;
    default:
        return CheckItem::Severity::Info;
    }
}

QString severityText(CheckItem::Severity s)
{
    switch (s) {
    case CheckItem::Severity::Error:
        return "error";
    case CheckItem::Severity::Warning:
        return "warning";
    default:
        return "info";
    }
}

CheckItem::Severity severityFromText(const QString& s)
{
    if (s == "error")
        return CheckItem::Severity::Error;
    if (s == "warning")
        return CheckItem::Severity::Warning;
    return CheckItem::Severity::Info;
}

// JSON cannot hold -inf: silence is stored as -200 dB.
double finiteDb(double db)
{
    return std::isfinite(db) ? db : -200.0;
}

} // namespace

NoteReport NoteReport::fromConform(const audio::ConformReport& r)
{
    NoteReport n;
    for (const auto& c : r.checks)
        n.checks.append({QString::fromStdString(c.code), fromAudio(c.severity), QString::fromStdString(c.message)});
    n.sourceRate = r.sourceRate;
    n.sourceChannels = r.sourceChannels;
    n.sourceFrames = r.sourceFrames;
    n.sourceFormat = QString::fromStdString(r.sourceFormat);
    n.onsetSample = r.onsetSample;
    n.trimmedSamples = r.trimmedSamples;
    n.paddedSamples = r.paddedSamples;
    n.cutSamples = r.cutSamples;
    n.clippedSamples = r.clippedSamples;
    n.peakDb = finiteDb(r.peakDb);
    n.rmsDb = finiteDb(r.rmsDb);
    n.dcOffset = r.dcOffset;
    n.voiced = r.pitch.voiced;
    n.detectedHz = r.pitch.frequencyHz;
    n.detectedMidi = r.pitch.midi;
    n.pitchConfidence = r.pitch.confidence;
    n.centsFromNamed = r.centsFromNamed;
    n.octaveError = r.octaveError;
    return n;
}

QJsonObject NoteReport::toJson() const
{
    QJsonArray checkArray;
    for (const auto& c : checks)
        checkArray.append(QJsonObject{{"code", c.code}, {"severity", severityText(c.severity)}, {"message", c.message}});
    QJsonObject o{{"checks", checkArray},
                  {"source_rate", sourceRate},
                  {"source_channels", sourceChannels},
                  {"source_frames", double(sourceFrames)},
                  {"source_format", sourceFormat},
                  {"onset_sample", double(onsetSample)},
                  {"trimmed_samples", double(trimmedSamples)},
                  {"padded_samples", double(paddedSamples)},
                  {"cut_samples", double(cutSamples)},
                  {"clipped_samples", double(clippedSamples)},
                  {"peak_db", peakDb},
                  {"rms_db", rmsDb},
                  {"dc_offset", dcOffset},
                  {"voiced", voiced},
                  {"detected_hz", detectedHz},
                  {"detected_midi", detectedMidi},
                  {"pitch_confidence", pitchConfidence},
                  {"octave_error", octaveError}};
    if (centsFromNamed)
        o["cents_from_named"] = *centsFromNamed;
    return o;
}

NoteReport NoteReport::fromJson(const QJsonObject& o)
{
    NoteReport n;
    for (const auto& v : o.value("checks").toArray()) {
        const QJsonObject c = v.toObject();
        n.checks.append({c.value("code").toString(), severityFromText(c.value("severity").toString()),
                         c.value("message").toString()});
    }
    n.sourceRate = o.value("source_rate").toInt();
    n.sourceChannels = o.value("source_channels").toInt();
    n.sourceFrames = qint64(o.value("source_frames").toDouble());
    n.sourceFormat = o.value("source_format").toString();
    n.onsetSample = qint64(o.value("onset_sample").toDouble(-1));
    n.trimmedSamples = qint64(o.value("trimmed_samples").toDouble());
    n.paddedSamples = qint64(o.value("padded_samples").toDouble());
    n.cutSamples = qint64(o.value("cut_samples").toDouble());
    n.clippedSamples = qint64(o.value("clipped_samples").toDouble());
    n.peakDb = o.value("peak_db").toDouble(-200);
    n.rmsDb = o.value("rms_db").toDouble(-200);
    n.dcOffset = o.value("dc_offset").toDouble();
    n.voiced = o.value("voiced").toBool();
    n.detectedHz = o.value("detected_hz").toDouble();
    n.detectedMidi = o.value("detected_midi").toDouble();
    n.pitchConfidence = o.value("pitch_confidence").toDouble();
    if (o.contains("cents_from_named"))
        n.centsFromNamed = o.value("cents_from_named").toDouble();
    n.octaveError = o.value("octave_error").toBool();
    return n;
}

CheckItem::Severity NoteReport::worstSeverity() const
{
    CheckItem::Severity worst = CheckItem::Severity::Info;
    for (const auto& c : checks)
        worst = std::max(worst, c.severity);
    return worst;
}

bool NoteReport::hasCheck(const QString& code) const
{
    for (const auto& c : checks)
        if (c.code == code)
            return true;
    return false;
}

NoteReport NoteReport::renamedTo(int pitch) const
{
    NoteReport n = *this;
    n.checks.clear();
    for (const auto& c : checks)
        if (c.code != "pitch_off" && c.code != "octave_error" && c.code != "name")
            n.checks.append(c);
    n.centsFromNamed.reset();
    n.octaveError = false;
    if (!voiced || detectedHz <= 0)
        return n;
    const double cents = audio::centsBetween(detectedHz, audio::midiToHz(pitch));
    n.centsFromNamed = cents;
    const long octaves = std::lround(cents / 1200.0);
    const QString namedText = QString::fromStdString(audio::midiNoteName(pitch)) + QString(" (%1)").arg(pitch);
    const QString detected = QString("detected pitch %1 Hz").arg(detectedHz, 0, 'f', 1);
    if (octaves != 0 && std::fabs(cents - 1200.0 * double(octaves)) <= 50.0) {
        n.octaveError = true;
        n.checks.append({"octave_error", CheckItem::Severity::Warning,
                         QString("%1 is %2 %3 %4 %5 (%6 cents)")
                             .arg(detected)
                             .arg(std::labs(octaves))
                             .arg(std::labs(octaves) == 1 ? "octave" : "octaves", octaves > 0 ? "above" : "below",
                                  namedText)
                             .arg(cents, 0, 'f', 0)});
    } else if (std::fabs(cents) > 50.0) {
        n.checks.append({"pitch_off", CheckItem::Severity::Warning,
                         QString("%1 (MIDI %2) is %3 cents %4 %5")
                             .arg(detected)
                             .arg(detectedMidi, 0, 'f', 2)
                             .arg(std::fabs(cents), 0, 'f', 0)
                             .arg(cents > 0 ? "sharp of" : "flat of", namedText)});
    }
    return n;
}

QString Note::name() const
{
    return instrument + "_" + QString::number(pitch);
}

QString Note::fileName() const
{
    return name() + ".wav";
}

QJsonObject Note::toJson() const
{
    return {{"id", id},
            {"instrument", instrument},
            {"pitch", pitch},
            {"source", source},
            {"source_name", sourceName},
            {"origin", origin},
            {"created", created.toString(Qt::ISODate)},
            {"conform", settings.toJson()},
            {"report", report.toJson()},
            {"sha256", sha256},
            {"embedding", QJsonObject{{"note_sha256", embeddingNoteSha}, {"model_sha256", embeddingModelSha}}}};
}

Note Note::fromJson(const QJsonObject& o)
{
    Note n;
    n.id = o.value("id").toString();
    n.instrument = o.value("instrument").toString();
    n.pitch = o.value("pitch").toInt(-1);
    if (n.id.isEmpty() || !audio::isValidInstrumentName(n.instrument.toStdString()) || n.pitch < 0 || n.pitch > 127)
        throw Error("note entry \"" + n.id.toStdString() + "\" has no valid id, instrument or pitch");
    n.source = o.value("source").toString();
    n.sourceName = o.value("source_name").toString();
    n.origin = o.value("origin").toString();
    n.created = QDateTime::fromString(o.value("created").toString(), Qt::ISODate);
    n.settings = ConformSettings::fromJson(o.value("conform").toObject());
    n.report = NoteReport::fromJson(o.value("report").toObject());
    n.sha256 = o.value("sha256").toString();
    const QJsonObject e = o.value("embedding").toObject();
    n.embeddingNoteSha = e.value("note_sha256").toString();
    n.embeddingModelSha = e.value("model_sha256").toString();
    return n;
}

} // namespace nsynth::app
