#pragma once
// Input level: an RMS bar, the peak, a held peak that falls back after a moment, and a clip
// indicator that stays lit until clicked (so a clip during a take is not missed). Scale -60..0
// dBFS. The meter only draws; the numbers come from the recorder (pushed by setLevels).

#include <QElapsedTimer>
#include <QWidget>

namespace nsynth::widgets {

class LevelMeter : public QWidget {
    Q_OBJECT
public:
    explicit LevelMeter(QWidget* parent = nullptr);

    void setLevels(float rms, float peak, bool clipped);  // full scale = 1.0
    void reset();
    bool clipShown() const { return m_clip; }
    float peakDb() const;

    QSize sizeHint() const override { return {260, 22}; }
    QSize minimumSizeHint() const override { return {120, 18}; }

Q_SIGNALS:
    void clipResetRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    float m_rms = 0, m_peak = 0, m_held = 0;
    bool m_clip = false;
    QElapsedTimer m_heldSince;
    QString m_clipText;
};

} // namespace nsynth::widgets
