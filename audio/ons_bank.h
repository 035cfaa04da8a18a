#pragma once
// Open NSynth Super sound banks and the Pure Data grid of the course (architecture.md section 4,
// ons-pipeline.md section 4).
//
// A bank is one corner combination: headerless little-endian int16, R*R*P rows of L samples, the
// note of cell (yi, xi) at pitch index j in row (yi * R + xi) * P + j (cells row-major, y from the
// top; pitches inner). The device memory-maps it with R, P and L from its settings.json, so the
// file is exactly R*R*P*L*2 bytes. The course's Pd patch reads the same bytes as an int16 array
// shaped [rows, cols, pitches, length] = [R, R, P, L], with its own settings JSON.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace nsynth::audio {

struct OnsBankLayout {
    int resolution = 9;     // R
    int pitches = 16;       // P
    int64_t length = 60000; // L, samples per note

    int64_t rows() const { return int64_t(resolution) * resolution * pitches; }
    int64_t bytes() const { return rows() * length * 2; }
    int64_t row(int yi, int xi, int pitchIndex) const
    {
        return (int64_t(yi) * resolution + xi) * pitches + pitchIndex;
    }
    void validate() const;  // throws Error for non-positive sizes
};

// Returns the final note (layout.length int16 samples) of one cell and pitch index. The pointer
// only needs to stay valid until the next call.
using OnsBankNoteSource = std::function<const int16_t*(int cell, int pitchIndex)>;

// Writes one bank atomically (model/atomic_file.h): the rows in device order, little-endian
// whatever the host. A failed write (full disk, file size limit) throws Error and leaves nothing at
// `path`.
void writeOnsBank(const std::string& path, const OnsBankLayout& layout, const OnsBankNoteSource& note);

// Reads back the note at (yi, xi, pitchIndex) from a bank file, checking its size first.
std::vector<int16_t> readOnsBankNote(const std::string& path, const OnsBankLayout& layout, int yi, int xi,
                                     int pitchIndex);

// One instrument entry of the device's settings.json: `name` is the file-name part, `display` at
// most 8 characters for the screen, `abbr` exactly 2.
struct OnsInstrumentLabel {
    std::string name;
    std::string display;
    std::string abbr;
};

// What the device app needs to play a bank set (app/open-nsynth/bin/data/settings.json).
struct OnsDeviceSettings {
    int resolution = 9;
    std::vector<int> pitches;
    int64_t length = 60000;
    int sampleRate = 16000;
    std::array<std::vector<OnsInstrumentLabel>, 4> corners;  // top-left, top-right, bottom-left, bottom-right
    std::string dataDirectory = "/home/pi/pads";
};

// The device's settings.json: the shipped file's structure (debug, nsynth {dataDirectory,
// resolution, pitches, length, sampleRate}, corners[4].instruments[{name, display, abbr}], audio
// {sampleRate 48000, bufferSize 128}, midi {device, channel}, osc {in {portNumber}}), with the
// grid's values. Labels are checked: display <= 8 and abbr == 2 printable ASCII characters.
std::string onsDeviceSettingsJson(const OnsDeviceSettings& settings);

// The Pd grid's settings JSON: {"nsynth": {"resolution", "length", "sampleRate", "pitches"}} plus
// "corners" (names, top-left first) for people. The patch needs ascending pitches.
std::string pdGridSettingsJson(int resolution, const std::vector<int>& pitches, int64_t length, int sampleRate,
                               const std::array<std::string, 4>& cornerNames);

// Default screen labels: display = the name upper-cased, cut to 8 characters; abbreviations are
// 2 upper-case characters, unique within one corner where the names allow it.
std::string defaultDisplayName(const std::string& name);
std::vector<std::string> defaultAbbreviations(const std::vector<std::string>& names);

} // namespace nsynth::audio
