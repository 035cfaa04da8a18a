#include "level_meter.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace nsynth::widgets {

namespace {

constexpr double kFloorDb = -60.0;

double toDb(float x)
{
    return x > 0 ? 20.0 * std::log10(double(x)) : -200.0;
}

double position(float x)  // 0..1 along the bar
{
    return std::clamp((toDb(x) - kFloorDb) / -kFloorDb, 0.0, 1.0);
}

} // namespace

LevelMeter::LevelMeter(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("levelMeter"));
    m_heldSince.start();
    changeEvent(nullptr);
}

void LevelMeter::changeEvent(QEvent* event)
{
    if (!event || event->type() == QEvent::LanguageChange) {
        m_clipText = tr("CLIP");
        setToolTip(tr("Input level (RMS bar, peak line, -60 to 0 dBFS). The CLIP light stays on after a "
                      "sample reached full scale; click to reset it."));
        update();
    }
    if (event)
        QWidget::changeEvent(event);
}

void LevelMeter::setLevels(float rms, float peak, bool clipped)
{
    m_rms = rms;
    m_peak = peak;
    if (peak >= m_held || m_heldSince.elapsed() > 1500) {
        m_held = peak;
        m_heldSince.restart();
    }
    m_clip = m_clip || clipped;
    update();
}

void LevelMeter::reset()
{
    m_rms = m_peak = m_held = 0;
    m_clip = false;
    update();
}

float LevelMeter::peakDb() const
{
    return float(toDb(m_peak));
}

void LevelMeter::mousePressEvent(QMouseEvent* event)
{
    m_clip = false;
    update();
    Q_EMIT clipResetRequested();
    event->accept();
}

void LevelMeter::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const int clipWidth = fontMetrics().horizontalAdvance(m_clipText) + 12;
    const QRect bar(0, 0, std::max(1, width() - clipWidth - 4), height());
    const QRect clip(bar.right() + 4, 0, clipWidth, height());
    p.fillRect(bar, QColor(30, 30, 30));
    // Green up to -12 dBFS, amber to -3, red above: where a good take should peak is obvious.
    const auto zone = [&](double fromDb, double toDbValue, const QColor& c, double level) {
        const double a = (fromDb - kFloorDb) / -kFloorDb, b = (toDbValue - kFloorDb) / -kFloorDb;
        const double end = std::min(level, b);
        if (end > a)
            p.fillRect(QRectF(bar.left() + a * bar.width(), bar.top() + 3, (end - a) * bar.width(), bar.height() - 6), c);
    };
    const double rms = position(m_rms);
    zone(kFloorDb, -12, QColor(46, 160, 67), rms);
    zone(-12, -3, QColor(214, 160, 0), rms);
    zone(-3, 0, QColor(207, 34, 46), rms);
    p.setPen(QPen(Qt::white, 2));
    const double x = bar.left() + position(m_peak) * bar.width();
    p.drawLine(QPointF(x, bar.top() + 1), QPointF(x, bar.bottom()));
    p.setPen(QPen(QColor(255, 255, 255, 150), 2));
    const double xh = bar.left() + position(m_held) * bar.width();
    p.drawLine(QPointF(xh, bar.top() + 1), QPointF(xh, bar.bottom()));
    // dB ticks
    p.setPen(QColor(120, 120, 120));
    for (int db = -48; db < 0; db += 12) {
        const double tx = bar.left() + (db - kFloorDb) / -kFloorDb * bar.width();
        p.drawLine(QPointF(tx, bar.bottom() - 3), QPointF(tx, bar.bottom()));
    }
    p.fillRect(clip, m_clip ? QColor(207, 34, 46) : QColor(60, 60, 60));
    p.setPen(m_clip ? Qt::white : QColor(140, 140, 140));
    p.drawText(clip, Qt::AlignCenter, m_clipText);
}

} // namespace nsynth::widgets
