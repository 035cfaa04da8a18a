#include "crc32c.h"

#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define NSYNTH_CRC32C_X86 1
#else
#define NSYNTH_CRC32C_X86 0
#endif

namespace nsynth {
namespace {

constexpr uint32_t kPolynomial = 0x82f63b78u;  // reflected Castagnoli polynomial

// kTables[k][b]: the CRC contribution of byte b followed by k zero bytes, so eight input bytes
// can be folded with eight independent table look-ups (slicing-by-8).
using Tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Tables makeTables()
{
    Tables t{};
    for (uint32_t b = 0; b < 256; ++b) {
        uint32_t c = b;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
        t[0][b] = c;
    }
    for (size_t k = 1; k < 8; ++k)
        for (size_t b = 0; b < 256; ++b)
            t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xffu];
    return t;
}

constexpr Tables kTables = makeTables();

uint32_t extendPortable(uint32_t state, const unsigned char* p, size_t n)
{
    while (n >= 8) {
        uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        if constexpr (std::endian::native == std::endian::big) {
            lo = __builtin_bswap32(lo);
            hi = __builtin_bswap32(hi);
        }
        lo ^= state;
        state = kTables[7][lo & 0xffu] ^ kTables[6][(lo >> 8) & 0xffu] ^ kTables[5][(lo >> 16) & 0xffu] ^
                kTables[4][lo >> 24] ^ kTables[3][hi & 0xffu] ^ kTables[2][(hi >> 8) & 0xffu] ^
                kTables[1][(hi >> 16) & 0xffu] ^ kTables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n-- > 0)
        state = (state >> 8) ^ kTables[0][(state ^ *p++) & 0xffu];
    return state;
}

#if NSYNTH_CRC32C_X86
__attribute__((target("sse4.2"))) uint32_t extendHardware(uint32_t state, const unsigned char* p, size_t n)
{
    while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7u) != 0) {
        state = _mm_crc32_u8(state, *p++);
        --n;
    }
#if defined(__x86_64__)
    uint64_t s = state;
    while (n >= 8) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        s = _mm_crc32_u64(s, v);
        p += 8;
        n -= 8;
    }
    state = uint32_t(s);
#endif
    while (n > 0) {
        state = _mm_crc32_u8(state, *p++);
        --n;
    }
    return state;
}

bool detectHardware()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}
#else
bool detectHardware() { return false; }
#endif

const bool kHaveHardware = detectHardware();

} // namespace

uint32_t crc32cPortable(const void* data, size_t size, uint32_t previous)
{
    return ~extendPortable(~previous, static_cast<const unsigned char*>(data), size);
}

uint32_t crc32c(const void* data, size_t size, uint32_t previous)
{
#if NSYNTH_CRC32C_X86
    if (kHaveHardware)
        return ~extendHardware(~previous, static_cast<const unsigned char*>(data), size);
#endif
    return crc32cPortable(data, size, previous);
}

bool crc32cUsesHardware() { return kHaveHardware; }

} // namespace nsynth
