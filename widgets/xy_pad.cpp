#include "xy_pad.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace nsynth::widgets {

namespace {

constexpr int kLabelBand = 38;  // above and below the square: corner names and weights
const QColor kScreen(14, 17, 22);
const QColor kGridLine(44, 52, 62);
const QColor kDot(150, 165, 180);
const QColor kMissing(90, 60, 60);
const QColor kLit(53, 192, 255);

} // namespace

XyPad::XyPad(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("xyPad"));
    setMouseTracking(false);
    setFocusPolicy(Qt::NoFocus);  // the keys belong to the preview page
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void XyPad::setResolution(int resolution)
{
    m_resolution = std::max(2, resolution);
    m_generated.clear();
    if (m_hasPoint)
        m_point = app::onsPadPointFromTouch(m_point.touchX, m_point.touchY, m_resolution);
    update();
}

void XyPad::setCornerNames(const std::array<QString, 4>& names)
{
    m_names = names;
    update();
}

void XyPad::setCellAvailability(const std::vector<double>& generated)
{
    m_generated = generated;
    update();
}

void XyPad::setPoint(const app::OnsPadPoint& point)
{
    m_point = point;
    m_hasPoint = true;
    update();
}

void XyPad::clearPoint()
{
    m_hasPoint = false;
    update();
}

QRectF XyPad::padRect() const
{
    const double side = std::max(40.0, std::min(double(width()) - 16.0, double(height()) - 2.0 * kLabelBand));
    return {(width() - side) / 2.0, (height() - side) / 2.0, side, side};
}

app::OnsPadPoint XyPad::pointAt(const QPointF& position) const
{
    const QRectF r = padRect();
    return app::onsPadPoint((position.x() - r.left()) / r.width(), (position.y() - r.top()) / r.height(), m_resolution);
}

QPoint XyPad::touchPosition(int tx, int ty) const
{
    const QRectF r = padRect();
    return QPointF(r.left() + app::onsTouchZoneCentre(tx) * r.width(), r.top() + app::onsTouchZoneCentre(ty) * r.height())
        .toPoint();
}

void XyPad::touchAt(const QPointF& position, bool force)
{
    const app::OnsPadPoint p = pointAt(position);
    if (!force && m_hasPoint && p.touchX == m_point.touchX && p.touchY == m_point.touchY)
        return;
    setPoint(p);
    Q_EMIT touched(p);
}

void XyPad::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && padRect().adjusted(-4, -4, 4, 4).contains(event->position()))
        touchAt(event->position(), true);
}

void XyPad::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        touchAt(event->position(), false);
}

void XyPad::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT released();
}

void XyPad::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = padRect();
    const int R = m_resolution;
    // The screen.
    QPainterPath screen;
    screen.addRoundedRect(r.adjusted(-6, -6, 6, 6), 8, 8);
    p.fillPath(screen, kScreen);
    const double cell = r.width() / R;
    // Cells: faint lines, a dot per cell (dim red where notes are missing).
    p.setPen(QPen(kGridLine, 1));
    for (int i = 1; i < R; ++i) {
        p.drawLine(QPointF(r.left() + i * cell, r.top()), QPointF(r.left() + i * cell, r.bottom()));
        p.drawLine(QPointF(r.left(), r.top() + i * cell), QPointF(r.right(), r.top() + i * cell));
    }
    const double dot = std::clamp(cell * 0.12, 1.5, 5.0);
    p.setPen(Qt::NoPen);
    for (int y = 0; y < R; ++y)
        for (int x = 0; x < R; ++x) {
            const size_t c = size_t(y * R + x);
            const double g = c < m_generated.size() ? m_generated[c] : 1.0;
            p.setBrush(g >= 1.0 ? kDot : (g > 0 ? kDot.darker(180) : kMissing));
            p.drawEllipse(QPointF(r.left() + (x + 0.5) * cell, r.top() + (y + 0.5) * cell), dot, dot);
        }
    // The 11 touch positions per axis, as ticks on the edges.
    p.setPen(QPen(kGridLine.lighter(150), 1));
    for (int t = 0; t < app::kOnsTouchPositions; ++t) {
        const double f = app::onsTouchZoneCentre(t);
        p.drawLine(QPointF(r.left() + f * r.width(), r.bottom() + 2), QPointF(r.left() + f * r.width(), r.bottom() + 6));
        p.drawLine(QPointF(r.right() + 2, r.top() + f * r.height()), QPointF(r.right() + 6, r.top() + f * r.height()));
    }
    // The lit cell and the touch point.
    if (m_hasPoint) {
        const QRectF lit(r.left() + m_point.cellX * cell, r.top() + m_point.cellY * cell, cell, cell);
        QColor fill = kLit;
        fill.setAlpha(90);
        p.setPen(QPen(kLit, 2));
        p.setBrush(fill);
        p.drawRoundedRect(lit.adjusted(1, 1, -1, -1), 3, 3);
        const QPointF touch(r.left() + app::onsTouchZoneCentre(m_point.touchX) * r.width(),
                            r.top() + app::onsTouchZoneCentre(m_point.touchY) * r.height());
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(touch, 7, 7);
        p.drawLine(touch - QPointF(11, 0), touch + QPointF(11, 0));
        p.drawLine(touch - QPointF(0, 11), touch + QPointF(0, 11));
    }
    // Corner names and weights: top-left and top-right above the square, the bottom ones below.
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    const QFontMetricsF fm(f);
    for (int k = 0; k < 4; ++k) {
        const bool top = k < 2, left = k % 2 == 0;
        const double w = m_hasPoint ? m_point.weights[size_t(k)] : 0.0;
        const QString text = m_hasPoint ? QStringLiteral("%1  %2%").arg(m_names[size_t(k)]).arg(std::round(w * 100.0))
                                        : m_names[size_t(k)];
        const double textWidth = std::min(fm.horizontalAdvance(text) + 4, r.width() / 2.0 - 4);
        const double x = left ? r.left() - 6 : r.right() + 6 - textWidth;
        const double y = top ? r.top() - 6 - kLabelBand + 6 : r.bottom() + 12;
        const QRectF box(x, y, textWidth, fm.height());
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(box, (left ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                   fm.elidedText(text, Qt::ElideRight, textWidth));
        // A bar under the name as long as the weight.
        const double barWidth = textWidth * w;
        const QRectF bar(left ? x : x + textWidth - barWidth, y + fm.height() + 2, barWidth, 4);
        p.fillRect(bar, kLit);
    }
}

} // namespace nsynth::widgets
