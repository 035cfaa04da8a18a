#include "tf_fixture.h"

#include "error.h"
#include "random.h"
#include "tensor_layout.h"
#include "crc32c.h"

#include "proto/tensor_bundle.pb.h"

#include <leveldb/env.h>
#include <leveldb/options.h>
#include <leveldb/table_builder.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace nsynth::test {
namespace {

// float -> IEEE half, round to nearest even (the library only needs the other direction).
uint16_t toHalf(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint32_t sign = (x >> 16) & 0x8000u;
    const uint32_t biased = (x >> 23) & 0xffu;
    uint32_t mant = x & 0x7fffffu;
    if (biased == 0xffu)
        return uint16_t(sign | 0x7c00u | (mant ? 0x200u : 0u));
    const int exp = int(biased) - 127 + 15;
    if (exp >= 31)
        return uint16_t(sign | 0x7c00u);
    if (exp <= 0) {  // subnormal half: value = m * 2^-24
        if (exp < -10)
            return uint16_t(sign);
        mant |= 0x800000u;
        const int shift = 14 - exp;
        uint32_t h = mant >> shift;
        const uint32_t rest = mant & ((1u << shift) - 1u), mid = 1u << (shift - 1);
        if (rest > mid || (rest == mid && (h & 1u)))
            ++h;
        return uint16_t(sign | h);
    }
    uint32_t h = (uint32_t(exp) << 10) | (mant >> 13);
    const uint32_t rest = mant & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (h & 1u)))
        ++h;  // a carry into the exponent is the right answer
    return uint16_t(sign | h);
}

uint16_t toBf16(float f)
{
    uint32_t u = std::bit_cast<uint32_t>(f);
    u += 0x7fffu + ((u >> 16) & 1u);
    return uint16_t(u >> 16);
}

template <class U>
void putOrdered(std::vector<unsigned char>& out, U v, bool big)
{
    unsigned char b[sizeof(U)];
    for (size_t i = 0; i < sizeof(U); ++i) {
        const size_t shift = 8 * (big ? sizeof(U) - 1 - i : i);
        b[i] = static_cast<unsigned char>((static_cast<uint64_t>(v) >> shift) & 0xffu);
    }
    out.insert(out.end(), b, b + sizeof(U));
}

void putVarint(std::string& out, uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
}

} // namespace

struct TfCheckpointWriter::Impl {
    std::string prefix;
    TfWriterOptions options;
    std::vector<std::FILE*> files;
    std::vector<uint64_t> sizes;
    std::map<std::string, tfbundle::BundleEntryProto> entries;
    bool finished = false;
};

TfCheckpointWriter::TfCheckpointWriter(std::string prefix, TfWriterOptions options) : m_impl(std::make_unique<Impl>())
{
    m_impl->prefix = std::move(prefix);
    m_impl->options = options;
    for (int i = 0; i < options.shards; ++i) {
        char suffix[64];
        std::snprintf(suffix, sizeof suffix, ".data-%05d-of-%05d", i, options.shards);
        std::FILE* f = std::fopen((m_impl->prefix + suffix).c_str(), "wb");
        if (!f)
            throw Error(m_impl->prefix + suffix + ": cannot create");
        m_impl->files.push_back(f);
        m_impl->sizes.push_back(0);
    }
}

TfCheckpointWriter::~TfCheckpointWriter()
{
    for (std::FILE* f : m_impl->files)
        if (f)
            std::fclose(f);
}

void TfCheckpointWriter::addRaw(const std::string& name, TfDataType dtype, const Shape& shape, const void* bytes,
                                size_t size, int shard, const uint32_t* maskedCrc)
{
    std::FILE* f = m_impl->files.at(size_t(shard));
    if (m_impl->options.gap > 0) {
        const std::vector<unsigned char> filler(size_t(m_impl->options.gap), 0xa5);
        std::fwrite(filler.data(), 1, filler.size(), f);
        m_impl->sizes[size_t(shard)] += m_impl->options.gap;
    }
    tfbundle::BundleEntryProto e;
    e.set_dtype(tfbundle::DataType(int(dtype)));
    for (int64_t d : shape)
        e.mutable_shape()->add_dim()->set_size(d);
    e.set_shard_id(shard);
    e.set_offset(int64_t(m_impl->sizes[size_t(shard)]));
    e.set_size(int64_t(size));
    e.set_crc32c(maskedCrc ? *maskedCrc : maskCrc32c(crc32c(bytes, size)));
    if (size > 0 && std::fwrite(bytes, 1, size, f) != size)
        throw Error(m_impl->prefix + ": cannot write tensor " + name);
    m_impl->sizes[size_t(shard)] += size;
    m_impl->entries[name] = e;
}

