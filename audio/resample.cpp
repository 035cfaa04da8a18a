#include "resample.h"

#include "error.h"

#include <samplerate.h>

#include <algorithm>
#include <string>

namespace nsynth::audio {

int64_t resampledLength(int64_t n, int fromRate, int toRate)
{
    // round(n * to / from) with halves rounded up; n * to stays far below 2^63 for real audio.
    return (2 * n * int64_t(toRate) + int64_t(fromRate)) / (2 * int64_t(fromRate));
}

std::vector<float> resample(const std::vector<float>& mono, int fromRate, int toRate)
{
    if (fromRate <= 0 || fromRate > 1'000'000 || toRate <= 0 || toRate > 1'000'000)
        throw Error("resample: invalid sample rates " + std::to_string(fromRate) + " Hz -> " +
                    std::to_string(toRate) + " Hz");
    if (fromRate == toRate)
        return mono;
    const double ratio = double(toRate) / double(fromRate);
    if (!src_is_valid_ratio(ratio))
        throw Error("resample: libsamplerate cannot convert " + std::to_string(fromRate) + " Hz to " +
                    std::to_string(toRate) + " Hz (ratio beyond 256)");

    const int64_t n = int64_t(mono.size());
    const int64_t outLength = resampledLength(n, fromRate, toRate);
    std::vector<float> out(size_t(outLength), 0.0f);
    if (n == 0)
        return out;

    int err = 0;
    SRC_STATE* state = src_new(SRC_SINC_BEST_QUALITY, 1, &err);
    if (!state)
        throw Error(std::string("resample: ") + src_strerror(err));

    // One call with the whole input and end_of_input set; libsamplerate may return before all
    // output is produced (its internal buffer is bounded), so keep calling until it stops.
    // Output beyond outLength (filter tail) is not wanted; a shortfall stays zero.
    std::vector<float> spill(4096);
    int64_t inPos = 0;
    int64_t outPos = 0;
    for (int guard = 0; guard < 1'000'000; ++guard) {
        SRC_DATA data{};
        data.data_in = mono.data() + inPos;
        data.input_frames = long(n - inPos);
        const bool intoOut = outPos < outLength;
        data.data_out = intoOut ? out.data() + outPos : spill.data();
        data.output_frames = intoOut ? long(outLength - outPos) : long(spill.size());
        data.end_of_input = 1;
        data.src_ratio = ratio;
        err = src_process(state, &data);
        if (err) {
            src_delete(state);
            throw Error(std::string("resample: ") + src_strerror(err));
        }
        inPos += data.input_frames_used;
        if (intoOut)
            outPos += data.output_frames_gen;
        if (data.output_frames_gen == 0 && inPos >= n)
            break;
        if (!intoOut)
            break; // everything wanted is there; the rest is the filter's tail
    }
    src_delete(state);
    return out;
}

} // namespace nsynth::audio
