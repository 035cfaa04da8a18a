// Planning the full Open NSynth Super sound set: 4 instruments per corner (ONS's default names),
// 9x9 grid, 16 pitches -> 256 corner combinations, 331,776 grid notes, 118,016 unique notes.
// Reports the time of the grid maths (weights, identities, de-duplication, occurrence table),
// of the batch/shard schedule and plan fingerprint, and of the per-note list plan.json holds.
// The requirement (issue 5): planning the full set takes under 10 s; exit status 1 otherwise.
//
// Usage: bench_grid_plan [--rounds N] [--batch-size B] [--shards N]

#include "grid.h"
#include "grid_job.h"
#include "grid_schedule.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace nsynth;

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv)
{
    int rounds = 3, batchSize = 512, shards = 8;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--batch-size") && i + 1 < argc)
            batchSize = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--shards") && i + 1 < argc)
            shards = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: bench_grid_plan [--rounds N] [--batch-size B] [--shards N]\n");
            return 2;
        }
    }
    // ONS's audio/settings.json (NW, NE, SE, SW; the SE list is the bottom-left corner).
    GridSpec spec;
    spec.corners = {{{"brass", "caridle", "crotales", "electroclav"},
                     {"fatpoly", "flute", "softpad", "kick"},
                     {"synthbrass", "cleanbass", "uprightbass", "windfx"},
                     {"marimba", "electricpiano", "snare", "steeldrum"}}};
    for (int p = 24; p <= 84; p += 4)
        spec.pitches.push_back(p);
    spec.resolution = 9;

    double best = 1e30, bestSchedule = 1e30, bestList = 1e30;
    size_t unique = 0, combos = 0;
    int64_t naive = 0;
    for (int r = 0; r < rounds; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        const GridPlan plan = planGrid(spec);
        best = std::min(best, secondsSince(t0));
        unique = plan.notes.size();
        combos = plan.combinations.size();
        naive = plan.naiveNotes();

        t0 = std::chrono::steady_clock::now();
        const GridSchedule schedule(int64_t(plan.notes.size()), batchSize);
        int64_t notes = 0;
        for (int k = 0; k < shards; ++k)
            notes += schedule.shardNotes({k, shards});
        const QString fingerprint = app::planFingerprint(plan, batchSize);
        bestSchedule = std::min(bestSchedule, secondsSince(t0));
        if (notes != int64_t(unique) || fingerprint.size() != 64) {
            std::fprintf(stderr, "schedule lost notes\n");
            return 1;
        }

        t0 = std::chrono::steady_clock::now();
        QJsonArray list;
        for (size_t i = 0; i < plan.notes.size(); ++i)
            list.append(app::gridNoteJson(plan, int64_t(i), batchSize));
        const QByteArray text = QJsonDocument(QJsonObject{{"notes", list}}).toJson(QJsonDocument::Compact);
        bestList = std::min(bestList, secondsSince(t0));
        if (r == 0)
            std::printf("plan.json note list: %.1f MB\n", double(text.size()) / 1e6);
    }
    const double total = best + bestSchedule + bestList;
    std::printf("combinations %zu, grid notes %lld, unique notes %zu (expected 256, 331776, 118016)\n", combos,
                (long long)naive, unique);
    std::printf("grid maths (weights, identities, de-duplication): %.3f s  (%.0f grid notes/s)\n", best,
                double(naive) / best);
    std::printf("schedule (batches of %d, %d shards) + fingerprint: %.3f s\n", batchSize, shards, bestSchedule);
    std::printf("per-note list for plan.json: %.3f s\n", bestList);
    std::printf("planning the full ONS set: %.3f s (best of %d) -> %s (limit 10 s)\n", total, rounds,
                total < 10.0 ? "PASS" : "FAIL");
    return unique == 118016 && combos == 256 && total < 10.0 ? 0 : 1;
}
