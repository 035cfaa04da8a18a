// The grid maths of model/grid.h and model/grid_schedule.h against the facts of
// ons-pipeline.md: ONS's unique-note counts (118,016 / 10,368 / 1,232), the documented weights,
// the 9x9 table of non-zero weights, identity names, de-duplication, and the batch/shard split.

#include "error.h"
#include "grid.h"
#include "grid_schedule.h"
#include "test_support.h"


#include <cmath>
#include <map>
#include <set>
#include <tuple>

using namespace nsynth;

namespace {

GridSpec onsSpec(int perCorner)
{
    GridSpec s;
    s.resolution = 9;
    for (int p = 24; p <= 84; p += 4)
        s.pitches.push_back(p);
    for (int k = 0; k < 4; ++k)
        for (int i = 0; i < perCorner; ++i) {
            const char name[] = {'c', char('0' + k), 'i', char('0' + i), '\0'};
            s.corners[size_t(k)].push_back(name);
        }
    return s;
}

} // namespace

class TestGridMath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void onsCounts();
    void documentedWeights();
    void nonZeroTable();
    void coordinates();
    void roundingAndNames();
    void identities();
    void deduplication();
    void repeatedInstrument();
    void specProblems();
    void blend();
    void schedule();
    void shardSpecs();
};

void TestGridMath::onsCounts()
{
    // ons-pipeline.md section 1: 4 per corner -> 118,016 (7,376 per pitch), 2 -> 10,368, 1 -> 1,232.
    const struct {
        int perCorner;
        size_t combos;
        int64_t naive;
        size_t unique;
    } cases[] = {{4, 256, 331776, 118016}, {2, 16, 20736, 10368}, {1, 1, 1296, 1232}};
    for (const auto& c : cases) {
        const GridPlan plan = planGrid(onsSpec(c.perCorner));
        QCOMPARE(plan.combinations.size(), c.combos);
        QCOMPARE(plan.naiveNotes(), c.naive);
        QCOMPARE(plan.notes.size(), c.unique);
        QCOMPARE(plan.occurrence.size(), size_t(c.naive));
        for (int32_t v : plan.occurrence)
            QVERIFY(v >= 0 && size_t(v) < plan.notes.size());
    }
    // 7,376 per pitch, and the documented breakdown: 16 pure, 448 two-corner, 1,536 three-corner,
    // 5,376 four-corner notes.
    const GridPlan plan = planGrid(onsSpec(4));
    std::map<int, int> perPitch;
    std::map<size_t, int> byParts;
    for (const auto& n : plan.notes) {
        ++perPitch[n.pitch];
        if (n.pitch == 24)
            ++byParts[n.parts.size()];
    }
    QCOMPARE(perPitch.size(), size_t(16));
    for (const auto& [p, n] : perPitch)
        QCOMPARE(n, 7376);
    QCOMPARE(byParts[1], 16);
    QCOMPARE(byParts[2], 448);
    QCOMPARE(byParts[3], 1536);
    QCOMPARE(byParts[4], 5376);
    // The 15-pitch variant of the same table: 110,640.
    GridSpec fifteen = onsSpec(4);
    fifteen.pitches.pop_back();
    QCOMPARE(planGrid(fifteen).notes.size(), size_t(110640));
}

