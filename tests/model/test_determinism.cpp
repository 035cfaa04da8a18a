// Reproducibility of generation (architecture.md section 5):
//  - a note decodes to the same samples alone (batch 1) or as any row of a batch, greedy and
//    sampled, over the first 2048 steps (4 frames), at the small and the full Magenta size;
//  - the same with 1 and with 2 threads;
//  - the same run twice gives bitwise identical audio; another seed gives other audio.

#include "fast_decoder.h"
#include "gemm.h"
#include "model_file.h"
#include "numerics_fixtures.h"
#include "synthesis.h"
#include "test_support.h"

#include <cstring>

using namespace nsynth;
using namespace nsynth::test;

namespace {

std::vector<std::vector<uint8_t>> run(const Model& model, const std::vector<Embedding>& embeddings,
                                      const std::vector<std::string>& ids, const GenerationOptions& options)
{
    FastDecoder decoder(model, int(embeddings.size()), 1);
    std::vector<NoteToGenerate> notes;
    for (size_t i = 0; i < embeddings.size(); ++i)
        notes.push_back({&embeddings[i], ids[i], -1});
    std::vector<std::vector<uint8_t>> classes;
    generateBatch(decoder, notes, options, {}, nullptr, &classes);
    return classes;
}

int64_t firstDifference(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b)
{
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i])
            return int64_t(i);
    return a.size() == b.size() ? -1 : int64_t(std::min(a.size(), b.size()));
}

void checkAloneVersusBatch(const char* preset, bool greedy)
{
    const Model model = randomModel(ModelConfig::preset(preset), testSeed() + 100);
    const auto embeddings = randomEmbeddings(8, 4, 16, testSeed() + 101);  // 4 frames = 2048 steps
    std::vector<std::string> ids;
    for (int i = 0; i < 8; ++i)
        ids.push_back(std::string("note").append(std::to_string(i)));
    GenerationOptions options;
    options.greedy = greedy;
    options.seed = testSeed();
    const auto batch = run(model, embeddings, ids, options);
    for (int row : {0, 5}) {
        const auto alone = run(model, {embeddings[size_t(row)]}, {ids[size_t(row)]}, options);
        const int64_t diff = firstDifference(alone[0], batch[size_t(row)]);
        QVERIFY2(diff < 0, qPrintable(QString("%1 %2: row %3 alone differs from the batch at step %4")
                                          .arg(preset, greedy ? "greedy" : "sampled").arg(row).arg(diff)));
    }
    // A smaller batch with the rows in another order.
    const auto reordered = run(model, {embeddings[5], embeddings[2], embeddings[0]}, {ids[5], ids[2], ids[0]}, options);
    QCOMPARE(firstDifference(reordered[0], batch[5]), int64_t(-1));
    QCOMPARE(firstDifference(reordered[2], batch[0]), int64_t(-1));
    // Rows really differ from each other (the test would be empty otherwise).
    QVERIFY(firstDifference(batch[0], batch[1]) >= 0);
}

} // namespace

class TestDeterminism : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testSeed(); }

    void smallAloneVersusBatch()
    {
        checkAloneVersusBatch("small", true);
        checkAloneVersusBatch("small", false);
    }

    void magentaAloneVersusBatchGreedy() { checkAloneVersusBatch("magenta-h512-bo16", true); }

    void threadCountDoesNotChangeTheAudio()
    {
        // 64 rows: enough work per step that two threads split it (the decoder keeps small
        // steps on one thread; fast_decoder.cpp, kMinMacsPerThread).
        const Model model = randomModel(ModelConfig::preset("small"), testSeed() + 200);
        const auto embeddings = randomEmbeddings(64, 3, 16, testSeed() + 201);
        std::vector<std::string> ids;
        for (int i = 0; i < 64; ++i)
            ids.push_back(std::string("row").append(std::to_string(i)));
        GenerationOptions options;
        options.seed = 9;
        setComputeThreads(1);
        const auto one = run(model, embeddings, ids, options);
        setComputeThreads(2);
        const auto two = run(model, embeddings, ids, options);
        setComputeThreads(0);
        for (size_t i = 0; i < one.size(); ++i)
            QCOMPARE(firstDifference(one[i], two[i]), int64_t(-1));
    }

    void sameRunTwiceIsBitwiseIdentical()
    {
        const Model model = randomModel(ModelConfig::preset("small"), testSeed() + 300);
        const auto embeddings = randomEmbeddings(3, 2, 16, testSeed() + 301);
        std::vector<NoteToGenerate> notes;
        for (size_t i = 0; i < embeddings.size(); ++i)
            notes.push_back({&embeddings[i], std::string("n").append(std::to_string(i)), -1});
        GenerationOptions options;
        options.seed = 1234;
        FastDecoder d1(model, 3, 1), d2(model, 3, 1);
        const auto a = generateBatch(d1, notes, options);
        const auto b = generateBatch(d2, notes, options);
        const auto again = generateBatch(d1, notes, options);  // a reused decoder starts clean
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].size(), size_t(1024));
            QVERIFY(std::memcmp(a[i].data(), b[i].data(), a[i].size() * 4) == 0);
            QVERIFY(std::memcmp(a[i].data(), again[i].data(), a[i].size() * 4) == 0);
        }
        options.seed = 1235;
        const auto other = generateBatch(d1, notes, options);
        QVERIFY(std::memcmp(a[0].data(), other[0].data(), a[0].size() * 4) != 0);
        // Every output sample is a mu-law bin centre (or exactly 0 for class 128).
        for (float v : a[0])
            QVERIFY(std::fabs(v) < 0.99f);
    }
};

QTEST_GUILESS_MAIN(TestDeterminism)
#include "test_determinism.moc"
