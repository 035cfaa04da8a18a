#pragma once
// What the benchmark programs share: list arguments and a steady-state rate measurement.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace nsynth::bench {

// "a,b,c" -> {"a", "b", "c"} (empty items dropped)
inline std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> out;
    for (size_t start = 0; start <= text.size();) {
        const size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start)
            out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

// "1,8,64" -> {1, 8, 64}
inline std::vector<int> parseIntList(const std::string& text)
{
    std::vector<int> out;
    for (const auto& item : splitList(text))
        out.push_back(std::stoi(item));
    return out;
}

// Runs `step` (which produces `batch` samples) twice to warm up, then for at least `seconds`
// and `minSteps` steps; returns samples per second.
template <typename F>
double samplesPerSecond(F&& step, int batch, double seconds, int minSteps = 5)
{
    for (int i = 0; i < 2; ++i)
        step();
    int64_t steps = 0;
    const auto t0 = std::chrono::steady_clock::now();
    double elapsed = 0;
    while (elapsed < seconds || steps < minSteps) {
        step();
        ++steps;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    return double(steps) * batch / elapsed;
}

} // namespace nsynth::bench