void TestGridMath::documentedWeights()
{
    // Tolerances: the documented values are rounded to 2 or 3 decimals; exact cases are checked
    // to 1e-15.
    auto w = cornerWeights(0.125, 0.125);
    QVERIFY(std::fabs(w[0] - 0.78) < 0.005 && std::fabs(w[1] - 0.11) < 0.005 && std::fabs(w[2] - 0.11) < 0.005);
    QCOMPARE(w[3], 0.0);
    QCOMPARE(weightMilli(w[0]), 780);
    QCOMPARE(weightMilli(w[1]), 110);
    w = cornerWeights(0.5, 0.5);
    for (double v : w)
        QVERIFY(std::fabs(v - 0.25) < 1e-15);
    w = cornerWeights(0.25, 0.5);
    QCOMPARE(weightMilli(w[0]), 409);
    QCOMPARE(weightMilli(w[1]), 91);
    QCOMPARE(weightMilli(w[2]), 409);
    QCOMPARE(weightMilli(w[3]), 91);
    w = cornerWeights(0.5, 0.125);
    QVERIFY(std::fabs(w[0] - 0.5) < 1e-15 && std::fabs(w[1] - 0.5) < 1e-15);
    QCOMPARE(w[2], 0.0);
    QCOMPARE(w[3], 0.0);
    // Edges are linear mixes of their two corners; corners are pure.
    w = cornerWeights(0.125, 0.0);
    QVERIFY(std::fabs(w[0] - 0.875) < 1e-15 && std::fabs(w[1] - 0.125) < 1e-15);
    QCOMPARE(w[2] + w[3], 0.0);
    const double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    for (int k = 0; k < 4; ++k) {
        w = cornerWeights(corners[k][0], corners[k][1]);
        for (int j = 0; j < 4; ++j)
            QCOMPARE(w[size_t(j)], j == k ? 1.0 : 0.0);
    }
    // Normalised everywhere on a fine grid (to 1e-12).
    for (int yi = 0; yi < 17; ++yi)
        for (int xi = 0; xi < 17; ++xi) {
            w = cornerWeights(gridCoordinate(xi, 17), gridCoordinate(yi, 17));
            QVERIFY(std::fabs(w[0] + w[1] + w[2] + w[3] - 1.0) < 1e-12);
        }
}

void TestGridMath::nonZeroTable()
{
    // ons-pipeline.md section 3 step 2 (rows = y, top to bottom).
    const int expected[81] = {1, 2, 2, 2, 2, 2, 2, 2, 1, 2, 3, 3, 3, 2, 3, 3, 3, 2, 2, 3, 3, 4, 4, 4, 3, 3, 2,
                              2, 3, 4, 4, 4, 4, 4, 3, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 3, 4, 4, 4, 4, 4, 3, 2,
                              2, 3, 3, 4, 4, 4, 3, 3, 2, 2, 3, 3, 3, 2, 3, 3, 3, 2, 1, 2, 2, 2, 2, 2, 2, 2, 1};
    const auto table = nonZeroWeightCounts(9);
    QCOMPARE(table.size(), size_t(81));
    for (int i = 0; i < 81; ++i)
        QVERIFY2(table[size_t(i)] == expected[i], qPrintable(QString("cell %1: %2 non-zero weights, expected %3")
                                                                 .arg(i)
                                                                 .arg(table[size_t(i)])
                                                                 .arg(expected[i])));
}

void TestGridMath::coordinates()
{
    // numpy.linspace(0, 1, R): i * (1/(R-1)), the endpoint exactly 1.
    for (int i = 0; i < 9; ++i)
        QCOMPARE(gridCoordinate(i, 9), i * 0.125);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(gridCoordinate(i, 7), double(i) * (1.0 / 6.0));
    QCOMPARE(gridCoordinate(6, 7), 1.0);
    QCOMPARE(gridCoordinate(0, 2), 0.0);
    QCOMPARE(gridCoordinate(1, 2), 1.0);
    QVERIFY_THROWS_EXCEPTION(Error, gridCoordinate(9, 9));
    QVERIFY_THROWS_EXCEPTION(Error, gridCoordinate(0, 1));
}

void TestGridMath::roundingAndNames()
{
    // numpy.around: rint(w * 1000), ties to even (0.0625 -> 62, 0.1875 -> 188 are exact ties).
    QCOMPARE(weightMilli(0.0625), 62);
    QCOMPARE(weightMilli(0.1875), 188);
    QCOMPARE(weightMilli(1.0), 1000);
    QCOMPARE(weightMilli(0.7799), 780);
    // Python's str() of the rounded float.
    QCOMPARE(formatWeightMilli(1000), std::string("1.0"));
    QCOMPARE(formatWeightMilli(500), std::string("0.5"));
    QCOMPARE(formatWeightMilli(780), std::string("0.78"));
    QCOMPARE(formatWeightMilli(125), std::string("0.125"));
    QCOMPARE(formatWeightMilli(91), std::string("0.091"));
    QCOMPARE(formatWeightMilli(0), std::string("0.0"));
    QCOMPARE(formatWeightMilli(100), std::string("0.1"));
}

