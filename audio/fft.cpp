#include "fft.h"

#include "error.h"

#include <cmath>
#include <numbers>
#include <string>

namespace nsynth::audio {

Fft::Fft(int size) : m_size(size)
{
    if (size < 2 || size > 65536 || (size & (size - 1)) != 0)
        throw Error("FFT size " + std::to_string(size) + " is not a power of two in 2..65536");
    while ((1 << m_log2) < size)
        ++m_log2;
    m_twiddles.resize(size / 2);
    for (int k = 0; k < size / 2; ++k) {
        const double angle = -2.0 * std::numbers::pi * k / size;
        m_twiddles[k] = {std::cos(angle), std::sin(angle)};
    }
    m_bitReverse.resize(size);
    for (int i = 0; i < size; ++i) {
        uint32_t r = 0;
        for (int b = 0; b < m_log2; ++b)
            if (i & (1 << b))
                r |= 1u << (m_log2 - 1 - b);
        m_bitReverse[i] = r;
    }
    m_scratch.resize(size);
}

void Fft::forward(std::complex<double>* data) const
{
    for (int i = 0; i < m_size; ++i) {
        const uint32_t j = m_bitReverse[i];
        if (j > uint32_t(i))
            std::swap(data[i], data[j]);
    }
    for (int half = 1; half < m_size; half *= 2) {
        const int step = m_size / (2 * half);  // twiddle stride for this stage
        for (int start = 0; start < m_size; start += 2 * half) {
            for (int k = 0; k < half; ++k) {
                const std::complex<double> t = m_twiddles[k * step] * data[start + k + half];
                data[start + k + half] = data[start + k] - t;
                data[start + k] += t;
            }
        }
    }
}

void Fft::forwardReal(const float* input, std::complex<double>* output) const
{
    // Plain complex transform of the real signal: at these sizes the factor two a packed real
    // FFT would save is not worth the extra code.
    for (int i = 0; i < m_size; ++i)
        m_scratch[i] = {double(input[i]), 0.0};
    forward(m_scratch.data());
    for (int k = 0; k <= m_size / 2; ++k)
        output[k] = m_scratch[k];
}

std::vector<float> hannWindow(int size)
{
    std::vector<float> w(size);
    for (int i = 0; i < size; ++i)
        w[i] = float(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / size));
    return w;
}

} // namespace nsynth::audio
