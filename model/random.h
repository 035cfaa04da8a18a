#pragma once
// Portable, counter-based randomness: the same numbers on every machine, compiler and batch
// layout. Every note has its own stream keyed by (seed, note identity); the number for sample
// step t is a pure function of (key, t), so a note decodes the same alone, in any batch, in any
// shard and after any resume.

#include <cstdint>
#include <string_view>

namespace nsynth {

// 64-bit FNV-1a of a byte string: the stable key of a note identity ("brass:0.5|flute:0.5|pitch:24").
uint64_t stableHash64(std::string_view text);

// SplitMix64 finaliser: a bijective 64-bit mixer.
uint64_t mix64(uint64_t x);

// Philox4x32-10 (Salmon et al., SC'11): 4 x 32 random bits for (key, counter).
struct Philox4x32 {
    uint32_t out[4];
    Philox4x32(uint64_t key, uint64_t counterLo, uint64_t counterHi = 0);
};

// Uniform float in [0, 1) with 24 random bits, for sampling step `step` of the stream `streamKey`.
float uniformForStep(uint64_t streamKey, uint64_t step);

// The per-note stream key used by every generator: mix of the run seed and the note identity.
uint64_t noteStreamKey(uint64_t seed, std::string_view noteIdentity);

// A small sequential generator (SplitMix64) for initialisation and data order.
class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed) : m_state(seed) {}
    uint64_t next();
    float uniform01();                     // [0, 1), 24 bits
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform01(); }
    uint64_t below(uint64_t n);            // uniform in [0, n)

private:
    uint64_t m_state;
};

} // namespace nsynth
