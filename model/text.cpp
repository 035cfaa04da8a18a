#include "text.h"

namespace nsynth {

std::string joinLimited(const std::vector<std::string>& items, size_t limit)
{
    std::string s;
    for (size_t i = 0; i < items.size() && i < limit; ++i) {
        if (i)
            s += ", ";
        s += items[i];
    }
    if (items.size() > limit)
        s += ", ... (" + std::to_string(items.size()) + " in all)";
    return s;
}

} // namespace nsynth
