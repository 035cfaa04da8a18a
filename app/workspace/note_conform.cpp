#include "note_conform.h"

#include "audio_file.h"
#include "error.h"

#include <QCryptographicHash>
#include <QFile>

#include <cmath>

namespace nsynth::app {

ConformOutcome conformOriginal(const QString& sourcePath, const QString& noteFileName, const ConformSettings& settings)
{
    audio::AudioData data = audio::readAudio(sourcePath.toStdString());
    audio::ConformOptions options = settings.conformOptions();
    if (!settings.autoTrim) {
        // A manual start: drop everything before it and conform without onset trimming.
        const int64_t skip = int64_t(std::llround(std::max(0.0, settings.startSeconds) * data.sampleRate));
        if (skip >= data.frames())
            throw Error(sourcePath.toStdString() + ": the start " + std::to_string(settings.startSeconds) +
                        " s is past the end of the original (" +
                        std::to_string(double(data.frames()) / data.sampleRate) + " s)");
        data.samples.erase(data.samples.begin(), data.samples.begin() + skip * data.channels);
        options.trimLeadingSilence = false;
    }
    audio::ConformedNote conformed = audio::conformNote(data, noteFileName.toStdString(), options);
    ConformOutcome out;
    out.samples = std::move(conformed.samples);
    out.report = NoteReport::fromConform(conformed.report);
    return out;
}

QString writeNoteFile(const QString& path, const std::vector<float>& samples)
{
    audio::writeAudio(path.toStdString(), samples.data(), int64_t(samples.size()), 16000);
    const QString sha = fileSha256(path);
    if (sha.isEmpty())
        throw Error(path.toStdString() + ": cannot read back the note just written");
    return sha;
}

QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

std::vector<float> readNoteSamples(const QString& path, int* sampleRate)
{
    const audio::AudioData data = audio::readAudio(path.toStdString());
    if (sampleRate)
        *sampleRate = data.sampleRate;
    return data.channels == 1 ? data.samples : audio::mixToMono(data);
}

} // namespace nsynth::app
