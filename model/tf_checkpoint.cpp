#include "tf_checkpoint.h"

#include "error.h"
#include "text.h"
#include "half_float.h"
#include "crc32c.h"

#include "proto/tensor_bundle.pb.h"

#include <leveldb/env.h>
#include <leveldb/iterator.h>
#include <leveldb/options.h>
#include <leveldb/table.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace nsynth {
namespace {

// The tensor bundle format version this reader implements (TensorFlow's kTensorBundleVersion).
constexpr int kBundleVersion = 1;
// Any dimension or element count beyond this is a damaged index, not a real tensor.
constexpr int64_t kMaxElements = int64_t(1) << 48;

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool allDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "P.data-00000-of-00002" -> length of "P", or npos when the name is not a data shard's.
size_t dataSuffixStart(std::string_view path)
{
    const size_t dot = path.rfind(".data-");
    if (dot == std::string_view::npos)
        return std::string_view::npos;
    const std::string_view rest = path.substr(dot + 6);
    const size_t of = rest.find("-of-");
    if (of == std::string_view::npos || !allDigits(rest.substr(0, of)) || !allDigits(rest.substr(of + 4)))
        return std::string_view::npos;
    return dot;
}

std::string shardFileName(const std::string& prefix, int shard, int shards)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, ".data-%05d-of-%05d", shard, shards);
    return prefix + buf;
}

