#pragma once
// Reading TensorFlow V2 checkpoints (the "tensor bundle" format) without TensorFlow: Magenta's
// released wavenet-ckpt/model.ckpt-200000 and any other checkpoint TensorFlow 1 or 2 writes.
//
// A checkpoint with prefix P is
//   P.index                      a leveldb-format table (sorted keys, optionally snappy-
//                                compressed blocks, crc32c per block); the empty key holds a
//                                BundleHeaderProto {num_shards, endianness, version}, every other
//                                key is a tensor name whose value is a BundleEntryProto {dtype,
//                                shape, shard_id, offset, size, masked crc32c}
//   P.data-00000-of-0000N ...    the raw tensor bytes, tensor by tensor (possibly with gaps)
//   P.meta                       the TF1 graph (not needed to read the values)
// and TF1 training folders also hold a text file `checkpoint` naming the latest prefix.
//
// Users pass any of these (magenta issues #1315 and #1568 are people passing the .index or the
// .data file), so every path below resolves to the same checkpoint.

#include "weights.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nsynth {

// TensorFlow's DataType numbers (the ones a checkpoint holds in practice are named).
enum class TfDataType : int {
    Invalid = 0,
    Float = 1,
    Double = 2,
    Int32 = 3,
    UInt8 = 4,
    Int16 = 5,
    Int8 = 6,
    String = 7,
    Complex64 = 8,
    Int64 = 9,
    Bool = 10,
    BFloat16 = 14,
    UInt16 = 17,
    Complex128 = 18,
    Half = 19,
    Resource = 20,
    Variant = 21,
    UInt32 = 22,
    UInt64 = 23,
};

// "float32", "int64", "string", "bfloat16", ...; "dtype 42" for numbers we do not know.
std::string tfDataTypeName(int dtype);
// Bytes per element, or 0 for variable-size (string, variant, resource) and unknown dtypes.
int tfDataTypeSize(int dtype);

struct TfTensorEntry {
    std::string name;
    int dtype = 0;              // TfDataType number
    Shape shape;
    int shard = 0;              // which data file
    uint64_t offset = 0;        // bytes into that file
    uint64_t size = 0;          // bytes
    uint32_t maskedCrc32c = 0;  // as stored: maskCrc32c(crc32c(bytes))
    bool partitioned = false;   // a partitioned variable: its slices live under other keys; not read

    std::string dtypeName() const { return tfDataTypeName(dtype); }
    int64_t elements() const { return shapeElements(shape); }
    // float32, float64, float16, bfloat16 (readFloats) or an integer/bool type (readInts).
    bool isFloat() const;
    bool isInteger() const;
};

// Where a checkpoint's files are. `prefix` is what TensorFlow calls the checkpoint path.
struct TfCheckpointPaths {
    std::string prefix;
    std::string index;  // prefix + ".index"
    std::string meta;   // prefix + ".meta" when that file exists, else empty
};

// True when `path` names a TensorFlow checkpoint in any of the accepted ways: a folder, a file
// called `checkpoint`, a .index / .meta / .data-NNNNN-of-NNNNN file, or a prefix P with a P.index
// beside it (also "P." as shell completion leaves it). Anything else (a .safetensors file, a
// missing file) is false, so callers treat it as a model file.
bool isTfCheckpointPath(const std::string& path);

// Resolves any accepted path to the checkpoint's prefix:
//   folder              its `checkpoint` file's model_checkpoint_path (relative to the folder;
//                       an absolute path from another machine falls back to the same name in
//                       the folder), else the single *.index in it, else variables/variables
//                       (a SavedModel folder);
//   P.index, P.meta, P.data-00000-of-00002, P, "P."  ->  P.
// Throws Error with one line saying what is missing (and "did you mean" candidates).
TfCheckpointPaths resolveTfCheckpoint(const std::string& path);

class TfCheckpoint {
public:
    // Resolves `path`, reads and checks the whole index (block checksums verified), checks that
    // every data shard exists and is long enough for the tensors it holds. Throws Error naming
    // the file and the problem (missing shard, truncated file, not a checkpoint index, ...).
    explicit TfCheckpoint(const std::string& path);
    ~TfCheckpoint();
    TfCheckpoint(TfCheckpoint&&) noexcept;
    TfCheckpoint& operator=(TfCheckpoint&&) noexcept;

    const TfCheckpointPaths& paths() const;
    const std::string& prefix() const { return paths().prefix; }
    int numShards() const;
    const std::vector<std::string>& dataFiles() const;  // shard i at [i]
    bool bigEndian() const;                             // BundleHeaderProto.endianness == BIG
    int formatVersion() const;                          // BundleHeaderProto.version.producer

    // Every tensor, sorted by name (slice keys of partitioned variables are not listed).
    const std::vector<TfTensorEntry>& entries() const;
    const TfTensorEntry* find(std::string_view name) const;  // nullptr when absent

    // Reads a tensor and checks its crc32c. Float and integer dtypes are converted to float32
    // (byte-swapped first when the checkpoint is big-endian); other dtypes throw. `out` holds
    // entry.elements() values.
    void readFloats(const TfTensorEntry& entry, float* out) const;
    std::vector<float> readFloats(const TfTensorEntry& entry) const;
    // Integer and bool tensors as int64.
    std::vector<int64_t> readInts(const TfTensorEntry& entry) const;
    // The elements of a string tensor (checksums verified).
    std::vector<std::string> readStrings(const TfTensorEntry& entry) const;
    // The stored bytes of any tensor (strings included), crc32c checked.
    std::vector<unsigned char> readBytes(const TfTensorEntry& entry) const;
    // Checks the crc32c of a tensor without keeping its bytes.
    void verify(const TfTensorEntry& entry) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace nsynth
