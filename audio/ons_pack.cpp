#include "ons_pack.h"

#include "error.h"
#include "note_name.h"

#include <algorithm>
#include <cstdio>

namespace nsynth::audio {

std::string onsPackPitchFolder(int pitch)
{
    if (pitch < 0 || pitch > 127)
        throw Error("sample pack: pitch " + std::to_string(pitch) + " is outside MIDI 0..127");
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%03d", pitch);
    std::string folder = buffer;
    folder += '-';
    folder += midiNoteName(pitch);
    return folder;
}

std::string onsPackFileName(const std::vector<std::pair<std::string, int>>& weights, const std::string& extension)
{
    if (weights.empty())
        throw Error("sample pack: a note needs at least one instrument");
    auto sorted = weights;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::string name;
    for (const auto& [instrument, milli] : sorted) {
        // Instrument names never contain '_' or '+' (note_name.h), so the name parses back.
        if (!name.empty())
            name += '+';
        name += instrument;
        name += '_';
        name += std::to_string(milli / 10);
        if (milli % 10 != 0) {
            name += '.';
            name += char('0' + milli % 10);
        }
    }
    return name + extension;
}

} // namespace nsynth::audio
