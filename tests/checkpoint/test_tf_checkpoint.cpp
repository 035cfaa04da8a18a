// The TensorFlow checkpoint (tensor bundle) reader: crc32c and SHA-256 against published
// vectors; checkpoints written by the fixture (leveldb's table builder, our protos) with every
// dtype, byte order, shards, snappy blocks and gaps; every path a user may pass; damaged input;
// and every real TensorFlow-written checkpoint in ../shared/data, with known values.

#include "error.h"
#include "random.h"
#include "test_support.h"
#include "tf_checkpoint.h"
#include "tf_content_hash.h"
#include "crc32c.h"
#include "tf_fixture.h"

#include <QTemporaryDir>

#include <leveldb/env.h>
#include <leveldb/options.h>
#include <leveldb/table_builder.h>

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

using namespace nsynth;
namespace fs = std::filesystem;

namespace {

// The Error message of fn(), or "" when it does not throw.
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

std::string canonical(const std::string& p) { return fs::weakly_canonical(p).string(); }

void truncateFile(const std::string& path, uint64_t newSize) { fs::resize_file(path, newSize); }

void flipByte(const std::string& path, uint64_t offset)
{
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(std::streamoff(offset));
    char c = 0;
    f.read(&c, 1);
    c = char(c ^ 0x5a);
    f.seekp(std::streamoff(offset));
    f.write(&c, 1);
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

uint64_t readVarint(const std::string& b, size_t& i)
{
    uint64_t v = 0;
    for (int shift = 0; i < b.size(); shift += 7) {
        const auto c = static_cast<unsigned char>(b[i++]);
        v |= uint64_t(c & 0x7f) << shift;
        if (c < 0x80)
            break;
    }
    return v;
}

// The compression type byte of the index block and every data block of a leveldb table (0 = raw, 1 = snappy), read
// straight from the file: footer -> index block -> each block handle -> the trailer's type.
// Independent of leveldb and of the reader under test, so a test can prove snappy blocks occur.
std::set<int> dataBlockTypes(const std::string& path)
{
    std::string file(size_t(fs::file_size(path)), '\0');
    std::ifstream(path, std::ios::binary).read(file.data(), std::streamsize(file.size()));
    std::set<int> types;
    if (file.size() < 48)
        return types;
    std::string footer = file.substr(file.size() - 48);
    size_t i = 0;
    readVarint(footer, i);  // metaindex offset, size
    readVarint(footer, i);
    const uint64_t indexOffset = readVarint(footer, i), indexSize = readVarint(footer, i);
    // The index block's own type first; a compressed index is not walked (TensorFlow-written
    // files keep it raw).
    types.insert(static_cast<unsigned char>(file[size_t(indexOffset + indexSize)]));
    if (file[size_t(indexOffset + indexSize)] != 0)
        return types;
    const std::string block = file.substr(size_t(indexOffset), size_t(indexSize));
    uint32_t restarts = 0;
    std::memcpy(&restarts, block.data() + block.size() - 4, 4);
    const size_t end = block.size() - 4 - 4 * size_t(restarts);
    for (size_t p = 0; p < end;) {
        readVarint(block, p);  // shared key bytes
        const uint64_t unshared = readVarint(block, p), valueLength = readVarint(block, p);
        p += size_t(unshared);
        std::string value = block.substr(p, size_t(valueLength));
        p += size_t(valueLength);
        size_t k = 0;
        const uint64_t offset = readVarint(value, k), size = readVarint(value, k);
        types.insert(static_cast<unsigned char>(file[size_t(offset + size)]));
    }
    return types;
}

float readScalar(const TfCheckpoint& ckpt, const char* name)
{
    const TfTensorEntry* e = ckpt.find(name);
    if (!e)
        throw Error(std::string("no tensor ") + name);
    const auto v = ckpt.readFloats(*e);
    if (v.size() != 1)
        throw Error(std::string("not a scalar: ") + name);
    return v[0];
}

struct RealCheckpoint {
    const char* index;  // relative to tf-checkpoints/
    int tensors;
    int shards;
    bool snappy;        // has snappy-compressed blocks
};

// Counts made independently (a small Python sstable walker over the same files).
const RealCheckpoint kReal[] = {
    {"repairing_genomic_gaps/variables/variables.index", 67, 2, false},
    {"tf-examples/model_spec/testdata/fake_effdet_lite0_hub/variables/variables.index", 21, 1, true},
    {"tf-examples/testdata/hub_module_v1_mini_train/variables/variables.index", 2, 1, false},
    {"tf-examples/testdata/saved_model_v2_mini/variables/variables.index", 2, 1, false},
    {"tf-onnx/regression/checkpoint/model.index", 2, 1, false},
    {"tf-rust/examples/regression_savedmodel/variables/variables.index", 7, 1, false},
    {"tf-rust/test_resources/regression-model/variables/variables.index", 2, 1, false},
    {"tf-serving/saved_model_counter/00000123/variables/variables.index", 1, 1, false},
    {"tf-serving/saved_model_half_plus_three/00000123/variables/variables.index", 3, 1, false},
    {"tf-serving/saved_model_half_plus_two_cpu/00000123/variables/variables.index", 5, 1, true},
    {"tf-serving/saved_model_half_plus_two_mkl/00000123/variables/variables.index", 9, 1, false},
    {"tf-serving/saved_model_half_plus_two_tf2_cpu/00000123/variables/variables.index", 4, 1, true},
    {"tf-serving/tf_text_regression/01/variables/variables.index", 1, 1, false},
};

} // namespace

class TestTfCheckpoint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void crc32cVectors();
    void sha256Vectors();
    void fixtureRoundTrip();
    void dtypesAndByteOrder();
    void pathsResolve();
    void badInput();
    void realCheckpointsListAndVerify();
    void realKnownValues();
    void realShardedCheckpoint();
    void realTf1Layout();
};

