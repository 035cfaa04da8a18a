#include "atomic_file.h"

#include "error.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace nsynth {
namespace {

std::string errnoText(int err) { return std::strerror(err); }

std::string makeTempPath(const std::string& path)
{
    static std::atomic<unsigned> counter{0};
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return dir + "." + name + ".part-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter.fetch_add(1));
}

} // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)), m_tempPath(makeTempPath(m_path))
{
    m_fd = ::open(m_tempPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error(m_path + ": cannot create: " + errnoText(errno));
}

AtomicFile::~AtomicFile()
{
    closeFd();
    if (!m_committed)
        ::unlink(m_tempPath.c_str());
}

void AtomicFile::closeFd()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void AtomicFile::write(const void* data, size_t size)
{
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw Error(m_path + ": cannot write: " + errnoText(errno));
        }
        p += n;
        size -= size_t(n);
    }
}

void AtomicFile::commit()
{
    if (m_fd >= 0) {
        if (::fsync(m_fd) != 0 && errno != EINVAL)
            throw Error(m_path + ": cannot write: " + errnoText(errno));
        if (::close(m_fd) != 0) {
            m_fd = -1;
            throw Error(m_path + ": cannot write: " + errnoText(errno));
        }
        m_fd = -1;
    }
    if (::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
        throw Error(m_path + ": cannot rename into place: " + errnoText(errno));
    m_committed = true;
}

void writeFileAtomically(const std::string& path, const void* data, size_t size)
{
    AtomicFile f(path);
    f.write(data, size);
    f.commit();
}

void writeFileAtomically(const std::string& path, const std::string& text)
{
    writeFileAtomically(path, text.data(), text.size());
}

void requireReadableFile(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw Error(path + (errno == ENOENT ? std::string(": no such file") : ": cannot read: " + errnoText(errno)));
    if (S_ISDIR(st.st_mode))
        throw Error(path + ": is a folder, expected a file");
    if (!S_ISREG(st.st_mode))
        throw Error(path + ": is not a regular file");
    if (::access(path.c_str(), R_OK) != 0)
        throw Error(path + ": cannot read: " + errnoText(errno));
}

std::string readFileBytes(const std::string& path)
{
    requireReadableFile(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot read: " + errnoText(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad())
        throw Error(path + ": cannot read: I/O error");
    return ss.str();
}

} // namespace nsynth
