#pragma once
// IEEE half and bfloat16 <-> float32, bit-exact (used by the weight-file readers and the
// reduced-precision weight modes).

#include <bit>
#include <cstdint>

namespace nsynth {

inline float bf16ToFloat(uint16_t v) { return std::bit_cast<float>(uint32_t(v) << 16); }

// Round to nearest even; NaN stays NaN.
inline uint16_t floatToBf16(float f)
{
    uint32_t u = std::bit_cast<uint32_t>(f);
    if ((u & 0x7fffffffu) > 0x7f800000u)
        return uint16_t((u >> 16) | 0x40u);
    u += 0x7fffu + ((u >> 16) & 1u);
    return uint16_t(u >> 16);
}

inline float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    uint32_t exponent = (h >> 10) & 0x1fu;
    uint32_t mantissa = h & 0x3ffu;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else {  // subnormal half: normalise
            int e = -1;
            do {
                ++e;
                mantissa <<= 1;
            } while ((mantissa & 0x400u) == 0);
            bits = sign | uint32_t(127 - 15 - e) << 23 | (mantissa & 0x3ffu) << 13;
        }
    } else if (exponent == 0x1fu) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else {
        bits = sign | (exponent + 127 - 15) << 23 | (mantissa << 13);
    }
    return std::bit_cast<float>(bits);
}

} // namespace nsynth