void TestTfCheckpoint::crc32cVectors()
{
    // RFC 3720 (iSCSI) appendix B.4 and the usual "123456789" check value.
    QCOMPARE(crc32c("123456789", 9), 0xe3069283u);
    unsigned char buf[32];
    std::memset(buf, 0, 32);
    QCOMPARE(crc32c(buf, 32), 0x8a9136aau);
    std::memset(buf, 0xff, 32);
    QCOMPARE(crc32c(buf, 32), 0x62a8ab43u);
    for (int i = 0; i < 32; ++i)
        buf[i] = static_cast<unsigned char>(i);
    QCOMPARE(crc32c(buf, 32), 0x46dd794eu);
    for (int i = 0; i < 32; ++i)
        buf[i] = static_cast<unsigned char>(31 - i);
    QCOMPARE(crc32c(buf, 32), 0x113fdb5cu);
    QCOMPARE(crc32c(buf, 0), 0u);
    QCOMPARE(crc32cPortable("123456789", 9, 0), 0xe3069283u);

    // Hardware and portable paths agree at every length and alignment; extending in pieces
    // equals one pass.
    std::vector<unsigned char> data(4099);
    SplitMix64 rng(nsynth::test::testSeed());
    for (auto& b : data)
        b = static_cast<unsigned char>(rng.next());
    for (size_t start : {0, 1, 3, 7}) {
        for (size_t len : {0, 1, 7, 8, 9, 63, 64, 65, 1000, 4092}) {
            const uint32_t a = crc32c(data.data() + start, len);
            QCOMPARE(a, crc32cPortable(data.data() + start, len, 0));
            const size_t cut = len / 3;
            QCOMPARE(crc32c(data.data() + start + cut, len - cut, crc32c(data.data() + start, cut)), a);
        }
    }
    qInfo("crc32c hardware path: %s", crc32cUsesHardware() ? "yes" : "no");

    // Masking as TensorFlow and leveldb store it: rotate right 15, add the constant.
    QCOMPARE(maskCrc32c(0), 0xa282ead8u);
    for (uint32_t v : {0u, 1u, 0xe3069283u, 0xffffffffu, 0x80000000u})
        QCOMPARE(unmaskCrc32c(maskCrc32c(v)), v);
    QVERIFY(maskCrc32c(0xe3069283u) != 0xe3069283u);
}

