#include "config.h"

#include "error.h"

#include <nlohmann/json.hpp>

namespace nsynth {
namespace {

struct Preset {
    const char* name;
    const char* description;
    ModelConfig config;
};

ModelConfig makeConfig(EncoderConfig e, DecoderConfig d)
{
    ModelConfig c;
    c.encoder = e;
    c.decoder = d;
    return c;
}

const std::vector<Preset>& presets()
{
    static const std::vector<Preset> list = {
        {"magenta-h512-bo16", "Magenta's released WaveNet autoencoder (h512_bo16)",
         makeConfig({30, 10, 128, 3}, {30, 10, 512, 256, 3})},
        // Sizes for the shipped default model (docs/default-model.md): sized so that a 539-note
        // workshop grid decodes within 15 minutes on a 2-core laptop and the model trains in a
        // few CPU hours. Two stages of ten layers give a 4093-sample (256 ms) receptive field,
        // eight periods of MIDI 24; the skip path is wider than the residual one, as in small
        // WaveNets such as nv-wavenet's, because it feeds the 256-way output.
        {"workbench-w32", "workbench default size: 20+20 layers, decoder width 32, skip 64",
         makeConfig({20, 10, 32, 3}, {20, 10, 32, 64, 3})},
        {"workbench-w64", "larger workbench size (longer or GPU training): 30+30 layers, decoder width 64, skip 128",
         makeConfig({30, 10, 48, 3}, {30, 10, 64, 128, 3})},
        // Test sizes: every code path of the full model, a fraction of the arithmetic.
        {"small", "test size: 10+20 layers, decoder width 32",
         makeConfig({10, 10, 16, 3}, {20, 10, 32, 16, 3})},
        {"tiny", "test size: 3+4 layers, decoder width 16",
         makeConfig({3, 3, 8, 3}, {4, 4, 16, 8, 3})},
    };
    return list;
}

int requireInt(const nlohmann::json& j, const char* key, const std::string& where)
{
    if (!j.contains(key))
        throw Error("model config: missing \"" + where + key + "\"");
    const auto& v = j.at(key);
    if (!v.is_number_integer())
        throw Error("model config: \"" + where + key + "\" must be an integer");
    return v.get<int>();
}

} // namespace

ModelConfig ModelConfig::preset(std::string_view name)
{
    for (const auto& p : presets())
        if (name == p.name)
            return p.config;
    std::string known;
    for (const auto& p : presets())
        known += (known.empty() ? "" : ", ") + std::string(p.name);
    throw Error("unknown preset \"" + std::string(name) + "\" (known: " + known + ")");
}

std::vector<std::string> ModelConfig::presetNames()
{
    std::vector<std::string> names;
    for (const auto& p : presets())
        names.emplace_back(p.name);
    return names;
}

std::string ModelConfig::presetName() const
{
    for (const auto& p : presets()) {
        ModelConfig sized = p.config;
        sized.pitch = pitch;
        if (sized == *this)
            return p.name;
    }
    return "custom";
}

void ModelConfig::validate() const
{
    auto require = [](bool ok, const std::string& what) {
        if (!ok)
            throw Error("model config: " + what);
    };
    require(formatVersion == 1, "format_version " + std::to_string(formatVersion) +
                                    " is not supported (this build reads version 1)");
    require(sampleRate > 0, "sample_rate must be positive");
    require(hopLength > 0, "hop_length must be positive");
    require(bottleneckWidth > 0, "bottleneck_width must be positive");
    require(quantizationChannels == 256, "quantization_channels must be 256 (8-bit mu-law)");
    require(encoder.layers > 0 && encoder.layers <= 256, "encoder.layers must be 1..256");
    require(decoder.layers > 0 && decoder.layers <= 256, "decoder.layers must be 1..256");
    require(encoder.stages > 0 && encoder.stages <= 16, "encoder.stages must be 1..16");
    require(decoder.stages > 0 && decoder.stages <= 16, "decoder.stages must be 1..16");
    require(encoder.width > 0 && decoder.width > 0 && decoder.skipWidth > 0,
            "widths must be positive");
    require(encoder.filterLength == 3, "encoder.filter_length must be 3");
    require(decoder.filterLength == 3, "decoder.filter_length must be 3");
    require(pitch.numPitches > 0 && pitch.numPitches <= 128, "pitch_conditioning.num_pitches must be 1..128");
}

std::string ModelConfig::toJson() const
{
    nlohmann::ordered_json j;
    j["format_version"] = formatVersion;
    j["sample_rate"] = sampleRate;
    j["hop_length"] = hopLength;
    j["bottleneck_width"] = bottleneckWidth;
    j["quantization_channels"] = quantizationChannels;
    j["encoder"] = {{"layers", encoder.layers},
                    {"stages", encoder.stages},
                    {"width", encoder.width},
                    {"filter_length", encoder.filterLength}};
    j["decoder"] = {{"layers", decoder.layers},
                    {"stages", decoder.stages},
                    {"width", decoder.width},
                    {"skip_width", decoder.skipWidth},
                    {"filter_length", decoder.filterLength}};
    j["pitch_conditioning"] = {{"enabled", pitch.enabled}, {"num_pitches", pitch.numPitches}};
    return j.dump();
}

ModelConfig ModelConfig::fromJson(std::string_view text)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("model config: not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object())
        throw Error("model config: expected a JSON object");
    ModelConfig c;
    c.formatVersion = requireInt(j, "format_version", "");
    c.sampleRate = requireInt(j, "sample_rate", "");
    c.hopLength = requireInt(j, "hop_length", "");
    c.bottleneckWidth = requireInt(j, "bottleneck_width", "");
    c.quantizationChannels = requireInt(j, "quantization_channels", "");
    if (!j.contains("encoder") || !j["encoder"].is_object())
        throw Error("model config: missing \"encoder\" object");
    if (!j.contains("decoder") || !j["decoder"].is_object())
        throw Error("model config: missing \"decoder\" object");
    const auto& e = j["encoder"];
    c.encoder.layers = requireInt(e, "layers", "encoder.");
    c.encoder.stages = requireInt(e, "stages", "encoder.");
    c.encoder.width = requireInt(e, "width", "encoder.");
    c.encoder.filterLength = requireInt(e, "filter_length", "encoder.");
    const auto& d = j["decoder"];
    c.decoder.layers = requireInt(d, "layers", "decoder.");
    c.decoder.stages = requireInt(d, "stages", "decoder.");
    c.decoder.width = requireInt(d, "width", "decoder.");
    c.decoder.skipWidth = requireInt(d, "skip_width", "decoder.");
    c.decoder.filterLength = requireInt(d, "filter_length", "decoder.");
    if (j.contains("pitch_conditioning")) {
        const auto& p = j["pitch_conditioning"];
        if (!p.is_object() || !p.contains("enabled") || !p["enabled"].is_boolean())
            throw Error("model config: \"pitch_conditioning.enabled\" must be true or false");
        c.pitch.enabled = p["enabled"].get<bool>();
        c.pitch.numPitches = requireInt(p, "num_pitches", "pitch_conditioning.");
    }
    c.validate();
    return c;
}

int64_t ModelConfig::decoderReceptiveField() const
{
    int64_t sum = 0;
    for (int i = 0; i < decoder.layers; ++i)
        sum += 2 * int64_t(decoderDilation(i));
    return 3 + sum;
}

int64_t ModelConfig::encoderParameterCount() const
{
    const int64_t w = encoder.width;
    int64_t n = 3 * w + w;                                   // ae_startconv
    n += encoder.layers * ((3 * w * w + w) + (w * w + w));   // ae_dilatedconv_i, ae_res_i
    n += w * bottleneckWidth + bottleneckWidth;              // ae_bottleneck
    return n;
}

int64_t ModelConfig::decoderParameterCount() const
{
    const int64_t w = decoder.width, s = decoder.skipWidth, z = bottleneckWidth;
    const int64_t q = quantizationChannels;
    int64_t n = 3 * w + w;            // startconv
    n += w * s + s;                   // skip_start
    n += decoder.layers * ((3 * w * 2 * w + 2 * w) + (z * 2 * w + 2 * w) + (w * w + w) + (w * s + s));
    n += s * s + s;                   // out1
    n += z * s + s;                   // cond_map_out1
    n += s * q + q;                   // logits
    if (pitch.enabled)
        n += decoder.layers * (int64_t(pitch.numPitches) * 2 * w) + int64_t(pitch.numPitches) * s;
    return n;
}

int64_t ModelConfig::decoderMacsPerSample() const
{
    const int64_t w = decoder.width, s = decoder.skipWidth, q = quantizationChannels;
    int64_t n = 3 * w + w * s;                               // startconv, skip_start
    n += decoder.layers * (3 * w * 2 * w + w * s);           // dilated conv and skip per layer
    n += (decoder.layers - 1) * (w * w);                     // res_1..res_{L-1}
    n += s * s + s * q;                                      // out1, logits
    return n;
}

int64_t ModelConfig::encoderMacsPerSample() const
{
    const int64_t w = encoder.width;
    return 3 * w + encoder.layers * (3 * w * w + w * w) + w * bottleneckWidth;
}

int64_t ModelConfig::decoderWeightBytesPerStep() const
{
    return decoderMacsPerSample() * int64_t(sizeof(float));
}

} // namespace nsynth
