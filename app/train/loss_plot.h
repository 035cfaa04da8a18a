#pragma once
// The training run's loss curve as a PNG (loss.png in the run folder): loss in nats per sample
// against the step, one coloured polyline per series, linear axes with labelled ticks, a legend.
// ln 256 = 5.545 (a uniform guess) bounds the y axis from above when the curves start higher.

#include "png_image.h"

#include <QString>

#include <utility>
#include <vector>

namespace nsynth::app {

struct PlotSeries {
    QString label;
    Rgb colour;
    std::vector<std::pair<double, double>> points;  // (step, loss), ascending steps
};

RgbImage renderLossPlot(const std::vector<PlotSeries>& series, const QString& title, int width = 900,
                        int height = 540);

// Nice tick positions (1, 2 or 5 times a power of ten) covering [lo, hi], about `count` of them.
std::vector<double> niceTicks(double lo, double hi, int count);

} // namespace nsynth::app