void TestTfCheckpoint::sha256Vectors()
{
    auto hex = [](std::string_view s) {
        Sha256 h;
        h.update(s);
        return h.hexDigest();
    };
    // FIPS 180-2 examples.
    QCOMPARE(hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
             std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    Sha256 million;
    const std::string chunk(1000, 'a');
    for (int i = 0; i < 1000; ++i)
        million.update(chunk.data(), 0);  // empty updates change nothing
    for (int i = 0; i < 1000; ++i)
        million.update(chunk);
    QCOMPARE(million.hexDigest(), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

void TestTfCheckpoint::fixtureRoundTrip()
{
    // 300 tensors over 3 shards, snappy blocks of 512 bytes (so the index has many blocks),
    // 13 filler bytes before every tensor.
    QTemporaryDir dir;
    const std::string prefix = dir.filePath("model.ckpt-7").toStdString();
    nsynth::test::TfWriterOptions o;
    o.shards = 3;
    o.snappy = true;
    o.gap = 13;
    o.blockSize = 512;
    const uint64_t seed = nsynth::test::testSeed();
    std::map<std::string, Shape> shapes;
    {
        nsynth::test::TfCheckpointWriter w(prefix, o);
        for (int i = 0; i < 300; ++i) {
            const std::string name = "scope_" + std::to_string(i % 17) + "/layer_" + std::to_string(i) + "/kernel";
            const Shape shape = {int64_t(1 + i % 5), int64_t(1 + i % 3), 4};
            shapes[name] = shape;
            w.addFloats(name, shape, nsynth::test::fixtureValues(seed, name, shapeElements(shape)),
                        TfDataType::Float, i % 3);
        }
        w.finish();
    }
    QVERIFY(dataBlockTypes(prefix + ".index").count(1) == 1);  // snappy really occurs

    const TfCheckpoint ckpt(prefix);
    QCOMPARE(ckpt.numShards(), 3);
    QCOMPARE(ckpt.entries().size(), size_t(300));
    QVERIFY(!ckpt.bigEndian());
    QCOMPARE(ckpt.formatVersion(), 1);
    for (const auto& e : ckpt.entries()) {
        QVERIFY2(shapes.count(e.name), e.name.c_str());
        QCOMPARE(e.shape, shapes[e.name]);
        QCOMPARE(e.dtypeName(), std::string("float32"));
        QVERIFY(e.offset >= 13);
        const auto values = ckpt.readFloats(e);
        const auto expected = nsynth::test::fixtureValues(seed, e.name, e.elements());
        QVERIFY(std::memcmp(values.data(), expected.data(), values.size() * sizeof(float)) == 0);
    }
    QVERIFY(ckpt.find("scope_3/layer_3/kernel") != nullptr);
    QVERIFY(ckpt.find("scope_3/layer_3") == nullptr);
    QVERIFY(ckpt.find("") == nullptr);
}

void TestTfCheckpoint::dtypesAndByteOrder()
{
    QTemporaryDir dir;
    // Values chosen so every dtype holds them exactly, including a float16 subnormal and max.
    const std::vector<float> halfValues = {1.0f, -2.0f, 0.5f, 65504.0f, 5.9604645e-08f, 0.0f};
    const std::vector<float> values = {1.0f, -2.5f, 0.15625f, 3.0e-3f, -1.0e6f, 0.0f};
    const std::vector<int64_t> ints = {0, -1, 7, 2147483647, -2147483647 - 1, 42};
    const std::vector<int64_t> bigInts = {int64_t(1) << 40, -(int64_t(1) << 50), 3, 4, 5, 6};
    for (const bool big : {false, true}) {
        const std::string prefix = dir.filePath(big ? "be" : "le").toStdString();
        nsynth::test::TfWriterOptions o;
        o.bigEndian = big;
        {
            nsynth::test::TfCheckpointWriter w(prefix, o);
            w.addFloats("f32", {2, 3}, values, TfDataType::Float);
            w.addFloats("f64", {6}, values, TfDataType::Double);
            w.addFloats("f16", {3, 2}, halfValues, TfDataType::Half);
            w.addFloats("bf16", {6}, {1.0f, -2.0f, 0.5f, 3.0e38f, -0.0f, 0.15625f}, TfDataType::BFloat16);
            w.addInts("i32", {6}, ints, TfDataType::Int32);
            w.addInts("i64", {6}, bigInts, TfDataType::Int64);
            w.addInts("flag", {2}, {1, 0}, TfDataType::Bool);
            w.addStrings("names", {3}, {"alpha", "", std::string(300, 'z')});
            w.addFloats("empty", {0, 4}, {}, TfDataType::Float);
            w.finish();
        }
        const TfCheckpoint ckpt(prefix);
        QCOMPARE(ckpt.bigEndian(), big);
        QCOMPARE(ckpt.entries().size(), size_t(9));
        QCOMPARE(ckpt.find("f16")->dtypeName(), std::string("float16"));
        QCOMPARE(ckpt.find("bf16")->dtypeName(), std::string("bfloat16"));
        QCOMPARE(ckpt.find("names")->dtypeName(), std::string("string"));
        QCOMPARE(ckpt.find("i64")->dtypeName(), std::string("int64"));
        QCOMPARE(ckpt.find("flag")->dtypeName(), std::string("bool"));
        QCOMPARE(ckpt.readFloats(*ckpt.find("f32")), values);
        QCOMPARE(ckpt.readFloats(*ckpt.find("f64")), values);
        QCOMPARE(ckpt.readFloats(*ckpt.find("f16")), halfValues);
        const auto bf = ckpt.readFloats(*ckpt.find("bf16"));
        QCOMPARE(bf[0], 1.0f);
        QCOMPARE(bf[1], -2.0f);
        QCOMPARE(bf[2], 0.5f);
        QVERIFY(std::abs(bf[3] - 3.0e38f) < 3.0e38f / 128);  // 8 significant bits
        QVERIFY(bf[4] == 0.0f && std::signbit(bf[4]));
        QCOMPARE(bf[5], 0.15625f);
        QCOMPARE(ckpt.readInts(*ckpt.find("i32")), ints);
        QCOMPARE(ckpt.readInts(*ckpt.find("i64")), bigInts);
        QCOMPARE(ckpt.readFloats(*ckpt.find("i32"))[3], 2147483647.0f);
        QCOMPARE(ckpt.readInts(*ckpt.find("flag")), (std::vector<int64_t>{1, 0}));
        QCOMPARE(ckpt.readFloats(*ckpt.find("empty")).size(), size_t(0));
        // Strings are listed and their checksum verifiable, but they are not numbers.
        ckpt.verify(*ckpt.find("names"));
        QCOMPARE(ckpt.readBytes(*ckpt.find("names")).size(), size_t(4 + 4 + 305));  // varints, checksum, bytes
        QCOMPARE(ckpt.readStrings(*ckpt.find("names")),
                 (std::vector<std::string>{"alpha", "", std::string(300, 'z')}));
        CHECK_ERROR(ckpt.readFloats(*ckpt.find("names")), "names", "string");
        CHECK_ERROR(ckpt.readInts(*ckpt.find("f32")), "f32", "not an integer");
    }
}

void TestTfCheckpoint::pathsResolve()
{
    QTemporaryDir dir;
    const std::string folder = dir.filePath("wavenet-ckpt").toStdString();
    fs::create_directories(folder);
    const std::string prefix = folder + "/model.ckpt-200000";
    {
        nsynth::test::TfWriterOptions o;
        o.shards = 2;
        nsynth::test::TfCheckpointWriter w(prefix, o);
        w.addFloats("a", {2}, {1, 2}, TfDataType::Float, 0);
        w.addFloats("b", {1}, {3}, TfDataType::Float, 1);
        w.finish();
    }
    writeText(prefix + ".meta", "graph");
    const std::string want = canonical(prefix);

    // The folder without a `checkpoint` file: its single .index.
    QVERIFY(isTfCheckpointPath(folder));
    QCOMPARE(canonical(resolveTfCheckpoint(folder).prefix), want);
    for (const std::string& p : {prefix, prefix + ".index", prefix + ".data-00000-of-00002",
                                 prefix + ".data-00001-of-00002", prefix + ".meta", prefix + ".", folder + "/"}) {
        QVERIFY2(isTfCheckpointPath(p), p.c_str());
        const auto paths = resolveTfCheckpoint(p);
        QCOMPARE(canonical(paths.prefix), want);
        QCOMPARE(canonical(paths.index), want + ".index");
        QCOMPARE(canonical(paths.meta), want + ".meta");
        const TfCheckpoint ckpt(p);
        QCOMPARE(ckpt.readFloats(*ckpt.find("b")), std::vector<float>{3});
        QCOMPARE(ckpt.dataFiles().size(), size_t(2));
    }

    // A TF1 `checkpoint` file: relative, absolute from the training machine, and itself.
    writeText(folder + "/checkpoint", "model_checkpoint_path: \"model.ckpt-200000\"\n"
                                      "all_model_checkpoint_paths: \"model.ckpt-100000\"\n"
                                      "all_model_checkpoint_paths: \"model.ckpt-200000\"\n");
    QCOMPARE(canonical(resolveTfCheckpoint(folder).prefix), want);
    QCOMPARE(canonical(resolveTfCheckpoint(folder + "/checkpoint").prefix), want);
    writeText(folder + "/checkpoint", "model_checkpoint_path: \"/home/trainer/runs/wavenet/model.ckpt-200000\"\n");
    QCOMPARE(canonical(resolveTfCheckpoint(folder).prefix), want);
    writeText(folder + "/checkpoint", "model_checkpoint_path: \"model.ckpt-300000\"\n");
    CHECK_ERROR(resolveTfCheckpoint(folder), "checkpoint", "model.ckpt-300000", ".index does not exist");
    fs::remove(folder + "/checkpoint");

    // A SavedModel folder: variables/variables.
    const std::string saved = dir.filePath("saved").toStdString();
    fs::create_directories(saved + "/variables");
    nsynth::test::copyCheckpoint(prefix, saved + "/variables/variables");
    QCOMPARE(canonical(resolveTfCheckpoint(saved).prefix), canonical(saved + "/variables/variables"));

    // What is not a checkpoint, or not there.
    QVERIFY(!isTfCheckpointPath(dir.filePath("model.safetensors").toStdString()));
    writeText(dir.filePath("model.safetensors").toStdString(), "x");
    QVERIFY(!isTfCheckpointPath(dir.filePath("model.safetensors").toStdString()));
    QVERIFY(!isTfCheckpointPath(""));
    CHECK_ERROR(resolveTfCheckpoint(dir.filePath("model.safetensors").toStdString()), "model.safetensors",
                "not a TensorFlow checkpoint");
    // "model.ckpt" when the files are model.ckpt-200000.*: a suggestion.
    QVERIFY(isTfCheckpointPath(folder + "/model.ckpt"));
    CHECK_ERROR(resolveTfCheckpoint(folder + "/model.ckpt"), "model.ckpt", "did you mean", "model.ckpt-200000");
    CHECK_ERROR(resolveTfCheckpoint(folder + "/nothing"), "nothing", "no such file");
    // Two checkpoints and no `checkpoint` file: both named.
    nsynth::test::copyCheckpoint(prefix, folder + "/model.ckpt-100000");
    CHECK_ERROR(resolveTfCheckpoint(folder), "2 checkpoints", "model.ckpt-100000", "model.ckpt-200000");
    // An empty folder.
    const std::string empty = dir.filePath("empty").toStdString();
    fs::create_directories(empty);
    CHECK_ERROR(TfCheckpoint(empty), "empty", "no TensorFlow checkpoint");
    // .meta without its .index.
    writeText(dir.filePath("lonely.meta").toStdString(), "graph");
    CHECK_ERROR(TfCheckpoint(dir.filePath("lonely.meta").toStdString()), "lonely.index is missing");
}

void TestTfCheckpoint::badInput()
{
    QTemporaryDir dir;
    const std::string good = dir.filePath("good").toStdString();
    {
        nsynth::test::TfWriterOptions o;
        o.shards = 2;
        nsynth::test::TfCheckpointWriter w(good, o);
        w.addFloats("layer/kernel", {64, 64}, nsynth::test::fixtureValues(1, "k", 64 * 64), TfDataType::Float, 0);
        w.addFloats("layer/bias", {64}, nsynth::test::fixtureValues(1, "b", 64), TfDataType::Float, 1);
        w.addFloats("other", {8}, nsynth::test::fixtureValues(1, "o", 8), TfDataType::Float, 0);
        w.finish();
    }
    const auto size = [](const std::string& p) { return uint64_t(fs::file_size(p)); };
    const std::string shard0 = ".data-00000-of-00002", shard1 = ".data-00001-of-00002";

    // Truncated .data (an interrupted download): named with the tensor, found on open.
    const std::string truncated = dir.filePath("truncated").toStdString();
    nsynth::test::copyCheckpoint(good, truncated);
    truncateFile(truncated + shard0, size(truncated + shard0) - 10);
    CHECK_ERROR(TfCheckpoint(truncated), QString::fromStdString(truncated + shard0), "is truncated", "other");

    // One flipped byte: that tensor fails its crc32c; the others still read.
    const std::string flipped = dir.filePath("flipped").toStdString();
    nsynth::test::copyCheckpoint(good, flipped);
    {
        const TfCheckpoint before(flipped);
        flipByte(flipped + shard0, before.find("layer/kernel")->offset + 1000);
    }
    const TfCheckpoint damaged(flipped);
    CHECK_ERROR(damaged.readFloats(*damaged.find("layer/kernel")), QString::fromStdString(flipped + shard0),
                "layer/kernel", "checksum");
    CHECK_ERROR(damaged.verify(*damaged.find("layer/kernel")), "checksum");
    QCOMPARE(damaged.readFloats(*damaged.find("other")), nsynth::test::fixtureValues(1, "o", 8));

    // A missing shard, named, from any path the user gives.
    const std::string missing = dir.filePath("missing").toStdString();
    nsynth::test::copyCheckpoint(good, missing);
    fs::remove(missing + shard1);
    CHECK_ERROR(TfCheckpoint(missing), QString::fromStdString(missing + shard1), "is missing", "2 data shards");
    CHECK_ERROR(TfCheckpoint(missing + shard0), QString::fromStdString(missing + shard1), "is missing");

    // Truncated .index: half of it, and just the last byte of the footer's magic.
    for (const uint64_t cut : {size(good + ".index") / 2, size(good + ".index") - 1, uint64_t(10)}) {
        const std::string t = dir.filePath("index-cut-" + QString::number(cut)).toStdString();
        nsynth::test::copyCheckpoint(good, t);
        truncateFile(t + ".index", cut);
        CHECK_ERROR(TfCheckpoint(t), QString::fromStdString(t + ".index"), "not a TensorFlow checkpoint index");
    }
    // A damaged .index data block: leveldb's block checksum catches it.
    const std::string badIndex = dir.filePath("bad-index").toStdString();
    nsynth::test::copyCheckpoint(good, badIndex);
    flipByte(badIndex + ".index", 20);
    CHECK_ERROR(TfCheckpoint(badIndex), QString::fromStdString(badIndex + ".index"), "damaged");

    // Not checkpoints at all: a text file named .index, a WAV passed as a checkpoint file.
    const std::string text = dir.filePath("notes").toStdString();
    writeText(text + ".index", std::string(200, 'x'));
    writeText(text + ".data-00000-of-00001", "");
    CHECK_ERROR(TfCheckpoint(text + ".index"), "notes.index", "not a TensorFlow checkpoint index");
    const std::string wav = dir.filePath("flute_60.wav").toStdString();
    writeText(wav, "RIFF....WAVEfmt ");
    QVERIFY(!isTfCheckpointPath(wav));
    CHECK_ERROR(TfCheckpoint(wav), "flute_60.wav", "not a TensorFlow checkpoint");
    // A leveldb table that is not a tensor bundle (no header entry).
    {
        const std::string plain = dir.filePath("plain").toStdString();
        leveldb::WritableFile* raw = nullptr;
        QVERIFY(leveldb::Env::Default()->NewWritableFile(plain + ".index", &raw).ok());
        std::unique_ptr<leveldb::WritableFile> file(raw);
        leveldb::TableBuilder builder(leveldb::Options(), file.get());
        builder.Add("apple", "1");
        builder.Add("pear", "2");
        QVERIFY(builder.Finish().ok());
        QVERIFY(file->Close().ok());
        CHECK_ERROR(TfCheckpoint(plain), "plain.index", "not a TensorFlow checkpoint index", "bundle header");
    }
    // Inputs are never modified by reading.
    QCOMPARE(size(good + shard0), uint64_t((64 * 64 + 8) * 4));
}

void TestTfCheckpoint::realCheckpointsListAndVerify()
{
    NSYNTH_REQUIRE_TEST_DATA("tf-checkpoints");
    int snappyFiles = 0;
    for (const auto& r : kReal) {
        const std::string index = nsynth::test::testDataPath(QString("tf-checkpoints/") + r.index);
        const TfCheckpoint ckpt(index);
        QVERIFY2(int(ckpt.entries().size()) == r.tensors, r.index);
        QCOMPARE(ckpt.numShards(), r.shards);
        QVERIFY(!ckpt.bigEndian());
        const bool snappy = dataBlockTypes(index).count(1) > 0;
        QCOMPARE(snappy, r.snappy);
        snappyFiles += snappy;
        // Every tensor: a known dtype, a byte size that fits its shape, inside its shard, no
        // overlaps, and its crc32c verified (strings included).
        std::map<int, std::vector<std::pair<uint64_t, uint64_t>>> ranges;
        for (const auto& e : ckpt.entries()) {
            QVERIFY2(e.dtypeName().rfind("dtype ", 0) != 0, e.name.c_str());
            QVERIFY(!e.partitioned);
            if (tfDataTypeSize(e.dtype) > 0)
                QCOMPARE(e.size, uint64_t(e.elements()) * uint64_t(tfDataTypeSize(e.dtype)));
            QVERIFY(e.offset + e.size <= fs::file_size(ckpt.dataFiles()[size_t(e.shard)]));
            ckpt.verify(e);
            if (e.isFloat() || e.isInteger())
                QCOMPARE(ckpt.readFloats(e).size(), size_t(e.elements()));
            ranges[e.shard].push_back({e.offset, e.offset + e.size});
        }
        for (auto& [shard, list] : ranges) {
            std::sort(list.begin(), list.end());
            for (size_t i = 1; i < list.size(); ++i)
                QVERIFY(list[i].first >= list[i - 1].second);
        }
    }
    QCOMPARE(snappyFiles, 3);
}

void TestTfCheckpoint::realKnownValues()
{
    NSYNTH_REQUIRE_TEST_DATA("tf-checkpoints");
    const QString serving = "tf-checkpoints/tf-serving/";
    // TensorFlow Serving's half_plus_two: y = a*x + b with a = 0.5, b = 2 (and c = 3 for the
    // half_plus_three variant of the same graph); all exact in float32.
    for (const char* model : {"saved_model_half_plus_two_cpu", "saved_model_half_plus_two_mkl"}) {
        const TfCheckpoint ckpt(nsynth::test::testDataPath(serving + model + "/00000123/variables"));
        QCOMPARE(readScalar(ckpt, "a"), 0.5f);
        QCOMPARE(readScalar(ckpt, "b"), 2.0f);
        QCOMPARE(readScalar(ckpt, "c"), 3.0f);
        QCOMPARE(ckpt.find("a")->shape, Shape{});
    }
    {
        const TfCheckpoint ckpt(
            nsynth::test::testDataPath(serving + "saved_model_half_plus_two_tf2_cpu/00000123/variables/variables"));
        QCOMPARE(readScalar(ckpt, "a/.ATTRIBUTES/VARIABLE_VALUE"), 0.5f);
        QCOMPARE(readScalar(ckpt, "b/.ATTRIBUTES/VARIABLE_VALUE"), 2.0f);
        QCOMPARE(ckpt.find("_CHECKPOINTABLE_OBJECT_GRAPH")->dtypeName(), std::string("string"));
    }
    {
        const TfCheckpoint ckpt(
            nsynth::test::testDataPath(serving + "saved_model_half_plus_three/00000123/variables/variables.index"));
        QCOMPARE(readScalar(ckpt, "a"), 0.5f);
        QCOMPARE(readScalar(ckpt, "b"), 3.0f);
        QCOMPARE(readScalar(ckpt, "c"), 3.0f);
    }
    // The raw bytes agree with the file, read without the reader: the data file of
    // half_plus_two_cpu is five little-endian float32 scalars.
    {
        const std::string data = nsynth::test::testDataPath(
            serving + "saved_model_half_plus_two_cpu/00000123/variables/variables.data-00000-of-00001");
        std::ifstream in(data, std::ios::binary);
        float raw[5];
        in.read(reinterpret_cast<char*>(raw), sizeof raw);
        const TfCheckpoint ckpt(data);
        for (const auto& e : ckpt.entries())
            QCOMPARE(readScalar(ckpt, e.name.c_str()), raw[e.offset / 4]);
    }
    // int64 scalars: a TF2 save counter and a Keras optimizer's iteration count.
    {
        const TfCheckpoint ckpt(nsynth::test::testDataPath("tf-checkpoints/tf-examples/testdata/saved_model_v2_mini"));
        const auto* counter = ckpt.find("save_counter/.ATTRIBUTES/VARIABLE_VALUE");
        QVERIFY(counter);
        QCOMPARE(counter->dtypeName(), std::string("int64"));
        QCOMPARE(ckpt.readInts(*counter), std::vector<int64_t>{0});  // eight zero bytes in the file
        // The object graph: one string holding a serialized TrackableObjectGraph (its first
        // node's field 1 tag is 0x0a) that names the counter.
        const auto graph = ckpt.readStrings(*ckpt.find("_CHECKPOINTABLE_OBJECT_GRAPH"));
        QCOMPARE(graph.size(), size_t(1));
        QCOMPARE(graph[0].size(), size_t(113));
        QCOMPARE(graph[0][0], '\x0a');
        QVERIFY(graph[0].find("save_counter") != std::string::npos);
    }
}

void TestTfCheckpoint::realShardedCheckpoint()
{
    NSYNTH_REQUIRE_TEST_DATA("tf-checkpoints/repairing_genomic_gaps");
    const std::string folder = nsynth::test::testDataPath("tf-checkpoints/repairing_genomic_gaps/variables");
    const TfCheckpoint ckpt(folder);  // the folder: its single .index
    QCOMPARE(ckpt.numShards(), 2);
    QCOMPARE(ckpt.entries().size(), size_t(67));
    std::set<int> shards;
    int slots = 0, kernels = 0;
    for (const auto& e : ckpt.entries()) {
        shards.insert(e.shard);
        if (e.name.find(".OPTIMIZER_SLOT/optimizer/") != std::string::npos)
            ++slots;
        if (e.name.find("/kernel/.ATTRIBUTES/VARIABLE_VALUE") != std::string::npos) {
            ++kernels;
            // Adam's m and v slots exist for every kernel, with its shape.
            for (const char* slot : {"m", "v"}) {
                const std::string base = e.name.substr(0, e.name.find("/.ATTRIBUTES"));
                const auto* s = ckpt.find(base + "/.OPTIMIZER_SLOT/optimizer/" + slot + "/.ATTRIBUTES/VARIABLE_VALUE");
                QVERIFY2(s, e.name.c_str());
                QCOMPARE(s->shape, e.shape);
            }
        }
    }
    QCOMPARE(shards, (std::set<int>{0, 1}));
    QVERIFY(kernels >= 4);
    QCOMPARE(slots % 2, 0);
    const auto* k = ckpt.find("layer_with_weights-1/kernel/.ATTRIBUTES/VARIABLE_VALUE");
    QVERIFY(k);
    QCOMPARE(k->shape, (Shape{10, 2, 32, 64}));
    const auto values = ckpt.readFloats(*k);
    QCOMPARE(values.size(), size_t(10 * 2 * 32 * 64));
    QVERIFY(std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v) && std::abs(v) < 10; }));
    // Each shard's bytes are exactly the tensors it holds (no gaps in this TF-written file).
    std::map<int, uint64_t> bytes;
    for (const auto& e : ckpt.entries())
        bytes[e.shard] += e.size;
    for (int s = 0; s < 2; ++s)
        QCOMPARE(bytes[s], uint64_t(fs::file_size(ckpt.dataFiles()[size_t(s)])));
    // Every path into it resolves to the same place.
    for (const char* f : {"variables.index", "variables.data-00000-of-00002", "variables.data-00001-of-00002",
                          "variables"})
        QCOMPARE(canonical(resolveTfCheckpoint(folder + "/" + f).prefix), canonical(ckpt.prefix()));
}

void TestTfCheckpoint::realTf1Layout()
{
    NSYNTH_REQUIRE_TEST_DATA("tf-checkpoints/tf-onnx/regression/checkpoint");
    const std::string folder = nsynth::test::testDataPath("tf-checkpoints/tf-onnx/regression/checkpoint");
    const std::string want = canonical(folder + "/model");
    std::vector<float> w0;
    for (const std::string& p : {folder, folder + "/checkpoint", folder + "/model", folder + "/model.index",
                                 folder + "/model.data-00000-of-00001", folder + "/model.meta"}) {
        QVERIFY2(isTfCheckpointPath(p), p.c_str());
        const TfCheckpoint ckpt(p);
        QCOMPARE(canonical(ckpt.prefix()), want);
        QCOMPARE(canonical(ckpt.paths().meta), want + ".meta");
        QCOMPARE(ckpt.entries().size(), size_t(2));
        const auto w = ckpt.readFloats(*ckpt.find("W"));
        if (w0.empty())
            w0 = w;
        QCOMPARE(w, w0);
        QVERIFY(ckpt.find("b"));
    }
}

QTEST_GUILESS_MAIN(TestTfCheckpoint)
#include "test_tf_checkpoint.moc"
