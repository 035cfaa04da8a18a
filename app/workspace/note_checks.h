#pragma once
// How the engine's conform checks are shown: one badge per check (a short translated label, a
// level that picks its colour, and a translated sentence with the numbers for the tooltip and
// the info panel), plus a pitch badge with the cents between detected and named pitch and an
// "OK" badge for a note with nothing to warn about.

#include "note.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace nsynth::app {

struct Badge {
    enum class Level { Ok, Info, Warning, Error };
    QString code;     // the check code, "pitch" for the cents badge, "ok", "missing"
    QString label;    // short, translated
    QString tooltip;  // one translated sentence
    Level level = Level::Info;
};

// Translated short label of a check code ("clipping" -> "clipping" / "leikkautuu").
QString checkLabel(const QString& code);
// Translated sentence describing the check with the report's numbers.
QString checkDescription(const CheckItem& check, const NoteReport& report);

// Badges for a note, most severe first. `fileMissing`: the note file is gone from notes/.
QList<Badge> noteBadges(const Note& note, bool fileMissing = false);

// "24 (C1)"
QString pitchText(int midi);

} // namespace nsynth::app

Q_DECLARE_METATYPE(nsynth::app::Badge)
Q_DECLARE_METATYPE(QList<nsynth::app::Badge>)