bool isRegularFile(const std::string& path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

bool isDirectory(const std::string& path)
{
    std::error_code ec;
    return fs::is_directory(path, ec);
}

std::string joinPath(const std::string& dir, const std::string& name)
{
    if (dir.empty() || dir == ".")
        return name;
    return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string parentOf(const std::string& path)
{
    const std::string parent = fs::path(path).parent_path().string();
    return parent.empty() ? std::string(".") : parent;
}

// The value of `model_checkpoint_path: "..."` in a TF1 `checkpoint` state file (a text-format
// CheckpointState proto), with the text format's backslash escapes undone; empty if absent.
std::string checkpointStatePath(const std::string& file)
{
    std::ifstream in(file);
    if (!in)
        throw Error(file + ": cannot read: " + std::strerror(errno));
    std::string line;
    while (std::getline(in, line)) {
        const size_t key = line.find("model_checkpoint_path");
        if (key == std::string::npos || line.find("all_model_checkpoint_paths") != std::string::npos)
            continue;
        const size_t open = line.find('"', key);
        if (open == std::string::npos)
            continue;
        std::string value;
        for (size_t i = open + 1; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                value.push_back(line[++i]);
            } else if (line[i] == '"') {
                return value;
            } else {
                value.push_back(line[i]);
            }
        }
    }
    return {};
}

// Prefixes in `dir` (P for every P.index) whose file name starts with `stem`.
std::vector<std::string> prefixesStartingWith(const std::string& dir, const std::string& stem)
{
    std::vector<std::string> found;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (endsWith(name, ".index") && name.compare(0, stem.size(), stem) == 0)
            found.push_back(joinPath(dir, name.substr(0, name.size() - 6)));
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::string resolveFolder(const std::string& dir)
{
    const std::string stateFile = joinPath(dir, "checkpoint");
    if (isRegularFile(stateFile)) {
        const std::string named = checkpointStatePath(stateFile);
        if (named.empty())
            throw Error(stateFile + ": names no model_checkpoint_path");
        // Relative paths are relative to the folder; an absolute path written on the training
        // machine usually does not exist here, but the same name beside the state file does.
        std::string prefix = fs::path(named).is_absolute() ? named : joinPath(dir, named);
        if (isRegularFile(prefix + ".index"))
            return prefix;
        const std::string local = joinPath(dir, fs::path(named).filename().string());
        if (isRegularFile(local + ".index"))
            return local;
        throw Error(stateFile + ": names checkpoint \"" + named + "\", but " + prefix +
                    ".index does not exist");
    }
    const auto prefixes = prefixesStartingWith(dir, "");
    if (prefixes.size() == 1)
        return prefixes[0];
    if (prefixes.size() > 1)
        throw Error(dir + ": holds " + std::to_string(prefixes.size()) + " checkpoints (" + joinLimited(prefixes, 6) +
                    ") and no `checkpoint` file naming one; pass one of them");
    const std::string savedModel = joinPath(dir, "variables/variables");
    if (isRegularFile(savedModel + ".index"))
        return savedModel;
    throw Error(dir + ": no TensorFlow checkpoint in this folder (no `checkpoint` file, no .index file)");
}

std::string describeStatus(const leveldb::Status& s) { return s.ToString(); }

template <class U>
U loadSwapped(const unsigned char* p, bool swap)
{
    U v;
    std::memcpy(&v, p, sizeof(U));
    if (swap) {
        if constexpr (sizeof(U) == 2)
            v = U(__builtin_bswap16(v));
        else if constexpr (sizeof(U) == 4)
            v = U(__builtin_bswap32(v));
        else if constexpr (sizeof(U) == 8)
            v = U(__builtin_bswap64(v));
    }
    return v;
}

} // namespace

std::string tfDataTypeName(int dtype)
{
    switch (dtype) {
    case 0: return "invalid";
    case 1: return "float32";
    case 2: return "float64";
    case 3: return "int32";
    case 4: return "uint8";
    case 5: return "int16";
    case 6: return "int8";
    case 7: return "string";
    case 8: return "complex64";
    case 9: return "int64";
    case 10: return "bool";
    case 11: return "qint8";
    case 12: return "quint8";
    case 13: return "qint32";
    case 14: return "bfloat16";
    case 15: return "qint16";
    case 16: return "quint16";
    case 17: return "uint16";
    case 18: return "complex128";
    case 19: return "float16";
    case 20: return "resource";
    case 21: return "variant";
    case 22: return "uint32";
    case 23: return "uint64";
    default: return dtype > 100 && dtype < 200 ? tfDataTypeName(dtype - 100) + "_ref" : "dtype " + std::to_string(dtype);
    }
}

int tfDataTypeSize(int dtype)
{
    switch (dtype) {
    case 1: case 3: case 13: case 22: return 4;
    case 2: case 8: case 9: case 23: return 8;
    case 4: case 6: case 10: case 11: case 12: return 1;
    case 5: case 14: case 15: case 16: case 17: case 19: return 2;
    case 18: return 16;
    default: return 0;
    }
}

bool TfTensorEntry::isFloat() const
{
    const auto t = TfDataType(dtype);
    return t == TfDataType::Float || t == TfDataType::Double || t == TfDataType::Half || t == TfDataType::BFloat16;
}

bool TfTensorEntry::isInteger() const
{
    switch (TfDataType(dtype)) {
    case TfDataType::Int32: case TfDataType::Int64: case TfDataType::Int16: case TfDataType::Int8:
    case TfDataType::UInt8: case TfDataType::UInt16: case TfDataType::UInt32: case TfDataType::UInt64:
    case TfDataType::Bool:
        return true;
    default:
        return false;
    }
}

bool isTfCheckpointPath(const std::string& path)
{
    if (path.empty())
        return false;
    if (isDirectory(path))
        return true;
    const std::string name = fs::path(path).filename().string();
    if (isRegularFile(path)) {
        return name == "checkpoint" || endsWith(name, ".index") || endsWith(name, ".meta") ||
               dataSuffixStart(path) != std::string::npos || isRegularFile(path + ".index");
    }
    if (isRegularFile(path + ".index"))
        return true;
    if (endsWith(path, ".") && isRegularFile(path.substr(0, path.size() - 1) + ".index"))
        return true;
    // "model.ckpt" when the files are model.ckpt-200000.*: resolve and suggest.
    return !name.empty() && !prefixesStartingWith(parentOf(path), name).empty();
}

TfCheckpointPaths resolveTfCheckpoint(const std::string& path)
{
    if (path.empty())
        throw Error("empty checkpoint path");
    std::string prefix;
    const std::string name = fs::path(path).filename().string();
    if (isDirectory(path)) {
        prefix = resolveFolder(path);
    } else if (isRegularFile(path) && name == "checkpoint") {
        prefix = resolveFolder(parentOf(path));
    } else if (isRegularFile(path + ".index")) {
        prefix = path;
    } else if (endsWith(path, ".index")) {
        prefix = path.substr(0, path.size() - 6);
    } else if (endsWith(path, ".meta")) {
        prefix = path.substr(0, path.size() - 5);
    } else if (const size_t d = dataSuffixStart(path); d != std::string::npos) {
        prefix = path.substr(0, d);
    } else if (endsWith(path, ".") && isRegularFile(path.substr(0, path.size() - 1) + ".index")) {
        prefix = path.substr(0, path.size() - 1);
    } else if (isRegularFile(path)) {
        throw Error(path + ": not a TensorFlow checkpoint (a V2 checkpoint is a prefix P with P.index and "
                           "P.data-* files; V1 single-file checkpoints are not supported)");
    } else {
        const auto candidates = name.empty() ? std::vector<std::string>{}
                                             : prefixesStartingWith(parentOf(path), name);
        std::string msg = path + ": no such file or TensorFlow checkpoint (no " + path + ".index)";
        if (!candidates.empty())
            msg += "; did you mean " + joinLimited(candidates, 4) + "?";
        throw Error(msg);
    }

    TfCheckpointPaths p;
    p.prefix = prefix;
    p.index = prefix + ".index";
    if (!isRegularFile(p.index)) {
        if (isRegularFile(prefix))
            throw Error(prefix + ": a TensorFlow V1 checkpoint (one file, no .index) is not supported; "
                                 "re-save it in the V2 format");
        throw Error(p.index + " is missing: a TensorFlow checkpoint needs its .index file beside its .data files");
    }
    if (isRegularFile(prefix + ".meta"))
        p.meta = prefix + ".meta";
    return p;
}

struct TfCheckpoint::Impl {
    TfCheckpointPaths paths;
    int numShards = 1;
    bool bigEndian = false;
    int version = 0;
    std::vector<std::string> dataFiles;
    std::vector<int> fds;
    std::vector<uint64_t> fileSizes;
    std::vector<TfTensorEntry> entries;

    ~Impl()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }

    void readIndex();
    void openShards();
    // Reads the entry's bytes into out[entry.size] and checks the crc32c.
    void readChecked(const TfTensorEntry& e, void* out) const;
    // Parses a string tensor's stored bytes; returns the crc32c TensorFlow computed for them.
    uint32_t checkStrings(const TfTensorEntry& e, const unsigned char* p, std::vector<std::string>* strings) const;
};

