#include "embedding_view.h"

#include "note_images.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

#include <cmath>

namespace nsynth::widgets {

// The drawing surface: heatmap on top, curves below.
class EmbeddingPlot : public QWidget {
public:
    explicit EmbeddingPlot(QWidget* parent) : QWidget(parent) { setMinimumHeight(220); }

    std::optional<Embedding> embedding;
    QImage heatmap;
    float limit = 1;
    QList<int> selected = {0, 1, 2, 3};
    QString emptyText;
    std::function<void(int)> onRowClicked;

    QRect heatmapRect() const { return QRect(36, 4, std::max(1, width() - 44), std::max(1, int(height() * 0.45))); }
    QRect curvesRect() const
    {
        const QRect h = heatmapRect();
        return QRect(h.left(), h.bottom() + 12, h.width(), std::max(1, height() - h.bottom() - 32));
    }

protected:
    void mousePressEvent(QMouseEvent* e) override
    {
        const QRect h = heatmapRect();
        if (!embedding || !h.contains(e->position().toPoint()) || !onRowClicked)
            return;
        const int row = int((e->position().y() - h.top()) / h.height() * embedding->channels);
        onRowClicked(std::clamp(row, 0, int(embedding->channels) - 1));
    }

    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), palette().color(QPalette::Base));
        if (!embedding) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(rect().adjusted(10, 10, -10, -10), Qt::AlignCenter | Qt::TextWordWrap, emptyText);
            return;
        }
        const QRect h = heatmapRect();
        p.drawImage(h, heatmap);  // nearest-neighbour: one crisp cell per value
        p.setPen(palette().color(QPalette::Text));
        const int channels = int(embedding->channels);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        p.setFont(small);
        for (int c = 0; c < channels; ++c) {
            const double y = h.top() + (c + 0.5) * h.height() / channels;
            if (channels <= 16 || c % 4 == 0)
                p.drawText(QRectF(0, y - 7, h.left() - 4, 14), Qt::AlignRight | Qt::AlignVCenter, QString::number(c + 1));
            if (selected.contains(c)) {
                p.fillRect(QRectF(h.right() + 2, y - 3, 5, 6), seriesColorFor(c));
            }
        }
        // Curves of the selected dimensions on a shared scale.
        const QRect r = curvesRect();
        p.fillRect(r, palette().color(QPalette::AlternateBase));
        p.setPen(palette().color(QPalette::Mid));
        p.drawLine(r.left(), r.center().y(), r.right(), r.center().y());
        p.drawRect(r.adjusted(0, 0, -1, -1));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(0, r.top() - 2, r.left() - 4, 14), Qt::AlignRight | Qt::AlignTop, QString::number(limit, 'g', 2));
        p.drawText(QRectF(0, r.bottom() - 12, r.left() - 4, 14), Qt::AlignRight | Qt::AlignBottom,
                   QString::number(-limit, 'g', 2));
        p.setRenderHint(QPainter::Antialiasing);
        const int64_t frames = embedding->frames;
        for (int c : selected) {
            if (c >= channels)
                continue;
            QPainterPath path;
            for (int64_t f = 0; f < frames; ++f) {
                const double x = r.left() + (frames > 1 ? double(f) / double(frames - 1) : 0.5) * r.width();
                const double y = r.center().y() - embedding->frame(f)[c] / (limit > 0 ? limit : 1.0f) * (r.height() / 2.0 - 2);
                if (f == 0)
                    path.moveTo(x, y);
                else
                    path.lineTo(x, y);
            }
            p.setPen(QPen(seriesColorFor(c), 1.5));
            p.drawPath(path);
        }
    }

    QColor seriesColorFor(int c) const { return app::seriesColor(c, embedding ? int(embedding->channels) : 16); }
};

EmbeddingView::EmbeddingView(QWidget* parent) : QWidget(parent), m_plot(new EmbeddingPlot(this)), m_checks(new QWidget(this))
{
    setObjectName(QStringLiteral("embeddingView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("embeddingCaption"));
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_checks);
    m_plot->onRowClicked = [this](int c) {
        if (c < m_boxes.size())
            m_boxes[c]->setChecked(!m_boxes[c]->isChecked());
    };
    rebuildCheckboxes(16);
    retranslate();
}

void EmbeddingView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EmbeddingView::retranslate()
{
    m_plot->emptyText = tr("No embedding yet. Encode the notes (Model > Encode notes) to see what the model makes of them.");
    if (m_plot->embedding)
        m_caption->setText(tr("%1 frames x %2 dimensions, one frame every 32 ms. Above: every value (blue negative, red "
                              "positive). Below: the ticked dimensions over time.")
                               .arg(m_plot->embedding->frames)
                               .arg(m_plot->embedding->channels));
    for (int i = 0; i < m_boxes.size(); ++i)
        m_boxes[i]->setToolTip(tr("Show dimension %1 as a curve").arg(i + 1));
    m_plot->update();
}

void EmbeddingView::rebuildCheckboxes(int channels)
{
    if (m_boxes.size() == channels)
        return;
    qDeleteAll(m_boxes);
    m_boxes.clear();
    delete m_checks->layout();
    auto* grid = new QGridLayout(m_checks);
    grid->setContentsMargins(36, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    for (int c = 0; c < channels; ++c) {
        auto* box = new QCheckBox(QString::number(c + 1), m_checks);
        box->setObjectName(QStringLiteral("dimension%1").arg(c + 1));
        box->setChecked(m_plot->selected.contains(c));
        connect(box, &QCheckBox::toggled, this, [this, c](bool on) {
            if (on && !m_plot->selected.contains(c))
                m_plot->selected.append(c);
            else if (!on)
                m_plot->selected.removeAll(c);
            m_plot->update();
        });
        grid->addWidget(box, c / 8, c % 8);  // two rows: the view stays narrow enough for a laptop
        m_boxes.append(box);
    }
}

void EmbeddingView::setEmbedding(const std::optional<Embedding>& embedding, const QString& status)
{
    m_plot->embedding = embedding;
    if (embedding) {
        m_plot->heatmap = app::embeddingHeatmap(*embedding, &m_plot->limit);
        rebuildCheckboxes(int(embedding->channels));
        m_caption->show();
    } else {
        m_plot->heatmap = QImage();
        m_caption->hide();
    }
    retranslate();
    if (!embedding && !status.isEmpty())
        m_plot->emptyText = status;
    m_plot->update();
}

QList<int> EmbeddingView::selectedDimensions() const
{
    return m_plot->selected;
}

void EmbeddingView::setSelectedDimensions(const QList<int>& dims)
{
    for (int i = 0; i < m_boxes.size(); ++i)
        m_boxes[i]->setChecked(dims.contains(i));
}

} // namespace nsynth::widgets