void TestGridMath::identities()
{
    GridSpec s;
    s.corners = {{{"brass"}, {"fatpoly"}, {"Zither"}, {"qanun"}}};
    s.pitches = {24};
    s.resolution = 9;
    const GridPlan plan = planGrid(s);
    std::set<std::string> names;
    for (const auto& n : plan.notes)
        names.insert(n.identity);
    QCOMPARE(names.size(), plan.notes.size());
    // ONS's file names: keys sorted (byte order, "pitch" among the names), key/value alternating.
    QVERIFY(names.count("brass_1.0_pitch_24"));
    QVERIFY(names.count("brass_0.5_fatpoly_0.5_pitch_24"));
    QVERIFY(names.count("brass_0.875_fatpoly_0.125_pitch_24"));
    QVERIFY(names.count("Zither_0.25_brass_0.25_fatpoly_0.25_pitch_24_qanun_0.25"));
    QVERIFY(names.count("Zither_0.11_brass_0.78_fatpoly_0.11_pitch_24"));
    // Cell 0 is the top-left corner, cell R-1 the top-right, cell R*(R-1) the bottom-left.
    QCOMPARE(plan.notes[size_t(plan.noteAt(0, 0, 0))].identity, std::string("brass_1.0_pitch_24"));
    QCOMPARE(plan.notes[size_t(plan.noteAt(0, 8, 0))].identity, std::string("fatpoly_1.0_pitch_24"));
    QCOMPARE(plan.notes[size_t(plan.noteAt(0, 72, 0))].identity, std::string("Zither_1.0_pitch_24"));
    QCOMPARE(plan.notes[size_t(plan.noteAt(0, 80, 0))].identity, std::string("pitch_24_qanun_1.0"));
    QCOMPARE(plan.combinationName(0), std::string("brass_fatpoly_Zither_qanun"));
}

void TestGridMath::deduplication()
{
    const GridPlan plan = planGrid(onsSpec(1));
    // (0.5, 0.125) mixes only the two top corners, like the top edge's middle (0.5, 0): one note.
    const int top = plan.noteAt(0, 4, 0), below = plan.noteAt(0, 9 + 4, 0);
    QCOMPARE(top, below);
    // ... blended with the first occurrence's exact weights (ONS's loop order: cells row-major).
    const GridNote& n = plan.notes[size_t(top)];
    QCOMPARE(n.firstCell, 4);
    QCOMPARE(n.weights[0], 0.5);
    QCOMPARE(n.weights[1], 0.5);
    // Notes are in first-occurrence order: combination, then pitch, then cell.
    for (size_t i = 1; i < plan.notes.size(); ++i) {
        const auto& a = plan.notes[i - 1];
        const auto& b = plan.notes[i];
        const auto ka = std::make_tuple(a.firstCombination, a.pitchIndex, a.firstCell);
        const auto kb = std::make_tuple(b.firstCombination, b.pitchIndex, b.firstCell);
        QVERIFY(ka < kb);
    }
    // Across combinations: with 2 per corner, a corner note (one instrument at weight 1) appears in
    // 8 combinations but is one note.
    const GridPlan two = planGrid(onsSpec(2));
    int uses = 0;
    const int first = two.noteAt(0, 0, 0);
    for (int c = 0; c < int(two.combinations.size()); ++c)
        uses += two.noteAt(c, 0, 0) == first;
    QCOMPARE(uses, 8);
    // Combinations are sorted by name, like sorted(product(...)).
    for (size_t c = 1; c < two.combinations.size(); ++c)
        QVERIFY(two.combinationName(int(c - 1)) < two.combinationName(int(c)));
}

void TestGridMath::repeatedInstrument()
{
    // The same instrument in two corners: its weights add up (the blend's total weight).
    GridSpec s;
    s.corners = {{{"a"}, {"a"}, {"b"}, {"c"}}};
    s.pitches = {60};
    s.resolution = 3;
    const GridPlan plan = planGrid(s);
    QCOMPARE(plan.notes[size_t(plan.noteAt(0, 1, 0))].identity, std::string("a_1.0_pitch_60"));
    QCOMPARE(plan.noteAt(0, 0, 0), plan.noteAt(0, 1, 0));
    QCOMPARE(plan.notes[size_t(plan.noteAt(0, 4, 0))].identity, std::string("a_0.5_b_0.25_c_0.25_pitch_60"));
}