void TfCheckpoint::Impl::readIndex()
{
    const std::string& index = paths.index;
    leveldb::Env* env = leveldb::Env::Default();
    uint64_t fileSize = 0;
    leveldb::Status s = env->GetFileSize(index, &fileSize);
    if (!s.ok())
        throw Error(index + ": cannot read (" + describeStatus(s) + ")");
    leveldb::RandomAccessFile* rawFile = nullptr;
    s = env->NewRandomAccessFile(index, &rawFile);
    if (!s.ok())
        throw Error(index + ": cannot open (" + describeStatus(s) + ")");
    std::unique_ptr<leveldb::RandomAccessFile> file(rawFile);

    leveldb::Options options;
    options.paranoid_checks = true;  // verify the index and meta blocks' crc32c on open
    leveldb::Table* rawTable = nullptr;
    s = leveldb::Table::Open(options, file.get(), fileSize, &rawTable);
    if (!s.ok())
        throw Error(index + ": not a TensorFlow checkpoint index, or a damaged or truncated one (" +
                    describeStatus(s) + ")");
    std::unique_ptr<leveldb::Table> table(rawTable);

    leveldb::ReadOptions read;
    read.verify_checksums = true;
    read.fill_cache = false;
    std::unique_ptr<leveldb::Iterator> it(table->NewIterator(read));
    bool haveHeader = false;
    std::vector<std::pair<std::string, tfbundle::BundleEntryProto>> protos;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const leveldb::Slice key = it->key(), value = it->value();
        // The header's empty key sorts first; a table without it is some other leveldb file.
        if (!haveHeader && !key.empty())
            break;
        if (key.empty()) {
            tfbundle::BundleHeaderProto header;
            if (!header.ParseFromArray(value.data(), int(value.size())))
                throw Error(index + ": damaged checkpoint header (not a BundleHeaderProto)");
            numShards = header.num_shards();
            if (numShards < 1 || numShards > 1000000)
                throw Error(index + ": damaged checkpoint header (" + std::to_string(numShards) + " shards)");
            if (header.endianness() != tfbundle::BundleHeaderProto::LITTLE &&
                header.endianness() != tfbundle::BundleHeaderProto::BIG)
                throw Error(index + ": damaged checkpoint header (endianness " +
                            std::to_string(int(header.endianness())) + ")");
            bigEndian = header.endianness() == tfbundle::BundleHeaderProto::BIG;
            version = header.version().producer();
            if (header.version().min_consumer() > kBundleVersion)
                throw Error(index + ": written in tensor bundle format version " +
                            std::to_string(header.version().producer()) + ", which needs a reader of version " +
                            std::to_string(header.version().min_consumer()) + " or newer (this one reads version " +
                            std::to_string(kBundleVersion) + ")");
            for (int bad : header.version().bad_consumers())
                if (bad == kBundleVersion)
                    throw Error(index + ": its writer marks tensor bundle readers of version " +
                                std::to_string(kBundleVersion) + " as unable to read it");
            haveHeader = true;
            continue;
        }
        // Keys of the slices of partitioned variables are binary-encoded and start with a zero
        // byte; the variable itself is listed under its plain name.
        if (key[0] == '\0')
            continue;
        tfbundle::BundleEntryProto entry;
        if (!entry.ParseFromArray(value.data(), int(value.size())))
            throw Error(index + ": damaged entry for tensor " + key.ToString() + " (not a BundleEntryProto)");
        protos.emplace_back(key.ToString(), std::move(entry));
    }
    if (!it->status().ok())
        throw Error(index + ": damaged checkpoint index (" + describeStatus(it->status()) + ")");
    if (!haveHeader)
        throw Error(index + ": not a TensorFlow checkpoint index (a leveldb table without a bundle header)");

    entries.reserve(protos.size());
    for (auto& [name, p] : protos) {
        TfTensorEntry e;
        e.name = name;
        e.dtype = int(p.dtype());
        const std::string where = index + ": tensor " + name;
        if (p.shape().unknown_rank())
            throw Error(where + " has no shape (unknown rank)");
        int64_t count = 1;
        for (const auto& d : p.shape().dim()) {
            if (d.size() < 0 || d.size() > kMaxElements)
                throw Error(where + " has an invalid dimension " + std::to_string(d.size()));
            e.shape.push_back(d.size());
            count = d.size() == 0 ? 0 : (count > kMaxElements / d.size() ? kMaxElements + 1 : count * d.size());
        }
        if (count > kMaxElements)
            throw Error(where + " has an impossible shape " + shapeToString(e.shape));
        if (p.shard_id() < 0 || p.shard_id() >= numShards)
            throw Error(where + " is in shard " + std::to_string(p.shard_id()) + ", but the checkpoint has " +
                        std::to_string(numShards));
        if (p.offset() < 0 || p.size() < 0 || p.offset() > (int64_t(1) << 56) || p.size() > (int64_t(1) << 56))
            throw Error(where + " has an invalid offset or size");
        e.shard = p.shard_id();
        e.offset = uint64_t(p.offset());
        e.size = uint64_t(p.size());
        e.maskedCrc32c = p.crc32c();
        e.partitioned = p.slices_size() > 0;
        const int elementSize = tfDataTypeSize(e.dtype);
        if (!e.partitioned && elementSize > 0 && e.size != uint64_t(count) * uint64_t(elementSize))
            throw Error(where + " records " + std::to_string(e.size) + " bytes, but " + shapeToString(e.shape) + " " +
                        e.dtypeName() + " needs " + std::to_string(uint64_t(count) * uint64_t(elementSize)));
        entries.push_back(std::move(e));
    }
    // The table is sorted bytewise already; keep that order explicit for find().
    std::sort(entries.begin(), entries.end(),
              [](const TfTensorEntry& a, const TfTensorEntry& b) { return a.name < b.name; });
}

