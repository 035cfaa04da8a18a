#pragma once
// A small RGB raster and a PNG writer for it, for plots written by the headless build (which has
// no Qt Gui): 8-bit truecolour, no interlace, filter type 0 on every row, zlib-deflated IDAT,
// chunk CRCs from zlib's crc32 (PNG's CRC-32, ISO 3309; not the CRC-32C of crc32c.h).

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace nsynth::app {

struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
};

class RgbImage {
public:
    RgbImage(int width, int height, Rgb fill = {255, 255, 255});

    int width() const { return m_width; }
    int height() const { return m_height; }
    Rgb pixel(int x, int y) const;
    void set(int x, int y, Rgb c);  // ignores points outside the image
    void fillRect(int x0, int y0, int x1, int y1, Rgb c);  // inclusive corners, clipped
    // Anti-aliasing is not needed for loss curves; a 1- or 2-pixel Bresenham line.
    void line(double x0, double y0, double x1, double y1, Rgb c, int thickness = 1);
    // Text in a built-in 5x7 pixel font (digits, lower-case letters, space and . - + : ( ) / =),
    // `scale` pixels per font pixel; characters it lacks are drawn as blanks.
    void text(int x, int y, const QString& s, Rgb c, int scale = 1);
    static int textWidth(const QString& s, int scale = 1) { return int(s.size()) * 6 * scale; }

    const std::vector<uint8_t>& data() const { return m_data; }  // [height][width][3]

private:
    int m_width, m_height;
    std::vector<uint8_t> m_data;
};

// The PNG file's bytes.
QByteArray encodePng(const RgbImage& image);
// Writes atomically; throws nsynth::Error naming the path.
void writePng(const QString& path, const RgbImage& image);

} // namespace nsynth::app
