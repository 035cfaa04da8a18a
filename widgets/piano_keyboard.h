#pragma once
// The grid preview's on-screen keyboard: a few octaves of piano keys to click (drag across them
// for a glissando); keys held from the computer keyboard are shown pressed, the grid's generated
// pitches are marked with a dot, and the keys the computer keyboard reaches are underlined. It
// only draws and reports keys down and up.

#include <QSet>
#include <QWidget>

#include <vector>

namespace nsynth::widgets {

class PianoKeyboard : public QWidget {
    Q_OBJECT
public:
    explicit PianoKeyboard(QWidget* parent = nullptr);

    void setRange(int firstNote, int octaves);  // firstNote is moved down to a C
    int firstNote() const { return m_first; }
    int lastNote() const { return m_first + 12 * m_octaves; }
    void setMarkedPitches(const std::vector<int>& pitches);
    void setComputerKeyRange(int first, int last);  // notes the computer keyboard plays
    void setPressed(int midi, bool pressed);
    bool isPressed(int midi) const { return m_pressed.contains(midi); }

    // The key under a point (-1 outside), and a point on a key (for tests: the middle of its
    // lower part for white keys, of the key for black ones).
    int noteAt(const QPointF& position) const;
    QPoint keyCentre(int midi) const;

    QSize sizeHint() const override { return {640, 90}; }
    QSize minimumSizeHint() const override { return {300, 60}; }

Q_SIGNALS:
    void noteOn(int midi);
    void noteOff(int midi);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    static bool isBlack(int midi);
    int whiteKeys() const;
    QRectF keyRect(int midi) const;

    int m_first = 36, m_octaves = 3;
    QSet<int> m_marked, m_pressed;
    int m_computerFirst = -1, m_computerLast = -1;
    int m_mouseNote = -1;
};

} // namespace nsynth::widgets