void TfCheckpointWriter::addFloats(const std::string& name, const Shape& shape, const std::vector<float>& values,
                                   TfDataType dtype, int shard)
{
    const bool big = m_impl->options.bigEndian;
    std::vector<unsigned char> bytes;
    bytes.reserve(values.size() * 8);
    for (float v : values) {
        switch (dtype) {
        case TfDataType::Float: putOrdered(bytes, std::bit_cast<uint32_t>(v), big); break;
        case TfDataType::Double: putOrdered(bytes, std::bit_cast<uint64_t>(double(v)), big); break;
        case TfDataType::Half: putOrdered(bytes, toHalf(v), big); break;
        case TfDataType::BFloat16: putOrdered(bytes, toBf16(v), big); break;
        case TfDataType::Int32: putOrdered(bytes, uint32_t(int32_t(v)), big); break;
        case TfDataType::Int64: putOrdered(bytes, uint64_t(int64_t(v)), big); break;
        default: throw Error("fixture: addFloats cannot store " + tfDataTypeName(int(dtype)));
        }
    }
    addRaw(name, dtype, shape, bytes.data(), bytes.size(), shard);
}

void TfCheckpointWriter::addInts(const std::string& name, const Shape& shape, const std::vector<int64_t>& values,
                                 TfDataType dtype, int shard)
{
    const bool big = m_impl->options.bigEndian;
    std::vector<unsigned char> bytes;
    for (int64_t v : values) {
        switch (dtype) {
        case TfDataType::Int64: putOrdered(bytes, uint64_t(v), big); break;
        case TfDataType::Int32: putOrdered(bytes, uint32_t(v), big); break;
        case TfDataType::Int16: putOrdered(bytes, uint16_t(v), big); break;
        case TfDataType::UInt16: putOrdered(bytes, uint16_t(v), big); break;
        case TfDataType::Int8: case TfDataType::UInt8: case TfDataType::Bool: bytes.push_back(uint8_t(v)); break;
        default: throw Error("fixture: addInts cannot store " + tfDataTypeName(int(dtype)));
        }
    }
    addRaw(name, dtype, shape, bytes.data(), bytes.size(), shard);
}

void TfCheckpointWriter::addStrings(const std::string& name, const Shape& shape, const std::vector<std::string>& values,
                                    int shard)
{
    const bool big = m_impl->options.bigEndian;
    std::string bytes;
    std::vector<unsigned char> lengthWords;
    for (const auto& v : values) {
        putVarint(bytes, v.size());
        putOrdered(lengthWords, uint32_t(v.size()), big);
    }
    uint32_t crc = crc32c(lengthWords.data(), lengthWords.size());
    std::vector<unsigned char> checksum;
    putOrdered(checksum, maskCrc32c(crc), big);
    crc = crc32c(checksum.data(), 4, crc);
    bytes.append(reinterpret_cast<const char*>(checksum.data()), 4);
    for (const auto& v : values) {
        bytes += v;
        crc = crc32c(v.data(), v.size(), crc);
    }
    const uint32_t masked = maskCrc32c(crc);
    addRaw(name, TfDataType::String, shape, bytes.data(), bytes.size(), shard, &masked);
}

uint64_t TfCheckpointWriter::shardBytes(int shard) const { return m_impl->sizes.at(size_t(shard)); }

