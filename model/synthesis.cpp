#include "synthesis.h"

#include "error.h"
#include "fast_decoder.h"
#include "mulaw.h"
#include "random.h"
#include "sampling.h"

#include <algorithm>
#include <omp.h>

namespace nsynth {

std::vector<std::vector<float>> generateBatch(FastDecoder& decoder, const std::vector<NoteToGenerate>& notes,
                                              const GenerationOptions& options, const StepProgress& progress,
                                              const std::atomic<bool>* cancel,
                                              std::vector<std::vector<uint8_t>>* classes)
{
    const ModelConfig& c = decoder.config();
    const int B = int(notes.size());
    if (B == 0)
        return {};
    if (B > decoder.maxBatch())
        throw Error("generate: batch of " + std::to_string(B) + " notes exceeds the decoder's " +
                    std::to_string(decoder.maxBatch()));
    if (!options.greedy && !(options.temperature > 0.0f))
        throw Error("generate: temperature must be positive");
    const int64_t frames = notes[0].embedding->frames, Z = c.bottleneckWidth, Q = c.quantizationChannels;
    for (const auto& n : notes)
        if (n.embedding->frames != frames || n.embedding->channels != Z)
            throw Error("generate: notes of one batch must have the same number of frames");
    const int64_t total = frames * c.hopLength;

    std::vector<uint64_t> streams(static_cast<size_t>(B));
    std::vector<int> pitches(static_cast<size_t>(B));
    for (int b = 0; b < B; ++b) {
        streams[size_t(b)] = noteStreamKey(options.seed, notes[size_t(b)].identity);
        pitches[size_t(b)] = notes[size_t(b)].pitch;
    }
    std::vector<std::vector<float>> audio(static_cast<size_t>(B), std::vector<float>(static_cast<size_t>(total)));
    if (classes)
        classes->assign(size_t(B), std::vector<uint8_t>(size_t(total)));

    decoder.reset(B);
    std::vector<float> frame(size_t(B * Z)), input(static_cast<size_t>(B), 0.0f), logits(size_t(B * Q));
    std::vector<int> chosen(static_cast<size_t>(B));
    for (int64_t t = 0; t < total; ++t) {
        if (t % c.hopLength == 0) {
            if (cancel && cancel->load())
                throw Cancelled();
            const int64_t f = t / c.hopLength;
            for (int b = 0; b < B; ++b)
                std::copy_n(notes[size_t(b)].embedding->frame(f), Z, frame.data() + b * Z);
            decoder.setConditioning(frame.data(), c.pitch.enabled ? pitches.data() : nullptr);
            if (progress && t > 0)
                progress(t, total);
        }
        decoder.advance(input.data(), 1, logits.data());
        for (int b = 0; b < B; ++b) {
            const float* row = logits.data() + b * Q;
            chosen[size_t(b)] = options.greedy
                                    ? greedyClass(row, int(Q))
                                    : sampleClass(row, int(Q), options.temperature,
                                                  uniformForStep(streams[size_t(b)], uint64_t(t)));
        }
        for (int b = 0; b < B; ++b) {
            const int k = chosen[size_t(b)];
            audio[size_t(b)][size_t(t)] = mulaw::decodeClass(k);
            input[size_t(b)] = mulaw::classToInput(k);  // what fastgen feeds back (section 2.3)
            if (classes)
                (*classes)[size_t(b)][size_t(t)] = uint8_t(k);
        }
    }
    if (progress)
        progress(total, total);
    return audio;
}

std::vector<double> scoreBatch(FastDecoder& decoder, const std::vector<NoteToScore>& notes, int64_t samples,
                               const StepProgress& progress, const std::atomic<bool>* cancel,
                               std::vector<std::vector<float>>* stepLogits)
{
    const ModelConfig& c = decoder.config();
    const int B = int(notes.size());
    if (B == 0)
        return {};
    if (B > decoder.maxBatch())
        throw Error("score: batch exceeds the decoder's maximum");
    const int64_t Z = c.bottleneckWidth, Q = c.quantizationChannels, hop = c.hopLength;
    // Blocks never straddle a frame boundary: the conditioning is per frame.
    const int64_t block = std::min<int64_t>(decoder.maxBlock(), hop);
    for (const auto& n : notes)
        if (n.embedding->frames * hop < samples)
            throw Error("score: embedding has " + std::to_string(n.embedding->frames) + " frames, too few for " +
                        std::to_string(samples) + " samples");
    if (stepLogits)
        stepLogits->assign(size_t(B), std::vector<float>(size_t(samples * Q)));

    // Decoder inputs: shift_right of the mu-law inputs, and the targets.
    std::vector<std::vector<float>> inputs(static_cast<size_t>(B), std::vector<float>(static_cast<size_t>(samples), 0.0f));
    std::vector<std::vector<int>> targets(static_cast<size_t>(B), std::vector<int>(static_cast<size_t>(samples)));
    for (int b = 0; b < B; ++b)
        for (int64_t t = 0; t < samples; ++t) {
            const float x = notes[size_t(b)].audio[t];
            targets[size_t(b)][size_t(t)] = mulaw::encodeToClass(x);
            if (t + 1 < samples)
                inputs[size_t(b)][size_t(t + 1)] = mulaw::encodeToInput(x);
        }

    decoder.reset(B);
    std::vector<double> nll(static_cast<size_t>(B), 0.0);
    std::vector<float> frame(size_t(B * Z)), in(size_t(B * block)), logits(size_t(B * block * Q));
    std::vector<int> pitches(static_cast<size_t>(B));
    for (int b = 0; b < B; ++b)
        pitches[size_t(b)] = notes[size_t(b)].pitch;
    for (int64_t t0 = 0; t0 < samples;) {
        const int64_t f = t0 / hop;
        if (t0 % hop == 0) {
            if (cancel && cancel->load())
                throw Cancelled();
            for (int b = 0; b < B; ++b)
                std::copy_n(notes[size_t(b)].embedding->frame(f), Z, frame.data() + b * Z);
            decoder.setConditioning(frame.data(), c.pitch.enabled ? pitches.data() : nullptr);
        }
        const int64_t T = std::min({block, samples - t0, (f + 1) * hop - t0});
        for (int b = 0; b < B; ++b)
            std::copy_n(inputs[size_t(b)].data() + t0, T, in.data() + b * T);
        decoder.advance(in.data(), int(T), logits.data());
        for (int b = 0; b < B; ++b)
            for (int64_t j = 0; j < T; ++j) {
                const float* row = logits.data() + (b * T + j) * Q;
                nll[size_t(b)] += classNll(row, int(Q), targets[size_t(b)][size_t(t0 + j)]);
                if (stepLogits)
                    std::copy_n(row, Q, (*stepLogits)[size_t(b)].data() + (t0 + j) * Q);
            }
        t0 += T;
        if (progress)
            progress(t0, samples);
    }
    for (auto& v : nll)
        v /= double(samples);
    return nll;
}

} // namespace nsynth
