#pragma once
// The Open NSynth Super touch surface, as the device reads it (ons-pipeline.md section 4): the
// sensor reports 11 positions per axis (0..10, origin top-left, GRID_SIZE = 11 in the firmware);
// the app takes x = t / 10 and plays the cell xi = round(x * (R - 1)) of a grid of resolution R.
// With R = 9 all nine cells are reachable and two touch positions land on cells 2 and 6.
//
// The workbench's XY pad maps a point on its square to one of the 11 positions per axis by
// splitting each axis into 11 equal zones (what a sensor with 11 electrodes does), then uses the
// device's rounding, so a click plays exactly the cell (and hence the blend) the device would.

#include <array>

namespace nsynth::app {

constexpr int kOnsTouchPositions = 11;

// 0..10 for a point at `fraction` of the pad's width or height (0 = left/top edge, 1 = right/
// bottom edge); values outside [0, 1] are clamped to the edge zones.
int onsTouchFromFraction(double fraction);

// The cell index (0..R-1) the device plays for touch position t (0..10) at resolution R >= 2:
// round(t / 10 * (R - 1)), halves rounded away from zero as C's round() does.
int onsCellFromTouch(int touch, int resolution);

struct OnsPadPoint {
    int touchX = 0, touchY = 0;  // 0..10
    int cellX = 0, cellY = 0;    // 0..R-1
    int cell = 0;                // cellY * R + cellX, the bank's cell index
    // The corner weights the cell's note was generated with (top-left, top-right, bottom-left,
    // bottom-right): model/grid.h cornerWeights at the cell's grid point.
    std::array<double, 4> weights{};
};

// Everything the device derives from a touch at (fx, fy), fractions of the pad's size.
OnsPadPoint onsPadPoint(double fx, double fy, int resolution);
// The same from touch positions (0..10 each).
OnsPadPoint onsPadPointFromTouch(int touchX, int touchY, int resolution);

// The centre of touch zone t as a fraction of the pad (inverse of onsTouchFromFraction).
double onsTouchZoneCentre(int touch);

} // namespace nsynth::app