void TestGridMath::specProblems()
{
    GridSpec s;
    s.corners = {{{}, {"ok", "ok"}, {"bad_name"}, {"pitch", "x y"}}};
    s.pitches = {24, 24, 128};
    s.resolution = 1;
    const auto problems = s.problems();
    // Every problem at once: empty corner, duplicate, underscore, reserved name, bad character,
    // repeated pitch, pitch out of range, resolution.
    QCOMPARE(problems.size(), size_t(8));
    try {
        planGrid(s);
        QFAIL("planGrid accepted an invalid spec");
    } catch (const Error& e) {
        const QString m = QString::fromUtf8(e.what());
        QVERIFY(!m.contains('\n'));
        QVERIFY(m.contains("top-left corner has no instruments"));
        QVERIFY(m.contains("bad_name"));
        QVERIFY(m.contains("pitch 128"));
        QVERIFY(m.contains("resolution 1"));
    }
    QVERIFY(isValidGridInstrumentName("old-piano2"));
    QVERIFY(!isValidGridInstrumentName("old_piano"));
    QVERIFY(!isValidGridInstrumentName(""));
}

void TestGridMath::blend()
{
    // float64 products summed in corner order, one rounding to float32: compared with a long
    // double reference to within one float32 ulp.
    std::vector<float> e[4];
    uint64_t state = nsynth::test::testSeed();
    for (auto& v : e) {
        v.resize(125 * 16);
        for (auto& x : v) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            x = float(int64_t(state >> 40) - (int64_t(1) << 23)) / float(1 << 22);
        }
    }
    const auto w = cornerWeights(0.375, 0.625);
    const auto out = blendEmbeddings({e[0].data(), e[1].data(), e[2].data(), e[3].data()}, w, e[0].size());
    for (size_t i = 0; i < out.size(); ++i) {
        long double ref = 0;
        for (int k = 0; k < 4; ++k)
            ref += (long double)w[size_t(k)] * e[k][i];
        QVERIFY(std::fabs(double(out[i]) - double(ref)) <= std::fabs(double(ref)) * 1.2e-7 + 1e-30);
    }
    // Pure corners reproduce the corner embedding exactly.
    const auto corner = blendEmbeddings({e[0].data(), e[1].data(), e[2].data(), e[3].data()}, {0, 0, 1, 0}, e[0].size());
    QVERIFY(corner == e[2]);
}

void TestGridMath::schedule()
{
    const GridSchedule s(18, 4);
    QCOMPARE(s.batches(), int64_t(5));
    QCOMPARE(s.batchBegin(4), int64_t(16));
    QCOMPARE(s.batchEnd(4), int64_t(18));
    QCOMPARE(s.batchOfNote(17), int64_t(4));
    // Shards are round-robin over batches, disjoint and complete.
    for (int n : {1, 2, 3, 5, 7}) {
        std::set<int64_t> seen;
        int64_t notes = 0;
        for (int k = 0; k < n; ++k) {
            for (int64_t b : s.shardBatches({k, n})) {
                QCOMPARE(GridSchedule::shardOfBatch(b, n), k);
                QVERIFY(seen.insert(b).second);
            }
            notes += s.shardNotes({k, n});
        }
        QCOMPARE(int64_t(seen.size()), s.batches());
        QCOMPARE(notes, int64_t(18));
    }
    QCOMPARE(s.shardBatches({1, 2}), (std::vector<int64_t>{1, 3}));
    QVERIFY_THROWS_EXCEPTION(Error, GridSchedule(10, 0));
    // The full ONS set in batches of 512 (ONS's batch size).
    const GridSchedule full(118016, 512);
    QCOMPARE(full.batches(), int64_t(231));
}

void TestGridMath::shardSpecs()
{
    QCOMPARE(parseShardSpec("0/1"), (ShardSpec{0, 1}));
    QCOMPARE(parseShardSpec("7/8"), (ShardSpec{7, 8}));
    QCOMPARE(formatShardSpec({3, 8}), std::string("3/8"));
    for (const char* bad : {"8/8", "1/0", "-1/4", "a/b", "3", "3/", "/3", "1/2/3", "0/100001"})
        QVERIFY_THROWS_EXCEPTION(Error, parseShardSpec(bad));
    try {
        parseShardSpec("8/8");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).contains("0..7"));
    }
}

QTEST_GUILESS_MAIN(TestGridMath)
#include "test_grid_math.moc"
