#pragma once
// A grid job's raw generated notes on disk: mono 32-bit float WAV (WAVE_FORMAT_IEEE_FLOAT with
// fmt, fact and data chunks), written atomically. The bytes depend only on the samples and the
// rate: libsndfile adds a PEAK chunk holding the time of writing to float WAVs, which would make
// a note generated twice (a resumed or sharded job) differ from itself on disk, so these files
// are written here and read back with readAudio (audio_file.h) like any WAV.

#include <cstdint>
#include <string>

namespace nsynth::audio {

// Throws Error("<path>: ...") for no samples, NaN/Inf, a bad rate or any write failure; nothing
// appears at `path` unless the whole file was written.
void writeRawNote(const std::string& path, const float* samples, int64_t n, int sampleRate);

// The exact size writeRawNote produces for n samples (header + 4 bytes per sample).
int64_t rawNoteBytes(int64_t n);

} // namespace nsynth::audio
