// The fast CPU paths against the float64 LibTorch reference (architecture.md section 5):
//  - encoder: max |fast - ref| / max |ref| <= 1e-5 over the whole embedding;
//  - decoder: teacher-forced incremental logits at every step, for every row:
//    max_k |fast_k - ref_k| / max_k |ref_k| <= 1e-4, over at least 2 frames (1024 samples),
//    batch 1 and batch 8 with a different note and embedding in every row;
//  - the blocked teacher-forced path (scoring) with the same tolerance.
// Random weights come from a fresh seed each run (printed); sizes "tiny", "small" and the full
// Magenta size. The same checks run on real NSynth notes when ../shared/data is present.

#include "fast_decoder.h"
#include "fast_encoder.h"
#include "gemm.h"
#include "model_file.h"
#include "mulaw.h"
#include "numerics_fixtures.h"
#include "reference.h"
#include "synthesis.h"
#include "test_support.h"

#include <QElapsedTimer>

#include <cmath>

using namespace nsynth;
using namespace nsynth::test;

namespace {

struct Errors {
    double worst = 0;
    int64_t worstStep = -1, worstRow = -1;
    void add(double e, int64_t step, int64_t row)
    {
        if (e > worst || std::isnan(e)) {
            worst = e;
            worstStep = step;
            worstRow = row;
        }
    }
};

double normRelative(const float* fast, const double* ref, int64_t n)
{
    double diff = 0, scale = 0;
    for (int64_t k = 0; k < n; ++k) {
        diff = std::max(diff, std::fabs(double(fast[k]) - ref[k]));
        scale = std::max(scale, std::fabs(ref[k]));
    }
    return diff / std::max(scale, 1e-12);
}

// Encoder: fast vs reference on `rows` notes.
double encoderError(const Model& model, const std::vector<float>& audio, int64_t rows, int64_t samples)
{
    ReferenceModel ref(model);
    const auto expected = ref.encode(audio.data(), rows, samples);
    FastEncoder enc(model);
    std::vector<const float*> notes;
    for (int64_t r = 0; r < rows; ++r)
        notes.push_back(audio.data() + r * samples);
    const auto got = enc.encode(notes, samples);
    const int64_t perNote = int64_t(got[0].size());
    std::vector<float> flat;
    for (const auto& g : got)
        flat.insert(flat.end(), g.begin(), g.end());
    if (int64_t(flat.size()) != rows * perNote || int64_t(expected.size()) != rows * perNote)
        return INFINITY;  // shape mismatch fails the caller's tolerance check
    return normRelative(flat.data(), expected.data(), int64_t(flat.size()));
}

// Decoder: the incremental generator fed the true samples (T = 1 every step) and, when
// `block` > 1, the blocked teacher-forced path, both against the reference at every step.
void checkDecoder(const Model& model, const std::vector<float>& audio, const std::vector<Embedding>& embeddings,
                  int64_t samples, int block, const char* label)
{
    const auto& c = model.config;
    const int64_t rows = int64_t(embeddings.size()), Q = c.quantizationChannels, Z = c.bottleneckWidth;
    const int64_t frames = embeddings[0].frames;
    std::vector<float> flatEmb;
    for (const auto& e : embeddings)
        flatEmb.insert(flatEmb.end(), e.data.begin(), e.data.end());

    QElapsedTimer timer;
    timer.start();
    ReferenceModel ref(model);
    const auto expected = ref.decoderLogits(audio.data(), rows, samples, flatEmb.data(), frames);
    const qint64 refMs = timer.restart();

    FastDecoder decoder(model, int(rows), 1);
    decoder.reset(int(rows));
    std::vector<float> frame(size_t(rows * Z)), input(static_cast<size_t>(rows)), logits(size_t(rows * Q));
    Errors incremental;
    for (int64_t t = 0; t < samples; ++t) {
        if (t % c.hopLength == 0) {
            for (int64_t r = 0; r < rows; ++r)
                std::copy_n(embeddings[size_t(r)].frame(t / c.hopLength), Z, frame.data() + r * Z);
            decoder.setConditioning(frame.data());
        }
        for (int64_t r = 0; r < rows; ++r)
            input[size_t(r)] = t == 0 ? 0.0f : mulaw::encodeToInput(audio[size_t(r * samples + t - 1)]);
        decoder.advance(input.data(), 1, logits.data());
        for (int64_t r = 0; r < rows; ++r)
            incremental.add(normRelative(logits.data() + r * Q, expected.data() + (r * samples + t) * Q, Q), t, r);
    }
    const qint64 fastMs = timer.restart();
    qInfo("%s: incremental decoder, %lld rows x %lld steps: worst error %.3g (step %lld, row %lld); "
          "reference %lld ms, fast %lld ms",
          label, (long long)rows, (long long)samples, incremental.worst, (long long)incremental.worstStep,
          (long long)incremental.worstRow, (long long)refMs, (long long)fastMs);
    QVERIFY2(incremental.worst <= 1e-4, qPrintable(QString("%1: incremental error %2 at step %3 row %4")
                                                      .arg(label).arg(incremental.worst)
                                                      .arg(incremental.worstStep).arg(incremental.worstRow)));

    if (block > 1) {
        FastDecoder blocked(model, int(rows), block);
        std::vector<NoteToScore> notes;
        for (int64_t r = 0; r < rows; ++r)
            notes.push_back({audio.data() + r * samples, &embeddings[size_t(r)], -1});
        std::vector<std::vector<float>> stepLogits;
        scoreBatch(blocked, notes, samples, {}, nullptr, &stepLogits);
        Errors blockErr;
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t t = 0; t < samples; ++t)
                blockErr.add(normRelative(stepLogits[size_t(r)].data() + t * Q, expected.data() + (r * samples + t) * Q, Q),
                             t, r);
        qInfo("%s: blocked (T=%d) teacher-forced decoder: worst error %.3g (step %lld, row %lld)", label, block,
              blockErr.worst, (long long)blockErr.worstStep, (long long)blockErr.worstRow);
        QVERIFY2(blockErr.worst <= 1e-4, qPrintable(QString("%1: blocked error %2").arg(label).arg(blockErr.worst)));
    }
}

