#pragma once
// Finding audio devices and describing formats for people.

#include <QAudioDevice>
#include <QAudioFormat>
#include <QList>
#include <QString>

namespace nsynth::audio {

// The device with this id among the current inputs/outputs; a null QAudioDevice when absent.
QAudioDevice findAudioInput(const QByteArray& id);
QAudioDevice findAudioOutput(const QByteArray& id);

// The input to use: the one with `preferredId` when present, else the system default, else the
// first one; null when there is none.
QAudioDevice chooseAudioInput(const QByteArray& preferredId);
QAudioDevice chooseAudioOutput(const QByteArray& preferredId);

// "48000 Hz, 2 channels, 16-bit integer" (translated).
QString describeFormat(const QAudioFormat& format);

} // namespace nsynth::audio
