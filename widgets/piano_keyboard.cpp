#include "piano_keyboard.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace nsynth::widgets {

PianoKeyboard::PianoKeyboard(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pianoKeyboard"));
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(92);
}

bool PianoKeyboard::isBlack(int midi)
{
    switch (((midi % 12) + 12) % 12) {
    case 1: case 3: case 6: case 8: case 10: return true;
    default: return false;
    }
}

void PianoKeyboard::setRange(int firstNote, int octaves)
{
    m_first = std::clamp(firstNote - ((firstNote % 12) + 12) % 12, 0, 108);
    m_octaves = std::clamp(octaves, 1, 8);
    while (lastNote() > 127)
        --m_octaves;
    update();
}

void PianoKeyboard::setMarkedPitches(const std::vector<int>& pitches)
{
    m_marked = QSet<int>(pitches.begin(), pitches.end());
    update();
}

void PianoKeyboard::setComputerKeyRange(int first, int last)
{
    m_computerFirst = first;
    m_computerLast = last;
    update();
}

void PianoKeyboard::setPressed(int midi, bool pressed)
{
    if (pressed)
        m_pressed.insert(midi);
    else
        m_pressed.remove(midi);
    update();
}

int PianoKeyboard::whiteKeys() const
{
    int n = 0;
    for (int m = m_first; m <= lastNote(); ++m)
        n += !isBlack(m);
    return n;
}

QRectF PianoKeyboard::keyRect(int midi) const
{
    const double w = double(width()) / std::max(1, whiteKeys());
    int whitesBefore = 0;
    for (int m = m_first; m < midi; ++m)
        whitesBefore += !isBlack(m);
    if (!isBlack(midi))
        return {whitesBefore * w, 0, w, double(height())};
    return {whitesBefore * w - w * 0.3, 0, w * 0.6, height() * 0.6};
}

int PianoKeyboard::noteAt(const QPointF& pos) const
{
    if (pos.x() < 0 || pos.y() < 0 || pos.x() >= width() || pos.y() >= height())
        return -1;
    // Black keys lie on top of the white ones.
    for (int m = m_first; m <= lastNote(); ++m)
        if (isBlack(m) && keyRect(m).contains(pos))
            return m;
    for (int m = m_first; m <= lastNote(); ++m)
        if (!isBlack(m) && keyRect(m).contains(pos))
            return m;
    return -1;
}

QPoint PianoKeyboard::keyCentre(int midi) const
{
    const QRectF r = keyRect(midi);
    return isBlack(midi) ? r.center().toPoint() : QPointF(r.center().x(), r.top() + r.height() * 0.8).toPoint();
}

void PianoKeyboard::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor pressed = palette().color(QPalette::Highlight);
    const auto marks = [&](int m, const QRectF& r, bool black) {
        if (m_marked.contains(m)) {
            p.setPen(Qt::NoPen);
            p.setBrush(black ? QColor(255, 255, 255) : QColor(40, 40, 40));
            p.drawEllipse(QPointF(r.center().x(), r.bottom() - 10), 3.5, 3.5);
        }
        if (m >= m_computerFirst && m <= m_computerLast) {
            p.setPen(QPen(QColor(53, 150, 220), 3));
            p.drawLine(QPointF(r.left() + 3, r.bottom() - 2), QPointF(r.right() - 3, r.bottom() - 2));
        }
    };
    for (int m = m_first; m <= lastNote(); ++m) {
        if (isBlack(m))
            continue;
        const QRectF r = keyRect(m);
        p.setPen(QPen(QColor(90, 90, 90), 1));
        p.setBrush(m_pressed.contains(m) ? pressed : QColor(250, 250, 250));
        p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
        if (m % 12 == 0) {
            p.setPen(QColor(110, 110, 110));
            p.drawText(r.adjusted(0, 0, 0, -16), Qt::AlignHCenter | Qt::AlignBottom, QStringLiteral("C%1").arg(m / 12 - 1));
        }
        marks(m, r, false);
    }
    for (int m = m_first; m <= lastNote(); ++m) {
        if (!isBlack(m))
            continue;
        const QRectF r = keyRect(m);
        p.setPen(QPen(QColor(20, 20, 20), 1));
        p.setBrush(m_pressed.contains(m) ? pressed : QColor(30, 30, 30));
        p.drawRoundedRect(r, 2, 2);
        marks(m, r, true);
    }
}

void PianoKeyboard::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_mouseNote = noteAt(event->position());
    if (m_mouseNote >= 0)
        Q_EMIT noteOn(m_mouseNote);
}

void PianoKeyboard::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const int n = noteAt(event->position());
    if (n == m_mouseNote)
        return;
    if (m_mouseNote >= 0)
        Q_EMIT noteOff(m_mouseNote);
    m_mouseNote = n;
    if (n >= 0)
        Q_EMIT noteOn(n);
}

void PianoKeyboard::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (m_mouseNote >= 0)
        Q_EMIT noteOff(m_mouseNote);
    m_mouseNote = -1;
}

} // namespace nsynth::widgets
