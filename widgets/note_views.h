#pragma once
// The views of the selected note, as tabs: waveform (the note, or the original it was cut from
// with the note's place marked), spectrogram or rainbowgram, and embedding; with play/stop.

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QToolButton;

namespace nsynth::app {
struct NoteAnalysis;
}

namespace nsynth::widgets {

class EmbeddingView;
class SpectrogramView;
class WaveformView;

class NoteViews : public QWidget {
    Q_OBJECT
public:
    explicit NoteViews(QWidget* parent = nullptr);

    void showAnalysis(std::shared_ptr<const app::NoteAnalysis> analysis, int namedPitch, const QString& embeddingStatus);
    void clear();
    // A note is selected and its analysis is on its way: its name, and the views say so.
    void showPending(const QString& noteName);
    void setPlaying(bool playing);
    void setPlayhead(double seconds);

    QTabWidget* tabs() const { return m_tabs; }
    WaveformView* waveform() const { return m_waveform; }
    SpectrogramView* spectrogram() const { return m_spectrogram; }
    EmbeddingView* embedding() const { return m_embedding; }
    QComboBox* spectrogramMode() const { return m_specMode; }

Q_SIGNALS:
    void playRequested();
    void stopRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showWaveformSource();

    QTabWidget* m_tabs;
    WaveformView* m_waveform;
    SpectrogramView* m_spectrogram;
    EmbeddingView* m_embedding;
    QComboBox* m_waveSource;
    QComboBox* m_specMode;
    QToolButton *m_zoomIn, *m_zoomOut, *m_zoomFit;
    QPushButton* m_play;
    QLabel* m_title;
    QLabel* m_waveSourceLabel;
    QLabel* m_specModeLabel;
    std::shared_ptr<const app::NoteAnalysis> m_analysis;
    bool m_playing = false;
};

} // namespace nsynth::widgets
