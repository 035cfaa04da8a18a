#pragma once
// Choosing the next mu-law class from the decoder's logits.
//
// Categorical sampling at temperature tau (Magenta: tau = 1): p = softmax(logits / tau); the
// cumulative sum is taken in float32 and the first class whose cumulative probability exceeds
// u * total is chosen, u in [0, 1) from the note's own stream (random.h). Classes of zero
// probability are never chosen (Magenta's searchsorted could return 256 with probability ~1e-7;
// nsynth-model.md section 5.2). Greedy picks the first largest logit.

#include <cstdint>

namespace nsynth {

int sampleClass(const float* logits, int classes, float temperature, float u);
int greedyClass(const float* logits, int classes);

// Negative log-likelihood (nats) of class `target` under softmax(logits), computed in double.
double classNll(const float* logits, int classes, int target);

} // namespace nsynth
