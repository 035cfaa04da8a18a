#pragma once
// Readable names for a sample pack of grid notes (WAV/FLAC, one file per unique note):
//
//   <pitch folder>/<file>   e.g.  "024-C1/brass_78+fatpoly_11+flute_11.wav"
//
// The folder is the MIDI pitch (3 digits, so folders sort by pitch) and its note name; the file
// lists the instruments by falling weight (ties by name) with the weight in percent (one decimal
// where needed: 12.5), "_" between name and weight and "+" between instruments (neither can occur
// in an instrument name). Percent with one decimal is exact for weights in thousandths, so two
// different notes never get the same name.

#include <string>
#include <utility>
#include <vector>

namespace nsynth::audio {

// "024-C1"
std::string onsPackPitchFolder(int pitch);

// weights: (instrument, thousandths) pairs; extension with its dot (".wav").
std::string onsPackFileName(const std::vector<std::pair<std::string, int>>& weights, const std::string& extension);

} // namespace nsynth::audio
