#include "waveform_view.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace nsynth::widgets {

namespace {
constexpr int kAxisHeight = 20;
}

WaveformView::WaveformView(QWidget* parent) : QWidget(parent), m_scroll(new QScrollBar(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("waveformView"));
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(false);
    connect(m_scroll, &QScrollBar::valueChanged, this, [this](int v) {
        if (!m_peaks)
            return;
        m_start = double(v) * m_samplesPerPixel;
        clampView();
        update();
        Q_EMIT viewChanged();
    });
    changeEvent(nullptr);
}

void WaveformView::changeEvent(QEvent* event)
{
    if (!event || event->type() == QEvent::LanguageChange) {
        m_emptyText = tr("Select a note to see its waveform.");
        update();
    }
    if (event)
        QWidget::changeEvent(event);
}

int WaveformView::plotWidth() const
{
    return std::max(1, width());
}

int WaveformView::plotHeight() const
{
    return std::max(1, height() - m_scroll->sizeHint().height() - kAxisHeight);
}

void WaveformView::setPeaks(std::shared_ptr<const app::PeakCache> peaks)
{
    m_peaks = std::move(peaks);
    m_playhead = -1;
    zoomToFit();
}

void WaveformView::clear()
{
    m_peaks.reset();
    m_regionLength = 0;
    m_playhead = -1;
    updateScrollBar();
    update();
}

void WaveformView::setRegion(double startSeconds, double lengthSeconds)
{
    m_regionStart = startSeconds;
    m_regionLength = lengthSeconds;
    update();
}

void WaveformView::setPlayhead(double seconds)
{
    m_playhead = seconds;
    update();
}

void WaveformView::zoomToFit()
{
    m_start = 0;
    m_samplesPerPixel = m_peaks ? std::max(1.0 / 16.0, double(m_peaks->length()) / plotWidth()) : 1.0;
    updateScrollBar();
    update();
    Q_EMIT viewChanged();
}

void WaveformView::zoomBy(double factor, double anchorX)
{
    if (!m_peaks)
        return;
    if (anchorX < 0)
        anchorX = plotWidth() / 2.0;
    const double anchorSample = m_start + anchorX * m_samplesPerPixel;
    const double fit = std::max(1.0 / 16.0, double(m_peaks->length()) / plotWidth());
    m_samplesPerPixel = std::clamp(m_samplesPerPixel / factor, 1.0 / 16.0, fit);
    m_start = anchorSample - anchorX * m_samplesPerPixel;
    clampView();
    updateScrollBar();
    update();
    Q_EMIT viewChanged();
}

void WaveformView::scrollToSample(double sample)
{
    m_start = sample;
    clampView();
    updateScrollBar();
    update();
}

void WaveformView::clampView()
{
    if (!m_peaks) {
        m_start = 0;
        return;
    }
    const double visible = plotWidth() * m_samplesPerPixel;
    m_start = std::clamp(m_start, 0.0, std::max(0.0, double(m_peaks->length()) - visible));
}

void WaveformView::updateScrollBar()
{
    const QSignalBlocker block(m_scroll);
    if (!m_peaks) {
        m_scroll->setRange(0, 0);
        return;
    }
    const double totalPixels = double(m_peaks->length()) / m_samplesPerPixel;
    m_scroll->setRange(0, std::max(0, int(totalPixels) - plotWidth()));
    m_scroll->setPageStep(plotWidth());
    m_scroll->setSingleStep(std::max(1, plotWidth() / 20));
    m_scroll->setValue(int(m_start / m_samplesPerPixel));
}

void WaveformView::resizeEvent(QResizeEvent*)
{
    const int h = m_scroll->sizeHint().height();
    m_scroll->setGeometry(0, height() - h, width(), h);
    if (m_peaks) {
        const double fit = std::max(1.0 / 16.0, double(m_peaks->length()) / plotWidth());
        m_samplesPerPixel = std::min(m_samplesPerPixel, fit);
        // Stay fitted when the view was showing everything.
        if (m_start <= 0 && m_samplesPerPixel * plotWidth() >= m_peaks->length() * 0.98)
            m_samplesPerPixel = fit;
    }
    clampView();
    updateScrollBar();
}