void TfCheckpoint::Impl::openShards()
{
    std::vector<std::string> missing;
    for (int i = 0; i < numShards; ++i) {
        dataFiles.push_back(shardFileName(paths.prefix, i, numShards));
        if (!isRegularFile(dataFiles.back()))
            missing.push_back(dataFiles.back());
    }
    if (!missing.empty()) {
        std::string msg = joinLimited(missing, 4) + (missing.size() == 1 ? " is" : " are") + " missing (the checkpoint " +
                          paths.prefix + " has " + std::to_string(numShards) + " data shard" +
                          (numShards == 1 ? "" : "s") + "; copy every " + fs::path(paths.prefix).filename().string() +
                          ".data-* file)";
        throw Error(msg);
    }
    for (const auto& f : dataFiles) {
        const int fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            throw Error(f + ": cannot open: " + std::strerror(errno));
        fds.push_back(fd);
        struct stat st {};
        if (::fstat(fd, &st) != 0)
            throw Error(f + ": cannot read: " + std::strerror(errno));
        fileSizes.push_back(uint64_t(st.st_size));
    }
    // A truncated copy (an interrupted download) is found here, before anything is read.
    for (const auto& e : entries) {
        if (e.partitioned || e.size == 0)
            continue;
        const uint64_t have = fileSizes[size_t(e.shard)];
        if (e.offset + e.size > have)
            throw Error(dataFiles[size_t(e.shard)] + " is truncated: it has " + std::to_string(have) +
                        " bytes, but tensor " + e.name + " lies at bytes " + std::to_string(e.offset) + ".." +
                        std::to_string(e.offset + e.size));
    }
}

