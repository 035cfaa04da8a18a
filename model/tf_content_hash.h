#pragma once
// SHA-256 (FIPS 180-4), streaming. model/ has no Qt, and the checkpoint cache names converted
// files by a content hash (model_source.h), so the library carries its own.
//
//   Sha256 h; h.update(bytes, n); ...; std::string hex = h.hexDigest();

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nsynth {

class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    // Finishes the hash (the object cannot be updated afterwards).
    std::array<uint8_t, 32> digest();
    std::string hexDigest();  // 64 lower-case hex digits

private:
    void compress(const uint8_t* block);

    std::array<uint32_t, 8> m_state;
    std::array<uint8_t, 64> m_buffer{};
    size_t m_buffered = 0;
    uint64_t m_length = 0;  // bytes hashed so far
    bool m_finished = false;
};

} // namespace nsynth
