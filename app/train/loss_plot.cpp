#include "loss_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nsynth::app {

std::vector<double> niceTicks(double lo, double hi, int count)
{
    std::vector<double> ticks;
    if (!(hi > lo) || count < 1)
        return ticks;
    const double raw = (hi - lo) / count;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

namespace {

QString tickLabel(double v, double step)
{
    if (step >= 1)
        return QString::number(qint64(std::llround(v)));
    const int decimals = std::clamp(int(std::ceil(-std::log10(step))), 0, 6);
    return QString::number(v, 'f', decimals);
}

} // namespace

RgbImage renderLossPlot(const std::vector<PlotSeries>& series, const QString& title, int width, int height)
{
    RgbImage image(width, height);
    const Rgb ink{40, 40, 40}, grid{225, 225, 225};
    const int left = 70, right = width - 20, top = 40, bottom = height - 50;

    double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin, yMin = xMin, yMax = -xMin;
    for (const auto& s : series)
        for (const auto& [x, y] : s.points) {
            if (!std::isfinite(x) || !std::isfinite(y))
                continue;
            xMin = std::min(xMin, x);
            xMax = std::max(xMax, x);
            yMin = std::min(yMin, y);
            yMax = std::max(yMax, y);
        }
    if (!std::isfinite(xMin)) {
        xMin = 0;
        xMax = 1;
        yMin = 0;
        yMax = std::log(256.0);
    }
    xMin = std::min(xMin, 0.0);
    if (xMax <= xMin)
        xMax = xMin + 1;
    yMax = std::min(yMax, std::log(256.0) + 0.25);  // the first steps start near ln 256
    yMin = std::max(0.0, yMin - 0.05 * (yMax - yMin));
    if (yMax <= yMin)
        yMax = yMin + 1;

    auto px = [&](double x) { return left + (x - xMin) / (xMax - xMin) * (right - left); };
    auto py = [&](double y) { return bottom - (std::min(y, yMax) - yMin) / (yMax - yMin) * (bottom - top); };

    const auto xTicks = niceTicks(xMin, xMax, 8), yTicks = niceTicks(yMin, yMax, 8);
    const double xStep = xTicks.size() > 1 ? xTicks[1] - xTicks[0] : 1, yStep = yTicks.size() > 1 ? yTicks[1] - yTicks[0] : 1;
    for (double t : xTicks) {
        image.line(px(t), top, px(t), bottom, grid);
        const QString label = tickLabel(t, xStep);
        image.text(int(px(t)) - RgbImage::textWidth(label) / 2, bottom + 8, label, ink);
    }
    for (double t : yTicks) {
        image.line(left, py(t), right, py(t), grid);
        const QString label = tickLabel(t, yStep);
        image.text(left - 8 - RgbImage::textWidth(label), int(py(t)) - 3, label, ink);
    }
    image.line(left, top, left, bottom, ink);
    image.line(left, bottom, right, bottom, ink);
    image.text(left, 6, title, ink, 2);
    image.text((left + right) / 2 - RgbImage::textWidth("step") / 2, bottom + 28, "step", ink);
    image.text(8, top - 12, "loss (nats/sample)", ink);

    int legendY = top + 8;
    for (const auto& s : series) {
        for (size_t i = 1; i < s.points.size(); ++i)
            image.line(px(s.points[i - 1].first), py(s.points[i - 1].second), px(s.points[i].first),
                       py(s.points[i].second), s.colour, 2);
        if (s.points.size() == 1)
            image.fillRect(int(px(s.points[0].first)) - 2, int(py(s.points[0].second)) - 2,
                           int(px(s.points[0].first)) + 2, int(py(s.points[0].second)) + 2, s.colour);
        const int lx = right - 12 - RgbImage::textWidth(s.label) - 30;
        image.fillRect(lx, legendY + 2, lx + 22, legendY + 4, s.colour);
        image.text(lx + 28, legendY, s.label, ink);
        legendY += 14;
    }
    return image;
}

} // namespace nsynth::app
