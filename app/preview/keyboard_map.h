#pragma once
// The computer keyboard as a piano, the way trackers and DAWs lay it out: the home row
// A S D F G H J K L ; ' plays white keys from C, the row above (W E  T Y U  O P) the black keys
// between them, and Z / X move the whole keyboard down / up an octave. Keys are Qt::Key codes,
// so the mapping follows the letters printed on the keys.

#include <vector>

namespace nsynth::app {

class KeyboardMap {
public:
    explicit KeyboardMap(int baseNote = 48);

    int baseNote() const { return m_base; }  // the MIDI note of the A key (a C)
    void setBaseNote(int midi);              // kept within 0..108 so the keys stay MIDI notes
    void octaveDown() { setBaseNote(m_base - 12); }
    void octaveUp() { setBaseNote(m_base + 12); }

    // The MIDI note a key plays, or -1.
    int noteForKey(int qtKey) const;
    static bool isOctaveDownKey(int qtKey);
    static bool isOctaveUpKey(int qtKey);
    // Semitone above the base note for a key, or -1 (independent of the octave).
    static int semitoneForKey(int qtKey);

    // The C at or below the lowest pitch (C4 = 60 for an empty list).
    static int defaultBaseNote(const std::vector<int>& pitches);

private:
    int m_base;
};

} // namespace nsynth::app
