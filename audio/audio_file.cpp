#include "audio_file.h"

#include "atomic_file.h"
#include "error.h"

#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace nsynth::audio {
namespace {

// libsndfile's messages sometimes span lines or end in spaces; ours are one line.
std::string oneLine(std::string text)
{
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

std::string lower(std::string text)
{
    for (char& c : text)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Closes the handle on every path out of a function.
class SndFile {
public:
    SndFile() = default;
    explicit SndFile(SNDFILE* handle) : m_handle(handle) {}
    ~SndFile()
    {
        if (m_handle)
            sf_close(m_handle);
    }
    SndFile(const SndFile&) = delete;
    SndFile& operator=(const SndFile&) = delete;
    SNDFILE* get() const { return m_handle; }
    // Closes now and reports whether libsndfile flushed everything.
    int close()
    {
        const int rc = m_handle ? sf_close(m_handle) : 0;
        m_handle = nullptr;
        return rc;
    }

private:
    SNDFILE* m_handle = nullptr;
};

std::string describeFormat(int format)
{
    std::string container;
    switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV: container = "WAV"; break;
    case SF_FORMAT_WAVEX: container = "WAV (extensible)"; break;
    case SF_FORMAT_RF64: container = "RF64"; break;
    case SF_FORMAT_W64: container = "W64"; break;
    case SF_FORMAT_FLAC: container = "FLAC"; break;
    case SF_FORMAT_OGG: container = "OGG"; break;
    case SF_FORMAT_AIFF: container = "AIFF"; break;
    case SF_FORMAT_CAF: container = "CAF"; break;
    case SF_FORMAT_AU: container = "AU"; break;
    default: {
        SF_FORMAT_INFO info{};
        info.format = format & SF_FORMAT_TYPEMASK;
        container = sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof(info)) == 0 && info.name
                        ? info.name
                        : "audio";
    }
    }
    std::string encoding;
    switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8: encoding = "8-bit"; break;
    case SF_FORMAT_PCM_16: encoding = "16-bit"; break;
    case SF_FORMAT_PCM_24: encoding = "24-bit"; break;
    case SF_FORMAT_PCM_32: encoding = "32-bit"; break;
    case SF_FORMAT_FLOAT: encoding = "32-bit float"; break;
    case SF_FORMAT_DOUBLE: encoding = "64-bit float"; break;
    case SF_FORMAT_VORBIS: encoding = "Vorbis"; break;
    case SF_FORMAT_OPUS: encoding = "Opus"; break;
    case SF_FORMAT_ULAW: encoding = "u-law"; break;
    case SF_FORMAT_ALAW: encoding = "A-law"; break;
    default: {
        SF_FORMAT_INFO info{};
        info.format = format & SF_FORMAT_SUBMASK;
        encoding = sf_command(nullptr, SFC_GET_FORMAT_SUBTYPE, &info, sizeof(info)) == 0 && info.name
                       ? info.name
                       : "";
    }
    }
    return encoding.empty() ? container : container + " " + encoding;
}

// Rounds v to the nearest integer in [lo, hi] (ties to even, as lrint does); sets `clipped` when
// the rounded value lay outside. Checks the range in double first so huge values never reach
// lrint (whose result would be undefined).
inline long quantize(double v, long lo, long hi, bool& clipped)
{
    if (v >= double(hi) + 0.5) {
        clipped = true;
        return hi;
    }
    if (v < double(lo) - 0.5) {
        clipped = true;
        return lo;
    }
    clipped = false;
    return std::clamp(std::lrint(v), lo, hi); // v == lo - 0.5 rounds to even, i.e. to lo
}

// libsndfile quietly shortens a WAV whose data chunk runs past the end of the file (an interrupted
// copy or download) to what is there. A truncated note must be reported, not used, so the RIFF
// chunk list is checked here. Returns an empty string when fine, else the problem. Placeholder
// sizes (0 and 0xFFFFFFFF, left by recorders that stream) are not treated as truncation.
std::string riffTruncation(const std::string& path, uint64_t fileSize)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};
    auto le32 = [](const unsigned char* p) {
        return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    };
    std::string problem;
    unsigned char head[12];
    if (std::fread(head, 1, 12, f) == 12 && std::memcmp(head, "RIFF", 4) == 0 && std::memcmp(head + 8, "WAVE", 4) == 0) {
        uint64_t offset = 12;
        for (int guard = 0; guard < 10000 && offset + 8 <= fileSize; ++guard) {
            unsigned char chunk[8];
            if (std::fseek(f, long(offset), SEEK_SET) != 0 || std::fread(chunk, 1, 8, f) != 8)
                break;
            const uint32_t size = le32(chunk + 4);
            if (std::memcmp(chunk, "data", 4) == 0) {
                const uint64_t available = fileSize - (offset + 8);
                if (size != 0 && size != 0xFFFFFFFFu && size > available)
                    problem = "truncated: the data chunk declares " + std::to_string(size) + " bytes but the file holds only " +
                              std::to_string(available);
                break;
            }
            offset += 8 + uint64_t(size) + (size & 1u); // chunks are padded to even sizes
        }
    }
    std::fclose(f);
    return problem;
}

} // namespace

