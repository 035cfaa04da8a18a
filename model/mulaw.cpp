#include "mulaw.h"

#include <array>
#include <cmath>

namespace nsynth::mulaw {

int encode(float x)
{
    // TF float32 order: |x|, *255, +1, log, *sign, / float32(ln 256), *128, floor.
    const float mu = 255.0f;
    const float magnitude = std::log(std::fabs(x) * mu + 1.0f);
    const float sign = x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f);
    const float lnMuPlusOne = 5.545177444479562f;  // float32(ln 256)
    const float companded = sign * magnitude / lnMuPlusOne;
    return int(std::floor(companded * 128.0f));
}

float encodeToInput(float x) { return float(encode(x)) / 128.0f; }

int encodeToClass(float x)
{
    const int k = encode(x) + 128;
    return k < 0 ? 0 : (k > 255 ? 255 : k);
}

float decodeClass(int k)
{
    const int y = k - 128;
    if (y == 0)
        return 0.0f;  // fastgen's special case: class 128 decodes to exactly 0
    const float u = (float(y) + 0.5f) * 2.0f / 256.0f;
    const float sign = u > 0.0f ? 1.0f : -1.0f;
    return sign / 255.0f * (std::pow(256.0f, std::fabs(u)) - 1.0f);
}

int encodeInt16(int16_t s)
{
    static const std::array<int8_t, 65536> table = [] {
        std::array<int8_t, 65536> t{};
        for (int v = -32768; v <= 32767; ++v)
            t[size_t(v + 32768)] = int8_t(encode(float(v) / 32768.0f));
        return t;
    }();
    return table[size_t(int(s) + 32768)];
}

} // namespace nsynth::mulaw
