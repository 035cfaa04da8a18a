#include "ons_raw_notes.h"

#include "atomic_file.h"
#include "error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace nsynth::audio {

namespace {

constexpr int64_t kHeaderBytes = 12 + (8 + 16) + (8 + 4) + 8;  // RIFF, fmt, fact, data header

void put16(std::vector<uint8_t>& b, uint32_t v)
{
    b.push_back(uint8_t(v));
    b.push_back(uint8_t(v >> 8));
}

void put32(std::vector<uint8_t>& b, uint32_t v)
{
    put16(b, v & 0xffff);
    put16(b, v >> 16);
}

void putTag(std::vector<uint8_t>& b, const char* tag)
{
    b.insert(b.end(), tag, tag + 4);
}

} // namespace

int64_t rawNoteBytes(int64_t n) { return kHeaderBytes + 4 * n; }

void writeRawNote(const std::string& path, const float* samples, int64_t n, int sampleRate)
{
    if (n <= 0 || !samples)
        throw Error(path + ": no audio to write");
    if (sampleRate <= 0 || sampleRate > 1'000'000)
        throw Error(path + ": cannot write audio at " + std::to_string(sampleRate) + " Hz");
    if (rawNoteBytes(n) - 8 > int64_t(UINT32_MAX))
        throw Error(path + ": " + std::to_string(n) + " samples do not fit in a WAV file");
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(samples[i]))
            throw Error(path + ": cannot write audio: sample " + std::to_string(i) + " is not finite");

    std::vector<uint8_t> header;
    header.reserve(size_t(kHeaderBytes));
    putTag(header, "RIFF");
    put32(header, uint32_t(rawNoteBytes(n) - 8));
    putTag(header, "WAVE");
    putTag(header, "fmt ");
    put32(header, 16);
    put16(header, 3);  // WAVE_FORMAT_IEEE_FLOAT
    put16(header, 1);  // mono
    put32(header, uint32_t(sampleRate));
    put32(header, uint32_t(sampleRate) * 4);  // bytes per second
    put16(header, 4);                         // block align
    put16(header, 32);                        // bits per sample
    putTag(header, "fact");
    put32(header, 4);
    put32(header, uint32_t(n));
    putTag(header, "data");
    put32(header, uint32_t(4 * n));

    AtomicFile out(path);
    out.write(header.data(), header.size());
    // Little-endian IEEE 754 binary32, in blocks.
    std::vector<uint8_t> block;
    const int64_t chunk = 16384;
    for (int64_t start = 0; start < n; start += chunk) {
        const int64_t count = std::min(chunk, n - start);
        block.resize(size_t(count) * 4);
        for (int64_t i = 0; i < count; ++i) {
            uint32_t bits = 0;
            std::memcpy(&bits, samples + start + i, 4);
            block[size_t(i) * 4 + 0] = uint8_t(bits);
            block[size_t(i) * 4 + 1] = uint8_t(bits >> 8);
            block[size_t(i) * 4 + 2] = uint8_t(bits >> 16);
            block[size_t(i) * 4 + 3] = uint8_t(bits >> 24);
        }
        out.write(block.data(), block.size());
    }
    out.commit();
}

} // namespace nsynth::audio
