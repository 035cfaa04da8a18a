#include "random.h"

namespace nsynth {

uint64_t stableHash64(std::string_view text)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

Philox4x32::Philox4x32(uint64_t key, uint64_t counterLo, uint64_t counterHi)
{
    uint32_t c0 = uint32_t(counterLo), c1 = uint32_t(counterLo >> 32);
    uint32_t c2 = uint32_t(counterHi), c3 = uint32_t(counterHi >> 32);
    uint32_t k0 = uint32_t(key), k1 = uint32_t(key >> 32);
    constexpr uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u;
    constexpr uint32_t W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    for (int round = 0; round < 10; ++round) {
        const uint64_t p0 = uint64_t(M0) * c0;
        const uint64_t p1 = uint64_t(M1) * c2;
        const uint32_t hi0 = uint32_t(p0 >> 32), lo0 = uint32_t(p0);
        const uint32_t hi1 = uint32_t(p1 >> 32), lo1 = uint32_t(p1);
        const uint32_t n0 = hi1 ^ c1 ^ k0;
        const uint32_t n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
        k0 += W0;
        k1 += W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

float uniformForStep(uint64_t streamKey, uint64_t step)
{
    const Philox4x32 r(streamKey, step);
    return float(r.out[0] >> 8) * (1.0f / 16777216.0f);
}

uint64_t noteStreamKey(uint64_t seed, std::string_view noteIdentity)
{
    return mix64(mix64(seed) ^ stableHash64(noteIdentity));
}

uint64_t SplitMix64::next()
{
    m_state += 0x9e3779b97f4a7c15ull;
    uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

float SplitMix64::uniform01() { return float(next() >> 40) * (1.0f / 16777216.0f); }

uint64_t SplitMix64::below(uint64_t n)
{
    // Lemire's nearly-divisionless bounded integer, exact (rejection on the short range).
    if (n == 0)
        return 0;
    const uint64_t threshold = (0 - n) % n;
    for (;;) {
        const uint64_t x = next();
        const __uint128_t m = __uint128_t(x) * n;
        if (uint64_t(m) >= threshold)
            return uint64_t(m >> 64);
    }
}

} // namespace nsynth
