#include "note_checks.h"

#include "note_name.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace nsynth::app {

namespace {

// Errors first, then warnings, then the good news, then the purely informative.
int displayRank(Badge::Level level)
{
    switch (level) {
    case Badge::Level::Error:
        return 0;
    case Badge::Level::Warning:
        return 1;
    case Badge::Level::Ok:
        return 2;
    default:
        return 3;
    }
}

Badge::Level levelOf(CheckItem::Severity s)
{
    switch (s) {
    case CheckItem::Severity::Error:
        return Badge::Level::Error;
    case CheckItem::Severity::Warning:
        return Badge::Level::Warning;
    default:
        return Badge::Level::Info;
    }
}

QString signedCents(double cents)
{
    const long c = std::lround(cents);
    return (c > 0 ? QStringLiteral("+") : QString()) + QString::number(c);
}

} // namespace

QString pitchText(int midi)
{
    return QStringLiteral("%1 (%2)").arg(midi).arg(QString::fromStdString(audio::midiNoteName(midi)));
}

QString checkLabel(const QString& code)
{
    if (code == "resampled")
        return QCoreApplication::translate("NoteChecks", "resampled");
    if (code == "mixed_down")
        return QCoreApplication::translate("NoteChecks", "mixed to mono");
    if (code == "trimmed")
        return QCoreApplication::translate("NoteChecks", "trimmed");
    if (code == "cut")
        return QCoreApplication::translate("NoteChecks", "cut to length");
    if (code == "short")
        return QCoreApplication::translate("NoteChecks", "too short");
    if (code == "clipping")
        return QCoreApplication::translate("NoteChecks", "clipping");
    if (code == "output_clipped")
        return QCoreApplication::translate("NoteChecks", "clipped on write");
    if (code == "silent")
        return QCoreApplication::translate("NoteChecks", "silent");
    if (code == "quiet")
        return QCoreApplication::translate("NoteChecks", "quiet");
    if (code == "dc_offset")
        return QCoreApplication::translate("NoteChecks", "DC offset");
    if (code == "normalized")
        return QCoreApplication::translate("NoteChecks", "normalised");
    if (code == "no_pitch")
        return QCoreApplication::translate("NoteChecks", "no clear pitch");
    if (code == "pitch_off")
        return QCoreApplication::translate("NoteChecks", "pitch off");
    if (code == "octave_error")
        return QCoreApplication::translate("NoteChecks", "octave error");
    if (code == "name")
        return QCoreApplication::translate("NoteChecks", "bad name");
    return code;
}

QString checkDescription(const CheckItem& check, const NoteReport& r)
{
    const QString& code = check.code;
    const double ms = 1000.0 / 16000.0;
    if (code == "resampled")
        return QCoreApplication::translate("NoteChecks", "Resampled from %1 Hz to 16000 Hz.").arg(r.sourceRate);
    if (code == "mixed_down")
        return QCoreApplication::translate("NoteChecks", "Mixed down from %1 channels to mono.").arg(r.sourceChannels);
    if (code == "trimmed")
        return QCoreApplication::translate("NoteChecks", "%1 ms before the note's onset were removed.")
            .arg(double(r.trimmedSamples) * ms, 0, 'f', 0);
    if (code == "cut")
        return QCoreApplication::translate("NoteChecks", "The note was %1 s longer than 4 s and was cut with a fade-out.")
            .arg(double(r.cutSamples) / 16000.0, 0, 'f', 2);
    if (code == "short")
        return QCoreApplication::translate("NoteChecks", "The note is shorter than 4 s: %1 ms of silence were added at the end.")
            .arg(double(r.paddedSamples) * ms, 0, 'f', 0);
    if (code == "clipping")
        return QCoreApplication::translate("NoteChecks", "The original is clipped: %1 samples are stuck at full scale.")
            .arg(r.clippedSamples);
    if (code == "output_clipped")
        return QCoreApplication::translate("NoteChecks", "Some samples went past full scale when the note was written and were clipped.");
    if (code == "silent")
        return QCoreApplication::translate("NoteChecks", "The note is silent.");
    if (code == "quiet")
        return QCoreApplication::translate("NoteChecks", "The note is very quiet (peak %1 dBFS).").arg(r.peakDb, 0, 'f', 1);
    if (code == "dc_offset")
        return QCoreApplication::translate("NoteChecks", "The original has a DC offset of %1% of full scale.")
            .arg(std::fabs(r.dcOffset) * 100.0, 0, 'f', 1);
    if (code == "normalized")
        return QCoreApplication::translate("NoteChecks", "The note was normalised to a peak of -1 dBFS.");
    if (code == "no_pitch")
        return QCoreApplication::translate("NoteChecks", "No clear pitch was found, so it cannot be checked against the name.");
    if (code == "pitch_off")
        return QCoreApplication::translate("NoteChecks", "The detected pitch %1 Hz (MIDI %2) is %3 cents from the named pitch.")
            .arg(r.detectedHz, 0, 'f', 1)
            .arg(r.detectedMidi, 0, 'f', 2)
            .arg(signedCents(r.centsFromNamed.value_or(0)));
    if (code == "octave_error")
        return QCoreApplication::translate("NoteChecks", "The detected pitch %1 Hz is a whole number of octaves away from the named pitch (%2 cents).")
            .arg(r.detectedHz, 0, 'f', 1)
            .arg(signedCents(r.centsFromNamed.value_or(0)));
    if (code == "name")
        return QCoreApplication::translate("NoteChecks", "The name does not say the instrument and the pitch.");
    return check.message;
}

QList<Badge> noteBadges(const Note& note, bool fileMissing)
{
    QList<Badge> badges;
    if (fileMissing)
        badges.append({"missing", QCoreApplication::translate("NoteChecks", "file missing"),
                       QCoreApplication::translate("NoteChecks", "The note file %1 is missing from the notes folder.")
                           .arg(note.fileName()),
                       Badge::Level::Error});
    for (const CheckItem& c : note.report.checks)
        badges.append({c.code, checkLabel(c.code), checkDescription(c, note.report), levelOf(c.severity)});
    const NoteReport& r = note.report;
    if (r.centsFromNamed && !r.octaveError) {
        const double cents = *r.centsFromNamed;
        Badge b;
        b.code = "pitch";
        b.label = QCoreApplication::translate("NoteChecks", "%1 ¢").arg(signedCents(cents));
        b.tooltip = QCoreApplication::translate("NoteChecks", "Detected pitch %1 Hz; named pitch %2 Hz (%3 cents).")
                        .arg(r.detectedHz, 0, 'f', 1)
                        .arg(440.0 * std::pow(2.0, (note.pitch - 69) / 12.0), 0, 'f', 1)
                        .arg(signedCents(cents));
        b.level = std::fabs(cents) <= 20.0 ? Badge::Level::Ok
                  : std::fabs(cents) <= 50.0 ? Badge::Level::Info
                                             : Badge::Level::Warning;
        badges.append(b);
    }
    const bool clean = !fileMissing && r.worstSeverity() == CheckItem::Severity::Info;
    if (clean)
        badges.prepend({"ok", QCoreApplication::translate("NoteChecks", "OK"), QCoreApplication::translate("NoteChecks", "The note meets the spec: nothing to warn about."),
                        Badge::Level::Ok});
    std::stable_sort(badges.begin(), badges.end(), [](const Badge& a, const Badge& b) { return displayRank(a.level) < displayRank(b.level); });
    return badges;
}

} // namespace nsynth::app
