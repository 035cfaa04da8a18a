#pragma once
// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum TensorFlow stores for every
// tensor and .index block of a checkpoint and for every TFRecord record, and TensorFlow's
// "masked" form of it (rotated right by 15 bits plus a constant, so that a CRC of data that
// itself contains CRCs is not degenerate).
//
// Uses the SSE4.2 crc32 instruction when the CPU has it (checked at run time), else a portable
// slicing-by-8 table; both give the same values (tests check known vectors and each other).

#include <cstddef>
#include <cstdint>

namespace nsynth {

// CRC of `data`, continuing from `previous` (the CRC of the bytes before it; 0 to start).
uint32_t crc32c(const void* data, size_t size, uint32_t previous = 0);

// The portable path alone, and whether crc32c() uses the hardware path (for tests).
uint32_t crc32cPortable(const void* data, size_t size, uint32_t previous = 0);
bool crc32cUsesHardware();

constexpr uint32_t kCrc32cMaskDelta = 0xa282ead8u;
constexpr uint32_t maskCrc32c(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kCrc32cMaskDelta; }
constexpr uint32_t unmaskCrc32c(uint32_t masked)
{
    const uint32_t rotated = masked - kCrc32cMaskDelta;
    return (rotated >> 17) | (rotated << 15);
}

} // namespace nsynth