// Real NSynth notes: 16 of them as float32 [16, 64000] (magenta's example_nsynth_audio.npy).
std::vector<float> realNotes(int64_t rows, int64_t samples)
{
    const auto a = readNpy(testDataPath("nsynth/example_nsynth_audio.npy"));
    if (a.shape.size() != 2 || a.shape[0] < rows || a.shape[1] < samples)
        qFatal("example_nsynth_audio.npy has an unexpected shape");
    std::vector<float> out(size_t(rows * samples));
    for (int64_t r = 0; r < rows; ++r)
        std::copy_n(a.data.data() + r * a.shape[1], samples, out.data() + r * samples);
    return out;
}

} // namespace

class TestFastPaths : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        setComputeThreads(0);
        setTorchThreads(std::max(1, QThread::idealThreadCount()));
        qInfo("GEMM backend %s, vector ISA %s, %d threads", gemmBackendName().c_str(), vectorIsaName().c_str(),
              computeThreads());
        testSeed();
    }

    void encoderSmallSizes()
    {
        for (const char* preset : {"tiny", "small"}) {
            const auto model = randomModel(ModelConfig::preset(preset), testSeed() + 1);
            const int64_t samples = 4096;
            const auto audio = randomAudio(3, samples, testSeed() + 2);
            const double err = encoderError(model, audio, 3, samples);
            qInfo("%s encoder: error %.3g", preset, err);
            QVERIFY2(err <= 1e-5, qPrintable(QString("%1 encoder error %2").arg(preset).arg(err)));
        }
    }

    void encoderOddLengths()
    {
        // Lengths that are not multiples of 2 * dilation exercise the Winograd padding.
        const auto model = randomModel(ModelConfig::preset("small"), testSeed() + 3);
        for (int64_t samples : {512, 1536, 2560}) {
            const auto audio = randomAudio(2, samples, testSeed() + samples);
            const double err = encoderError(model, audio, 2, samples);
            QVERIFY2(err <= 1e-5, qPrintable(QString("length %1: error %2").arg(samples).arg(err)));
        }
    }

    void encoderFullSize()
    {
        const auto model = randomModel(ModelConfig::preset("magenta-h512-bo16"), testSeed() + 4);
        const int64_t samples = 8192;
        const auto audio = randomAudio(2, samples, testSeed() + 5);
        const double err = encoderError(model, audio, 2, samples);
        qInfo("magenta-h512-bo16 encoder: error %.3g", err);
        QVERIFY2(err <= 1e-5, qPrintable(QString("full-size encoder error %1").arg(err)));
    }

    void decoderSmallSizes()
    {
        for (const char* preset : {"tiny", "small"}) {
            const auto model = randomModel(ModelConfig::preset(preset), testSeed() + 6);
            const int64_t samples = 1536;
            for (int rows : {1, 8}) {
                const auto audio = randomAudio(rows, samples, testSeed() + 7 + rows);
                const auto emb = randomEmbeddings(rows, samples / 512, 16, testSeed() + 8 + rows);
                checkDecoder(model, audio, emb, samples, 64, qPrintable(QString("%1 batch %2").arg(preset).arg(rows)));
            }
        }
    }

    void decoderFullSizeBatch1()
    {
        const auto model = randomModel(ModelConfig::preset("magenta-h512-bo16"), testSeed() + 9);
        const auto audio = randomAudio(1, 1024, testSeed() + 10);
        const auto emb = randomEmbeddings(1, 2, 16, testSeed() + 11);
        checkDecoder(model, audio, emb, 1024, 128, "magenta batch 1");
    }

    void decoderFullSizeBatch8()
    {
        const auto model = randomModel(ModelConfig::preset("magenta-h512-bo16"), testSeed() + 12);
        const auto audio = randomAudio(8, 1024, testSeed() + 13);
        const auto emb = randomEmbeddings(8, 2, 16, testSeed() + 14);
        checkDecoder(model, audio, emb, 1024, 0, "magenta batch 8");
    }

    void realNotesEncoder()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth/example_nsynth_audio.npy");
        const auto model = randomModel(ModelConfig::preset("magenta-h512-bo16"), testSeed() + 15);
        const int64_t samples = 64000;
        const auto audio = realNotes(2, samples);
        const double err = encoderError(model, audio, 2, samples);
        qInfo("real notes, full-size encoder over 64000 samples: error %.3g", err);
        QVERIFY2(err <= 1e-5, qPrintable(QString("real-note encoder error %1").arg(err)));
    }

    void realNotesDecoder()
    {
        NSYNTH_REQUIRE_TEST_DATA("nsynth/example_nsynth_audio.npy");
        const auto model = randomModel(ModelConfig::preset("magenta-h512-bo16"), testSeed() + 16);
        const int64_t samples = 1024, rows = 8;
        const auto audio = realNotes(rows, samples);
        // Condition on the notes' own embeddings (fast encoder; its accuracy is tested above).
        FastEncoder enc(model);
        std::vector<const float*> ptrs;
        for (int64_t r = 0; r < rows; ++r)
            ptrs.push_back(audio.data() + r * samples);
        const auto encoded = enc.encode(ptrs, samples);
        std::vector<Embedding> emb(static_cast<size_t>(rows));
        for (int64_t r = 0; r < rows; ++r) {
            emb[size_t(r)].frames = samples / 512;
            emb[size_t(r)].channels = 16;
            emb[size_t(r)].data = encoded[size_t(r)];
        }
        checkDecoder(model, audio, emb, samples, 128, "real notes, magenta batch 8");
        std::vector<float> one(audio.begin() + 3 * samples, audio.begin() + 4 * samples);
        checkDecoder(model, one, {emb[3]}, samples, 0, "real note, magenta batch 1");
    }
};

QTEST_GUILESS_MAIN(TestFastPaths)
#include "test_fast_paths.moc"
