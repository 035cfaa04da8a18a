#include "audio_devices.h"

#include <QCoreApplication>
#include <QMediaDevices>

namespace nsynth::audio {

namespace {

QAudioDevice findIn(const QList<QAudioDevice>& devices, const QByteArray& id)
{
    for (const QAudioDevice& d : devices)
        if (d.id() == id)
            return d;
    return {};
}

QAudioDevice choose(const QList<QAudioDevice>& devices, const QAudioDevice& systemDefault, const QByteArray& preferredId)
{
    if (!preferredId.isEmpty()) {
        const QAudioDevice d = findIn(devices, preferredId);
        if (!d.isNull())
            return d;
    }
    if (!systemDefault.isNull() && !findIn(devices, systemDefault.id()).isNull())
        return systemDefault;
    return devices.isEmpty() ? QAudioDevice() : devices.first();
}

} // namespace

QAudioDevice findAudioInput(const QByteArray& id)
{
    return findIn(QMediaDevices::audioInputs(), id);
}

QAudioDevice findAudioOutput(const QByteArray& id)
{
    return findIn(QMediaDevices::audioOutputs(), id);
}

QAudioDevice chooseAudioInput(const QByteArray& preferredId)
{
    return choose(QMediaDevices::audioInputs(), QMediaDevices::defaultAudioInput(), preferredId);
}

QAudioDevice chooseAudioOutput(const QByteArray& preferredId)
{
    return choose(QMediaDevices::audioOutputs(), QMediaDevices::defaultAudioOutput(), preferredId);
}

QString describeFormat(const QAudioFormat& format)
{
    QString sample;
    switch (format.sampleFormat()) {
    case QAudioFormat::UInt8:
        sample = QCoreApplication::translate("nsynth::audio::Devices", "8-bit integer");
        break;
    case QAudioFormat::Int16:
        sample = QCoreApplication::translate("nsynth::audio::Devices", "16-bit integer");
        break;
    case QAudioFormat::Int32:
        sample = QCoreApplication::translate("nsynth::audio::Devices", "32-bit integer");
        break;
    case QAudioFormat::Float:
        sample = QCoreApplication::translate("nsynth::audio::Devices", "32-bit float");
        break;
    default:
        sample = QCoreApplication::translate("nsynth::audio::Devices", "unknown sample format");
        break;
    }
    return QCoreApplication::translate("nsynth::audio::Devices", "%1 Hz, channels: %2, %3")
        .arg(format.sampleRate())
        .arg(format.channelCount())
        .arg(sample);
}

} // namespace nsynth::audio
