#include "sampling.h"

#include <cmath>

namespace nsynth {

int sampleClass(const float* logits, int classes, float temperature, float u)
{
    float maxLogit = logits[0];
    for (int k = 1; k < classes; ++k)
        maxLogit = logits[k] > maxLogit ? logits[k] : maxLogit;
    float cdf[1024];
    float total = 0.0f;
    const float inv = 1.0f / temperature;
    for (int k = 0; k < classes; ++k) {
        total += std::exp((logits[k] - maxLogit) * inv);
        cdf[k] = total;
    }
    const float target = u * total;
    int last = 0;
    for (int k = 0; k < classes; ++k) {
        if (cdf[k] > target)
            return k;
        if (k == 0 ? cdf[0] > 0.0f : cdf[k] > cdf[k - 1])
            last = k;
    }
    return last;  // u * total rounded up to total: the last class of non-zero probability
}

int greedyClass(const float* logits, int classes)
{
    int best = 0;
    for (int k = 1; k < classes; ++k)
        if (logits[k] > logits[best])
            best = k;
    return best;
}

double classNll(const float* logits, int classes, int target)
{
    double maxLogit = logits[0];
    for (int k = 1; k < classes; ++k)
        maxLogit = std::fmax(maxLogit, double(logits[k]));
    double sum = 0.0;
    for (int k = 0; k < classes; ++k)
        sum += std::exp(double(logits[k]) - maxLogit);
    return std::log(sum) + maxLogit - double(logits[target]);
}

} // namespace nsynth
