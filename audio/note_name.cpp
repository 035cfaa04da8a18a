#include "note_name.h"

#include "error.h"

#include <array>
#include <string_view>

namespace nsynth::audio {
namespace {

constexpr size_t kMaxInstrumentLength = 64;

// NSynth's instrument families and sources (the dataset's index tables, in index order).
constexpr std::array<std::string_view, 11> kFamilies = {
    "bass", "brass", "flute", "guitar", "keyboard", "mallet", "organ", "reed", "string", "synth_lead", "vocal"};
constexpr std::array<std::string_view, 3> kSources = {"acoustic", "electronic", "synthetic"};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isInstrumentChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '-';
}

std::string fileStem(const std::string& pathOrFileName)
{
    const size_t slash = pathOrFileName.find_last_of('/');
    std::string name = slash == std::string::npos ? pathOrFileName : pathOrFileName.substr(slash + 1);
    const size_t dot = name.find_last_of('.');
    if (dot != std::string::npos)
        name.resize(dot);
    return name;
}

// Unsigned decimal digits -> value; -1 if empty or not all digits; values beyond 999999 are
// reported as 1000000 (enough to say "out of range" without overflow).
int parseDigits(std::string_view text)
{
    if (text.empty())
        return -1;
    long value = 0;
    for (char c : text) {
        if (!isDigit(c))
            return -1;
        value = value * 10 + (c - '0');
        if (value > 1'000'000)
            value = 1'000'000;
    }
    return int(value);
}

// Describes the first character that is not allowed in an instrument name.
std::string describeBadCharacter(const std::string& name)
{
    for (char c : name) {
        if (isInstrumentChar(c))
            continue;
        const auto u = static_cast<unsigned char>(c);
        if (c == '_')
            return "an underscore (use - instead)";
        if (c == ' ')
            return "a space";
        if (u >= 0x80)
            return "a non-ASCII character";
        if (u < 0x20 || u == 0x7f)
            return "a control character";
        return std::string("'") + c + "'";
    }
    return {};
}

struct NSynthPrefix {
    std::string_view family, source;
    size_t length = 0; // characters up to and including the underscore after the source
};

// "<family>_<source>_" at the start of the stem, if any.
std::optional<NSynthPrefix> matchNSynthPrefix(const std::string& stem)
{
    for (std::string_view family : kFamilies) {
        if (stem.size() <= family.size() || stem.compare(0, family.size(), family) != 0 || stem[family.size()] != '_')
            continue;
        const size_t sourceStart = family.size() + 1;
        for (std::string_view source : kSources) {
            const size_t end = sourceStart + source.size();
            if (stem.size() > end && stem.compare(sourceStart, source.size(), source) == 0 && stem[end] == '_')
                return NSynthPrefix{family, source, end + 1};
        }
    }
    return std::nullopt;
}

// Parses or explains; exactly one of the two results is set.
struct Analysis {
    std::optional<NoteName> name;
    std::string problem;
};

Analysis analyseNSynth(const std::string& stem, const NSynthPrefix& prefix)
{
    // Tail: NNN-PPP-VVV, exactly 11 characters.
    const std::string tail = stem.substr(prefix.length);
    const bool shapeOk = tail.size() == 11 && tail[3] == '-' && tail[7] == '-' && isDigit(tail[0]) &&
                         isDigit(tail[1]) && isDigit(tail[2]) && isDigit(tail[4]) && isDigit(tail[5]) &&
                         isDigit(tail[6]) && isDigit(tail[8]) && isDigit(tail[9]) && isDigit(tail[10]);
    if (!shapeOk)
        return {std::nullopt, "an NSynth name must end in <instrument>-<pitch>-<velocity> with three digits each "
                              "(e.g. guitar_acoustic_030-102-127), found '" + tail + "'"};
    const int pitch = parseDigits(std::string_view(tail).substr(4, 3));
    const int velocity = parseDigits(std::string_view(tail).substr(8, 3));
    if (pitch > 127)
        return {std::nullopt, "pitch " + std::to_string(pitch) + " is outside MIDI 0..127"};
    if (velocity > 127)
        return {std::nullopt, "velocity " + std::to_string(velocity) + " is outside 0..127"};
    NoteName n;
    n.style = NoteName::Style::NSynth;
    n.family = std::string(prefix.family);
    n.source = std::string(prefix.source);
    n.instrument = stem.substr(0, prefix.length) + tail.substr(0, 3);
    n.pitch = pitch;
    n.velocity = velocity;
    n.safeInstrument = n.instrument;
    for (char& c : n.safeInstrument)
        if (c == '_')
            c = '-';
    return {n, {}};
}

Analysis analyse(const std::string& pathOrFileName)
{
    const std::string stem = fileStem(pathOrFileName);
    if (stem.empty())
        return {std::nullopt, "the file name is empty; expected instrument_pitch.wav"};
    if (const auto prefix = matchNSynthPrefix(stem))
        return analyseNSynth(stem, *prefix);

    const size_t underscore = stem.find_last_of('_');
    if (underscore == std::string::npos)
        return {std::nullopt, "expected instrument_pitch.wav (no underscore between instrument and pitch in '" +
                                  stem + "')"};
    const std::string instrument = stem.substr(0, underscore);
    const std::string pitchText = stem.substr(underscore + 1);

    std::string why;
    if (!isValidInstrumentName(instrument, &why))
        return {std::nullopt, why};
    if (pitchText.empty())
        return {std::nullopt, "the pitch is missing after the underscore; expected instrument_pitch.wav"};
    if (pitchText[0] == '-' || pitchText[0] == '+')
        return {std::nullopt, "pitch '" + pitchText + "' must be a MIDI note number 0..127 without a sign"};
    const int pitch = parseDigits(pitchText);
    if (pitch < 0)
        return {std::nullopt, "pitch '" + pitchText + "' is not a MIDI note number 0..127"};
    if (pitch > 127)
        return {std::nullopt, "pitch " + (pitch >= 1'000'000 ? pitchText : std::to_string(pitch)) +
                                  " is outside MIDI 0..127"};
    NoteName n;
    n.style = NoteName::Style::Workshop;
    n.instrument = instrument;
    n.safeInstrument = instrument;
    n.pitch = pitch;
    return {n, {}};
}

} // namespace

