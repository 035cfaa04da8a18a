#pragma once
// A small radix-2 FFT for the workbench's spectrogram and rainbowgram views. Our notes are 4 s
// at 16 kHz and a view needs a few hundred transforms of 1024..4096 points, so a plain
// iterative Cooley-Tukey with precomputed twiddles is fast enough (well under a millisecond per
// transform) and keeps audio/ free of a new dependency. LibTorch's STFT would pull the whole
// LibTorch runtime into the GUI's analysis path for no gain at these sizes.

#include <complex>
#include <cstdint>
#include <vector>

namespace nsynth::audio {

class Fft {
public:
    // size: a power of two, 2..65536; anything else throws Error.
    explicit Fft(int size);

    int size() const { return m_size; }

    // In place, forward (e^{-i...}), unnormalised: X[k] = sum_n x[n] e^{-2 pi i k n / N}.
    void forward(std::complex<double>* data) const;

    // Real input [size] -> the non-negative frequency bins [size / 2 + 1].
    void forwardReal(const float* input, std::complex<double>* output) const;

private:
    int m_size = 0;
    int m_log2 = 0;
    std::vector<std::complex<double>> m_twiddles;  // e^{-2 pi i k / N}, k < N/2
    std::vector<uint32_t> m_bitReverse;
    mutable std::vector<std::complex<double>> m_scratch;  // forwardReal's work buffer
};

// The periodic Hann window of `size` points (sums to size / 2), the usual STFT analysis window.
std::vector<float> hannWindow(int size);

} // namespace nsynth::audio
