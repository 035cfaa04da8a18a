#include "safetensors.h"

#include "atomic_file.h"
#include "error.h"
#include "half_float.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>

namespace nsynth {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100u << 20;  // the format's own limit is 100 MB

struct Entry {
    std::string name;
    std::string dtype;
    Shape shape;
    uint64_t begin = 0, end = 0;
};

int dtypeSize(const std::string& dtype)
{
    if (dtype == "F32" || dtype == "I32" || dtype == "U32")
        return 4;
    if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16")
        return 2;
    if (dtype == "F64" || dtype == "I64" || dtype == "U64")
        return 8;
    if (dtype == "I8" || dtype == "U8" || dtype == "BOOL" || dtype == "F8_E4M3" || dtype == "F8_E5M2")
        return 1;
    return 0;
}

struct Header {
    std::vector<Entry> entries;
    std::map<std::string, std::string> metadata;
    uint64_t dataStart = 0;
};

Header parseHeader(std::ifstream& in, const std::string& path, uint64_t fileSize)
{
    if (fileSize < 8)
        throw Error(path + ": not a safetensors file (" + std::to_string(fileSize) + " bytes)");
    unsigned char lenBytes[8];
    in.read(reinterpret_cast<char*>(lenBytes), 8);
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i)
        n = (n << 8) | lenBytes[i];
    if (n == 0 || n > kMaxHeaderBytes || n > fileSize - 8)
        throw Error(path + ": not a safetensors file (header length " + std::to_string(n) +
                    " does not fit the file of " + std::to_string(fileSize) + " bytes)");
    std::string text(n, '\0');
    in.read(text.data(), std::streamsize(n));
    if (!in)
        throw Error(path + ": truncated safetensors header");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        throw Error(path + ": not a safetensors file (header is not JSON)");
    }
    if (!j.is_object())
        throw Error(path + ": not a safetensors file (header is not a JSON object)");

    Header h;
    h.dataStart = 8 + n;
    const uint64_t dataSize = fileSize - h.dataStart;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "__metadata__") {
            if (!it.value().is_object())
                throw Error(path + ": __metadata__ is not an object");
            for (auto m = it.value().begin(); m != it.value().end(); ++m) {
                if (!m.value().is_string())
                    throw Error(path + ": __metadata__ value \"" + m.key() + "\" is not a string");
                h.metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        const auto& v = it.value();
        const std::string where = path + ": tensor " + it.key();
        if (!v.is_object() || !v.contains("dtype") || !v.contains("shape") || !v.contains("data_offsets"))
            throw Error(where + ": entry needs dtype, shape and data_offsets");
        Entry e;
        e.name = it.key();
        if (!v["dtype"].is_string())
            throw Error(where + ": dtype is not a string");
        e.dtype = v["dtype"].get<std::string>();
        if (!v["shape"].is_array())
            throw Error(where + ": shape is not a list");
        for (const auto& d : v["shape"]) {
            if (!d.is_number_integer() || d.get<int64_t>() < 0)
                throw Error(where + ": shape has a non-integer or negative dimension");
            e.shape.push_back(d.get<int64_t>());
        }
        const auto& off = v["data_offsets"];
        if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
            throw Error(where + ": data_offsets must be [begin, end]");
        e.begin = off[0].get<uint64_t>();
        e.end = off[1].get<uint64_t>();
        const int size = dtypeSize(e.dtype);
        if (size == 0)
            throw Error(where + ": unknown dtype " + e.dtype);
        if (e.end < e.begin || e.end > dataSize)
            throw Error(where + ": data_offsets [" + std::to_string(e.begin) + ", " +
                        std::to_string(e.end) + "] lie outside the " + std::to_string(dataSize) +
                        "-byte data section (truncated file?)");
        if (e.end - e.begin != uint64_t(shapeElements(e.shape)) * uint64_t(size))
            throw Error(where + ": " + std::to_string(e.end - e.begin) + " bytes for shape " +
                        shapeToString(e.shape) + " of " + e.dtype);
        h.entries.push_back(std::move(e));
    }
    // Tensors must not overlap (the format also forbids holes; we only need no overlap).
    std::vector<const Entry*> sorted;
    for (const auto& e : h.entries)
        sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) { return a->begin < b->begin; });
    for (size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i]->begin < sorted[i - 1]->end && sorted[i]->end > sorted[i]->begin)
            throw Error(path + ": tensors " + sorted[i - 1]->name + " and " + sorted[i]->name + " overlap");
    return h;
}

