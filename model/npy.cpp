#include "npy.h"

#include "atomic_file.h"
#include "error.h"

#include <cmath>
#include <cstring>
#include <regex>

namespace nsynth {

NpyArray readNpy(const std::string& path)
{
    const std::string bytes = readFileBytes(path);
    static const char magic[] = "\x93NUMPY";
    if (bytes.size() < 10 || std::memcmp(bytes.data(), magic, 6) != 0)
        throw Error(path + ": not a NumPy .npy file");
    const int major = static_cast<unsigned char>(bytes[6]);
    size_t headerLen = 0, headerStart = 0;
    if (major == 1) {
        headerLen = size_t(static_cast<unsigned char>(bytes[8])) | size_t(static_cast<unsigned char>(bytes[9])) << 8;
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            throw Error(path + ": truncated .npy header");
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + size_t(i)]);
        headerStart = 12;
    } else {
        throw Error(path + ": unsupported .npy version " + std::to_string(major));
    }
    if (headerStart + headerLen > bytes.size())
        throw Error(path + ": truncated .npy header");
    const std::string header = bytes.substr(headerStart, headerLen);

    std::smatch m;
    static const std::regex descrRe(R"('descr'\s*:\s*'([^']*)')");
    static const std::regex fortranRe(R"('fortran_order'\s*:\s*(True|False))");
    static const std::regex shapeRe(R"('shape'\s*:\s*\(([^)]*)\))");
    if (!std::regex_search(header, m, descrRe))
        throw Error(path + ": .npy header has no dtype");
    const std::string descr = m[1];
    if (descr != "<f4" && descr != "f4" && descr != "=f4")
        throw Error(path + ": dtype " + descr + ", expected float32 ('<f4')");
    if (!std::regex_search(header, m, fortranRe))
        throw Error(path + ": .npy header has no fortran_order");
    if (m[1] == "True")
        throw Error(path + ": Fortran-ordered array, expected C order");
    if (!std::regex_search(header, m, shapeRe))
        throw Error(path + ": .npy header has no shape");
    NpyArray array;
    const std::string dims = m[1];
    static const std::regex intRe(R"(\d+)");
    for (auto it = std::sregex_iterator(dims.begin(), dims.end(), intRe); it != std::sregex_iterator(); ++it)
        array.shape.push_back(std::stoll(it->str()));
    const int64_t count = shapeElements(array.shape);
    const size_t dataStart = headerStart + headerLen;
    if (bytes.size() - dataStart != size_t(count) * 4)
        throw Error(path + ": " + std::to_string(bytes.size() - dataStart) + " data bytes for shape " +
                    shapeToString(array.shape) + " (truncated?)");
    array.data.resize(size_t(count));
    std::memcpy(array.data.data(), bytes.data() + dataStart, size_t(count) * 4);
    return array;
}

void writeNpy(const std::string& path, const Shape& shape, const float* data)
{
    // NumPy's own spelling: "(5,)" for 1-D, "(125, 16)" otherwise.
    std::string dims;
    for (size_t i = 0; i < shape.size(); ++i)
        dims += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1)
        dims += ",";
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    // Pad with spaces so magic(6) + version(2) + len(2) + header + '\n' is a multiple of 64.
    const size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header.push_back('\n');
    std::string out = "\x93NUMPY";
    out.push_back('\x01');
    out.push_back('\x00');
    out.push_back(char(header.size() & 0xff));
    out.push_back(char((header.size() >> 8) & 0xff));
    out += header;
    const int64_t count = shapeElements(shape);
    out.append(reinterpret_cast<const char*>(data), size_t(count) * 4);
    writeFileAtomically(path, out);
}

Embedding readEmbedding(const std::string& path, int64_t channels)
{
    NpyArray a = readNpy(path);
    Shape s = a.shape;
    if (s.size() == 3 && s[0] == 1)
        s.erase(s.begin());
    if (s.size() != 2 || s[1] != channels)
        throw Error(path + ": embedding has shape " + shapeToString(a.shape) + ", expected [frames, " +
                    std::to_string(channels) + "]");
    if (s[0] < 1)
        throw Error(path + ": embedding has no frames");
    for (float v : a.data)
        if (!std::isfinite(v))
            throw Error(path + ": embedding holds NaN or infinite values");
    Embedding e;
    e.frames = s[0];
    e.channels = s[1];
    e.data = std::move(a.data);
    return e;
}

void writeEmbedding(const std::string& path, const Embedding& embedding)
{
    writeNpy(path, {embedding.frames, embedding.channels}, embedding.data.data());
}

} // namespace nsynth
