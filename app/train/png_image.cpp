#include "png_image.h"

#include "atomic_file.h"
#include "error.h"

#include <QByteArray>

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>

namespace nsynth::app {
namespace {

// 5x7 glyphs, one byte per row, bit 4 = leftmost column.
const std::map<QChar, std::array<uint8_t, 7>>& font()
{
    static const std::map<QChar, std::array<uint8_t, 7>> glyphs = {
        {'0', {0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e}}, {'1', {0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e}},
        {'2', {0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f}}, {'3', {0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e}},
        {'4', {0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02}}, {'5', {0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e}},
        {'6', {0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e}}, {'7', {0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
        {'8', {0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e}}, {'9', {0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c}},
        {'.', {0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x0c}}, {'-', {0x00, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00}},
        {'+', {0x00, 0x04, 0x04, 0x1f, 0x04, 0x04, 0x00}}, {':', {0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x0c, 0x00}},
        {'(', {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02}}, {')', {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08}},
        {'/', {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x00}}, {'=', {0x00, 0x00, 0x1f, 0x00, 0x1f, 0x00, 0x00}},
        {',', {0x00, 0x00, 0x00, 0x00, 0x0c, 0x04, 0x08}}, {'%', {0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03}},
        {'a', {0x00, 0x00, 0x0e, 0x01, 0x0f, 0x11, 0x0f}}, {'b', {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x1e}},
        {'c', {0x00, 0x00, 0x0e, 0x10, 0x10, 0x11, 0x0e}}, {'d', {0x01, 0x01, 0x0d, 0x13, 0x11, 0x11, 0x0f}},
        {'e', {0x00, 0x00, 0x0e, 0x11, 0x1f, 0x10, 0x0e}}, {'f', {0x06, 0x09, 0x08, 0x1c, 0x08, 0x08, 0x08}},
        {'g', {0x00, 0x0f, 0x11, 0x11, 0x0f, 0x01, 0x0e}}, {'h', {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x11}},
        {'i', {0x04, 0x00, 0x0c, 0x04, 0x04, 0x04, 0x0e}}, {'j', {0x02, 0x00, 0x06, 0x02, 0x02, 0x12, 0x0c}},
        {'k', {0x10, 0x10, 0x12, 0x14, 0x18, 0x14, 0x12}}, {'l', {0x0c, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e}},
        {'m', {0x00, 0x00, 0x1a, 0x15, 0x15, 0x11, 0x11}}, {'n', {0x00, 0x00, 0x16, 0x19, 0x11, 0x11, 0x11}},
        {'o', {0x00, 0x00, 0x0e, 0x11, 0x11, 0x11, 0x0e}}, {'p', {0x00, 0x00, 0x1e, 0x11, 0x1e, 0x10, 0x10}},
        {'q', {0x00, 0x00, 0x0d, 0x13, 0x0f, 0x01, 0x01}}, {'r', {0x00, 0x00, 0x16, 0x19, 0x10, 0x10, 0x10}},
        {'s', {0x00, 0x00, 0x0e, 0x10, 0x0e, 0x01, 0x1e}}, {'t', {0x08, 0x08, 0x1c, 0x08, 0x08, 0x09, 0x06}},
        {'u', {0x00, 0x00, 0x11, 0x11, 0x11, 0x13, 0x0d}}, {'v', {0x00, 0x00, 0x11, 0x11, 0x11, 0x0a, 0x04}},
        {'w', {0x00, 0x00, 0x11, 0x11, 0x15, 0x15, 0x0a}}, {'x', {0x00, 0x00, 0x11, 0x0a, 0x04, 0x0a, 0x11}},
        {'y', {0x00, 0x00, 0x11, 0x11, 0x0f, 0x01, 0x0e}}, {'z', {0x00, 0x00, 0x1f, 0x02, 0x04, 0x08, 0x1f}},
    };
    return glyphs;
}

void appendBigEndian32(QByteArray& out, uint32_t v)
{
    out.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
}

void appendChunk(QByteArray& out, const char type[4], const QByteArray& payload)
{
    appendBigEndian32(out, uint32_t(payload.size()));
    QByteArray typed(type, 4);
    typed.append(payload);
    out.append(typed);
    // The chunk CRC covers the type and the data, not the length.
    const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(typed.constData()), uInt(typed.size()));
    appendBigEndian32(out, uint32_t(crc));
}

} // namespace

RgbImage::RgbImage(int width, int height, Rgb fill)
    : m_width(width), m_height(height), m_data(size_t(width) * size_t(height) * 3)
{
    if (width <= 0 || height <= 0)
        throw Error("image size " + std::to_string(width) + "x" + std::to_string(height) + " is not positive");
    fillRect(0, 0, width - 1, height - 1, fill);
}

Rgb RgbImage::pixel(int x, int y) const
{
    const size_t i = (size_t(y) * size_t(m_width) + size_t(x)) * 3;
    return {m_data[i], m_data[i + 1], m_data[i + 2]};
}

void RgbImage::set(int x, int y, Rgb c)
{
    if (x < 0 || y < 0 || x >= m_width || y >= m_height)
        return;
    const size_t i = (size_t(y) * size_t(m_width) + size_t(x)) * 3;
    m_data[i] = c.r;
    m_data[i + 1] = c.g;
    m_data[i + 2] = c.b;
}

void RgbImage::fillRect(int x0, int y0, int x1, int y1, Rgb c)
{
    for (int y = std::max(0, std::min(y0, y1)); y <= std::min(m_height - 1, std::max(y0, y1)); ++y)
        for (int x = std::max(0, std::min(x0, x1)); x <= std::min(m_width - 1, std::max(x0, x1)); ++x)
            set(x, y, c);
}

void RgbImage::line(double x0, double y0, double x1, double y1, Rgb c, int thickness)
{
    if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1))
        return;
    int ax = int(std::lround(x0)), ay = int(std::lround(y0));
    const int bx = int(std::lround(x1)), by = int(std::lround(y1));
    const int dx = std::abs(bx - ax), dy = -std::abs(by - ay);
    const int sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1;
    int err = dx + dy;
    for (int guard = 0; guard < 100000; ++guard) {
        for (int t = 0; t < thickness; ++t) {
            set(ax, ay + t, c);
            set(ax + t, ay, c);
        }
        if (ax == bx && ay == by)
            break;
        const int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            ax += sx;
        }
        if (e2 <= dx) {
            err += dx;
            ay += sy;
        }
    }
}