AudioData readAudio(const std::string& path)
{
    // Check what libsndfile would only report as a generic system error.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw Error(path + ": cannot read audio: " + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        throw Error(path + ": is a folder, expected an audio file");

    SF_INFO info{};
    SndFile file(sf_open(path.c_str(), SFM_READ, &info));
    if (!file.get())
        throw Error(path + ": cannot read audio: " + oneLine(sf_strerror(nullptr)));
    if (info.channels <= 0 || info.samplerate <= 0)
        throw Error(path + ": cannot read audio: invalid header (" + std::to_string(info.channels) +
                    " channels, " + std::to_string(info.samplerate) + " Hz)");

    AudioData audio;
    audio.sampleRate = info.samplerate;
    audio.channels = info.channels;
    audio.formatDescription = describeFormat(info.format);

    // Read until libsndfile stops rather than trusting the header's frame count, then compare
    // the two (below). The reservation is capped so a corrupt header cannot demand gigabytes.
    const sf_count_t chunkFrames = 65536;
    if (info.frames > 0 && info.frames <= (sf_count_t(1) << 27) / info.channels)
        audio.samples.reserve(size_t(info.frames) * size_t(info.channels));
    std::vector<float> chunk(size_t(chunkFrames) * size_t(info.channels));
    for (;;) {
        const sf_count_t got = sf_readf_float(file.get(), chunk.data(), chunkFrames);
        if (got <= 0)
            break;
        audio.samples.insert(audio.samples.end(), chunk.begin(), chunk.begin() + got * info.channels);
    }
    if (sf_error(file.get()) != SF_ERR_NO_ERROR)
        throw Error(path + ": cannot decode audio: " + oneLine(sf_strerror(file.get())));
    const int64_t framesRead = int64_t(audio.samples.size()) / info.channels;
    if (info.frames == 0)
        throw Error(path + ": contains no audio (0 frames)");
    if (framesRead == 0)
        throw Error(path + ": cannot decode any audio (truncated or corrupt file)");
    // FLAC and others know their length from the header; a decoder that stops short means the
    // stream is cut off or damaged (libsndfile itself does not call that an error).
    if (info.frames != SF_COUNT_MAX && framesRead < info.frames)
        throw Error(path + ": truncated or corrupt: the header promises " + std::to_string(info.frames) +
                    " frames but only " + std::to_string(framesRead) + " could be decoded");
    const int type = info.format & SF_FORMAT_TYPEMASK;
    if (type == SF_FORMAT_WAV || type == SF_FORMAT_WAVEX) {
        const std::string problem = riffTruncation(path, uint64_t(st.st_size));
        if (!problem.empty())
            throw Error(path + ": " + problem);
    }

    for (size_t i = 0; i < audio.samples.size(); ++i) {
        if (!std::isfinite(audio.samples[i])) {
            const int64_t frame = int64_t(i) / audio.channels;
            throw Error(path + ": contains " + (std::isnan(audio.samples[i]) ? "NaN" : "infinite") +
                        " samples (first at frame " + std::to_string(frame) + ")");
        }
    }
    return audio;
}

AudioFileFormat parseAudioFileFormat(const std::string& text)
{
    const std::string t = lower(text);
    if (t == "wav")
        return AudioFileFormat::Wav;
    if (t == "flac")
        return AudioFileFormat::Flac;
    throw Error("unknown audio file format '" + text + "': choose wav or flac");
}

SampleEncoding parseSampleEncoding(const std::string& text)
{
    const std::string t = lower(text);
    if (t == "16")
        return SampleEncoding::Pcm16;
    if (t == "24")
        return SampleEncoding::Pcm24;
    if (t == "32f")
        return SampleEncoding::Float32;
    throw Error("unknown bit depth '" + text + "': choose 16, 24 or 32f (32-bit float)");
}

std::string fileExtension(AudioFileFormat format)
{
    return format == AudioFileFormat::Flac ? ".flac" : ".wav";
}

std::string encodingName(SampleEncoding encoding)
{
    switch (encoding) {
    case SampleEncoding::Pcm16: return "16-bit PCM";
    case SampleEncoding::Pcm24: return "24-bit PCM";
    case SampleEncoding::Float32: return "32-bit float";
    }
    return "?";
}

