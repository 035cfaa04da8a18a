#pragma once
// The CPU fast decoder: Magenta's incremental ("fastgen") decoder with per-layer ring buffers
// (nsynth-model.md section 5.1), batched over notes, GEMMs through packed_gemm.h (weights
// packed at load; every row computed the same way whatever the batch, so a note decodes to the
// same samples alone or in any batch), the gate, residual and skip updates fused into single
// passes, the conditioning terms computed once per frame, res_<last> skipped (it is dead,
// section 4.2).
//
// One call to advance() moves every row forward by T steps. T = 1 is generation (the input of a
// step is the sample chosen at the previous step); T > 1 is teacher forcing (all inputs known,
// scoring), where the T steps of every layer become one GEMM of T*batch rows.
//
// Shapes (W = decoder width, S = skip width, Z = bottleneck width, Q = 256 classes):
//   inputs  [batch][T]        decoder input of each step: the previous sample's mu-law value
//                             q/128 (0 for the first step), i.e. shift_right(x) of the reference
//   logits  [batch][T][Q]
//   frames  [batch][Z]        the embedding frame that conditions the next steps

#include "config.h"
#include "packed_gemm.h"

#include <cstdint>
#include <memory>

namespace nsynth {

struct Model;

class FastDecoder {
public:
    // maxBlock: the largest T that advance() will be given. precision: how the dilated-conv and
    // residual/skip weights (all but ~1% of the bytes read per step) are stored; the small
    // start, conditioning and output layers stay fp32 (packed_gemm.h).
    FastDecoder(const Model& model, int maxBatch, int maxBlock = 1,
                WeightPrecision precision = WeightPrecision::F32);
    ~FastDecoder();
    FastDecoder(const FastDecoder&) = delete;
    FastDecoder& operator=(const FastDecoder&) = delete;

    const ModelConfig& config() const;
    int maxBatch() const;
    int maxBlock() const;
    int batch() const;
    int64_t time() const;  // steps taken since reset()
    WeightPrecision precision() const;
    int64_t weightBytesPerStep() const;  // bytes of packed weights read by one step

    // Zeroes all history (Magenta's init_ops) and sets the number of active rows.
    void reset(int batch);

    // Sets the conditioning of the following steps. frames: [batch][Z]. pitches: [batch] MIDI
    // pitch per row, required when the model is pitch-conditioned, ignored otherwise.
    void setConditioning(const float* frames, const int* pitches = nullptr);

    // Advances every row by T steps (1 <= T <= maxBlock); see the shapes above.
    void advance(const float* inputs, int T, float* logits);

    // Bytes of history and scratch held by this decoder.
    int64_t stateBytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace nsynth
