#include "spectrogram_view.h"

#include "note_images.h"
#include "pitch.h"

#include <QEvent>
#include <QPainter>

#include <cmath>

namespace nsynth::widgets {

namespace {
constexpr int kLeftAxis = 52, kBottomAxis = 18;
}

SpectrogramView::SpectrogramView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("spectrogramView"));
    changeEvent(nullptr);
}

void SpectrogramView::changeEvent(QEvent* event)
{
    if (!event || event->type() == QEvent::LanguageChange) {
        m_emptyText = tr("Select a note to see its spectrogram.");
        update();
    }
    if (event)
        QWidget::changeEvent(event);
}

void SpectrogramView::setSpectrogram(const audio::Spectrogram& spectrogram, int namedPitch)
{
    m_data = spectrogram;
    m_hasData = spectrogram.frames > 0;
    m_namedPitch = namedPitch;
    m_playhead = -1;
    render();
}

void SpectrogramView::clear()
{
    m_hasData = false;
    m_image = QImage();
    update();
}

void SpectrogramView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    render();
}

void SpectrogramView::setPlayhead(double seconds)
{
    m_playhead = seconds;
    update();
}

void SpectrogramView::render()
{
    if (m_hasData)
        m_image = m_mode == Mode::Rainbowgram ? app::rainbowgramImage(m_data) : app::spectrogramImage(m_data);
    update();
}

void SpectrogramView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    // Margins leave room for the top label and the last second's label.
    const QRect plot(kLeftAxis, 9, std::max(1, width() - kLeftAxis - 16), std::max(1, height() - kBottomAxis - 12));
    p.fillRect(plot, Qt::black);
    if (!m_hasData || m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, m_emptyText);
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(plot, m_image);

    // Frequency axis: round frequencies at their log position.
    p.setPen(palette().color(QPalette::Text));
    auto yFor = [&](double hz) {
        const double row = audio::spectrogramRowForHz(m_data, hz);
        return plot.bottom() - row / std::max(1, m_data.rows - 1) * plot.height();
    };
    for (double hz : {50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0}) {
        if (hz < m_data.rowHz.front() || hz > m_data.rowHz.back())
            continue;
        const double y = yFor(hz);
        p.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y));
        const QString label = hz >= 1000 ? tr("%1 kHz").arg(hz / 1000.0) : tr("%1 Hz").arg(hz);
        p.drawText(QRectF(0, y - 8, kLeftAxis - 6, 16), Qt::AlignRight | Qt::AlignVCenter, label);
    }
    // Time axis, whole seconds.
    const double seconds = m_data.frameSeconds(m_data.frames);
    for (int s = 0; s <= int(seconds); ++s) {
        const double x = plot.left() + s / seconds * plot.width();
        p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
        p.drawText(QRectF(x - 30, plot.bottom() + 3, 60, kBottomAxis - 2), Qt::AlignHCenter | Qt::AlignTop, tr("%1 s").arg(s));
    }
    // The named pitch's fundamental: where the lowest bright band should be.
    if (m_namedPitch >= 0) {
        const double y = yFor(audio::midiToHz(m_namedPitch));
        if (y >= plot.top() && y <= plot.bottom()) {
            p.setPen(QPen(QColor(255, 255, 255, 170), 1, Qt::DashLine));
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        }
    }
    if (m_playhead >= 0 && seconds > 0) {
        const double x = plot.left() + m_playhead / seconds * plot.width();
        p.setPen(QPen(QColor(255, 255, 255), 2));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
}

} // namespace nsynth::widgets
