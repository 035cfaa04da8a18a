#include "keyboard_map.h"

#include <QtCore/qnamespace.h>

#include <algorithm>

namespace nsynth::app {

KeyboardMap::KeyboardMap(int baseNote) : m_base(0)
{
    setBaseNote(baseNote);
}

void KeyboardMap::setBaseNote(int midi)
{
    m_base = std::clamp(midi, 0, 108);
}

int KeyboardMap::semitoneForKey(int key)
{
    switch (key) {
    case Qt::Key_A: return 0;
    case Qt::Key_W: return 1;
    case Qt::Key_S: return 2;
    case Qt::Key_E: return 3;
    case Qt::Key_D: return 4;
    case Qt::Key_F: return 5;
    case Qt::Key_T: return 6;
    case Qt::Key_G: return 7;
    case Qt::Key_Y: return 8;
    case Qt::Key_H: return 9;
    case Qt::Key_U: return 10;
    case Qt::Key_J: return 11;
    case Qt::Key_K: return 12;
    case Qt::Key_O: return 13;
    case Qt::Key_L: return 14;
    case Qt::Key_P: return 15;
    case Qt::Key_Semicolon: return 16;
    case Qt::Key_Apostrophe: return 17;
    default: return -1;
    }
}

int KeyboardMap::noteForKey(int key) const
{
    const int s = semitoneForKey(key);
    if (s < 0)
        return -1;
    const int n = m_base + s;
    return n <= 127 ? n : -1;
}

bool KeyboardMap::isOctaveDownKey(int key)
{
    return key == Qt::Key_Z;
}

bool KeyboardMap::isOctaveUpKey(int key)
{
    return key == Qt::Key_X;
}

int KeyboardMap::defaultBaseNote(const std::vector<int>& pitches)
{
    if (pitches.empty())
        return 60;
    const int lowest = *std::min_element(pitches.begin(), pitches.end());
    return std::clamp(lowest - lowest % 12, 0, 108);
}

} // namespace nsynth::app