void RgbImage::text(int x, int y, const QString& s, Rgb c, int scale)
{
    const auto& glyphs = font();
    for (int i = 0; i < s.size(); ++i) {
        const auto it = glyphs.find(s[i].toLower());
        if (it == glyphs.end())
            continue;
        for (int row = 0; row < 7; ++row)
            for (int col = 0; col < 5; ++col)
                if (it->second[size_t(row)] & (0x10 >> col))
                    fillRect(x + (i * 6 + col) * scale, y + row * scale, x + (i * 6 + col + 1) * scale - 1,
                             y + (row + 1) * scale - 1, c);
    }
}

QByteArray encodePng(const RgbImage& image)
{
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    QByteArray header;
    appendBigEndian32(header, uint32_t(image.width()));
    appendBigEndian32(header, uint32_t(image.height()));
    header.append(char(8));  // bit depth
    header.append(char(2));  // colour type: truecolour
    header.append(char(0));  // compression: deflate
    header.append(char(0));  // filter method 0
    header.append(char(0));  // no interlace
    appendChunk(png, "IHDR", header);

    // Every scanline is preceded by its filter type (0: none).
    const size_t stride = size_t(image.width()) * 3;
    std::vector<uint8_t> raw;
    raw.reserve((stride + 1) * size_t(image.height()));
    for (int y = 0; y < image.height(); ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), image.data().begin() + long(size_t(y) * stride),
                   image.data().begin() + long(size_t(y + 1) * stride));
    }
    uLongf packedSize = compressBound(uLong(raw.size()));
    QByteArray packed(qsizetype(packedSize), '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packedSize, raw.data(), uLong(raw.size()), 9) != Z_OK)
        throw Error("PNG: zlib compression failed");
    packed.truncate(qsizetype(packedSize));
    appendChunk(png, "IDAT", packed);
    appendChunk(png, "IEND", QByteArray());
    return png;
}

void writePng(const QString& path, const RgbImage& image)
{
    const QByteArray bytes = encodePng(image);
    writeFileAtomically(path.toStdString(), bytes.constData(), size_t(bytes.size()));
}

} // namespace nsynth::app
