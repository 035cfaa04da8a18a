#pragma once
// A zero-initialised float array aligned to 64 bytes (one cache line, one AVX-512 register), for
// GEMM operands and ring buffers of the fast paths.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace nsynth {

class AlignedBuffer {
public:
    AlignedBuffer() = default;
    explicit AlignedBuffer(size_t count) { resize(count); }
    ~AlignedBuffer() { std::free(m_data); }
    AlignedBuffer(const AlignedBuffer&) = delete;
    AlignedBuffer& operator=(const AlignedBuffer&) = delete;
    AlignedBuffer(AlignedBuffer&& o) noexcept : m_data(o.m_data), m_count(o.m_count)
    {
        o.m_data = nullptr;
        o.m_count = 0;
    }
    AlignedBuffer& operator=(AlignedBuffer&& o) noexcept
    {
        std::swap(m_data, o.m_data);
        std::swap(m_count, o.m_count);
        return *this;
    }

    void resize(size_t count)
    {
        std::free(m_data);
        m_data = nullptr;
        m_count = count;
        if (count == 0)
            return;
        const size_t bytes = (count * sizeof(float) + 63) / 64 * 64;
        m_data = static_cast<float*>(std::aligned_alloc(64, bytes));
        if (!m_data)
            throw std::bad_alloc();
        std::memset(m_data, 0, bytes);
    }
    void zero()
    {
        if (m_data)
            std::memset(m_data, 0, m_count * sizeof(float));
    }
    float* data() { return m_data; }
    const float* data() const { return m_data; }
    size_t size() const { return m_count; }
    float& operator[](size_t i) { return m_data[i]; }
    const float& operator[](size_t i) const { return m_data[i]; }

private:
    float* m_data = nullptr;
    size_t m_count = 0;
};

} // namespace nsynth