uint32_t TfCheckpoint::Impl::checkStrings(const TfTensorEntry& e, const unsigned char* p,
                                          std::vector<std::string>* strings) const
{
    // Stored: a varint64 length per element, the masked crc32c of the lengths, then the bytes.
    // TensorFlow's checksums see each length as a uint32 (a uint64 beyond 4 GiB) in the writer's
    // byte order, not as the varint, so the entry's crc32c is recomputed that way.
    const std::string where = dataFiles[size_t(e.shard)] + ": tensor " + e.name;
    const bool swap = bigEndian != (std::endian::native == std::endian::big);
    const uint64_t n = uint64_t(e.elements());
    uint64_t pos = 0, total = 0;
    uint32_t crc = 0;
    std::vector<uint64_t> lengths;
    lengths.reserve(size_t(std::min<uint64_t>(n, e.size)));
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            if (pos >= e.size || shift > 63)
                throw Error(where + " is damaged: bad string lengths");
            const unsigned char c = p[pos++];
            v |= uint64_t(c & 0x7fu) << shift;
            if (c < 0x80)
                break;
        }
        if (v <= 0xffffffffu) {
            uint32_t w = swap ? __builtin_bswap32(uint32_t(v)) : uint32_t(v);
            crc = crc32c(&w, 4, crc);
        } else {
            uint64_t w = swap ? __builtin_bswap64(v) : v;
            crc = crc32c(&w, 8, crc);
        }
        lengths.push_back(v);
        total += v;
    }
    if (pos + 4 > e.size)
        throw Error(where + " is damaged: bad string lengths");
    const uint32_t lengthCrc = loadSwapped<uint32_t>(p + pos, swap);
    if (lengthCrc != maskCrc32c(crc))
        throw Error(where + " is damaged: its string lengths fail the checksum");
    crc = crc32c(p + pos, 4, crc);
    pos += 4;
    if (total != e.size - pos)
        throw Error(where + " is damaged: string lengths do not add up to its size");
    crc = crc32c(p + pos, size_t(e.size - pos), crc);
    if (strings) {
        strings->clear();
        for (uint64_t len : lengths) {
            strings->emplace_back(reinterpret_cast<const char*>(p + pos), size_t(len));
            pos += len;
        }
    }
    return crc;
}

