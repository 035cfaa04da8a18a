#include "note_images.h"

#include <algorithm>
#include <cmath>

namespace nsynth::app {

namespace {

struct Stop {
    double t;
    int r, g, b;
};

QColor interpolate(const Stop* stops, int n, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    for (int i = 1; i < n; ++i) {
        if (t <= stops[i].t) {
            const double f = (t - stops[i - 1].t) / (stops[i].t - stops[i - 1].t);
            return QColor(int(std::lround(stops[i - 1].r + f * (stops[i].r - stops[i - 1].r))),
                          int(std::lround(stops[i - 1].g + f * (stops[i].g - stops[i - 1].g))),
                          int(std::lround(stops[i - 1].b + f * (stops[i].b - stops[i - 1].b))));
        }
    }
    return QColor(stops[n - 1].r, stops[n - 1].g, stops[n - 1].b);
}

float maxDb(const audio::Spectrogram& s)
{
    float top = -1000.0f;
    for (float v : s.magnitudeDb)
        top = std::max(top, v);
    return top;
}

} // namespace

QColor intensityColor(double t)
{
    static const Stop stops[] = {{0.0, 0, 0, 4},       {0.25, 60, 15, 110}, {0.5, 170, 40, 110},
                                 {0.75, 245, 120, 40}, {1.0, 252, 250, 190}};
    return interpolate(stops, 5, t);
}

QColor divergingColor(double t)
{
    static const Stop stops[] = {{0.0, 33, 102, 172}, {0.25, 103, 169, 207}, {0.5, 247, 247, 247},
                                 {0.75, 239, 138, 98}, {1.0, 178, 24, 43}};
    return interpolate(stops, 5, (std::clamp(t, -1.0, 1.0) + 1.0) / 2.0);
}

QColor seriesColor(int i, int n)
{
    return QColor::fromHsvF(std::fmod(0.6 + double(i) / std::max(1, n) * 0.9, 1.0), 0.75, 0.85);
}

QImage spectrogramImage(const audio::Spectrogram& s, double rangeDb)
{
    QImage image(std::max(1, s.frames), std::max(1, s.rows), QImage::Format_RGB32);
    image.fill(Qt::black);
    if (s.frames == 0 || s.rows == 0)
        return image;
    const float top = maxDb(s);
    for (int r = 0; r < s.rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(s.rows - 1 - r));
        for (int f = 0; f < s.frames; ++f) {
            const double t = 1.0 + (s.db(f, r) - top) / rangeDb;
            line[f] = intensityColor(t).rgb();
        }
    }
    return image;
}

QImage rainbowgramImage(const audio::Spectrogram& s, double rangeDb)
{
    QImage image(std::max(1, s.frames), std::max(1, s.rows), QImage::Format_RGB32);
    image.fill(Qt::black);
    if (s.frames == 0 || s.rows == 0 || s.phase.empty())
        return image;
    const float top = maxDb(s);
    for (int r = 0; r < s.rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(s.rows - 1 - r));
        for (int f = 0; f < s.frames; ++f) {
            const size_t i = size_t(f) * s.rows + r;
            const double v = std::clamp(1.0 + (s.magnitudeDb[i] - top) / rangeDb, 0.0, 1.0);
            // Phase deviation -1..1 around the colour wheel (red at zero); brightness = level.
            const double hue = std::fmod((s.phase[i] + 1.0) / 2.0 + 0.5, 1.0);
            line[f] = QColor::fromHsvF(hue, 0.9, v).rgb();
        }
    }
    return image;
}

QImage embeddingHeatmap(const Embedding& e, float* limit)
{
    const int w = int(std::max<int64_t>(1, e.frames)), h = int(std::max<int64_t>(1, e.channels));
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(Qt::white);
    float m = 0;
    for (float v : e.data)
        m = std::max(m, std::fabs(v));
    if (limit)
        *limit = m;
    if (m <= 0)
        return image;
    for (int c = 0; c < e.channels; ++c) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(c));
        for (int f = 0; f < e.frames; ++f)
            line[f] = divergingColor(e.frame(f)[c] / m).rgb();
    }
    return image;
}

} // namespace nsynth::app
