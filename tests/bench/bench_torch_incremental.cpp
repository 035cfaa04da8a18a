// The fast decoder side by side with the straightforward LibTorch implementation of the same
// algorithm: the project's own module's weights stepped incrementally with LibTorch ops (one
// history tensor per layer, torch::addmm for every conv tap stack, torch sigmoid/tanh), same
// model, same machine, same run. Reports samples/s of both and their ratio.
//
// Usage: bench_torch_incremental [--preset NAME] [--batches 1,16] [--threads N] [--seconds S]

#include "bench_support.h"
#include "fast_decoder.h"
#include "gemm.h"
#include "model_file.h"
#include "reference.h"
#include "torch_module.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace nsynth;

namespace {

// Magenta's fastgen in LibTorch: per layer a ring of the last 2d inputs ([2d, B, W], written in
// place), the three taps concatenated into one [B, 3W] operand for one addmm, 1x1s as addmm.
class TorchIncremental {
public:
    TorchIncremental(NSynthModule& module, int batch) : m_cfg(module.config()), m_batch(batch)
    {
        auto& p = module.parameters();
        auto mat = [&](const std::string& name) {
            const auto& w = p.at(name + "/W");  // [1, k, in, out] -> [k*in, out]
            return w.reshape({w.size(1) * w.size(2), w.size(3)}).contiguous();
        };
        m_startW = mat("startconv");
        m_startB = p.at("startconv/biases");
        m_skipStartW = mat("skip_start");
        m_skipStartB = p.at("skip_start/biases");
        for (int i = 0; i < m_cfg.decoder.layers; ++i) {
            const std::string n = std::to_string(i + 1);
            m_dilW.push_back(mat("dilatedconv_" + n));
            m_dilB.push_back(p.at("dilatedconv_" + n + "/biases"));
            m_condW.push_back(mat("cond_map_" + n));
            m_condB.push_back(p.at("cond_map_" + n + "/biases"));
            m_resW.push_back(mat("res_" + n));
            m_resB.push_back(p.at("res_" + n + "/biases"));
            m_skipW.push_back(mat("skip_" + n));
            m_skipB.push_back(p.at("skip_" + n + "/biases"));
            const int d = m_cfg.decoderDilation(i);
            m_history.push_back(torch::zeros({2 * d, batch, m_cfg.decoder.width}));
        }
        m_out1W = mat("out1");
        m_out1B = p.at("out1/biases");
        m_condOutW = mat("cond_map_out1");
        m_condOutB = p.at("cond_map_out1/biases");
        m_logitsW = mat("logits");
        m_logitsB = p.at("logits/biases");
        m_inputs = torch::zeros({2, batch, 1});
    }

    void setConditioning(const torch::Tensor& frame)  // [B, Z]
    {
        m_cond.clear();
        for (size_t i = 0; i < m_condW.size(); ++i)
            m_cond.push_back(torch::addmm(m_condB[i] + m_dilB[i], frame, m_condW[i]));
        m_condOut = torch::addmm(m_condOutB + m_out1B, frame, m_condOutW);
    }

    torch::Tensor step(const torch::Tensor& x)  // [B, 1] -> logits [B, 256]
    {
        const int W = m_cfg.decoder.width;
        auto taps = torch::cat({m_inputs[0], m_inputs[1], x}, 1);  // [B, 3]
        m_inputs = torch::cat({m_inputs.narrow(0, 1, 1), x.unsqueeze(0)}, 0);
        auto l = torch::addmm(m_startB, taps, m_startW);
        auto s = torch::addmm(m_skipStartB, l, m_skipStartW);
        for (size_t i = 0; i < m_dilW.size(); ++i) {
            auto& h = m_history[i];
            const int64_t d = h.size(0) / 2;
            const int64_t slot = m_time % (2 * d);  // holds x[t-2d]; x[t-d] is d slots on
            auto stacked = torch::cat({h[slot], h[(slot + d) % (2 * d)], l}, 1);  // x[t-2d], x[t-d], x[t]
            h[slot].copy_(l);
            auto a = torch::addmm(m_cond[i], stacked, m_dilW[i]);
            auto g = torch::sigmoid(a.narrow(1, 0, W)) * torch::tanh(a.narrow(1, W, W));
            if (i + 1 < m_dilW.size())
                l = torch::addmm(l + m_resB[i], g, m_resW[i]);
            s = torch::addmm(s + m_skipB[i], g, m_skipW[i]);
        }
        auto o = torch::relu(torch::addmm(m_condOut, torch::relu(s), m_out1W));
        ++m_time;
        return torch::addmm(m_logitsB, o, m_logitsW);
    }

private:
    ModelConfig m_cfg;
    int m_batch;
    int64_t m_time = 0;
    torch::Tensor m_startW, m_startB, m_skipStartW, m_skipStartB, m_out1W, m_out1B, m_condOutW, m_condOutB, m_logitsW,
        m_logitsB, m_inputs, m_condOut;
    std::vector<torch::Tensor> m_dilW, m_dilB, m_condW, m_condB, m_resW, m_resB, m_skipW, m_skipB, m_history, m_cond;
};

} // namespace

int main(int argc, char** argv)
{
    std::string preset = "magenta-h512-bo16";
    std::vector<int> batches = {1, 16};
    int threads = 2;
    double seconds = 3.0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--preset")
            preset = next();
        else if (a == "--batches")
            batches = bench::parseIntList(next());
        else if (a == "--threads")
            threads = std::stoi(next());
        else if (a == "--seconds")
            seconds = std::stod(next());
        else {
            std::fprintf(stderr, "usage: bench_torch_incremental [--preset NAME] [--batches 1,16] [--threads N] "
                                 "[--seconds S]\n");
            return 2;
        }
    }
    setComputeThreads(threads);
    setTorchThreads(threads);
    torch::NoGradGuard noGrad;
    const Model model = initModel(ModelConfig::preset(preset), 1);
    NSynthModule module(model.config, model.weights, torch::kFloat32);
    std::printf("fast decoder vs LibTorch incremental (%s, %d threads, LibTorch %s)\n", preset.c_str(), threads,
                TORCH_VERSION);
    std::printf("%5s %18s %18s %8s\n", "batch", "LibTorch smp/s", "fast smp/s", "ratio");
    for (int b : batches) {
        TorchIncremental torchDecoder(module, b);
        torchDecoder.setConditioning(torch::full({b, 16}, 0.1f));
        auto x = torch::zeros({b, 1});
        FastDecoder fast(model, b, 1);
        fast.reset(b);
        std::vector<float> frame(static_cast<size_t>(b) * 16, 0.1f), input(static_cast<size_t>(b), 0.0f),
            logits(static_cast<size_t>(b) * 256);
        fast.setConditioning(frame.data());
        double bestTorch = 0, bestFast = 0;
        for (int round = 0; round < 2; ++round) {
            bestTorch = std::max(bestTorch, bench::samplesPerSecond([&] { torchDecoder.step(x); }, b, seconds / 2));
            bestFast = std::max(bestFast, bench::samplesPerSecond([&] { fast.advance(input.data(), 1, logits.data()); }, b,
                                                           seconds / 2));
        }
        std::printf("%5d %18.1f %18.1f %7.1fx\n", b, bestTorch, bestFast, bestFast / bestTorch);
        std::fflush(stdout);
    }
    return 0;
}
