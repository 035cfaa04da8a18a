#pragma once
// A waveform with zoom and scroll, drawn from a PeakCache (a few values per pixel column at any
// zoom, so a ten-minute original scrolls as smoothly as a four-second note). Optionally shades
// a region (where the note sits in its original) and draws a playhead.
//   wheel: scroll; Ctrl+wheel or +/-: zoom around the pointer; 0 or Home: whole file.

#include "peak_cache.h"

#include <QWidget>

#include <memory>

class QScrollBar;

namespace nsynth::widgets {

class WaveformView : public QWidget {
    Q_OBJECT
public:
    explicit WaveformView(QWidget* parent = nullptr);

    void setPeaks(std::shared_ptr<const app::PeakCache> peaks);
    void setRegion(double startSeconds, double lengthSeconds);  // length <= 0: none
    void setPlayhead(double seconds);                            // < 0: none
    void clear();

    // Samples per pixel column; clamped between 1/16 (sample detail) and the whole file.
    double samplesPerPixel() const { return m_samplesPerPixel; }
    double viewStart() const { return m_start; }  // first visible sample
    void zoomBy(double factor, double anchorX = -1);
    void zoomToFit();
    void scrollToSample(double sample);

    QSize sizeHint() const override { return {600, 200}; }
    QSize minimumSizeHint() const override { return {120, 80}; }

Q_SIGNALS:
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    int plotWidth() const;
    int plotHeight() const;
    void clampView();
    void updateScrollBar();

    std::shared_ptr<const app::PeakCache> m_peaks;
    double m_samplesPerPixel = 1, m_start = 0;
    double m_regionStart = 0, m_regionLength = 0, m_playhead = -1;
    QScrollBar* m_scroll;
    std::vector<app::PeakCache::Range> m_columns;
    QString m_emptyText;
};

} // namespace nsynth::widgets
