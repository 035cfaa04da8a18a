#include "note_views.h"

#include "embedding_view.h"
#include "note_analysis.h"
#include "spectrogram_view.h"
#include "waveform_view.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace nsynth::widgets {

NoteViews::NoteViews(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("noteViews"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("noteTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_play = new QPushButton(this);
    m_play->setObjectName(QStringLiteral("playButton"));
    m_play->setEnabled(false);
    connect(m_play, &QPushButton::clicked, this, [this] {
        if (m_playing)
            Q_EMIT stopRequested();
        else
            Q_EMIT playRequested();
    });
    top->addWidget(m_title, 1);
    top->addWidget(m_play);
    layout->addLayout(top);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("noteViewTabs"));
    layout->addWidget(m_tabs, 1);

    // Waveform page.
    auto* wavePage = new QWidget;
    auto* waveLayout = new QVBoxLayout(wavePage);
    auto* waveBar = new QHBoxLayout;
    m_waveSourceLabel = new QLabel(wavePage);
    m_waveSource = new QComboBox(wavePage);
    m_waveSource->setObjectName(QStringLiteral("waveformSource"));
    m_waveSource->addItems({QString(), QString()});
    m_zoomIn = new QToolButton(wavePage);
    m_zoomOut = new QToolButton(wavePage);
    m_zoomFit = new QToolButton(wavePage);
    m_zoomIn->setText(QStringLiteral("+"));
    m_zoomOut->setText(QStringLiteral("−"));
    waveBar->addWidget(m_waveSourceLabel);
    waveBar->addWidget(m_waveSource);
    waveBar->addStretch(1);
    waveBar->addWidget(m_zoomOut);
    waveBar->addWidget(m_zoomIn);
    waveBar->addWidget(m_zoomFit);
    m_waveform = new WaveformView(wavePage);
    waveLayout->addLayout(waveBar);
    waveLayout->addWidget(m_waveform, 1);
    connect(m_zoomIn, &QToolButton::clicked, this, [this] { m_waveform->zoomBy(2.0); });
    connect(m_zoomOut, &QToolButton::clicked, this, [this] { m_waveform->zoomBy(0.5); });
    connect(m_zoomFit, &QToolButton::clicked, m_waveform, &WaveformView::zoomToFit);
    connect(m_waveSource, &QComboBox::currentIndexChanged, this, &NoteViews::showWaveformSource);

    // Spectrogram page.
    auto* specPage = new QWidget;
    auto* specLayout = new QVBoxLayout(specPage);
    auto* specBar = new QHBoxLayout;
    m_specModeLabel = new QLabel(specPage);
    m_specMode = new QComboBox(specPage);
    m_specMode->setObjectName(QStringLiteral("spectrogramMode"));
    m_specMode->addItems({QString(), QString()});
    specBar->addWidget(m_specModeLabel);
    specBar->addWidget(m_specMode);
    specBar->addStretch(1);
    m_spectrogram = new SpectrogramView(specPage);
    specLayout->addLayout(specBar);
    specLayout->addWidget(m_spectrogram, 1);
    connect(m_specMode, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_spectrogram->setMode(i == 1 ? SpectrogramView::Mode::Rainbowgram : SpectrogramView::Mode::Spectrogram);
    });

    m_embedding = new EmbeddingView;
    m_tabs->addTab(wavePage, QString());
    m_tabs->addTab(specPage, QString());
    m_tabs->addTab(m_embedding, QString());
    retranslate();
}

void NoteViews::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void NoteViews::retranslate()
{
    m_tabs->setTabText(0, tr("Waveform"));
    m_tabs->setTabText(1, tr("Spectrogram"));
    m_tabs->setTabText(2, tr("Embedding"));
    m_waveSourceLabel->setText(tr("Show:"));
    m_waveSource->setItemText(0, tr("The note (4 s, 16 kHz)"));
    m_waveSource->setItemText(1, tr("The original it was cut from"));
    m_specModeLabel->setText(tr("Picture:"));
    m_specMode->setItemText(0, tr("Spectrogram (dB, log frequency)"));
    m_specMode->setItemText(1, tr("Rainbowgram (colour = instantaneous frequency)"));
    m_zoomIn->setToolTip(tr("Zoom in (+)"));
    m_zoomOut->setToolTip(tr("Zoom out (-)"));
    m_zoomFit->setText(tr("Fit"));
    m_zoomFit->setToolTip(tr("Show the whole file (0)"));
    m_play->setText(m_playing ? tr("Stop") : tr("Play"));
    m_play->setToolTip(tr("Play the note (P)"));
    if (!m_analysis)
        m_title->setText(tr("No note selected"));
}

void NoteViews::showAnalysis(std::shared_ptr<const app::NoteAnalysis> analysis, int namedPitch, const QString& embeddingStatus)
{
    m_analysis = std::move(analysis);
    if (!m_analysis) {
        clear();
        return;
    }
    m_title->setText(m_analysis->noteName);
    m_play->setEnabled(true);
    showWaveformSource();
    m_spectrogram->setSpectrogram(m_analysis->spectrogram, namedPitch);
    m_embedding->setEmbedding(m_analysis->embedding,
                              m_analysis->embeddingError.isEmpty() ? embeddingStatus : m_analysis->embeddingError);
}

void NoteViews::showWaveformSource()
{
    if (!m_analysis)
        return;
    const bool original = m_waveSource->currentIndex() == 1 && m_analysis->original;
    if (original) {
        m_waveform->setPeaks(m_analysis->original);
        m_waveform->setRegion(m_analysis->originalStartSeconds, 4.0);
    } else {
        m_waveform->setPeaks(m_analysis->note);
        m_waveform->setRegion(0, 0);
    }
    m_waveSource->setToolTip(m_analysis->original ? QString() : m_analysis->originalError);
}

void NoteViews::showPending(const QString& noteName)
{
    m_analysis.reset();
    m_title->setText(noteName);
    m_waveform->clear();
    m_spectrogram->clear();
    m_embedding->setEmbedding(std::nullopt, tr("Analysing %1...").arg(noteName));
    m_play->setEnabled(true);
}

void NoteViews::clear()
{
    m_analysis.reset();
    m_waveform->clear();
    m_spectrogram->clear();
    m_embedding->setEmbedding(std::nullopt);
    m_play->setEnabled(false);
    retranslate();
}

void NoteViews::setPlaying(bool playing)
{
    m_playing = playing;
    m_play->setText(playing ? tr("Stop") : tr("Play"));
    if (!playing)
        setPlayhead(-1);
}

void NoteViews::setPlayhead(double seconds)
{
    // The playhead follows the note; in the original it sits at the note's place there.
    const bool original = m_waveSource->currentIndex() == 1 && m_analysis && m_analysis->original;
    m_waveform->setPlayhead(seconds < 0 ? -1 : original ? m_analysis->originalStartSeconds + seconds : seconds);
    m_spectrogram->setPlayhead(seconds);
}

} // namespace nsynth::widgets
