#pragma once
// Hyper-parameters of the NSynth WaveNet autoencoder (nsynth-model.md section 1) and the named
// presets. The same JSON travels in every model file's __metadata__ under "nsynth.config"
// (docs/formats.md), so a model file is self-describing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nsynth {

struct EncoderConfig {
    int layers = 30;       // ae_dilatedconv_1..layers
    int stages = 10;       // dilation of layer i (0-based) = 2^(i mod stages)
    int width = 128;       // residual channels
    int filterLength = 3;  // taps of every dilated conv (the fast paths need 3)
    bool operator==(const EncoderConfig&) const = default;
};

struct DecoderConfig {
    int layers = 30;
    int stages = 10;
    int width = 512;       // residual channels; the gated conv outputs 2*width
    int skipWidth = 256;
    int filterLength = 3;
    bool operator==(const DecoderConfig&) const = default;
};

// Optional pitch conditioning (not in Magenta's release): a one-hot MIDI pitch mapped by learned
// 1x1 projections into every gate pre-activation and into out1 (docs/pitch-conditioning.md).
struct PitchConditioning {
    bool enabled = false;
    int numPitches = 128;
    bool operator==(const PitchConditioning&) const = default;
};

struct ModelConfig {
    int formatVersion = 1;
    int sampleRate = 16000;
    int hopLength = 512;          // samples per embedding frame (average-pool window and stride)
    int bottleneckWidth = 16;     // embedding channels
    int quantizationChannels = 256;  // 8-bit mu-law classes
    EncoderConfig encoder;
    DecoderConfig decoder;
    PitchConditioning pitch;

    // Named presets: "magenta-h512-bo16" (the released architecture), "tiny" and "small"
    // (tests), and the sizes used for the shipped default model. Unknown names throw an Error
    // that lists the known ones.
    static ModelConfig preset(std::string_view name);
    static std::vector<std::string> presetNames();
    // The preset this configuration has the sizes of (pitch conditioning aside), or "custom".
    std::string presetName() const;

    // Throws Error naming the first invalid field.
    void validate() const;

    std::string toJson() const;                       // compact JSON object
    static ModelConfig fromJson(std::string_view json);  // validates; throws Error

    int encoderDilation(int layer) const { return 1 << (layer % encoder.stages); }  // 0-based
    int decoderDilation(int layer) const { return 1 << (layer % decoder.stages); }

    // Past input samples that influence one decoder output: 3 for the start conv plus 2*d per
    // dilated layer (6141 for h512_bo16, nsynth-model.md section 1).
    int64_t decoderReceptiveField() const;
    int64_t encoderParameterCount() const;
    int64_t decoderParameterCount() const;  // includes res_<last>, which is dead (section 4.2)
    // Multiply-adds per generated sample at batch 1, counting what the fast decoder computes
    // (conditioning terms are per frame and excluded; res_<last> is skipped).
    int64_t decoderMacsPerSample() const;
    int64_t encoderMacsPerSample() const;
    // Bytes of fp32 decoder weights streamed per generated sample at batch 1.
    int64_t decoderWeightBytesPerStep() const;

    bool operator==(const ModelConfig&) const = default;
};

} // namespace nsynth
