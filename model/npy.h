#pragma once
// NumPy .npy files for embeddings (architecture.md section 4): written as v1, little-endian
// float32 ('<f4'), C order; read from v1/v2/v3. Embeddings are [frames, channels]; a 3-D
// [1, frames, channels] array (what the Open NSynth Super scripts wrote) is accepted by
// squeezing; every other shape, dtype or Fortran order is rejected naming the file.

#include "weights.h"

#include <string>
#include <vector>

namespace nsynth {

struct NpyArray {
    Shape shape;
    std::vector<float> data;
};

NpyArray readNpy(const std::string& path);
void writeNpy(const std::string& path, const Shape& shape, const float* data);

// An embedding [frames, channels], row-major.
struct Embedding {
    int64_t frames = 0;
    int64_t channels = 0;
    std::vector<float> data;
    const float* frame(int64_t f) const { return data.data() + f * channels; }
};

Embedding readEmbedding(const std::string& path, int64_t channels);
void writeEmbedding(const std::string& path, const Embedding& embedding);

} // namespace nsynth
