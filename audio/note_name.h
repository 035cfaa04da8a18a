#pragma once
// Note file names. Two styles are understood, and nothing else is ever guessed:
//
//   Workshop  <instrument>_<pitch>.wav       e.g. flute_60.wav, old-piano_024.flac
//             instrument = [A-Za-z0-9-]{1,64} (no underscore: it separates the pitch),
//             pitch = MIDI 0..127 as unsigned decimal digits (leading zeros allowed).
//   NSynth    <family>_<source>_<NNN>-<PPP>-<VVV>   e.g. guitar_acoustic_030-102-127.wav
//             family one of NSynth's 11, source acoustic|electronic|synthetic, three 3-digit
//             numbers: instrument index, pitch 0..127, velocity 0..127.
//
// Only the file stem matters: folders and the last extension are dropped first.

#include <optional>
#include <string>

namespace nsynth::audio {

struct NoteName {
    enum class Style { Workshop, NSynth };
    Style style = Style::Workshop;
    std::string instrument;     // workshop: as written; NSynth: "guitar_acoustic_030"
    int pitch = -1;             // MIDI 0..127
    int velocity = -1;          // NSynth only, 0..127
    std::string family, source; // NSynth only: "guitar", "acoustic"
    std::string safeInstrument; // usable as a workshop/ONS instrument name: only [A-Za-z0-9-]
                                // (NSynth: "guitar-acoustic-030")
};

std::optional<NoteName> parseNoteName(const std::string& pathOrFileName);

// One sentence saying why the name does not parse, e.g. "pitch 130 is outside MIDI 0..127";
// an empty string when it does parse.
std::string explainNoteNameProblem(const std::string& pathOrFileName);

// [A-Za-z0-9-], 1..64 characters (so no underscore). `why` receives the reason when false.
bool isValidInstrumentName(const std::string& name, std::string* why = nullptr);

// "flute_60.wav". Throws Error for an invalid instrument name or a pitch outside 0..127, since
// the result would not parse back.
std::string workshopFileName(const std::string& instrument, int pitch);

// "C4" for 60, "A#0" for 22 (MIDI 60 = C4, sharps): for messages.
std::string midiNoteName(int midi);

} // namespace nsynth::audio
