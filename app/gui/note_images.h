#pragma once
// Pictures of analysis data for the views: the data-to-colour mapping lives here, not in the
// widgets, so it is testable and the widgets only scale and draw an image.
//   - spectrogram: dB to a dark-to-bright colour map over a fixed range below the loudest value;
//   - rainbowgram (NSynth paper, figure 2): brightness from the magnitude, hue from the phase
//     advance (the instantaneous frequency's deviation from the bin), so steady partials show as
//     flat colour bands and transients as colour noise;
//   - embedding heatmap: 16 x frames, a diverging map symmetric around zero.

#include "npy.h"
#include "spectrogram.h"

#include <QColor>
#include <QImage>

namespace nsynth::app {

// Width = frames, height = rows, lowest frequency at the bottom.
QImage spectrogramImage(const audio::Spectrogram& s, double rangeDb = 80.0);
QImage rainbowgramImage(const audio::Spectrogram& s, double rangeDb = 70.0);

// Width = frames, height = channels, channel 0 at the top. `limit` receives the value mapped
// to full colour (the largest |value|).
QImage embeddingHeatmap(const Embedding& e, float* limit = nullptr);

// t in [0, 1]: black, deep purple, red, orange, pale yellow.
QColor intensityColor(double t);
// t in [-1, 1]: blue, white, red.
QColor divergingColor(double t);
// A distinct colour for curve i of n.
QColor seriesColor(int i, int n);

} // namespace nsynth::app
