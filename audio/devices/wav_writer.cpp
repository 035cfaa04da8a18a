#include "wav_writer.h"

#include "error.h"

#include <QFileInfo>
#include <QtEndian>

#include <cstdio>
#include <unistd.h>

namespace nsynth::audio {

namespace {

void put16(QByteArray& b, quint16 v)
{
    char c[2];
    qToLittleEndian(v, c);
    b.append(c, 2);
}

void put32(QByteArray& b, quint32 v)
{
    char c[4];
    qToLittleEndian(v, c);
    b.append(c, 4);
}

std::string utf8(const QString& s)
{
    return s.toStdString();
}

} // namespace

WavWriter::~WavWriter()
{
    if (m_file.isOpen()) {
        try {
            finish();
        } catch (const Error&) {
            // The temporary stays on disk with the audio in it; nothing more can be done here.
        }
    }
}

void WavWriter::open(const QString& path, const QAudioFormat& format)
{
    if (m_file.isOpen())
        throw Error(utf8(path) + ": a take is already being written to " + utf8(m_path));
    if (format.sampleFormat() == QAudioFormat::Unknown || format.channelCount() < 1 || format.sampleRate() < 1)
        throw Error(utf8(path) + ": the device format cannot be stored as WAV");
    const QFileInfo info(path);
    m_path = path;
    m_tempPath = info.absolutePath() + "/." + info.fileName() + ".part";
    m_format = format;
    m_dataBytes = 0;
    m_file.setFileName(m_tempPath);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error(utf8(m_tempPath) + ": cannot create: " + utf8(m_file.errorString()));
    writeHeader(0);
}

void WavWriter::writeHeader(quint32 dataBytes)
{
    const bool isFloat = m_format.sampleFormat() == QAudioFormat::Float;
    QByteArray h;
    h.append("RIFF", 4);
    put32(h, 36 + dataBytes);
    h.append("WAVE", 4);
    h.append("fmt ", 4);
    put32(h, 16);
    put16(h, isFloat ? 3 : 1);  // WAVE_FORMAT_IEEE_FLOAT or WAVE_FORMAT_PCM
    put16(h, quint16(m_format.channelCount()));
    put32(h, quint32(m_format.sampleRate()));
    put32(h, quint32(m_format.sampleRate() * m_format.bytesPerFrame()));
    put16(h, quint16(m_format.bytesPerFrame()));
    put16(h, quint16(m_format.bytesPerSample() * 8));
    h.append("data", 4);
    put32(h, dataBytes);
    if (!m_file.seek(0) || m_file.write(h) != h.size())
        throw Error(utf8(m_tempPath) + ": cannot write: " + utf8(m_file.errorString()));
}

void WavWriter::append(const char* data, qint64 bytes)
{
    if (!m_file.isOpen() || bytes <= 0)
        return;
    if (!m_file.seek(44 + m_dataBytes) || m_file.write(data, bytes) != bytes)
        throw Error(utf8(m_tempPath) + ": cannot write: " + utf8(m_file.errorString()));
    m_dataBytes += bytes;
    // Keep the header's sizes current (a few bytes per ~50 ms of audio), so the file on disk is
    // a valid WAV of everything written so far, whatever happens next.
    writeHeader(quint32(m_dataBytes));
    m_file.flush();
}

QString WavWriter::finish()
{
    if (!m_file.isOpen())
        return m_path;
    writeHeader(quint32(m_dataBytes));
    m_file.flush();
    ::fsync(m_file.handle());
    m_file.close();
    // rename(2) replaces an existing file atomically, which QFile::rename refuses to do.
    if (std::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(m_path).constData()) != 0)
        throw Error(utf8(m_path) + ": cannot rename the finished take into place (it is kept as " +
                    utf8(m_tempPath) + ")");
    return m_path;
}

void WavWriter::discard()
{
    if (m_file.isOpen())
        m_file.close();
    if (!m_tempPath.isEmpty())
        QFile::remove(m_tempPath);
    m_dataBytes = 0;
}

} // namespace nsynth::audio
