// Magenta's NSynth checkpoint layout -> model file: NSynth-layout checkpoints written by the
// fixture (raw + ExponentialMovingAverage + Adam slots + global_step/beta powers, random values)
// converted and compared tensor by tensor, raw and EMA; the architecture read off the shapes;
// every problem named in one message; loading from every path, in memory and through the
// cache; the full h512_bo16 size (the released file's exact byte count) streamed with bounded
// memory and run through the engine; and the `nsynth convert` / `info` / --model commands.

#include "error.h"
#include "fast_decoder.h"
#include "fast_encoder.h"
#include "model_source.h"
#include "npy.h"
#include "safetensors.h"
#include "synthesis.h"
#include "tensor_layout.h"
#include "test_support.h"
#include "tf_checkpoint.h"
#include "tf_fixture.h"
#include "tf_nsynth_import.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

using namespace nsynth;
namespace fs = std::filesystem;
using nsynth::test::fixtureValues;

namespace {

const char* kEma = "/ExponentialMovingAverage";

QString errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

#define CHECK_ERROR(expr, ...)                                                                               \
    do {                                                                                                     \
        const QString message_ = errorOf([&] { (void)(expr); });                                             \
        QVERIFY2(!message_.isEmpty(), "expected an error from " #expr);                                      \
        QVERIFY2(!message_.contains('\n'), qPrintable("not one line: " + message_));                          \
        for (const QString& needle_ : QStringList{__VA_ARGS__})                                              \
            QVERIFY2(message_.contains(needle_), qPrintable("expected \"" + needle_ + "\" in: " + message_)); \
    } while (0)

// Every tensor of `model` is exactly the fixture's value of its stored name (+ suffix).
bool matchesFixture(const Model& model, uint64_t seed, const std::string& suffix, QString* why)
{
    const auto specs = modelTensorSpecs(model.config);
    if (model.weights.size() != specs.size()) {
        *why = QString("%1 tensors, expected %2").arg(model.weights.size()).arg(specs.size());
        return false;
    }
    for (const auto& spec : specs) {
        const Tensor& t = model.weights.at(spec.name);
        const auto expected = fixtureValues(seed, spec.name + suffix, shapeElements(spec.shape));
        if (t.shape != spec.shape || t.data.size() != expected.size() ||
            std::memcmp(t.data.data(), expected.data(), expected.size() * sizeof(float)) != 0) {
            *why = QString::fromStdString("tensor " + spec.name + " differs from " + spec.name + suffix);
            return false;
        }
    }
    return true;
}

#define CHECK_FIXTURE(model, seed, suffix)                                           \
    do {                                                                             \
        QString why_;                                                                \
        QVERIFY2(matchesFixture((model), (seed), (suffix), &why_), qPrintable(why_)); \
    } while (0)

QByteArray fileBytes(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void flipByte(const std::string& path, uint64_t offset)
{
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(std::streamoff(offset));
    char c = 0;
    f.read(&c, 1);
    c = char(c ^ 0x21);
    f.seekp(std::streamoff(offset));
    f.write(&c, 1);
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

int64_t residentBytes()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stoll(line.substr(6)) * 1024;
    return 0;
}

// The largest resident size of this process while it lives, sampled every 2 ms (the peak
// counters, VmHWM and getrusage's ru_maxrss, are not kept up to date in every sandbox; a
// child's ru_maxrss is, once it has exited).
class RssSampler {
public:
    RssSampler() : m_start(residentBytes()), m_peak(m_start)
    {
        m_thread = std::thread([this] {
            while (!m_stop.load()) {
                m_peak = std::max(m_peak.load(), residentBytes());
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
    }
    ~RssSampler() { growth(); }
    // Peak growth over the resident size at construction, bytes.
    int64_t growth()
    {
        if (m_thread.joinable()) {
            m_stop = true;
            m_thread.join();
            m_peak = std::max(m_peak.load(), residentBytes());
        }
        return m_peak - m_start;
    }

private:
    int64_t m_start;
    std::atomic<int64_t> m_peak;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Run {
    int exitCode = -1;
    QString out, err;
    QString lastLine() const
    {
        const auto lines = err.trimmed().split('\n');
        return lines.isEmpty() ? QString() : lines.last();
    }
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run nsynthRun(const QStringList& args, const QString& cacheHome = {})
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    if (!cacheHome.isEmpty())
        env.insert("XDG_CACHE_HOME", cacheHome);
    p.setProcessEnvironment(env);
    p.start(QString::fromUtf8(NSYNTH_CLI), args);
    if (!p.waitForFinished(600000)) {
        p.kill();
        p.waitForFinished();
    }
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

#define CHECK_RUN_FAILS(run, code, ...)                                                                       \
    do {                                                                                                      \
        const Run& r_ = (run);                                                                                \
        QVERIFY2(r_.exitCode == (code),                                                                       \
                 qPrintable(QString("exit %1, expected %2; stderr: %3").arg(r_.exitCode).arg(code).arg(r_.err))); \
        for (const QString& needle_ : QStringList{__VA_ARGS__})                                               \
            QVERIFY2(r_.lastLine().contains(needle_),                                                         \
                     qPrintable(QString("expected \"%1\" in: %2").arg(needle_, r_.lastLine())));             \
    } while (0)

ModelConfig tinyConfig() { return ModelConfig::preset("tiny"); }

// Restores environment variables however the test function ends.
class EnvGuard {
public:
    explicit EnvGuard(std::initializer_list<const char*> names)
    {
        for (const char* n : names)
            m_saved.push_back({n, qEnvironmentVariableIsSet(n), qgetenv(n)});
    }
    ~EnvGuard()
    {
        for (const auto& s : m_saved) {
            if (s.set)
                qputenv(s.name, s.value);
            else
                qunsetenv(s.name);
        }
    }

private:
    struct Saved {
        const char* name;
        bool set;
        QByteArray value;
    };
    std::vector<Saved> m_saved;
};

} // namespace

class TestNSynthImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rawAndEmaTensorByTensor();
    void streamingConvertMatchesSaveModel();
    void reducedPrecisionShardsAndByteOrder();
    void architectureFromShapes();
    void problemsNamedInOneMessage();
    void emaChoices();
    void otherModelRejected();
    void damagedTensorLeavesNoOutput();
    void loadFromEveryPathAndCache();
    void fullSizeMagentaLayout();
    void cliConvertInfoAndModel();
    void cliBadInput();
    void realCheckpointsAreNotNSynth();
};

void TestNSynthImport::rawAndEmaTensorByTensor()
{
    QTemporaryDir dir;
    const uint64_t seed = nsynth::test::testSeed();
    const std::string prefix = dir.filePath("model.ckpt-200000").toStdString();
    const int written = nsynth::test::writeNSynthCheckpoint(prefix, tinyConfig(), seed);
    const size_t vars = modelTensorSpecs(tinyConfig()).size();  // 58 for tiny
    QCOMPARE(written, int(vars * 4 - 4 + 3));  // raw, EMA, Adam x2 (none for the last res_N), 3 scalars

    const TfCheckpoint ckpt(prefix);
    const auto raw = planNSynthImport(ckpt, CheckpointWeights::Raw);
    QCOMPARE(raw.preset, std::string("tiny"));
    QVERIFY(raw.config == tinyConfig());
    QCOMPARE(raw.items.size(), vars);
    QVERIFY(raw.hasEma);
    QVERIFY(raw.hasOptimizerSlots);
    QCOMPARE(raw.globalStep.value_or(-1), int64_t(200000));
    QCOMPARE(raw.ignoredTensors, written - int(vars));
    QVERIFY(std::is_sorted(raw.items.begin(), raw.items.end(),
                           [](const auto& a, const auto& b) { return a.modelName < b.modelName; }));
    const Model rawModel = importNSynthCheckpoint(ckpt, raw);
    CHECK_FIXTURE(rawModel, seed, "");
    QCOMPARE(rawModel.metadata.at("nsynth.checkpoint.weights"), std::string("raw"));
    QCOMPARE(rawModel.metadata.at("nsynth.checkpoint.global_step"), std::string("200000"));
    QVERIFY(rawModel.metadata.at("nsynth.source").find("model.ckpt-200000") != std::string::npos);

    const Model emaModel = importNSynthCheckpoint(ckpt, CheckpointWeights::Ema);
    CHECK_FIXTURE(emaModel, seed, kEma);
    QCOMPARE(emaModel.metadata.at("nsynth.checkpoint.weights"), std::string("ema"));

    // Roles for `nsynth info`.
    const auto summary = summarizeTfCheckpoint(ckpt);
    QVERIFY(summary.isNSynth);
    QVERIFY2(QString::fromStdString(summary.description).contains("preset tiny"), summary.description.c_str());
    std::map<CheckpointTensorRole, int> roles;
    for (auto r : summary.roles)
        roles[r]++;
    QCOMPARE(roles[CheckpointTensorRole::Weight], int(vars));
    QCOMPARE(roles[CheckpointTensorRole::EmaShadow], int(vars));
    QCOMPARE(roles[CheckpointTensorRole::OptimizerSlot], int(2 * vars - 4));
    QCOMPARE(roles[CheckpointTensorRole::TrainingState], 3);
    QCOMPARE(roles[CheckpointTensorRole::Other], 0);
}

void TestNSynthImport::streamingConvertMatchesSaveModel()
{
    QTemporaryDir dir;
    const uint64_t seed = nsynth::test::testSeed() + 1;
    const std::string prefix = dir.filePath("model.ckpt-5").toStdString();
    nsynth::test::writeNSynthCheckpoint(prefix, ModelConfig::preset("small"), seed);
    const TfCheckpoint ckpt(prefix);
    for (const auto weights : {CheckpointWeights::Raw, CheckpointWeights::Ema}) {
        const auto plan = planNSynthImport(ckpt, weights);
        const std::string streamed = dir.filePath("streamed.safetensors").toStdString();
        const std::string saved = dir.filePath("saved.safetensors").toStdString();
        int64_t lastDone = -1, lastTotal = -1;
        int calls = 0;
        convertNSynthCheckpoint(ckpt, plan, streamed, [&](int64_t d, int64_t t) {
            QVERIFY(d > lastDone);
            lastDone = d;
            lastTotal = t;
            ++calls;
        });
        QCOMPARE(calls, int(plan.items.size()));
        QCOMPARE(lastDone, plan.keptBytes);
        QCOMPARE(lastTotal, plan.keptBytes);
        saveModel(saved, importNSynthCheckpoint(ckpt, plan));
        // Byte for byte what saveModel writes, and a valid model file.
        QVERIFY(fileBytes(streamed) == fileBytes(saved));
        const Model loaded = loadModel(streamed);
        CHECK_FIXTURE(loaded, seed, weights == CheckpointWeights::Ema ? kEma : "");
        QVERIFY(loaded.config == ModelConfig::preset("small"));
    }
    // Cancelled: Cancelled thrown, nothing left behind.
    std::atomic<bool> cancel{true};
    const std::string cancelled = dir.filePath("cancelled.safetensors").toStdString();
    QVERIFY_THROWS_EXCEPTION(Cancelled,
                             convertNSynthCheckpoint(ckpt, planNSynthImport(ckpt, CheckpointWeights::Raw), cancelled,
                                                     {}, &cancel));
    QVERIFY(!fs::exists(cancelled));
    QVERIFY(!filesIn(dir.path()).join(",").contains(".part"));
}

void TestNSynthImport::reducedPrecisionShardsAndByteOrder()
{
    QTemporaryDir dir;
    const uint64_t seed = nsynth::test::testSeed() + 2;
    struct Case {
        TfDataType dtype;
        bool big;
        int shards;
    };
    for (const Case c : {Case{TfDataType::BFloat16, false, 1}, Case{TfDataType::Half, true, 3},
                         Case{TfDataType::Float, true, 2}, Case{TfDataType::Double, false, 2}}) {
        nsynth::test::NSynthFixtureOptions o;
        o.dtype = c.dtype;
        o.writer.bigEndian = c.big;
        o.writer.shards = c.shards;
        o.writer.snappy = true;
        o.writer.gap = 7;
        o.writer.blockSize = 256;
        const std::string prefix = dir.filePath(QString("ckpt-%1-%2").arg(int(c.dtype)).arg(c.big)).toStdString();
        nsynth::test::writeNSynthCheckpoint(prefix, tinyConfig(), seed, o);
        const TfCheckpoint ckpt(prefix);
        QCOMPARE(ckpt.bigEndian(), c.big);
        QCOMPARE(ckpt.numShards(), c.shards);
        const Model m = importNSynthCheckpoint(ckpt, CheckpointWeights::Raw);
        for (const auto& spec : modelTensorSpecs(tinyConfig())) {
            const auto expected = fixtureValues(seed, spec.name, shapeElements(spec.shape));
            const auto& got = m.weights.at(spec.name).data;
            for (size_t i = 0; i < expected.size(); ++i) {
                // The stored precision's rounding: 8 significant bits for bfloat16, 11 for
                // float16 (values here are >= 2^-14 or rounded to its subnormal grid).
                const float e = expected[i], tol = c.dtype == TfDataType::BFloat16 ? std::abs(e) / 256
                                                 : c.dtype == TfDataType::Half   ? std::abs(e) / 2048 + 6e-8f
                                                                                 : 0.0f;
                if (!(std::abs(got[i] - e) <= tol))
                    QFAIL(qPrintable(QString("%1[%2]: %3 vs %4 (%5)")
                                         .arg(QString::fromStdString(spec.name))
                                         .arg(i)
                                         .arg(double(got[i]))
                                         .arg(double(e))
                                         .arg(QString::fromStdString(tfDataTypeName(int(c.dtype))))));
            }
        }
    }
}

void TestNSynthImport::architectureFromShapes()
{
    QTemporaryDir dir;
    nsynth::test::NSynthFixtureOptions lean;
    lean.ema = lean.adam = lean.trainingState = false;
    // Each test preset is recognised from its shapes alone.
    for (const char* name : {"tiny", "small"}) {
        const std::string prefix = dir.filePath(name).toStdString();
        nsynth::test::writeNSynthCheckpoint(prefix, ModelConfig::preset(name), 3, lean);
        const auto plan = planNSynthImport(TfCheckpoint(prefix), CheckpointWeights::Raw);
        QCOMPARE(plan.preset, std::string(name));
        QVERIFY(plan.config == ModelConfig::preset(name));
        QVERIFY(!plan.hasEma && !plan.hasOptimizerSlots && !plan.globalStep);
    }
    // A pitch-conditioned model of ours (pitch_map_* tensors).
    ModelConfig pitched = tinyConfig();
    pitched.pitch.enabled = true;
    pitched.pitch.numPitches = 64;
    nsynth::test::writeNSynthCheckpoint(dir.filePath("pitched").toStdString(), pitched, 3, lean);
    const auto plan = planNSynthImport(TfCheckpoint(dir.filePath("pitched").toStdString()), CheckpointWeights::Raw);
    QVERIFY(plan.config == pitched);
    // Shapes of no known preset: the dilation cycle cannot be guessed, so it is refused.
    ModelConfig odd = tinyConfig();
    odd.decoder.width = 24;
    const std::string oddPrefix = dir.filePath("odd").toStdString();
    nsynth::test::writeNSynthCheckpoint(oddPrefix, odd, 3, lean);
    CHECK_ERROR(planNSynthImport(TfCheckpoint(oddPrefix), CheckpointWeights::Raw), "odd", "no known size",
                "decoder 4 layers of width 24", "magenta-h512-bo16 has");
}

void TestNSynthImport::problemsNamedInOneMessage()
{
    QTemporaryDir dir;
    nsynth::test::NSynthFixtureOptions o;
    o.omit = {"logits/biases", "cond_map_3/W", "dilatedconv_1/W/ExponentialMovingAverage"};
    o.reshape = {{"dilatedconv_2/W", {1, 3, 16, 16}}, {"ae_res_1/biases", {9}}};
    const std::string prefix = dir.filePath("broken").toStdString();
    nsynth::test::writeNSynthCheckpoint(prefix, tinyConfig(), 4, o);
    const TfCheckpoint ckpt(prefix);
    CHECK_ERROR(planNSynthImport(ckpt, CheckpointWeights::Raw), QString::fromStdString(prefix),
                "tensor dilatedconv_2/W has shape [1,3,16,16], expected [1,3,16,32]",
                "tensor ae_res_1/biases has shape [9], expected [8]", "missing", "logits/biases", "cond_map_3/W");
    // With --weights ema only the shadows matter, reported by their own names.
    CHECK_ERROR(planNSynthImport(ckpt, CheckpointWeights::Ema), "missing dilatedconv_1/W/ExponentialMovingAverage");
    QVERIFY(!errorOf([&] { planNSynthImport(ckpt, CheckpointWeights::Ema); }).contains("dilatedconv_2"));
    // A non-float variable.
    {
        const std::string p2 = dir.filePath("ints").toStdString();
        nsynth::test::NSynthFixtureOptions ints;
        ints.ema = ints.adam = false;
        ints.dtype = TfDataType::Int32;
        nsynth::test::writeNSynthCheckpoint(p2, tinyConfig(), 4, ints);
        CHECK_ERROR(planNSynthImport(TfCheckpoint(p2), CheckpointWeights::Raw),
                    "is int32, expected a floating-point type");
    }
    // The summary for `nsynth info` carries the same reason instead of throwing.
    const auto summary = summarizeTfCheckpoint(ckpt);
    QVERIFY(!summary.isNSynth);
    QVERIFY2(QString::fromStdString(summary.description).contains("dilatedconv_2/W"), summary.description.c_str());
}

void TestNSynthImport::emaChoices()
{
    QTemporaryDir dir;
    const uint64_t seed = 77;
    // No shadows at all: --weights ema says so and points at raw.
    nsynth::test::NSynthFixtureOptions noEma;
    noEma.ema = false;
    const std::string rawOnly = dir.filePath("raw-only").toStdString();
    nsynth::test::writeNSynthCheckpoint(rawOnly, tinyConfig(), seed, noEma);
    CHECK_ERROR(planNSynthImport(TfCheckpoint(rawOnly), CheckpointWeights::Ema), "raw-only",
                "no ExponentialMovingAverage shadows", "--weights raw");
    CHECK_FIXTURE(importNSynthCheckpoint(TfCheckpoint(rawOnly), CheckpointWeights::Raw), seed, "");
    // Only shadows (an EMA export): recognised, raw refused with the missing names.
    nsynth::test::NSynthFixtureOptions emaOnly;
    emaOnly.raw = false;
    const std::string shadows = dir.filePath("ema-only").toStdString();
    nsynth::test::writeNSynthCheckpoint(shadows, tinyConfig(), seed, emaOnly);
    CHECK_ERROR(planNSynthImport(TfCheckpoint(shadows), CheckpointWeights::Raw), "missing", "ae_startconv/W");
    CHECK_FIXTURE(importNSynthCheckpoint(TfCheckpoint(shadows), CheckpointWeights::Ema), seed, kEma);
    const auto summary = summarizeTfCheckpoint(TfCheckpoint(shadows));
    QVERIFY(summary.isNSynth);
    QVERIFY2(QString::fromStdString(summary.description).contains("use --weights ema"), summary.description.c_str());
}

void TestNSynthImport::otherModelRejected()
{
    QTemporaryDir dir;
    const std::string prefix = dir.filePath("dense").toStdString();
    nsynth::test::writeOtherModelCheckpoint(prefix);
    const TfCheckpoint ckpt(prefix);
    CHECK_ERROR(planNSynthImport(ckpt, CheckpointWeights::Raw),
                QString::fromStdString(prefix) + ": this is not an NSynth checkpoint: missing ae_startconv/W",
                "every other of the 374 NSynth variables", "5 tensors", "dense/kernel");
    CHECK_ERROR(planNSynthImport(ckpt, CheckpointWeights::Ema), "this is not an NSynth checkpoint");
    const auto summary = summarizeTfCheckpoint(ckpt);
    QVERIFY(!summary.isNSynth);
    QVERIFY(summary.description.rfind("this is not an NSynth checkpoint: missing ae_startconv/W", 0) == 0);
    QCOMPARE(summary.roles.size(), size_t(5));
    // Through the single entry point every --model goes through.
    CHECK_ERROR(loadModelFromPath(prefix), "this is not an NSynth checkpoint: missing ae_startconv/W");
}

void TestNSynthImport::damagedTensorLeavesNoOutput()
{
    QTemporaryDir dir;
    const std::string prefix = dir.filePath("model.ckpt-1").toStdString();
    nsynth::test::writeNSynthCheckpoint(prefix, tinyConfig(), 5);
    {
        const TfCheckpoint ckpt(prefix);
        flipByte(ckpt.dataFiles()[0], ckpt.find("logits/W")->offset + 17);
    }
    const TfCheckpoint ckpt(prefix);
    const auto plan = planNSynthImport(ckpt, CheckpointWeights::Raw);  // the index is fine
    const QString out = dir.filePath("out");
    QDir().mkpath(out);
    const std::string target = (out + "/model.safetensors").toStdString();
    CHECK_ERROR(convertNSynthCheckpoint(ckpt, plan, target), "model.ckpt-1.data-00000-of-00001",
                "tensor logits/W", "checksum");
    QVERIFY(filesIn(out).isEmpty());  // no output, no temporary
    CHECK_ERROR(importNSynthCheckpoint(ckpt, plan), "logits/W", "checksum");
    // The EMA shadow of the same variable is intact.
    CHECK_FIXTURE(importNSynthCheckpoint(ckpt, CheckpointWeights::Ema), 5, kEma);
    // Refuses to write over the checkpoint itself.
    CHECK_ERROR(convertNSynthCheckpoint(ckpt, plan, prefix + ".index"), "is a file of the checkpoint");
}

void TestNSynthImport::loadFromEveryPathAndCache()
{
    QTemporaryDir dir;
    const EnvGuard guard{"XDG_CACHE_HOME", "HOME"};
    const std::string cacheHome = dir.filePath("cache").toStdString();
    qputenv("XDG_CACHE_HOME", QByteArray::fromStdString(cacheHome));
    const std::string folder = dir.filePath("wavenet-ckpt").toStdString();
    fs::create_directories(folder);
    const std::string prefix = folder + "/model.ckpt-200000";
    const uint64_t seed = 91;
    nsynth::test::writeNSynthCheckpoint(prefix, tinyConfig(), seed);
    std::ofstream(prefix + ".meta") << "graph";
    std::ofstream(folder + "/checkpoint") << "model_checkpoint_path: \"/train/wavenet/model.ckpt-200000\"\n";

    std::vector<std::string> notices;
    ModelLoadOptions options;
    options.notice = [&](const std::string& n) { notices.push_back(n); };
    const std::string cacheFolder = cacheHome + "/nsynth-workbench/checkpoints";
    QCOMPARE(checkpointCacheFolder(), cacheFolder);

    // First load converts and caches.
    const Model first = loadModelFromPath(prefix, options);
    CHECK_FIXTURE(first, seed, "");
    QCOMPARE(notices.size(), size_t(1));
    QVERIFY2(QString::fromStdString(notices[0]).contains("cached as " + QString::fromStdString(cacheFolder)),
             notices[0].c_str());
    QStringList cached = filesIn(QString::fromStdString(cacheFolder));
    QCOMPARE(cached.size(), 1);
    QVERIFY(cached[0].startsWith("model.ckpt-200000-raw-") && cached[0].endsWith(".safetensors"));

    // Every other path hits the same cache entry.
    for (const std::string& p : {folder, folder + "/", folder + "/checkpoint", prefix + ".index", prefix + ".meta",
                                 prefix + ".data-00000-of-00001", prefix + "."}) {
        notices.clear();
        const Model m = loadModelFromPath(p, options);
        QCOMPARE(notices.size(), size_t(1));
        QVERIFY2(QString::fromStdString(notices[0]).startsWith("using ") &&
                     QString::fromStdString(notices[0]).contains("cached conversion"),
                 notices[0].c_str());
        QVERIFY(m.weights.all().size() == first.weights.all().size());
        CHECK_FIXTURE(m, seed, "");
    }
    QCOMPARE(filesIn(QString::fromStdString(cacheFolder)).size(), 1);

    // EMA is its own cache entry.
    options.weights = ModelLoadOptions::Weights::Ema;
    notices.clear();
    CHECK_FIXTURE(loadModelFromPath(folder, options), seed, kEma);
    QVERIFY(QString::fromStdString(notices.at(0)).contains("cached as"));
    QCOMPARE(filesIn(QString::fromStdString(cacheFolder)).size(), 2);
    options.weights = ModelLoadOptions::Weights::Raw;

    // Without the cache: converted in memory, nothing written.
    options.useCache = false;
    notices.clear();
    CHECK_FIXTURE(loadModelFromPath(prefix, options), seed, "");
    QVERIFY2(QString::fromStdString(notices.at(0)).contains("in memory"), notices[0].c_str());
    QCOMPARE(filesIn(QString::fromStdString(cacheFolder)).size(), 2);
    options.useCache = true;

    // A damaged cache entry is converted again.
    const std::string entry = cacheFolder + "/" + cached[0].toStdString();
    fs::resize_file(entry, 10);
    notices.clear();
    CHECK_FIXTURE(loadModelFromPath(prefix, options), seed, "");
    QCOMPARE(notices.size(), size_t(2));
    QVERIFY2(QString::fromStdString(notices[0]).contains("does not load"), notices[0].c_str());
    QVERIFY(QString::fromStdString(notices[1]).contains("cached as"));
    QVERIFY(fs::file_size(entry) > 10);

    // A different checkpoint (other values, same names and sizes) gets its own entry.
    const std::string other = dir.filePath("other").toStdString();
    fs::create_directories(other);
    nsynth::test::writeNSynthCheckpoint(other + "/model.ckpt-200000", tinyConfig(), seed + 1);
    CHECK_FIXTURE(loadModelFromPath(other, options), seed + 1, "");
    QCOMPARE(filesIn(QString::fromStdString(cacheFolder)).size(), 3);

    // An unusable cache folder: the model still loads, and the notice says why it was not cached.
    std::ofstream(dir.filePath("blocker").toStdString()) << "a file, not a folder";
    qputenv("XDG_CACHE_HOME", dir.filePath("blocker").toUtf8());
    notices.clear();
    CHECK_FIXTURE(loadModelFromPath(prefix, options), seed, "");
    QVERIFY2(QString::fromStdString(notices.at(0)).contains("could not cache"), notices[0].c_str());

    // The cache folder's rules: XDG_CACHE_HOME when absolute, else ~/.cache, else none.
    qputenv("XDG_CACHE_HOME", "relative/cache");
    qputenv("HOME", "/home/someone");
    QCOMPARE(checkpointCacheFolder(), std::string("/home/someone/.cache/nsynth-workbench/checkpoints"));
    qunsetenv("XDG_CACHE_HOME");
    qunsetenv("HOME");
    QCOMPARE(checkpointCacheFolder(), std::string());
    notices.clear();
    CHECK_FIXTURE(loadModelFromPath(prefix, options), seed, "");
    QVERIFY(QString::fromStdString(notices.at(0)).contains("not cached"));

    // Model files load as before, silently.
    const std::string file = dir.filePath("tiny.safetensors").toStdString();
    saveModel(file, first);
    notices.clear();
    CHECK_FIXTURE(loadModelFromPath(file, options), seed, "");
    QVERIFY(notices.empty());
}

void TestNSynthImport::fullSizeMagentaLayout()
{
    // The released model's layout at full size: 374 variables x (raw, EMA, Adam, Adam_1; no
    // Adam slots for res_30) + global_step + beta powers = 1495 tensors, and a data file of
    // exactly the released size, 986,763,532 bytes (nsynth-model.md section 4.4).
    QTemporaryDir dir;
    const uint64_t seed = nsynth::test::testSeed() + 3;
    const ModelConfig magenta = ModelConfig::preset("magenta-h512-bo16");
    const std::string prefix = dir.filePath("model.ckpt-200000").toStdString();
    auto t0 = std::chrono::steady_clock::now();
    QCOMPARE(nsynth::test::writeNSynthCheckpoint(prefix, magenta, seed), 1495);
    qInfo("wrote the full-size fixture in %.1f s", secondsSince(t0));
    QCOMPARE(fs::file_size(prefix + ".data-00000-of-00001"), uint64_t(986763532));

    const TfCheckpoint ckpt(prefix);
    QCOMPARE(ckpt.entries().size(), size_t(1495));
    const auto plan = planNSynthImport(ckpt, CheckpointWeights::Raw);
    QCOMPARE(plan.preset, std::string("magenta-h512-bo16"));
    QCOMPARE(plan.items.size(), size_t(374));
    QCOMPARE(plan.keptBytes, int64_t(61804048) * 4);
    QCOMPARE(plan.ignoredTensors, 1495 - 374);

    // Streaming conversion in this process: memory grows by about one tensor, not the model.
    const std::string converted = dir.filePath("converted.safetensors").toStdString();
    t0 = std::chrono::steady_clock::now();
    RssSampler streaming;
    convertNSynthCheckpoint(ckpt, plan, converted);
    const int64_t streamingGrowth = streaming.growth();
    const double convertSeconds = secondsSince(t0);
    qInfo("streamed conversion: %.1f s, peak memory grew by %.1f MB (kept weights %.1f MB)", convertSeconds,
          double(streamingGrowth) / 1e6, double(plan.keptBytes) / 1e6);
    QVERIFY(streamingGrowth < plan.keptBytes / 4);

    // The command does the same; its whole peak (LibTorch libraries included) stays under 1.5x
    // the kept weights.
    const QString cliOut = dir.filePath("cli.safetensors");
    t0 = std::chrono::steady_clock::now();
    const Run run = nsynthRun({"convert", QString::fromStdString(prefix + ".index"), "-o", cliOut, "--json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    struct rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    const int64_t childPeak = int64_t(usage.ru_maxrss) * 1024;
    qInfo("nsynth convert: %.1f s, peak resident memory %.1f MB = %.2fx the kept weights", secondsSince(t0),
          double(childPeak) / 1e6, double(childPeak) / double(plan.keptBytes));
    QVERIFY(childPeak > 0);
    QVERIFY(double(childPeak) < 1.5 * double(plan.keptBytes));
    QCOMPARE(run.json()["preset"].toString(), QString("magenta-h512-bo16"));
    QCOMPARE(run.json()["tensors"].toInt(), 374);
    QCOMPARE(run.json()["global_step"].toInteger(), qint64(200000));
    QVERIFY(fileBytes(converted) == fileBytes(cliOut.toStdString()));
    fs::remove(cliOut.toStdString());

    // Loaded directly from the checkpoint (in memory, as --model does without a cache): the
    // peak is the kept weights plus one tensor.
    ModelLoadOptions direct;
    direct.useCache = false;
    t0 = std::chrono::steady_clock::now();
    RssSampler loading;
    Model model = loadModelFromPath(prefix + ".data-00000-of-00001", direct);
    const int64_t loadGrowth = loading.growth();
    qInfo("loaded from the checkpoint in %.1f s, peak memory grew by %.1f MB = %.2fx the kept weights",
          secondsSince(t0), double(loadGrowth) / 1e6, double(loadGrowth) / double(plan.keptBytes));
    QVERIFY(loadGrowth >= plan.keptBytes * 9 / 10);  // the sampler does see the model arrive
    QVERIFY(double(loadGrowth) < 1.5 * double(plan.keptBytes));
    CHECK_FIXTURE(model, seed, "");
    {
        // The converted file holds the same tensors.
        const Model fromFile = loadModel(converted);
        QVERIFY(fromFile.config == magenta);
        for (const auto& [name, t] : model.weights.all())
            QVERIFY2(fromFile.weights.at(name).data == t.data, name.c_str());
    }
    {
        const Model ema = importNSynthCheckpoint(ckpt, CheckpointWeights::Ema);
        CHECK_FIXTURE(ema, seed, kEma);
    }

    // Through the engine: encode 4 frames and decode 256 teacher-forced steps with the model
    // loaded from the checkpoint and with the same weights built directly from the fixture's
    // values; both must agree bitwise.
    const int64_t samples = 4 * magenta.hopLength;
    std::vector<float> audio(static_cast<size_t>(samples));
    for (int64_t i = 0; i < samples; ++i)
        audio[size_t(i)] = float(0.6 * std::exp(-double(i) / 900.0) * std::sin(2 * M_PI * 261.6 * double(i) / 16000.0));
    struct Outputs {
        std::vector<float> embedding;
        std::vector<double> nll;
        std::vector<float> logits;
    };
    auto runEngine = [&](const Model& m) {
        Outputs o;
        FastEncoder encoder(m);
        o.embedding = encoder.encode({audio.data()}, samples)[0];
        Embedding e;
        e.frames = samples / m.config.hopLength;
        e.channels = m.config.bottleneckWidth;
        e.data = o.embedding;
        FastDecoder decoder(m, 1, 64);
        std::vector<std::vector<float>> logits;
        o.nll = scoreBatch(decoder, {NoteToScore{audio.data(), &e, -1}}, 256, {}, nullptr, &logits);
        o.logits = logits[0];
        return o;
    };
    t0 = std::chrono::steady_clock::now();
    const Outputs got = runEngine(model);
    qInfo("engine round trip (encode %lld samples, decode 256 steps): %.1f s", (long long)samples, secondsSince(t0));
    model = Model();
    QCOMPARE(got.embedding.size(), size_t(4 * 16));
    QVERIFY(std::all_of(got.embedding.begin(), got.embedding.end(), [](float v) { return std::isfinite(v); }));
    QCOMPARE(got.logits.size(), size_t(256 * 256));
    QVERIFY(std::isfinite(got.nll[0]) && got.nll[0] > 0);
    Model expected;
    expected.config = magenta;
    for (const auto& spec : modelTensorSpecs(magenta))
        expected.weights.set(spec.name, Tensor(spec.shape, fixtureValues(seed, spec.name, shapeElements(spec.shape))));
    const Outputs want = runEngine(expected);
    QVERIFY(got.embedding == want.embedding);
    QVERIFY(got.logits == want.logits);
    QCOMPARE(got.nll, want.nll);
}

void TestNSynthImport::cliConvertInfoAndModel()
{
    QTemporaryDir dir;
    const uint64_t seed = 123;
    const QString folder = dir.filePath("wavenet-ckpt");
    QDir().mkpath(folder);
    const std::string prefix = (folder + "/model.ckpt-200000").toStdString();
    const int tensors = nsynth::test::writeNSynthCheckpoint(prefix, tinyConfig(), seed);
    const QString qprefix = QString::fromStdString(prefix);

    // convert, from the folder, raw and EMA.
    const QString raw = dir.filePath("raw.safetensors"), ema = dir.filePath("ema.safetensors");
    Run r = nsynthRun({"convert", folder, "-o", raw, "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonObject j = r.json();
    QCOMPARE(j["command"].toString(), QString("convert"));
    QCOMPARE(j["preset"].toString(), QString("tiny"));
    QCOMPARE(j["weights"].toString(), QString("raw"));
    QCOMPARE(j["tensors"].toInt(), 58);
    QCOMPARE(j["ignored_tensors"].toInt(), tensors - 58);
    QCOMPARE(j["global_step"].toInteger(), qint64(200000));
    QVERIFY(j["checkpoint"].toString().endsWith("/wavenet-ckpt/model.ckpt-200000"));  // the prefix
    CHECK_FIXTURE(loadModel(raw.toStdString()), seed, "");
    r = nsynthRun({"convert", qprefix + ".meta", "--weights", "ema", "-o", ema});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("convert: wrote") && r.err.contains("preset tiny, ema weights, 58 tensors"),
             qPrintable(r.err));
    QVERIFY2(r.err.contains("58 raw values") && r.err.contains("optimizer slots") && r.err.contains("training state"),
             qPrintable(r.err));
    CHECK_FIXTURE(loadModel(ema.toStdString()), seed, kEma);

    // info on a checkpoint: files, variant, every tensor with dtype, shape and role.
    r = nsynthRun({"info", qprefix + ".index"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("variant          NSynth WaveNet autoencoder, preset tiny"), qPrintable(r.out));
    QVERIFY(r.out.contains("global step 200000"));
    QVERIFY(r.out.contains(QString("tensors          %1").arg(tensors)));
    const QRegularExpression line("dilatedconv_1/W\\s+float32\\s+\\[1,3,16,32\\]\\s+weight");
    QVERIFY2(line.match(r.out).hasMatch(), qPrintable(r.out));
    QVERIFY(QRegularExpression("dilatedconv_1/W/Adam_1\\s+float32\\s+\\[1,3,16,32\\]\\s+optimizer slot")
                .match(r.out)
                .hasMatch());
    QVERIFY(QRegularExpression("global_step\\s+int32\\s+\\[\\]\\s+training state").match(r.out).hasMatch());
    r = nsynthRun({"info", "--model", folder, "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    j = r.json();
    QVERIFY(j["nsynth"].toBool());
    QCOMPARE(j["preset"].toString(), QString("tiny"));
    QCOMPARE(j["tensors"].toArray().size(), tensors);
    QCOMPARE(j["data_files"].toArray().size(), 1);
    QCOMPARE(j["global_step"].toInteger(), qint64(200000));
    const QJsonObject first = j["tensors"].toArray()[0].toObject();
    QCOMPARE(first["name"].toString(), QString("ae_bottleneck/W"));
    QCOMPARE(first["dtype"].toString(), QString("float32"));
    QCOMPARE(first["shape"].toArray(), (QJsonArray{1, 1, 8, 16}));

    // --model <checkpoint> on a command that decodes: converted, cached, then reused; the
    // manifest hashes the checkpoint's files.
    const QString cache = dir.filePath("cache");
    const QString npy = dir.filePath("note.npy");
    std::vector<float> frame(16);
    for (size_t i = 0; i < frame.size(); ++i)
        frame[i] = 0.1f * float(i) - 0.5f;
    writeNpy(npy.toStdString(), {1, 16}, frame.data());
    const QString out = dir.filePath("decoded");
    r = nsynthRun({"decode", "--model", qprefix + ".data-00000-of-00001", npy, "-o", out, "--seed", "1"}, cache);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("converted TensorFlow checkpoint") && r.err.contains("cached as " + cache), qPrintable(r.err));
    QVERIFY(QFileInfo::exists(out + "/note.wav"));
    const QByteArray wav1 = fileBytes((out + "/note.wav").toStdString());
    QFile manifestFile(out + "/manifest.json");
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QJsonObject model = QJsonDocument::fromJson(manifestFile.readAll()).object()["model"].toObject();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(fileBytes(prefix + ".index"));
    hash.addData(fileBytes(prefix + ".data-00000-of-00001"));
    QCOMPARE(model["sha256"].toString(), QString::fromLatin1(hash.result().toHex()));
    QCOMPARE(model["checkpoint"].toObject()["sha256_of"].toArray().size(), 2);
    r = nsynthRun({"decode", "--model", folder, npy, "-o", out, "--seed", "1"}, cache);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("using ") && r.err.contains("cached conversion"), qPrintable(r.err));
    QVERIFY(fileBytes((out + "/note.wav").toStdString()) == wav1);  // same weights, same seed
    // The converted file and the checkpoint decode identically.
    r = nsynthRun({"decode", "--model", raw, npy, "-o", dir.filePath("decoded-file"), "--seed", "1"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(fileBytes(dir.filePath("decoded-file/note.wav").toStdString()) == wav1);
    QCOMPARE(filesIn(cache + "/nsynth-workbench/checkpoints").size(), 1);
}

void TestNSynthImport::cliBadInput()
{
    QTemporaryDir dir;
    const std::string prefix = dir.filePath("model.ckpt-9").toStdString();
    nsynth::test::NSynthFixtureOptions two;
    two.writer.shards = 2;
    nsynth::test::writeNSynthCheckpoint(prefix, tinyConfig(), 8, two);
    const QString qprefix = QString::fromStdString(prefix);
    const QString out = dir.filePath("out");
    QDir().mkpath(out);
    const QString target = out + "/model.safetensors";
    const QByteArray indexBefore = fileBytes(prefix + ".index");

    // Usage errors: exit 2.
    CHECK_RUN_FAILS(nsynthRun({"convert", qprefix}), 2, "-o");
    CHECK_RUN_FAILS(nsynthRun({"convert", qprefix, "-o", target, "--weights", "best"}), 2, "--weights");
    CHECK_RUN_FAILS(nsynthRun({"convert", "-o", target}), 2, "no checkpoint");

    // Bad input: exit 1, one line naming the file and the problem, no output.
    CHECK_RUN_FAILS(nsynthRun({"convert", qprefix, "-o", qprefix + ".index"}), 1, "is a file of the checkpoint");
    QVERIFY(fileBytes(prefix + ".index") == indexBefore);
    const std::string damaged = dir.filePath("damaged").toStdString();
    nsynth::test::copyCheckpoint(prefix, damaged);
    {
        const TfCheckpoint ckpt(damaged);
        const auto* e = ckpt.find("dilatedconv_2/W");
        flipByte(ckpt.dataFiles()[size_t(e->shard)], e->offset + 5);
    }
    CHECK_RUN_FAILS(nsynthRun({"convert", QString::fromStdString(damaged), "-o", target}), 1, "dilatedconv_2/W",
                    "checksum");
    const std::string missing = dir.filePath("missing").toStdString();
    nsynth::test::copyCheckpoint(prefix, missing);
    fs::remove(missing + ".data-00001-of-00002");
    CHECK_RUN_FAILS(nsynthRun({"convert", QString::fromStdString(missing) + ".index", "-o", target}), 1,
                    "missing.data-00001-of-00002 is missing");
    const std::string truncated = dir.filePath("truncated").toStdString();
    nsynth::test::copyCheckpoint(prefix, truncated);
    fs::resize_file(truncated + ".data-00000-of-00002", fs::file_size(truncated + ".data-00000-of-00002") / 2);
    CHECK_RUN_FAILS(nsynthRun({"convert", QString::fromStdString(truncated), "-o", target}), 1,
                    "truncated.data-00000-of-00002 is truncated");
    const std::string cutIndex = dir.filePath("cut-index").toStdString();
    nsynth::test::copyCheckpoint(prefix, cutIndex);
    fs::resize_file(cutIndex + ".index", fs::file_size(cutIndex + ".index") - 20);
    CHECK_RUN_FAILS(nsynthRun({"info", QString::fromStdString(cutIndex)}), 1, "cut-index.index",
                    "not a TensorFlow checkpoint index");
    const std::string other = dir.filePath("dense").toStdString();
    nsynth::test::writeOtherModelCheckpoint(other);
    CHECK_RUN_FAILS(nsynthRun({"convert", QString::fromStdString(other), "-o", target}), 1,
                    "this is not an NSynth checkpoint: missing ae_startconv/W");
    const QString text = dir.filePath("notes.txt");
    std::ofstream(text.toStdString()) << "hello";
    CHECK_RUN_FAILS(nsynthRun({"convert", text, "-o", target}), 1, "notes.txt", "not a TensorFlow checkpoint");
    CHECK_RUN_FAILS(nsynthRun({"convert", dir.filePath("model.ckpt"), "-o", target}), 1, "did you mean",
                    "model.ckpt-9");
    QVERIFY2(filesIn(out).isEmpty(), qPrintable(filesIn(out).join(",")));

    // --model with another model's checkpoint, on a command that needs a model.
    const QString npy = dir.filePath("z.npy");
    const std::vector<float> frame(16, 0.0f);
    writeNpy(npy.toStdString(), {1, 16}, frame.data());
    CHECK_RUN_FAILS(nsynthRun({"decode", "--model", QString::fromStdString(other), npy, "-o", out},
                              dir.filePath("cache")),
                    1, "this is not an NSynth checkpoint");
    CHECK_RUN_FAILS(nsynthRun({"decode", "--model", QString::fromStdString(missing), npy, "-o", out},
                              dir.filePath("cache")),
                    1, "is missing");
}

void TestNSynthImport::realCheckpointsAreNotNSynth()
{
    NSYNTH_REQUIRE_TEST_DATA("tf-checkpoints");
    const QString halfPlusTwo = nsynth::test::testDataDir() +
                                "/tf-checkpoints/tf-serving/saved_model_half_plus_two_cpu/00000123/variables";
    const TfCheckpoint ckpt(halfPlusTwo.toStdString());
    CHECK_ERROR(planNSynthImport(ckpt, CheckpointWeights::Raw),
                "this is not an NSynth checkpoint: missing ae_startconv/W", "5 tensors (a, a2, b, c, c2)");
    QVERIFY(!summarizeTfCheckpoint(ckpt).isNSynth);

    // `nsynth info` lists a real checkpoint; convert and --model refuse it clearly.
    Run r = nsynthRun({"info", halfPlusTwo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("variant          this is not an NSynth checkpoint"));
    QVERIFY(QRegularExpression("\\n  a\\s+float32\\s+\\[\\]").match(r.out).hasMatch());
    QVERIFY(r.out.contains("tensors          5"));
    const QString sharded =
        nsynth::test::testDataDir() + "/tf-checkpoints/repairing_genomic_gaps/variables/variables.data-00001-of-00002";
    r = nsynthRun({"info", sharded, "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json()["tensors"].toArray().size(), 67);
    QCOMPARE(r.json()["data_files"].toArray().size(), 2);
    QTemporaryDir dir;
    CHECK_RUN_FAILS(nsynthRun({"convert", sharded, "-o", dir.filePath("x.safetensors")}), 1,
                    "this is not an NSynth checkpoint: missing ae_startconv/W");
    QVERIFY(filesIn(dir.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestNSynthImport)
#include "test_nsynth_import.moc"
