#pragma once
// Writes TensorFlow V2 checkpoints for the tests, independently of the reader under test: the
// .index is built with leveldb's own TableBuilder (optionally snappy-compressed, small blocks so
// there are several), its values are our tensor_bundle.proto messages, the data shards are
// written tensor by tensor (optionally with gaps and big-endian), crc32c masked as TensorFlow
// stores it. Also the NSynth layout of nsynth-model.md sections 4.3-4.4: every variable raw,
// its ExponentialMovingAverage shadow and Adam's two slots (none for the last res_N, which
// never got a gradient), global_step (int32) and the beta powers, with random values that a
// test can regenerate from (seed, stored name) without keeping them.

#include "config.h"
#include "tf_checkpoint.h"

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace nsynth::test {

struct TfWriterOptions {
    int shards = 1;
    bool snappy = false;        // compress index blocks (leveldb keeps a block raw if it does not shrink)
    bool bigEndian = false;     // header says BIG and numbers are stored big-endian
    uint64_t gap = 0;           // filler bytes written before every tensor
    size_t blockSize = 4096;    // index block size (small = many blocks)
};

class TfCheckpointWriter {
public:
    TfCheckpointWriter(std::string prefix, TfWriterOptions options = {});
    ~TfCheckpointWriter();

    // Appends stored bytes (already in the checkpoint's byte order) to a shard.
    // maskedCrc: the checksum to record (default: maskCrc32c of the bytes, as for numbers).
    void addRaw(const std::string& name, TfDataType dtype, const Shape& shape, const void* bytes, size_t size,
                int shard = 0, const uint32_t* maskedCrc = nullptr);
    // Numbers given in native order; stored as `dtype` (float32, float16, bfloat16, float64,
    // int32, int64) in the checkpoint's byte order.
    void addFloats(const std::string& name, const Shape& shape, const std::vector<float>& values,
                   TfDataType dtype = TfDataType::Float, int shard = 0);
    void addInts(const std::string& name, const Shape& shape, const std::vector<int64_t>& values,
                 TfDataType dtype = TfDataType::Int64, int shard = 0);
    // TensorFlow's string layout: varint64 lengths, a masked crc32c of the lengths, then the
    // bytes of every string. TensorFlow's checksums see each length as a uint32 in memory
    // order, not as the varint, and the entry's crc32c runs over those, the length checksum
    // and the string bytes.
    void addStrings(const std::string& name, const Shape& shape, const std::vector<std::string>& values,
                    int shard = 0);
    // Writes <prefix>.index (keys sorted, header under the empty key) and closes the shards.
    void finish();

    uint64_t shardBytes(int shard) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Deterministic values of a stored tensor (uniform in [-0.5, 0.5)), from (seed, stored name).
std::vector<float> fixtureValues(uint64_t seed, const std::string& storedName, int64_t count);

struct NSynthFixtureOptions {
    bool raw = true;
    bool ema = true;
    bool adam = true;            // <var>/Adam, <var>/Adam_1 (not for the last res_N)
    bool trainingState = true;   // global_step (int32 = globalStep), beta1_power, beta2_power
    int64_t globalStep = 200000;
    TfDataType dtype = TfDataType::Float;  // of every variable and shadow
    std::set<std::string> omit;            // stored names to leave out
    std::map<std::string, Shape> reshape;  // stored name -> wrong shape to write instead
    TfWriterOptions writer;
};

// Writes an NSynth-layout checkpoint of `config` at `prefix`; returns the number of tensors.
int writeNSynthCheckpoint(const std::string& prefix, const ModelConfig& config, uint64_t seed,
                          const NSynthFixtureOptions& options = {});

// A small non-NSynth checkpoint (a dense layer and a step counter), like another model's.
void writeOtherModelCheckpoint(const std::string& prefix);

// Copies every file of a checkpoint to a new prefix (for damaging copies).
void copyCheckpoint(const std::string& fromPrefix, const std::string& toPrefix);

} // namespace nsynth::test
