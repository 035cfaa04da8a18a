#pragma once
// A note's spectrogram (log frequency, dB) or NSynth rainbowgram, with a frequency axis and a
// marker at the named pitch's fundamental. The picture comes from app/note_images (the data to
// colour mapping); this widget scales it and draws the axes.

#include "spectrogram.h"

#include <QImage>
#include <QWidget>

namespace nsynth::widgets {

class SpectrogramView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Spectrogram, Rainbowgram };

    explicit SpectrogramView(QWidget* parent = nullptr);

    void setSpectrogram(const audio::Spectrogram& spectrogram, int namedPitch);
    void clear();
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setPlayhead(double seconds);

    QSize sizeHint() const override { return {600, 260}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void render();

    audio::Spectrogram m_data;
    bool m_hasData = false;
    int m_namedPitch = -1;
    Mode m_mode = Mode::Spectrogram;
    QImage m_image;
    double m_playhead = -1;
    QString m_emptyText;
};

} // namespace nsynth::widgets
