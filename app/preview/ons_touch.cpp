#include "ons_touch.h"

#include "grid.h"

#include <algorithm>
#include <cmath>

namespace nsynth::app {

int onsTouchFromFraction(double fraction)
{
    if (!(fraction > 0))  // also NaN
        return 0;
    return std::clamp(int(std::floor(fraction * kOnsTouchPositions)), 0, kOnsTouchPositions - 1);
}

int onsCellFromTouch(int touch, int resolution)
{
    touch = std::clamp(touch, 0, kOnsTouchPositions - 1);
    const double x = double(touch) / double(kOnsTouchPositions - 1);
    return std::clamp(int(std::round(x * double(resolution - 1))), 0, std::max(0, resolution - 1));
}

OnsPadPoint onsPadPointFromTouch(int touchX, int touchY, int resolution)
{
    OnsPadPoint p;
    p.touchX = std::clamp(touchX, 0, kOnsTouchPositions - 1);
    p.touchY = std::clamp(touchY, 0, kOnsTouchPositions - 1);
    p.cellX = onsCellFromTouch(p.touchX, resolution);
    p.cellY = onsCellFromTouch(p.touchY, resolution);
    p.cell = p.cellY * resolution + p.cellX;
    if (resolution >= 2)
        p.weights = cornerWeights(gridCoordinate(p.cellX, resolution), gridCoordinate(p.cellY, resolution));
    return p;
}

OnsPadPoint onsPadPoint(double fx, double fy, int resolution)
{
    return onsPadPointFromTouch(onsTouchFromFraction(fx), onsTouchFromFraction(fy), resolution);
}

double onsTouchZoneCentre(int touch)
{
    return (std::clamp(touch, 0, kOnsTouchPositions - 1) + 0.5) / double(kOnsTouchPositions);
}

} // namespace nsynth::app