void TfCheckpoint::Impl::readChecked(const TfTensorEntry& e, void* out) const
{
    if (e.partitioned)
        throw Error(paths.prefix + ": tensor " + e.name +
                    " is a partitioned variable (stored in slices), which this reader does not support");
    const std::string& file = dataFiles[size_t(e.shard)];
    auto* p = static_cast<unsigned char*>(out);
    uint64_t done = 0;
    while (done < e.size) {
        const size_t chunk = size_t(std::min<uint64_t>(e.size - done, uint64_t(1) << 30));
        const ssize_t n = ::pread(fds[size_t(e.shard)], p + done, chunk, off_t(e.offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(file + ": cannot read tensor " + e.name + ": " + std::strerror(errno));
        if (n == 0)
            throw Error(file + " is truncated: it ends inside tensor " + e.name);
        done += uint64_t(n);
    }
    // Strings are checksummed the way TensorFlow writes them, not as stored (see checkStrings).
    const uint32_t crc = TfDataType(e.dtype) == TfDataType::String ? checkStrings(e, p, nullptr)
                                                                   : crc32c(p, size_t(e.size));
    if (maskCrc32c(crc) != e.maskedCrc32c) {
        char buf[96];
        std::snprintf(buf, sizeof buf, " (crc32c 0x%08x, the index says 0x%08x)", crc, unmaskCrc32c(e.maskedCrc32c));
        throw Error(file + ": tensor " + e.name + " is damaged: its bytes fail the checksum" + buf);
    }
}

TfCheckpoint::TfCheckpoint(const std::string& path) : m_impl(std::make_unique<Impl>())
{
    m_impl->paths = resolveTfCheckpoint(path);
    m_impl->readIndex();
    m_impl->openShards();
}

TfCheckpoint::~TfCheckpoint() = default;
TfCheckpoint::TfCheckpoint(TfCheckpoint&&) noexcept = default;
TfCheckpoint& TfCheckpoint::operator=(TfCheckpoint&&) noexcept = default;

const TfCheckpointPaths& TfCheckpoint::paths() const { return m_impl->paths; }
int TfCheckpoint::numShards() const { return m_impl->numShards; }
const std::vector<std::string>& TfCheckpoint::dataFiles() const { return m_impl->dataFiles; }
bool TfCheckpoint::bigEndian() const { return m_impl->bigEndian; }
int TfCheckpoint::formatVersion() const { return m_impl->version; }
const std::vector<TfTensorEntry>& TfCheckpoint::entries() const { return m_impl->entries; }

const TfTensorEntry* TfCheckpoint::find(std::string_view name) const
{
    const auto& v = m_impl->entries;
    auto it = std::lower_bound(v.begin(), v.end(), name,
                               [](const TfTensorEntry& e, std::string_view n) { return e.name < n; });
    return it != v.end() && it->name == name ? &*it : nullptr;
}

std::vector<unsigned char> TfCheckpoint::readBytes(const TfTensorEntry& entry) const
{
    std::vector<unsigned char> bytes(size_t(entry.size));
    m_impl->readChecked(entry, bytes.data());
    return bytes;
}

void TfCheckpoint::verify(const TfTensorEntry& entry) const { (void)readBytes(entry); }

std::vector<std::string> TfCheckpoint::readStrings(const TfTensorEntry& entry) const
{
    if (TfDataType(entry.dtype) != TfDataType::String)
        throw Error(m_impl->paths.prefix + ": tensor " + entry.name + " is " + entry.dtypeName() + ", not a string tensor");
    const auto bytes = readBytes(entry);
    std::vector<std::string> strings;
    m_impl->checkStrings(entry, bytes.data(), &strings);
    return strings;
}

void TfCheckpoint::readFloats(const TfTensorEntry& e, float* out) const
{
    const bool swap = m_impl->bigEndian != (std::endian::native == std::endian::big);
    const size_t n = size_t(e.elements());
    const auto t = TfDataType(e.dtype);
    if (t == TfDataType::Float) {
        // Straight into the destination: no second copy of the largest tensors.
        m_impl->readChecked(e, out);
        if (swap)
            for (size_t i = 0; i < n; ++i)
                out[i] = std::bit_cast<float>(__builtin_bswap32(std::bit_cast<uint32_t>(out[i])));
        return;
    }
    if (!e.isFloat() && !e.isInteger())
        throw Error(m_impl->paths.prefix + ": tensor " + e.name + " is " + e.dtypeName() +
                    ", which cannot be read as numbers");
    if (e.isInteger()) {
        const auto ints = readInts(e);
        for (size_t i = 0; i < n; ++i)
            out[i] = float(ints[i]);
        return;
    }
    const auto bytes = readBytes(e);
    const unsigned char* p = bytes.data();
    for (size_t i = 0; i < n; ++i) {
        switch (t) {
        case TfDataType::Double:
            out[i] = float(std::bit_cast<double>(loadSwapped<uint64_t>(p + 8 * i, swap)));
            break;
        case TfDataType::Half:
            out[i] = halfToFloat(loadSwapped<uint16_t>(p + 2 * i, swap));
            break;
        default:  // bfloat16
            out[i] = bf16ToFloat(loadSwapped<uint16_t>(p + 2 * i, swap));
            break;
        }
    }
}

std::vector<float> TfCheckpoint::readFloats(const TfTensorEntry& entry) const
{
    std::vector<float> values(size_t(entry.elements()));
    readFloats(entry, values.data());
    return values;
}

std::vector<int64_t> TfCheckpoint::readInts(const TfTensorEntry& e) const
{
    if (!e.isInteger())
        throw Error(m_impl->paths.prefix + ": tensor " + e.name + " is " + e.dtypeName() + ", not an integer tensor");
    const bool swap = m_impl->bigEndian != (std::endian::native == std::endian::big);
    const auto bytes = readBytes(e);
    const unsigned char* p = bytes.data();
    const size_t n = size_t(e.elements());
    std::vector<int64_t> out(n);
    for (size_t i = 0; i < n; ++i) {
        switch (TfDataType(e.dtype)) {
        case TfDataType::Int64: out[i] = int64_t(loadSwapped<uint64_t>(p + 8 * i, swap)); break;
        case TfDataType::UInt64: out[i] = int64_t(loadSwapped<uint64_t>(p + 8 * i, swap)); break;
        case TfDataType::Int32: out[i] = int32_t(loadSwapped<uint32_t>(p + 4 * i, swap)); break;
        case TfDataType::UInt32: out[i] = loadSwapped<uint32_t>(p + 4 * i, swap); break;
        case TfDataType::Int16: out[i] = int16_t(loadSwapped<uint16_t>(p + 2 * i, swap)); break;
        case TfDataType::UInt16: out[i] = loadSwapped<uint16_t>(p + 2 * i, swap); break;
        case TfDataType::Int8: out[i] = int8_t(p[i]); break;
        default: out[i] = p[i]; break;  // uint8, bool
        }
    }
    return out;
}

} // namespace nsynth
