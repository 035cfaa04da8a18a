#pragma once
// Outputs are written under a temporary name in the destination folder and renamed into place
// only when complete (architecture.md section 6): a crash, a full disk or a cancel never leaves
// a finished-looking file. The temporary is removed if commit() was not reached.
//
//   AtomicFile out(path);          // creates "<dir>/.<name>.part-<pid>-<n>"
//   out.write(bytes, size);        // or let another writer (libsndfile) fill out.tempPath()
//   out.commit();                  // fsync + rename over `path`

#include <cstddef>
#include <string>

namespace nsynth {

class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& path() const { return m_path; }
    const std::string& tempPath() const { return m_tempPath; }

    // Appends bytes to the temporary file; throws Error("<path>: cannot write: <reason>").
    void write(const void* data, size_t size);
    // Flushes, syncs and renames the temporary over path(). Throws Error on failure (the
    // temporary is then removed).
    void commit();

private:
    void closeFd();

    std::string m_path;
    std::string m_tempPath;
    int m_fd = -1;
    bool m_committed = false;
};

// Convenience: the whole content in one go.
void writeFileAtomically(const std::string& path, const void* data, size_t size);
void writeFileAtomically(const std::string& path, const std::string& text);

// Throws Error("<path>: no such file" / "<path>: is a folder, expected a file" / ...) unless
// path names a readable regular file.
void requireReadableFile(const std::string& path);

// Reads a whole file; throws Error("<path>: cannot read: <reason>").
std::string readFileBytes(const std::string& path);

} // namespace nsynth
