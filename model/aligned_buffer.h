#pragma once
// A zero-initialised array aligned to 64 bytes (one cache line, one AVX-512 register), for GEMM
// operands, packed weights and ring buffers of the fast paths. AlignedBuffer is the float one.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace nsynth {

template <typename T>
class AlignedArray {
public:
    AlignedArray() = default;
    explicit AlignedArray(size_t count) { resize(count); }
    ~AlignedArray() { std::free(m_data); }
    AlignedArray(const AlignedArray&) = delete;
    AlignedArray& operator=(const AlignedArray&) = delete;
    AlignedArray(AlignedArray&& o) noexcept : m_data(o.m_data), m_count(o.m_count)
    {
        o.m_data = nullptr;
        o.m_count = 0;
    }
    AlignedArray& operator=(AlignedArray&& o) noexcept
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
        const size_t bytes = (count * sizeof(T) + 63) / 64 * 64;
        m_data = static_cast<T*>(std::aligned_alloc(64, bytes));
        if (!m_data)
            throw std::bad_alloc();
        std::memset(static_cast<void*>(m_data), 0, bytes);
    }
    void zero()
    {
        if (m_data)
            std::memset(static_cast<void*>(m_data), 0, m_count * sizeof(T));
    }
    T* data() { return m_data; }
    const T* data() const { return m_data; }
    size_t size() const { return m_count; }
    size_t bytes() const { return m_count * sizeof(T); }
    T& operator[](size_t i) { return m_data[i]; }
    const T& operator[](size_t i) const { return m_data[i]; }

private:
    T* m_data = nullptr;
    size_t m_count = 0;
};

using AlignedBuffer = AlignedArray<float>;

} // namespace nsynth
