#include "torch_module.h"

#include "error.h"
#include "tensor_layout.h"

namespace nsynth {

namespace F = torch::nn::functional;

NSynthModule::NSynthModule(const ModelConfig& config, const WeightStore& weights, torch::Dtype dtype,
                           torch::Device device)
    : m_config(config)
{
    validateWeights(config, weights, "model");
    for (const auto& spec : modelTensorSpecs(config)) {
        const auto& t = weights.at(spec.name);
        auto cpu = torch::from_blob(const_cast<float*>(t.data.data()), spec.shape, torch::kFloat32);
        m_params[spec.name] = cpu.to(device, dtype, /*non_blocking=*/false, /*copy=*/true);
    }
}

std::vector<torch::Tensor> NSynthModule::parameterList() const
{
    std::vector<torch::Tensor> list;
    for (const auto& spec : modelTensorSpecs(m_config))
        list.push_back(m_params.at(spec.name));
    return list;
}

WeightStore NSynthModule::exportWeights() const
{
    WeightStore store;
    for (const auto& spec : modelTensorSpecs(m_config)) {
        auto t = m_params.at(spec.name).detach().to(torch::kCPU, torch::kFloat32).contiguous();
        std::vector<float> values(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
        store.set(spec.name, Tensor(spec.shape, std::move(values)));
    }
    return store;
}

torch::Tensor NSynthModule::conv(const torch::Tensor& x, const std::string& name, int dilation, bool causal) const
{
    const auto& W = m_params.at(name + "/W");      // [1, k, in, out]
    const auto& b = m_params.at(name + "/biases");  // [out]
    const int64_t k = W.size(1);
    auto weight = W.squeeze(0).permute({2, 1, 0});  // [out, in, k]; tap 0 is the oldest sample
    torch::Tensor padded = x;
    if (k > 1) {
        const int64_t span = (k - 1) * dilation;
        padded = causal ? F::pad(x, F::PadFuncOptions({span, 0}))
                        : F::pad(x, F::PadFuncOptions({span / 2, span - span / 2}));
    }
    const int64_t stride = 1, padding = 0, dil = dilation;
    return torch::conv1d(padded, weight, b, at::IntArrayRef(stride), at::IntArrayRef(padding),
                         at::IntArrayRef(dil));
}

torch::Tensor NSynthModule::addFrameTerm(const torch::Tensor& x, const torch::Tensor& frameTerm) const
{
    // x: [N, C, L]; frameTerm: [N, F, C]. Sample t gets frame t / hop (nearest-neighbour
    // upsampling after the projection, nsynth-model.md section 3.4).
    const int64_t N = x.size(0), C = x.size(1), L = x.size(2), hop = m_config.hopLength;
    const int64_t frames = (L + hop - 1) / hop;
    auto term = frameTerm.narrow(1, 0, frames).permute({0, 2, 1}).unsqueeze(3);  // [N, C, F, 1]
    if (L % hop == 0)
        return (x.reshape({N, C, frames, hop}) + term).reshape({N, C, L});
    auto upsampled = term.expand({N, C, frames, hop}).reshape({N, C, frames * hop}).narrow(2, 0, L);
    return x + upsampled;
}

torch::Tensor NSynthModule::encode(const torch::Tensor& inputs) const
{
    const auto& c = m_config;
    const int64_t N = inputs.size(0), L = inputs.size(1);
    if (L % c.hopLength != 0)
        throw Error("encoder: input length " + std::to_string(L) + " is not a multiple of the hop");
    auto en = conv(inputs.unsqueeze(1), "ae_startconv", 1, /*causal=*/false);  // [N, W, L]
    for (int i = 0; i < c.encoder.layers; ++i) {
        const std::string n = std::to_string(i + 1);
        auto h = torch::relu(en);
        h = conv(h, "ae_dilatedconv_" + n, c.encoderDilation(i), false);
        h = torch::relu(h);
        en = en + conv(h, "ae_res_" + n, 1, false);
    }
    auto z = conv(en, "ae_bottleneck", 1, false);                          // [N, Z, L]
    auto pooled = z.reshape({N, c.bottleneckWidth, L / c.hopLength, c.hopLength}).mean(3);
    return pooled.permute({0, 2, 1}).contiguous();                          // [N, F, Z]
}

torch::Tensor NSynthModule::decode(const torch::Tensor& inputs, const torch::Tensor& encoding,
                                   const torch::Tensor& pitches) const
{
    const auto& c = m_config;
    const int64_t N = inputs.size(0), L = inputs.size(1), W = c.decoder.width;
    if (encoding.size(1) * c.hopLength < L)
        throw Error("decoder: " + std::to_string(encoding.size(1)) + " frames do not cover " +
                    std::to_string(L) + " samples");
    // Frame-rate terms: cond_map_i(enc) (+ pitch_map_i(onehot)) per layer and for out1.
    auto frameTerm = [&](const std::string& condName, const std::string& pitchName) {
        const auto& Wc = m_params.at(condName + "/W");  // [1, 1, Z, C]
        auto term = torch::matmul(encoding, Wc[0][0]) + m_params.at(condName + "/biases");
        if (c.pitch.enabled) {
            if (!pitches.defined())
                throw Error("decoder: this model is pitch-conditioned; a pitch is needed for every note");
            const auto& Wp = m_params.at(pitchName + "/W");  // [1, 1, P, C]: one-hot x Wp = row p
            term = term + Wp[0][0].index_select(0, pitches.to(Wp.device())).unsqueeze(1);
        }
        return term;  // [N, F, C]
    };

    // shift_right: the decoder predicts x[t] from x[<t].
    auto shifted = F::pad(inputs, F::PadFuncOptions({1, 0})).narrow(1, 0, L).unsqueeze(1);
    auto l = conv(shifted, "startconv", 1, /*causal=*/true);  // [N, W, L]
    auto s = conv(l, "skip_start", 1, true);                  // [N, S, L]
    for (int i = 0; i < c.decoder.layers; ++i) {
        const std::string n = std::to_string(i + 1);
        auto a = conv(l, "dilatedconv_" + n, c.decoderDilation(i), true);  // [N, 2W, L]
        a = addFrameTerm(a, frameTerm("cond_map_" + n, "pitch_map_" + n));
        auto g = torch::sigmoid(a.narrow(1, 0, W)) * torch::tanh(a.narrow(1, W, W));
        l = l + conv(g, "res_" + n, 1, true);
        s = s + conv(g, "skip_" + n, 1, true);
    }
    s = torch::relu(s);
    s = addFrameTerm(conv(s, "out1", 1, true), frameTerm("cond_map_out1", "pitch_map_out1"));
    s = torch::relu(s);
    auto logits = conv(s, "logits", 1, true);  // [N, Q, L]
    (void)N;
    return logits.permute({0, 2, 1});          // [N, L, Q]
}

} // namespace nsynth