WriteReport writeAudio(const std::string& path, const float* mono, int64_t frames, int sampleRate,
                       const AudioWriteOptions& options)
{
    if (options.format == AudioFileFormat::Flac && options.encoding == SampleEncoding::Float32)
        throw Error(path + ": FLAC cannot store 32-bit float; use --bit-depth 16 or 24");
    if (frames <= 0)
        throw Error(path + ": no audio to write (" + std::to_string(frames) + " frames)");
    if (!mono)
        throw Error(path + ": no audio to write (null buffer)");
    if (sampleRate <= 0 || sampleRate > 1'000'000)
        throw Error(path + ": cannot write audio at " + std::to_string(sampleRate) + " Hz");
    for (int64_t i = 0; i < frames; ++i)
        if (!std::isfinite(mono[i]))
            throw Error(path + ": cannot write audio: sample " + std::to_string(i) + " is " +
                        (std::isnan(mono[i]) ? "NaN" : "infinite"));

    SF_INFO info{};
    info.samplerate = sampleRate;
    info.channels = 1;
    info.format = options.format == AudioFileFormat::Flac ? SF_FORMAT_FLAC : SF_FORMAT_WAV;
    switch (options.encoding) {
    case SampleEncoding::Pcm16: info.format |= SF_FORMAT_PCM_16; break;
    case SampleEncoding::Pcm24: info.format |= SF_FORMAT_PCM_24; break;
    case SampleEncoding::Float32: info.format |= SF_FORMAT_FLOAT; break;
    }
    if (!sf_format_check(&info))
        throw Error(path + ": libsndfile cannot write " + describeFormat(info.format) + " at " +
                    std::to_string(sampleRate) + " Hz");

    WriteReport report;
    AtomicFile out(path);
    SndFile file(sf_open(out.tempPath().c_str(), SFM_WRITE, &info));
    if (!file.get())
        throw Error(path + ": cannot write audio: " + oneLine(sf_strerror(nullptr)));
    // libsndfile adds a PEAK chunk with the time of writing to float WAVs; without it the same
    // samples always give the same bytes (reproducible outputs, bitwise-comparable resumes).
    sf_command(file.get(), SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);

    // Writes in blocks so a 35-s note does not need a second full-size buffer.
    const int64_t block = 65536;
    std::vector<short> i16;
    std::vector<int> i32;
    for (int64_t start = 0; start < frames; start += block) {
        const int64_t count = std::min(block, frames - start);
        const float* x = mono + start;
        sf_count_t written = 0;
        switch (options.encoding) {
        case SampleEncoding::Pcm16:
            i16.resize(size_t(count));
            for (int64_t i = 0; i < count; ++i) {
                bool clipped = false;
                i16[size_t(i)] = short(quantize(double(x[i]) * 32768.0, -32768, 32767, clipped));
                report.clippedSamples += clipped;
            }
            written = sf_write_short(file.get(), i16.data(), count);
            break;
        case SampleEncoding::Pcm24:
            // libsndfile stores the top 24 bits of an int when writing 24-bit data, so the
            // 24-bit value q is passed as q << 8 (exact, no rescaling by libsndfile).
            i32.resize(size_t(count));
            for (int64_t i = 0; i < count; ++i) {
                bool clipped = false;
                const long q = quantize(double(x[i]) * 8388608.0, -8388608, 8388607, clipped);
                report.clippedSamples += clipped;
                i32[size_t(i)] = int(uint32_t(q) << 8);
            }
            written = sf_write_int(file.get(), i32.data(), count);
            break;
        case SampleEncoding::Float32:
            written = sf_write_float(file.get(), x, count);
            break;
        }
        if (written != count)
            throw Error(path + ": cannot write audio: " + oneLine(sf_strerror(file.get())));
    }
    if (file.close() != 0)
        throw Error(path + ": cannot write audio: " + oneLine(sf_strerror(nullptr)));
    out.commit();
    return report;
}

std::vector<float> mixToMono(const AudioData& audio)
{
    if (audio.channels <= 0 || audio.samples.size() % size_t(audio.channels) != 0)
        throw Error("audio data: " + std::to_string(audio.samples.size()) + " samples do not form whole frames of " +
                    std::to_string(audio.channels) + " channels");
    if (audio.channels == 1)
        return audio.samples;
    const size_t frames = audio.samples.size() / size_t(audio.channels);
    const size_t channels = size_t(audio.channels);
    std::vector<float> mono(frames);
    for (size_t f = 0; f < frames; ++f) {
        // double accumulation keeps the mean of many channels exact to float precision.
        double sum = 0;
        for (size_t c = 0; c < channels; ++c)
            sum += audio.samples[f * channels + c];
        mono[f] = float(sum / double(channels));
    }
    return mono;
}

std::vector<float> quantizeTo16Bit(const std::vector<float>& samples, int64_t* clipped)
{
    std::vector<float> out(samples.size());
    int64_t count = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
        const float x = samples[i];
        long q;
        if (std::isnan(x)) {
            q = 0;
            ++count;
        } else if (!std::isfinite(x)) {
            q = x > 0 ? 32767 : -32768;
            ++count;
        } else {
            bool clip = false;
            q = quantize(double(x) * 32768.0, -32768, 32767, clip);
            count += clip;
        }
        out[i] = float(q) / 32768.0f;
    }
    if (clipped)
        *clipped = count;
    return out;
}

} // namespace nsynth::audio
