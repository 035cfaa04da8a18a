#include "reference.h"

#include "model_file.h"
#include "mulaw.h"
#include "torch_module.h"

namespace nsynth {

namespace {

torch::Tensor mulawInputs(const float* audio, int64_t notes, int64_t samples)
{
    auto x = torch::empty({notes, samples}, torch::kFloat64);
    double* p = x.data_ptr<double>();
    for (int64_t i = 0; i < notes * samples; ++i)
        p[i] = double(mulaw::encodeToInput(audio[i]));
    return x;
}

std::vector<double> toVector(const torch::Tensor& t)
{
    auto c = t.contiguous().to(torch::kFloat64);
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

} // namespace

ReferenceModel::ReferenceModel(const Model& model)
    : m_module(std::make_unique<NSynthModule>(model.config, model.weights, torch::kFloat64))
{
}

ReferenceModel::~ReferenceModel() = default;

std::vector<double> ReferenceModel::encode(const float* audio, int64_t notes, int64_t samples) const
{
    torch::NoGradGuard noGrad;
    return toVector(m_module->encode(mulawInputs(audio, notes, samples)));
}

std::vector<double> ReferenceModel::decoderLogits(const float* audio, int64_t notes, int64_t samples,
                                                  const float* embeddings, int64_t frames,
                                                  const int* pitches) const
{
    torch::NoGradGuard noGrad;
    const int64_t Z = m_module->config().bottleneckWidth;
    auto enc = torch::from_blob(const_cast<float*>(embeddings), {notes, frames, Z}, torch::kFloat32)
                   .to(torch::kFloat64);
    torch::Tensor pitchTensor;
    if (pitches) {
        pitchTensor = torch::empty({notes}, torch::kInt64);
        for (int64_t i = 0; i < notes; ++i)
            pitchTensor[i] = int64_t(pitches[i]);
    }
    return toVector(m_module->decode(mulawInputs(audio, notes, samples), enc, pitchTensor));
}

void setTorchThreads(int threads)
{
    if (threads > 0)
        at::set_num_threads(threads);
}

} // namespace nsynth
