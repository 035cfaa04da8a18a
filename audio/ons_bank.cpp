#include "ons_bank.h"

#include "atomic_file.h"
#include "error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace nsynth::audio {

void OnsBankLayout::validate() const
{
    if (resolution < 1 || pitches < 1 || length < 1)
        throw Error("bank layout: resolution, pitch count and length must be positive (got " +
                    std::to_string(resolution) + ", " + std::to_string(pitches) + ", " + std::to_string(length) + ")");
}

namespace {

void toLittleEndian(int16_t* data, size_t n)
{
    if constexpr (std::endian::native == std::endian::big)
        for (size_t i = 0; i < n; ++i) {
            const auto u = uint16_t(data[i]);
            data[i] = int16_t(uint16_t((u >> 8) | (u << 8)));
        }
    else
        (void)data, (void)n;
}

} // namespace

void writeOnsBank(const std::string& path, const OnsBankLayout& layout, const OnsBankNoteSource& note)
{
    layout.validate();
    AtomicFile out(path);
    // One cell (P notes, 1.9 MB for the default layout) per write call.
    const size_t cellValues = size_t(layout.pitches) * size_t(layout.length);
    std::vector<int16_t> buffer(cellValues);
    const int cells = layout.resolution * layout.resolution;
    for (int cell = 0; cell < cells; ++cell) {
        for (int j = 0; j < layout.pitches; ++j) {
            const int16_t* samples = note(cell, j);
            if (!samples)
                throw Error(path + ": no note for cell " + std::to_string(cell) + ", pitch index " + std::to_string(j));
            std::copy_n(samples, layout.length, buffer.data() + size_t(j) * size_t(layout.length));
        }
        toLittleEndian(buffer.data(), buffer.size());
        out.write(buffer.data(), buffer.size() * sizeof(int16_t));
    }
    out.commit();
}

std::vector<int16_t> readOnsBankNote(const std::string& path, const OnsBankLayout& layout, int yi, int xi,
                                     int pitchIndex)
{
    layout.validate();
    if (yi < 0 || yi >= layout.resolution || xi < 0 || xi >= layout.resolution || pitchIndex < 0 ||
        pitchIndex >= layout.pitches)
        throw Error(path + ": no cell (" + std::to_string(yi) + ", " + std::to_string(xi) + ") pitch index " +
                    std::to_string(pitchIndex) + " in a " + std::to_string(layout.resolution) + "x" +
                    std::to_string(layout.resolution) + " grid of " + std::to_string(layout.pitches) + " pitches");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(path + ": cannot read: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || int64_t(st.st_size) != layout.bytes()) {
        const int64_t size = int64_t(st.st_size);
        ::close(fd);
        throw Error(path + ": is " + std::to_string(size) + " bytes, a " + std::to_string(layout.resolution) + "x" +
                    std::to_string(layout.resolution) + " bank of " + std::to_string(layout.pitches) + " pitches x " +
                    std::to_string(layout.length) + " samples has " + std::to_string(layout.bytes()));
    }
    std::vector<int16_t> note(static_cast<size_t>(layout.length));
    const off_t offset = off_t(layout.row(yi, xi, pitchIndex) * layout.length * 2);
    const size_t want = note.size() * sizeof(int16_t);
    size_t got = 0;
    while (got < want) {
        const ssize_t r = ::pread(fd, reinterpret_cast<char*>(note.data()) + got, want - got, offset + off_t(got));
        if (r <= 0) {
            const int e = errno;
            ::close(fd);
            throw Error(path + ": cannot read: " + (r == 0 ? std::string("unexpected end of file") : std::strerror(e)));
        }
        got += size_t(r);
    }
    ::close(fd);
    toLittleEndian(note.data(), note.size());  // the same swap converts back
    return note;
}

namespace {

bool printableAscii(const std::string& s)
{
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

} // namespace

std::string onsDeviceSettingsJson(const OnsDeviceSettings& s)
{
    if (s.resolution < 1 || s.pitches.empty() || s.length < 1 || s.sampleRate < 1)
        throw Error("device settings: resolution, pitches, length and sample rate must be set");
    nlohmann::ordered_json corners = nlohmann::ordered_json::array();
    for (int k = 0; k < 4; ++k) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        if (s.corners[size_t(k)].empty())
            throw Error("device settings: corner " + std::to_string(k) + " has no instruments");
        for (const auto& label : s.corners[size_t(k)]) {
            if (label.display.empty() || label.display.size() > 8 || !printableAscii(label.display))
                throw Error("device settings: display name \"" + label.display + "\" of " + label.name +
                            " must be 1..8 printable ASCII characters");
            if (label.abbr.size() != 2 || !printableAscii(label.abbr))
                throw Error("device settings: abbreviation \"" + label.abbr + "\" of " + label.name +
                            " must be exactly 2 printable ASCII characters");
            list.push_back({{"name", label.name}, {"display", label.display}, {"abbr", label.abbr}});
        }
        corners.push_back({{"instruments", list}});
    }
    nlohmann::ordered_json j;
    j["debug"] = false;
    j["nsynth"] = {{"dataDirectory", s.dataDirectory},
                   {"resolution", s.resolution},
                   {"pitches", s.pitches},
                   {"length", s.length},
                   {"sampleRate", s.sampleRate}};
    j["corners"] = corners;
    j["audio"] = {{"sampleRate", 48000}, {"bufferSize", 128}};
    j["midi"] = {{"device", "/dev/ttyAMA0"}, {"channel", 1}};
    j["osc"] = {{"in", {{"portNumber", 8000}}}};
    return j.dump(4) + "\n";
}

std::string pdGridSettingsJson(int resolution, const std::vector<int>& pitches, int64_t length, int sampleRate,
                               const std::array<std::string, 4>& cornerNames)
{
    nlohmann::ordered_json j;
    j["nsynth"] = {{"resolution", resolution}, {"length", length}, {"sampleRate", sampleRate}, {"pitches", pitches}};
    j["corners"] = cornerNames;
    return j.dump(4) + "\n";
}

std::string defaultDisplayName(const std::string& name)
{
    std::string d;
    for (unsigned char c : name) {
        if (d.size() == 8)
            break;
        d += char(std::toupper(c));
    }
    return d.empty() ? "?" : d;
}

std::vector<std::string> defaultAbbreviations(const std::vector<std::string>& names)
{
    std::vector<std::string> out;
    std::set<std::string> used;
    for (const auto& name : names) {
        std::string letters;
        for (unsigned char c : name)
            if (std::isalnum(c))
                letters += char(std::toupper(c));
        if (letters.empty())
            letters = "XX";
        // First letter plus the next letter that makes the pair unique; then first letter plus a
        // digit; the plain first two letters if nothing is free.
        std::string pick;
        for (size_t i = 1; i < letters.size() && pick.empty(); ++i) {
            const std::string candidate{letters[0], letters[i]};
            if (!used.count(candidate))
                pick = candidate;
        }
        for (char d = '1'; d <= '9' && pick.empty(); ++d) {
            const std::string candidate{letters[0], d};
            if (!used.count(candidate))
                pick = candidate;
        }
        if (pick.empty())
            pick = letters.size() >= 2 ? letters.substr(0, 2) : letters + letters;
        used.insert(pick);
        out.push_back(pick);
    }
    return out;
}

} // namespace nsynth::audio