void WaveformView::wheelEvent(QWheelEvent* event)
{
    if (!m_peaks)
        return;
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.25, steps), event->position().x());
    } else {
        m_start -= steps * plotWidth() / 8.0 * m_samplesPerPixel;
        clampView();
        updateScrollBar();
        update();
    }
    event->accept();
}

void WaveformView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(2.0);
        break;
    case Qt::Key_Minus:
        zoomBy(0.5);
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        zoomToFit();
        break;
    case Qt::Key_Left:
        scrollToSample(m_start - plotWidth() / 4.0 * m_samplesPerPixel);
        break;
    case Qt::Key_Right:
        scrollToSample(m_start + plotWidth() / 4.0 * m_samplesPerPixel);
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void WaveformView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QRect plot(0, 0, plotWidth(), plotHeight());
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_peaks || m_peaks->length() == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(plot, Qt::AlignCenter, m_emptyText);
        return;
    }
    const double rate = m_peaks->sampleRate();
    const double mid = plot.height() / 2.0, half = plot.height() / 2.0 - 4;

    // The note's place in its original.
    if (m_regionLength > 0) {
        const double x0 = (m_regionStart * rate - m_start) / m_samplesPerPixel;
        const double x1 = ((m_regionStart + m_regionLength) * rate - m_start) / m_samplesPerPixel;
        p.fillRect(QRectF(x0, 0, x1 - x0, plot.height()), QColor(255, 196, 0, 50));
    }
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawLine(0, int(mid), plot.width(), int(mid));

    m_peaks->columns(m_start, m_samplesPerPixel, plot.width(), m_columns);
    const QColor wave(36, 99, 178);
    p.setPen(QPen(wave, 1));
    if (m_samplesPerPixel >= 1.0) {
        for (int x = 0; x < plot.width(); ++x) {
            const auto& c = m_columns[size_t(x)];
            p.drawLine(QPointF(x + 0.5, mid - c.max * half), QPointF(x + 0.5, mid - c.min * half));
        }
    } else {
        // Zoomed in past one sample per pixel: join the samples.
        p.setRenderHint(QPainter::Antialiasing);
        const auto& s = m_peaks->samples();
        const int64_t first = std::max<int64_t>(0, int64_t(m_start));
        const int64_t last = std::min<int64_t>(m_peaks->length() - 1, int64_t(m_start + plot.width() * m_samplesPerPixel) + 1);
        QPointF prev;
        for (int64_t i = first; i <= last; ++i) {
            const QPointF pt((double(i) - m_start) / m_samplesPerPixel, mid - s[size_t(i)] * half);
            if (i > first)
                p.drawLine(prev, pt);
            if (m_samplesPerPixel < 0.2)
                p.drawEllipse(pt, 2, 2);
            prev = pt;
        }
    }

    // Time axis: ticks at a round step that leaves room for the labels.
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(palette().color(QPalette::Text));
    const double secondsPerPixel = m_samplesPerPixel / rate;
    const double steps[] = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60};
    double step = 60;
    for (double s : steps)
        if (s / secondsPerPixel >= 70) {
            step = s;
            break;
        }
    const double t0 = m_start / rate, t1 = (m_start + plot.width() * m_samplesPerPixel) / rate;
    const int decimals = step < 0.01 ? 3 : step < 0.1 ? 2 : step < 1 ? 1 : 0;
    for (double t = std::ceil(t0 / step) * step; t <= t1; t += step) {
        const int x = int((t * rate - m_start) / m_samplesPerPixel);
        p.drawLine(x, plot.height(), x, plot.height() + 4);
        // Labels stay inside the widget at both ends.
        const int left = std::clamp(x - 40, 0, std::max(0, plot.width() - 80));
        const int align = left == 0 ? Qt::AlignLeft : left == plot.width() - 80 ? Qt::AlignRight : Qt::AlignHCenter;
        p.drawText(QRect(left, plot.height() + 5, 80, kAxisHeight - 5), align | Qt::AlignTop, tr("%1 s").arg(t, 0, 'f', decimals));
    }
    if (m_playhead >= 0) {
        const double x = (m_playhead * rate - m_start) / m_samplesPerPixel;
        p.setPen(QPen(QColor(207, 34, 46), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, plot.height()));
    }
}

} // namespace nsynth::widgets
