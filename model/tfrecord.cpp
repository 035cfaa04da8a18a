#include "tfrecord.h"

#include "atomic_file.h"
#include "crc32c.h"
#include "error.h"

#include <cstdio>
#include <cstring>
#include <filesystem>

namespace nsynth {
namespace {

uint64_t readLe64(const unsigned char* p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

uint32_t readLe32(const unsigned char* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

void writeLe64(unsigned char* p, uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        p[i] = static_cast<unsigned char>(v >> (8 * i));
}

void writeLe32(unsigned char* p, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<unsigned char>(v >> (8 * i));
}

std::string hex32(uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

} // namespace

TFRecordReader::TFRecordReader(const std::string& path) : m_path(path)
{
    requireReadableFile(path);
    std::error_code ec;
    m_size = int64_t(std::filesystem::file_size(path, ec));
    if (ec)
        throw Error(path + ": cannot read: " + ec.message());
    m_in.open(path, std::ios::binary);
    if (!m_in)
        throw Error(path + ": cannot open for reading");
    // A gzip stream starts with 1f 8b; an uncompressed TFRecord starts with a length whose low
    // byte could be 0x1f, but then its second byte would make a 35 kB+ record of a file this
    // small or a CRC mismatch; checking the magic first gives the helpful message.
    unsigned char magic[2] = {0, 0};
    m_in.read(reinterpret_cast<char*>(magic), 2);
    if (m_in.gcount() == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        throw Error(path + ": is gzip-compressed (a TFRecord written with compression); decompress it first "
                           "(gunzip) or use the uncompressed files");
    m_in.clear();
    m_in.seekg(0);
}

void TFRecordReader::fail(const std::string& problem) const
{
    throw Error(m_path + ": record " + std::to_string(m_records + 1) + " at byte " + std::to_string(m_offset) +
                ": " + problem);
}

bool TFRecordReader::next(std::string& data)
{
    if (m_offset >= m_size)
        return false;
    unsigned char header[12];
    m_in.read(reinterpret_cast<char*>(header), sizeof header);
    if (m_in.gcount() != std::streamsize(sizeof header))
        fail("truncated header (" + std::to_string(m_in.gcount()) + " of 12 bytes; the file ends early)");
    const uint64_t length = readLe64(header);
    const uint32_t storedLengthCrc = readLe32(header + 8);
    const uint32_t lengthCrc = maskCrc32c(crc32c(header, 8));
    if (storedLengthCrc != lengthCrc)
        fail("length CRC mismatch (stored " + hex32(storedLengthCrc) + ", computed " + hex32(lengthCrc) +
             "); not a TFRecord file or corrupt");
    const int64_t left = m_size - m_offset - 12;
    if (length > uint64_t(std::max<int64_t>(left - 4, 0)))
        fail("length " + std::to_string(length) + " runs past the end of the file (" + std::to_string(left) +
             " bytes left); truncated");
    data.resize(size_t(length));
    m_in.read(data.data(), std::streamsize(length));
    unsigned char footer[4];
    m_in.read(reinterpret_cast<char*>(footer), sizeof footer);
    if (!m_in)
        fail("truncated data (the file ends early)");
    const uint32_t storedDataCrc = readLe32(footer);
    const uint32_t dataCrc = maskCrc32c(crc32c(data.data(), data.size()));
    if (storedDataCrc != dataCrc)
        fail("data CRC mismatch (stored " + hex32(storedDataCrc) + ", computed " + hex32(dataCrc) + "); corrupt");
    m_offset += 16 + int64_t(length);
    ++m_records;
    return true;
}

std::string tfrecordFrame(const std::string& data)
{
    std::string out(16 + data.size(), '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    writeLe64(p, data.size());
    writeLe32(p + 8, maskCrc32c(crc32c(p, 8)));
    std::memcpy(p + 12, data.data(), data.size());
    writeLe32(p + 12 + data.size(), maskCrc32c(crc32c(data.data(), data.size())));
    return out;
}

TFRecordWriter::TFRecordWriter(const std::string& path) : m_file(std::make_unique<AtomicFile>(path)) {}

TFRecordWriter::~TFRecordWriter() = default;

void TFRecordWriter::write(const std::string& data)
{
    const std::string framed = tfrecordFrame(data);
    m_file->write(framed.data(), framed.size());
    ++m_records;
}

void TFRecordWriter::commit() { m_file->commit(); }

} // namespace nsynth
