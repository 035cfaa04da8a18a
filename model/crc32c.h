#pragma once
// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by TensorFlow's checkpoint
// bundles and TFRecord files, and TensorFlow's "masked" form of it (the CRC rotated right by 15
// bits plus a constant, so that a CRC of data containing CRCs is not degenerate).

#include <cstddef>
#include <cstdint>

namespace nsynth {

uint32_t crc32c(const void* data, size_t size, uint32_t previous = 0);  // extend a running CRC
uint32_t maskCrc32c(uint32_t crc);
uint32_t unmaskCrc32c(uint32_t masked);

} // namespace nsynth