void TfCheckpointWriter::finish()
{
    if (m_impl->finished)
        return;
    m_impl->finished = true;
    for (std::FILE*& f : m_impl->files) {
        if (std::fclose(f) != 0)
            throw Error(m_impl->prefix + ": cannot close a data shard");
        f = nullptr;
    }
    leveldb::Env* env = leveldb::Env::Default();
    leveldb::WritableFile* raw = nullptr;
    leveldb::Status s = env->NewWritableFile(m_impl->prefix + ".index", &raw);
    if (!s.ok())
        throw Error(m_impl->prefix + ".index: " + s.ToString());
    std::unique_ptr<leveldb::WritableFile> file(raw);
    leveldb::Options options;
    options.compression = m_impl->options.snappy ? leveldb::kSnappyCompression : leveldb::kNoCompression;
    options.block_size = m_impl->options.blockSize;
    leveldb::TableBuilder builder(options, file.get());
    tfbundle::BundleHeaderProto header;
    header.set_num_shards(m_impl->options.shards);
    header.set_endianness(m_impl->options.bigEndian ? tfbundle::BundleHeaderProto::BIG
                                                    : tfbundle::BundleHeaderProto::LITTLE);
    header.mutable_version()->set_producer(1);
    builder.Add("", header.SerializeAsString());
    for (const auto& [name, entry] : m_impl->entries)
        builder.Add(name, entry.SerializeAsString());
    s = builder.Finish();
    if (s.ok())
        s = file->Close();
    if (!s.ok())
        throw Error(m_impl->prefix + ".index: " + s.ToString());
}

std::vector<float> fixtureValues(uint64_t seed, const std::string& storedName, int64_t count)
{
    SplitMix64 rng(mix64(seed) ^ stableHash64(storedName));
    std::vector<float> v(size_t(std::max<int64_t>(count, 0)));
    for (float& x : v)
        x = rng.uniform(-0.5f, 0.5f);
    return v;
}

int writeNSynthCheckpoint(const std::string& prefix, const ModelConfig& config, uint64_t seed,
                          const NSynthFixtureOptions& options)
{
    struct Stored {
        std::string name;
        Shape shape;
    };
    std::vector<Stored> all;
    const std::string deadRes = "res_" + std::to_string(config.decoder.layers) + "/";
    for (const auto& spec : modelTensorSpecs(config)) {
        if (options.raw)
            all.push_back({spec.name, spec.shape});
        if (options.ema)
            all.push_back({spec.name + "/ExponentialMovingAverage", spec.shape});
        // The last res_N never receives a gradient (its output is never read), so Adam has no
        // slots for it (nsynth-model.md section 4.4).
        if (options.adam && spec.name.rfind(deadRes, 0) != 0) {
            all.push_back({spec.name + "/Adam", spec.shape});
            all.push_back({spec.name + "/Adam_1", spec.shape});
        }
    }
    if (options.trainingState) {
        all.push_back({"beta1_power", {}});
        all.push_back({"beta2_power", {}});
        all.push_back({"global_step", {}});
    }
    std::sort(all.begin(), all.end(), [](const Stored& a, const Stored& b) { return a.name < b.name; });

    TfCheckpointWriter writer(prefix, options.writer);
    int written = 0, next = 0;
    for (const auto& s : all) {
        if (options.omit.count(s.name))
            continue;
        const Shape shape = options.reshape.count(s.name) ? options.reshape.at(s.name) : s.shape;
        const int shard = next++ % options.writer.shards;
        if (s.name == "global_step")
            writer.addInts(s.name, shape, {options.globalStep}, TfDataType::Int32, shard);
        else
            writer.addFloats(s.name, shape, fixtureValues(seed, s.name, shapeElements(shape)),
                             s.shape.empty() ? TfDataType::Float : options.dtype, shard);
        ++written;
    }
    writer.finish();
    return written;
}

void writeOtherModelCheckpoint(const std::string& prefix)
{
    TfCheckpointWriter writer(prefix);
    writer.addFloats("dense/bias", {3}, {0.1f, 0.2f, 0.3f});
    writer.addFloats("dense/bias/Adam", {3}, {0, 0, 0});
    writer.addFloats("dense/kernel", {2, 3}, {1, 2, 3, 4, 5, 6});
    writer.addFloats("dense/kernel/Adam", {2, 3}, {0, 0, 0, 0, 0, 0});
    writer.addInts("global_step", {}, {1234});
    writer.finish();
}

void copyCheckpoint(const std::string& fromPrefix, const std::string& toPrefix)
{
    const fs::path from(fromPrefix);
    const std::string stem = from.filename().string() + ".";
    for (const auto& entry : fs::directory_iterator(from.parent_path())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(stem, 0) == 0)
            fs::copy_file(entry.path(), toPrefix + "." + name.substr(stem.size()),
                          fs::copy_options::overwrite_existing);
    }
}

} // namespace nsynth::test
