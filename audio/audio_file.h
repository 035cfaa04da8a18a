#pragma once
// Audio file I/O through libsndfile. Reading accepts anything libsndfile reads (WAV including
// IEEE float and WAVE_FORMAT_EXTENSIBLE, FLAC, OGG Vorbis, AIFF, any rate, depth and channel
// count); writing produces mono WAV or FLAC, atomically (model/atomic_file.h), and never clips
// silently: every clipped sample is counted in the WriteReport for the caller to report.
//
// Sample convention everywhere in audio/: float, full scale = 1.0. Integer files are scaled by
// libsndfile's default normalisation, i.e. an int16 value s reads as s / 32768 and an int24 value
// as s / 8388608, so the largest positive value is slightly below 1.0.

#include <cstdint>
#include <string>
#include <vector>

namespace nsynth::audio {

struct AudioData {
    int sampleRate = 0;          // Hz
    int channels = 0;
    std::vector<float> samples;  // interleaved [frames * channels], full scale = 1.0
    std::string formatDescription; // e.g. "FLAC 24-bit", "WAV 32-bit float", "OGG Vorbis"
    int64_t frames() const { return channels > 0 ? int64_t(samples.size()) / channels : 0; }
};

// Reads the whole file. Throws Error("<path>: <problem>") when the file is missing, a folder,
// unreadable or of an unknown format, holds zero frames ("contains no audio"), is truncated (a
// FLAC/OGG stream that ends before its header's frame count, a WAV data chunk that runs past the
// end of the file) or fails to decode part way, or contains NaN/Inf samples.
AudioData readAudio(const std::string& path);

enum class AudioFileFormat { Wav, Flac };
enum class SampleEncoding { Pcm16, Pcm24, Float32 };

struct AudioWriteOptions {
    AudioFileFormat format = AudioFileFormat::Wav;
    SampleEncoding encoding = SampleEncoding::Pcm16;
};

// "wav" | "flac" (case-insensitive); anything else throws an Error listing the choices.
AudioFileFormat parseAudioFileFormat(const std::string& text);
// "16" | "24" | "32f" (case-insensitive); anything else throws an Error listing the choices.
SampleEncoding parseSampleEncoding(const std::string& text);
// ".wav" / ".flac"
std::string fileExtension(AudioFileFormat format);
// "16-bit PCM", "24-bit PCM", "32-bit float" (for messages and manifests)
std::string encodingName(SampleEncoding encoding);

struct WriteReport {
    // PCM only: samples whose rounded value fell outside the integer range and were clamped
    // (x >= 32767.5/32768 or x < -32768.5/32768 for 16-bit; note that +1.0 itself clips by one
    // step). Always 0 for Float32, which stores any finite value.
    int64_t clippedSamples = 0;
};

// Writes `frames` mono samples at `sampleRate` Hz to `path` via AtomicFile: nothing appears at
// `path` unless the whole file was written. PCM values are quantised by rounding to nearest
// (lrint(x * 2^15) or lrint(x * 2^23), clamped) and handed to libsndfile as integers, so the
// stored values are exactly these. Throws Error("<path>: ...") for 0 frames, a bad rate, NaN/Inf
// samples, FLAC with Float32 ("FLAC cannot store 32-bit float; use --bit-depth 16 or 24") and
// any I/O failure.
WriteReport writeAudio(const std::string& path, const float* mono, int64_t frames, int sampleRate,
                       const AudioWriteOptions& options = {});

// Mean of the channels, [frames]. Throws Error if the data is inconsistent.
std::vector<float> mixToMono(const AudioData& audio);

// The exact values a 16-bit write stores: clamp(lrint(x * 32768), -32768, 32767) / 32768.
// `clipped` (may be null) receives the number of clamped samples; NaN becomes 0 and counts as
// clipped, +-Inf clamps and counts.
std::vector<float> quantizeTo16Bit(const std::vector<float>& samples, int64_t* clipped);

} // namespace nsynth::audio
