#pragma once
// The safetensors container (https://huggingface.co/docs/safetensors): an 8-byte little-endian
// header length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]},
// "__metadata__": {string: string}}, then the tensor bytes. This reader is strict: every
// offset, size and dtype is checked and problems name the file and tensor. F32 is stored as
// is; F16, BF16 and F64 are converted to float32 on load. The writer writes F32 only, in
// name order, header padded with spaces to a multiple of 8 bytes, atomically.

#include "weights.h"

#include <map>
#include <string>

namespace nsynth {

struct SafetensorsContent {
    WeightStore tensors;
    std::map<std::string, std::string> metadata;
};

SafetensorsContent readSafetensors(const std::string& path);
// Only the header (names, dtypes, shapes, metadata); cheap for large files.
struct SafetensorsEntry {
    std::string dtype;
    Shape shape;
};
std::map<std::string, SafetensorsEntry> readSafetensorsIndex(const std::string& path,
                                                             std::map<std::string, std::string>* metadata);

void writeSafetensors(const std::string& path, const WeightStore& tensors,
                      const std::map<std::string, std::string>& metadata);

} // namespace nsynth
