#pragma once
// TFRecord files: TensorFlow's container of opaque records (NSynth ships its notes as
// tf.train.Example records in them; tfrecord_example.h reads those). Every record is framed as
//
//   uint64  length            little-endian, bytes of data
//   uint32  masked_crc32c(length bytes)
//   byte    data[length]
//   uint32  masked_crc32c(data)
//
// with CRC-32C masked as in crc32c.h. The reader streams (NSynth's training split is tens of
// GB), checks both CRCs of every record and names the file, the record index and the byte
// offset in every error. GZIP/ZLIB-compressed TFRecord files are recognised and refused with a
// message saying so.

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

namespace nsynth {

class AtomicFile;

class TFRecordReader {
public:
    // Throws Error("<path>: ...") when the file is missing, unreadable or looks compressed.
    explicit TFRecordReader(const std::string& path);

    // Reads the next record into `data`. Returns false at a clean end of file. Throws Error for
    // a truncated record, a length CRC or data CRC mismatch, or an implausible length (larger
    // than what is left of the file), e.g.
    //   "x.tfrecord: record 2 at byte 4096: data CRC mismatch (stored 0x1234abcd, computed 0x...)".
    bool next(std::string& data);

    const std::string& path() const { return m_path; }
    int64_t recordsRead() const { return m_records; }
    int64_t offset() const { return m_offset; }  // byte offset of the next record

private:
    [[noreturn]] void fail(const std::string& problem) const;

    std::string m_path;
    std::ifstream m_in;
    int64_t m_size = 0;
    int64_t m_offset = 0;
    int64_t m_records = 0;
};

// Writes records with the framing above, atomically: nothing appears at `path` until commit().
class TFRecordWriter {
public:
    explicit TFRecordWriter(const std::string& path);
    ~TFRecordWriter();
    TFRecordWriter(const TFRecordWriter&) = delete;
    TFRecordWriter& operator=(const TFRecordWriter&) = delete;

    void write(const std::string& data);
    void commit();
    int64_t recordsWritten() const { return m_records; }

private:
    std::unique_ptr<AtomicFile> m_file;
    int64_t m_records = 0;
};

// The 16-byte framing of one record around `data` (header: length + its CRC; footer: data CRC),
// for tests that build files by hand.
std::string tfrecordFrame(const std::string& data);

} // namespace nsynth
