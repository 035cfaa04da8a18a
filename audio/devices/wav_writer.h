#pragma once
// Streaming WAV writer for recorded takes: the exact PCM the device delivered (its rate, channel
// count and sample format), appended as it arrives, so a take interrupted by a lost device or a
// crash is still on disk. The file grows under a hidden temporary name ("." + name + ".part")
// whose header is rewritten after every append, so it is always a valid WAV of what has been
// recorded so far; finish() syncs it and renames it into place, so a finished-looking file is
// always a finished take.

#include <QAudioFormat>
#include <QFile>
#include <QString>

namespace nsynth::audio {

class WavWriter {
public:
    WavWriter() = default;
    ~WavWriter();  // an unfinished file is finished (kept), never deleted: it holds a recording
    WavWriter(const WavWriter&) = delete;
    WavWriter& operator=(const WavWriter&) = delete;

    // Throws Error("<path>: ...") when the temporary cannot be created or the format has no WAV
    // equivalent.
    void open(const QString& path, const QAudioFormat& format);
    bool isOpen() const { return m_file.isOpen(); }

    // Whole frames only. Throws Error on a write failure (disk full...).
    void append(const char* data, qint64 bytes);

    // Writes the sizes, syncs and renames into place. Returns the final path.
    QString finish();
    // Removes the temporary (a take the user discarded).
    void discard();

    qint64 frames() const { return m_format.bytesPerFrame() > 0 ? m_dataBytes / m_format.bytesPerFrame() : 0; }
    const QString& path() const { return m_path; }
    const QString& tempPath() const { return m_tempPath; }

private:
    void writeHeader(quint32 dataBytes);

    QFile m_file;
    QString m_path, m_tempPath;
    QAudioFormat m_format;
    qint64 m_dataBytes = 0;
};

} // namespace nsynth::audio
