#pragma once
// The float64 reference, without LibTorch types in its interface: what every fast path is
// checked against (encoder embeddings, teacher-forced logits) and what `nsynth score --reference`
// runs. Audio goes through the same mu-law front end as the fast paths (mulaw.h).

#include <cstdint>
#include <memory>
#include <vector>

namespace nsynth {

struct Model;
class NSynthModule;

class ReferenceModel {
public:
    explicit ReferenceModel(const Model& model);
    ~ReferenceModel();

    // audio: [notes][samples] in [-1, 1], samples a multiple of the hop.
    // Returns embeddings [notes][samples/hop][Z].
    std::vector<double> encode(const float* audio, int64_t notes, int64_t samples) const;

    // Teacher-forced logits for the true audio [notes][samples] given embeddings
    // [notes][frames][Z] (frames * hop >= samples) and, for pitch-conditioned models, one MIDI
    // pitch per note. Returns [notes][samples][256].
    std::vector<double> decoderLogits(const float* audio, int64_t notes, int64_t samples,
                                      const float* embeddings, int64_t frames,
                                      const int* pitches = nullptr) const;

private:
    std::unique_ptr<NSynthModule> m_module;
};

// Threads for LibTorch's CPU ops (the reference and training).
void setTorchThreads(int threads);

} // namespace nsynth
