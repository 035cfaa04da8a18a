#pragma once
// Small text helpers for one-line messages.

#include <string>
#include <vector>

namespace nsynth {

// "a, b, c" with at most `limit` items, then ", ... (N in all)".
std::string joinLimited(const std::vector<std::string>& items, size_t limit);

} // namespace nsynth
