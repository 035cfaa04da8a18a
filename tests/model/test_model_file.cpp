// Model configuration, the safetensors model file and its validation, .npy embeddings and
// the portable random streams.

#include "atomic_file.h"
#include "config.h"
#include "error.h"
#include "model_file.h"
#include "npy.h"
#include "random.h"
#include "safetensors.h"
#include "tensor_layout.h"
#include "test_support.h"

#include <QTemporaryDir>

#include <cmath>
#include <cstring>
#include <fstream>

using namespace nsynth;

namespace {

// Runs f, which must throw nsynth::Error, and returns the message.
template <typename F>
QString errorOf(F&& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

} // namespace

class TestModelFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return (m_dir.path() + "/" + name).toStdString(); }

private Q_SLOTS:
    void magentaPresetMatchesTheReleasedModel()
    {
        const auto c = ModelConfig::preset("magenta-h512-bo16");
        // nsynth-model.md section 1: exact parameter counts and 374 tensors (124 + 250).
        QCOMPARE(c.encoderParameterCount(), int64_t(1976336));
        QCOMPARE(c.decoderParameterCount(), int64_t(59827712));
        QCOMPARE(c.encoderParameterCount() + c.decoderParameterCount(), int64_t(61804048));
        const auto specs = modelTensorSpecs(c);
        QCOMPARE(int(specs.size()), 374);
        int encoderTensors = 0;
        for (const auto& s : specs)
            encoderTensors += s.name.rfind("ae_", 0) == 0;
        QCOMPARE(encoderTensors, 124);
        QCOMPARE(c.decoderReceptiveField(), int64_t(6141));
        QCOMPARE(c.decoderDilation(0), 1);
        QCOMPARE(c.decoderDilation(9), 512);
        QCOMPARE(c.decoderDilation(10), 1);
        // Per-sample work: 59.7 M multiply-adds in all (section 1); without the per-frame
        // conditioning (30 x 16 x 1024 + 16 x 256) and the dead res_30 (512 x 512) the fast
        // decoder does 58,983,936 and streams that many fp32 weights (235.9 MB) per step.
        QCOMPARE(c.decoderMacsPerSample() + 30 * 16 * 1024 + 16 * 256 + 512 * 512, int64_t(59741696));
        QCOMPARE(c.decoderMacsPerSample(), int64_t(58983936));
        QCOMPARE(c.decoderWeightBytesPerStep(), int64_t(58983936) * 4);
        // Shapes named in architecture.md section 4.
        auto shapeOf = [&](const std::string& n) {
            for (const auto& s : specs)
                if (s.name == n)
                    return s.shape;
            return Shape{};
        };
        QCOMPARE(shapeOf("ae_startconv/W"), (Shape{1, 3, 1, 128}));
        QCOMPARE(shapeOf("dilatedconv_7/W"), (Shape{1, 3, 512, 1024}));
        QCOMPARE(shapeOf("cond_map_7/biases"), (Shape{1024}));
        QCOMPARE(shapeOf("logits/W"), (Shape{1, 1, 256, 256}));
        QCOMPARE(shapeOf("dilatedconv_0/W"), Shape{});
        QCOMPARE(shapeOf("dilatedconv_30/W"), (Shape{1, 3, 512, 1024}));
    }

    void configJsonRoundTripsAndRejectsBadValues()
    {
        for (const auto& name : ModelConfig::presetNames()) {
            auto c = ModelConfig::preset(name);
            QCOMPARE(ModelConfig::fromJson(c.toJson()), c);
        }
        auto c = ModelConfig::preset("tiny");
        c.pitch.enabled = true;
        c.pitch.numPitches = 128;
        QCOMPARE(ModelConfig::fromJson(c.toJson()), c);
        QVERIFY(errorOf([] { ModelConfig::preset("huge"); }).contains("magenta-h512-bo16"));
        QVERIFY(errorOf([] { ModelConfig::fromJson("{"); }).contains("not valid JSON"));
        std::string j = ModelConfig::preset("tiny").toJson();
        j.replace(j.find("\"filter_length\":3"), 17, "\"filter_length\":2");
        QVERIFY(errorOf([&] { ModelConfig::fromJson(j); }).contains("filter_length"));
    }

    void safetensorsRoundTripIsExact()
    {
        const auto model = initModel(ModelConfig::preset("tiny"), 7);
        saveModel(path("tiny.safetensors"), model);
        const auto loaded = loadModel(path("tiny.safetensors"));
        QCOMPARE(loaded.config, model.config);
        QCOMPARE(loaded.weights.names(), model.weights.names());
        for (const auto& name : model.weights.names()) {
            QCOMPARE(loaded.weights.at(name).shape, model.weights.at(name).shape);
            QVERIFY(loaded.weights.at(name).data == model.weights.at(name).data);
        }
        QCOMPARE(loaded.metadata.at("nsynth.init"), model.metadata.at("nsynth.init"));
        // Header is 8-byte aligned and the file is readable as plain safetensors.
        std::map<std::string, std::string> meta;
        const auto index = readSafetensorsIndex(path("tiny.safetensors"), &meta);
        QCOMPARE(index.size(), model.weights.size());
        QVERIFY(meta.count("nsynth.config"));
        QCOMPARE(index.at("startconv/W").dtype, std::string("F32"));
        std::ifstream in(path("tiny.safetensors"), std::ios::binary);
        uint64_t headerLength = 0;
        in.read(reinterpret_cast<char*>(&headerLength), 8);
        QCOMPARE(headerLength % 8, uint64_t(0));
    }

    void initUsesMagentaScaling()
    {
        const auto model = initModel(ModelConfig::preset("small"), 11);
        const auto& w = model.weights.at("dilatedconv_3/W");  // fan_in 3 * 32
        const double limit = std::sqrt(3.0 / (3 * 32));
        double maxAbs = 0, sumSq = 0;
        for (float v : w.data) {
            maxAbs = std::max(maxAbs, double(std::fabs(v)));
            sumSq += double(v) * v;
        }
        QVERIFY(maxAbs <= limit);
        QVERIFY(maxAbs > 0.95 * limit);
        // Uniform(-a, a) has variance a^2 / 3 = 1 / fan_in.
        const double variance = sumSq / double(w.data.size());
        QVERIFY2(std::fabs(variance * 96 - 1.0) < 0.05, qPrintable(QString::number(variance * 96)));
        for (float v : model.weights.at("dilatedconv_3/biases").data)
            QCOMPARE(v, 0.0f);
        // Same seed, same values; other seed, other values.
        QVERIFY(initModel(ModelConfig::preset("small"), 11).weights.at("logits/W").data ==
                model.weights.at("logits/W").data);
        QVERIFY(initModel(ModelConfig::preset("small"), 12).weights.at("logits/W").data !=
                model.weights.at("logits/W").data);
    }

    void validationNamesEveryProblemInOneMessage()
    {
        auto model = initModel(ModelConfig::preset("tiny"), 1);
        model.weights.erase("logits/W");
        model.weights.erase("cond_map_2/biases");
        model.weights.set("dilatedconv_3/W", Tensor({1, 3, 16, 16}));
        model.weights.set("extra/thing", Tensor({2}));
        const QString msg = errorOf([&] { validateWeights(model.config, model.weights, "m.safetensors"); });
        QVERIFY2(msg.startsWith("m.safetensors: "), qPrintable(msg));
        QVERIFY2(msg.contains("dilatedconv_3/W has shape [1,3,16,16], expected [1,3,16,32]"), qPrintable(msg));
        QVERIFY2(msg.contains("missing cond_map_2/biases, logits/W"), qPrintable(msg));
        QVERIFY2(msg.contains("unexpected extra/thing"), qPrintable(msg));
        QVERIFY(!msg.contains('\n'));
        // The same through a file on disk.
        writeSafetensors(path("bad.safetensors"), model.weights, {{"nsynth.config", model.config.toJson()}});
        const QString fileMsg = errorOf([&] { loadModel(path("bad.safetensors")); });
        QVERIFY2(fileMsg.contains("bad.safetensors: ") && fileMsg.contains("missing cond_map_2/biases"),
                 qPrintable(fileMsg));
    }

    void badModelFilesGiveClearErrors()
    {
        const auto model = initModel(ModelConfig::preset("tiny"), 3);
        saveModel(path("good.safetensors"), model);
        const std::string bytes = readFileBytes(path("good.safetensors"));

        writeFileAtomically(path("truncated.safetensors"), bytes.substr(0, bytes.size() - 100));
        QVERIFY(errorOf([&] { loadModel(path("truncated.safetensors")); }).contains("outside"));
        writeFileAtomically(path("short.safetensors"), bytes.substr(0, 5));
        QVERIFY(errorOf([&] { loadModel(path("short.safetensors")); }).contains("not a safetensors file"));
        writeFileAtomically(path("text.safetensors"), std::string("hello world, this is not a model file at all"));
        QVERIFY(errorOf([&] { loadModel(path("text.safetensors")); }).contains("not a safetensors file"));
        QVERIFY(errorOf([&] { loadModel(path("missing.safetensors")); }).contains("missing.safetensors"));
        QVERIFY(errorOf([&] { loadModel(m_dir.path().toStdString()); }).contains("folder"));

        WeightStore plain;
        plain.set("w", Tensor({2, 2}, {1, 2, 3, 4}));
        writeSafetensors(path("plain.safetensors"), plain, {});
        QVERIFY(errorOf([&] { loadModel(path("plain.safetensors")); }).contains("not an NSynth model file"));

        auto nan = model;
        nan.weights.at("logits/W").data[5] = std::nanf("");
        writeSafetensors(path("nan.safetensors"), nan.weights, {{"nsynth.config", nan.config.toJson()}});
        QVERIFY(errorOf([&] { loadModel(path("nan.safetensors")); }).contains("logits/W holds NaN"));
    }

    void failedWriteLeavesNoFile()
    {
        const std::string target = path("never.bin");
        {
            AtomicFile f(target);
            f.write("partial", 7);
            QVERIFY(QFileInfo::exists(QString::fromStdString(f.tempPath())));
            // destroyed without commit(), as after an exception
        }
        QVERIFY(!QFileInfo::exists(QString::fromStdString(target)));
        QCOMPARE(QDir(m_dir.path()).entryList({".never.bin*"}, QDir::Hidden | QDir::Files).size(), 0);
        QVERIFY(errorOf([] { AtomicFile f("/nonexistent-folder/x.bin"); }).contains("cannot create"));
    }

    void npyEmbeddingsRoundTripAndValidate()
    {
        Embedding e;
        e.frames = 125;
        e.channels = 16;
        e.data.resize(125 * 16);
        for (size_t i = 0; i < e.data.size(); ++i)
            e.data[i] = float(i) * 0.25f - 100.0f;
        writeEmbedding(path("e.npy"), e);
        const auto back = readEmbedding(path("e.npy"), 16);
        QCOMPARE(back.frames, int64_t(125));
        QVERIFY(back.data == e.data);
        // NumPy's header: magic, version 1.0, header padded to a multiple of 64 bytes.
        const std::string bytes = readFileBytes(path("e.npy"));
        QCOMPARE(bytes.substr(1, 5), std::string("NUMPY"));
        QCOMPARE(bytes.find("{'descr': '<f4', 'fortran_order': False, 'shape': (125, 16), }"), size_t(10));
        QCOMPARE((bytes.size() - 125 * 16 * 4) % 64, size_t(0));

        writeNpy(path("e3.npy"), {1, 125, 16}, e.data.data());  // ONS step-2 shape, accepted
        QCOMPARE(readEmbedding(path("e3.npy"), 16).frames, int64_t(125));
        writeNpy(path("bad.npy"), {125, 8}, e.data.data());
        QVERIFY(errorOf([&] { readEmbedding(path("bad.npy"), 16); }).contains("shape [125,8], expected [frames, 16]"));
        writeNpy(path("bad3.npy"), {2, 50, 16}, e.data.data());
        QVERIFY(errorOf([&] { readEmbedding(path("bad3.npy"), 16); }).contains("[2,50,16]"));
        std::string f8 = readFileBytes(path("e.npy"));
        f8.replace(f8.find("<f4"), 3, "<f8");
        writeFileAtomically(path("f8.npy"), f8);
        QVERIFY(errorOf([&] { readEmbedding(path("f8.npy"), 16); }).contains("dtype <f8"));
        e.data[17] = INFINITY;
        writeEmbedding(path("inf.npy"), e);
        QVERIFY(errorOf([&] { readEmbedding(path("inf.npy"), 16); }).contains("NaN or infinite"));
        writeFileAtomically(path("trunc.npy"), bytes.substr(0, bytes.size() - 4));
        QVERIFY(errorOf([&] { readEmbedding(path("trunc.npy"), 16); }).contains("truncated"));
    }

    void philoxMatchesKnownAnswer()
    {
        // Random123's known-answer vector for philox4x32-10 with zero key and counter.
        const Philox4x32 r(0, 0, 0);
        QCOMPARE(r.out[0], 0x6627e8d5u);
        QCOMPARE(r.out[1], 0xe169c58du);
        QCOMPARE(r.out[2], 0xbc57ac4cu);
        QCOMPARE(r.out[3], 0x9b00dbd8u);
        // Streams are pure functions of (key, step) and look uniform.
        const uint64_t key = noteStreamKey(42, "brass:0.5|flute:0.5|pitch:24");
        QCOMPARE(uniformForStep(key, 12345), uniformForStep(key, 12345));
        QVERIFY(noteStreamKey(42, "a") != noteStreamKey(43, "a"));
        QVERIFY(noteStreamKey(42, "a") != noteStreamKey(42, "b"));
        double sum = 0;
        int below = 0;
        for (int t = 0; t < 100000; ++t) {
            const float u = uniformForStep(key, uint64_t(t));
            QVERIFY(u >= 0.0f && u < 1.0f);
            sum += u;
            below += u < 0.25f;
        }
        QVERIFY(std::fabs(sum / 100000 - 0.5) < 0.005);
        QVERIFY(std::abs(below - 25000) < 600);
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "test_model_file.moc"