std::ifstream openForRead(const std::string& path, uint64_t& size)
{
    requireReadableFile(path);
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(path + ": cannot open: " + std::strerror(errno));
    const auto end = in.tellg();
    if (end < 0)
        throw Error(path + ": cannot read (is it a folder?)");
    size = uint64_t(end);
    in.seekg(0);
    return in;
}

std::vector<float> convertToFloat(const std::string& dtype, const std::vector<char>& bytes,
                                  int64_t count, const std::string& where)
{
    std::vector<float> out(static_cast<size_t>(count));
    if (dtype == "F32") {
        std::memcpy(out.data(), bytes.data(), size_t(count) * 4);
    } else if (dtype == "F64") {
        for (int64_t i = 0; i < count; ++i) {
            double d;
            std::memcpy(&d, bytes.data() + i * 8, 8);
            out[size_t(i)] = float(d);
        }
    } else if (dtype == "F16" || dtype == "BF16") {
        for (int64_t i = 0; i < count; ++i) {
            uint16_t v;
            std::memcpy(&v, bytes.data() + i * 2, 2);
            out[size_t(i)] = dtype == "F16" ? halfToFloat(v) : bf16ToFloat(v);
        }
    } else {
        throw Error(where + ": dtype " + dtype + " is not a floating-point type");
    }
    return out;
}

} // namespace

std::map<std::string, SafetensorsEntry> readSafetensorsIndex(const std::string& path,
                                                             std::map<std::string, std::string>* metadata)
{
    uint64_t size = 0;
    auto in = openForRead(path, size);
    Header h = parseHeader(in, path, size);
    std::map<std::string, SafetensorsEntry> out;
    for (auto& e : h.entries)
        out[e.name] = {e.dtype, e.shape};
    if (metadata)
        *metadata = std::move(h.metadata);
    return out;
}

SafetensorsContent readSafetensors(const std::string& path)
{
    uint64_t size = 0;
    auto in = openForRead(path, size);
    Header h = parseHeader(in, path, size);
    SafetensorsContent content;
    content.metadata = std::move(h.metadata);
    std::vector<char> bytes;
    for (const auto& e : h.entries) {
        bytes.resize(size_t(e.end - e.begin));
        in.seekg(std::streamoff(h.dataStart + e.begin));
        in.read(bytes.data(), std::streamsize(bytes.size()));
        if (!in)
            throw Error(path + ": tensor " + e.name + ": truncated data");
        const std::string where = path + ": tensor " + e.name;
        auto values = convertToFloat(e.dtype, bytes, shapeElements(e.shape), where);
        content.tensors.set(e.name, Tensor(e.shape, std::move(values)));
    }
    return content;
}

void writeSafetensors(const std::string& path, const WeightStore& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    nlohmann::ordered_json header;
    if (!metadata.empty()) {
        nlohmann::ordered_json m = nlohmann::ordered_json::object();
        for (const auto& [k, v] : metadata)
            m[k] = v;
        header["__metadata__"] = m;
    }
    uint64_t offset = 0;
    for (const auto& [name, t] : tensors.all()) {
        const uint64_t bytes = uint64_t(t.elements()) * 4;
        header[name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    while ((text.size() % 8) != 0)
        text.push_back(' ');
    unsigned char lenBytes[8];
    uint64_t n = text.size();
    for (int i = 0; i < 8; ++i)
        lenBytes[i] = static_cast<unsigned char>((n >> (8 * i)) & 0xffu);

    AtomicFile out(path);
    out.write(lenBytes, 8);
    out.write(text.data(), text.size());
    for (const auto& [name, t] : tensors.all())
        out.write(t.data.data(), t.data.size() * sizeof(float));
    out.commit();
}

} // namespace nsynth
