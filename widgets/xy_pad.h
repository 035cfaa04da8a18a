#pragma once
// The grid preview's XY pad, drawn like the Open NSynth Super screen: a dark square of R x R
// cells (dots, dim where the cell's notes are not generated yet), the touched cell lit, the touch
// point, the 11 touch positions per axis marked on the edges, and the four corners' instruments
// with the weights of the current cell. A click or drag is mapped to a touch position and cell
// exactly as the device maps its touch surface (app/preview/ons_touch.h); the pad only draws and
// reports.

#include "ons_touch.h"

#include <QMetaType>
#include <QWidget>

#include <array>
#include <vector>

namespace nsynth::widgets {

class XyPad : public QWidget {
    Q_OBJECT
public:
    explicit XyPad(QWidget* parent = nullptr);

    void setResolution(int resolution);
    int resolution() const { return m_resolution; }
    // Instrument per corner (top-left, top-right, bottom-left, bottom-right).
    void setCornerNames(const std::array<QString, 4>& names);
    // Per cell (R * R, row-major from the top): the fraction of its pitches generated.
    void setCellAvailability(const std::vector<double>& generated);
    void setPoint(const app::OnsPadPoint& point);
    void clearPoint();
    bool hasPoint() const { return m_hasPoint; }
    const app::OnsPadPoint& point() const { return m_point; }

    QRectF padRect() const;
    app::OnsPadPoint pointAt(const QPointF& position) const;
    // Where touch position (tx, ty) lies on the widget (the centre of its zone).
    QPoint touchPosition(int tx, int ty) const;

    QSize sizeHint() const override { return {420, 420}; }
    QSize minimumSizeHint() const override { return {220, 220}; }

Q_SIGNALS:
    // A press, or a drag into another touch position.
    void touched(const nsynth::app::OnsPadPoint& point);
    void released();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void touchAt(const QPointF& position, bool force);

    int m_resolution = 9;
    std::array<QString, 4> m_names;
    std::vector<double> m_generated;
    app::OnsPadPoint m_point;
    bool m_hasPoint = false;
};

} // namespace nsynth::widgets

Q_DECLARE_METATYPE(nsynth::app::OnsPadPoint)