std::optional<NoteName> parseNoteName(const std::string& pathOrFileName)
{
    return analyse(pathOrFileName).name;
}

std::string explainNoteNameProblem(const std::string& pathOrFileName)
{
    return analyse(pathOrFileName).problem;
}

bool isValidInstrumentName(const std::string& name, std::string* why)
{
    std::string problem;
    if (name.empty())
        problem = "the instrument name is empty; expected instrument_pitch.wav";
    else if (name.size() > kMaxInstrumentLength)
        problem = "the instrument name is " + std::to_string(name.size()) + " characters long, at most " +
                  std::to_string(kMaxInstrumentLength) + " are allowed";
    else if (const std::string bad = describeBadCharacter(name); !bad.empty())
        problem = "the instrument name contains " + bad + "; only A-Z, a-z, 0-9 and - are allowed";
    if (why)
        *why = problem;
    return problem.empty();
}

std::string workshopFileName(const std::string& instrument, int pitch)
{
    std::string why;
    if (!isValidInstrumentName(instrument, &why))
        throw Error("instrument '" + instrument + "': " + why);
    if (pitch < 0 || pitch > 127)
        throw Error("pitch " + std::to_string(pitch) + " is outside MIDI 0..127");
    return instrument + "_" + std::to_string(pitch) + ".wav";
}

std::string midiNoteName(int midi)
{
    static constexpr std::array<const char*, 12> kNames = {"C", "C#", "D", "D#", "E", "F",
                                                            "F#", "G", "G#", "A", "A#", "B"};
    const int octave = (midi >= 0 ? midi / 12 : (midi - 11) / 12) - 1;
    const int pc = ((midi % 12) + 12) % 12;
    return std::string(kNames[size_t(pc)]) + std::to_string(octave);
}

} // namespace nsynth::audio
