#pragma once
// Open NSynth Super interpolation grids (ons-pipeline.md section 3, step 2): corner weights,
// note identities and de-duplication across corner combinations, exactly as the ONS scripts
// compute them, so a grid planned here names, counts and blends the same notes.
//
// Geometry. A combination is one instrument per corner, in the order top-left, top-right,
// bottom-left, bottom-right (the order of a bank's file name `<c0>_<c1>_<c2>_<c3>.bin` and of the
// device's corners[0..3]). ONS's settings.json lists the corners under the keys NW, NE, SE, SW in
// that order, i.e. its "SE" list is the bottom-left corner and its "SW" list the bottom-right one
// (the label swap of section 3 step 2); the settings readers map the keys, this file only knows
// positions. Corner k sits at (x, y) = (0,0), (1,0), (0,1), (1,1); y grows downwards, so the top
// row is y = 0. A grid of resolution R has R x R cells; cell index = yi * R + xi, with
// x = linspace(0, 1, R)[xi] and y = linspace(0, 1, R)[yi].
//
// Weights at a point p: raw_k = max(1 - |p - c_k|, 0), w_k = raw_k / sum_j raw_j (float64, in
// numpy's order of operations). A note's identity is {pitch, instrument -> round(w, 3)} over the
// corners with w > 0 (the unrounded weight decides), written like ONS's file names:
// "brass_0.5_fatpoly_0.5_pitch_24" (keys sorted, key and value alternating, "_"-joined). Two
// (combination, cell, pitch) entries with the same identity are one note; it is generated once,
// from the weights of its first occurrence in ONS's loop order (combinations sorted by name,
// then pitches, then cells).
//
// One deviation, only reachable when an instrument appears in more than one corner list: ONS
// keeps the last corner's weight for a repeated name; here the weights of the same instrument are
// added (unrounded, then rounded), which is what the blend computes.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace nsynth {

enum GridCornerIndex { kTopLeft = 0, kTopRight = 1, kBottomLeft = 2, kBottomRight = 3 };

// numpy.linspace(0, 1, resolution)[index], bit for bit: index * (1 / (resolution - 1)), the last
// value exactly 1. resolution >= 2.
double gridCoordinate(int index, int resolution);

// The four corner weights at (x, y), in corner order; they sum to 1 (up to rounding).
std::array<double, 4> cornerWeights(double x, double y);

// numpy.around(w, 3) as whole thousandths: rint(w * 1000), ties to even.
int weightMilli(double weight);
// How Python prints that rounded value: 780 -> "0.78", 1000 -> "1.0", 125 -> "0.125", 0 -> "0.0".
std::string formatWeightMilli(int milli);

struct GridSpec {
    std::array<std::vector<std::string>, 4> corners;  // instrument names per corner position
    std::vector<int> pitches;                         // MIDI pitches, in bank order
    int resolution = 9;

    // Every problem with the spec itself (empty corner, invalid or duplicated name, pitch outside
    // 0..127 or repeated, resolution outside 2..kMaxGridResolution), one sentence each.
    std::vector<std::string> problems() const;
};

constexpr int kMaxGridResolution = 64;

// An instrument name usable in identities, note file names and bank names: [A-Za-z0-9-]{1,64}
// and not "pitch" (the identity's own key). `why` (may be null) receives the reason when false.
bool isValidGridInstrumentName(const std::string& name, std::string* why = nullptr);

struct GridNote {
    int pitch = 0;       // MIDI
    int pitchIndex = 0;  // into GridSpec::pitches (its row offset inside a bank's cell)
    std::string identity;  // ONS name, also the key of the note's random stream (random.h)
    // The instruments of the identity (w > 0), sorted by name, with their rounded weights.
    struct Part {
        int instrument = 0;  // into GridPlan::instruments
        int milli = 0;       // round(weight, 3) * 1000
    };
    std::vector<Part> parts;
    // The blend that produces the note: the first occurrence's corner instruments and exact
    // weights (the embedding is sum_k weights[k] * E(cornerInstruments[k], pitch)).
    std::array<int, 4> cornerInstruments{};
    std::array<double, 4> weights{};
    int firstCombination = 0;
    int firstCell = 0;
};

struct GridPlan {
    GridSpec spec;
    std::vector<std::string> instruments;           // every distinct corner instrument, sorted
    std::vector<std::array<int, 4>> combinations;   // instrument indices per corner, sorted by name
    std::vector<GridNote> notes;                    // unique notes, first-occurrence order
    // Note index of every (combination, cell, pitch index): [combinations][cells][pitches].
    std::vector<int32_t> occurrence;

    int cells() const { return spec.resolution * spec.resolution; }
    int64_t naiveNotes() const { return int64_t(combinations.size()) * cells() * int64_t(spec.pitches.size()); }
    int32_t noteAt(int combination, int cell, int pitchIndex) const
    {
        return occurrence[(size_t(combination) * size_t(cells()) + size_t(cell)) * spec.pitches.size() +
                          size_t(pitchIndex)];
    }
    // "<c0>_<c1>_<c2>_<c3>": the bank's file name without ".bin".
    std::string combinationName(int combination) const;
    int instrumentIndex(const std::string& name) const;  // -1 when absent
};

// Plans the grid. Throws Error naming every problem of the spec (GridSpec::problems) at once.
GridPlan planGrid(const GridSpec& spec);

// Number of corners with a non-zero weight in every cell, [R * R], row-major (y outer): the
// table of ons-pipeline.md section 3 for R = 9.
std::vector<int> nonZeroWeightCounts(int resolution);

// Blends corner embeddings [frames * channels] as ONS does: float64 products w_k * E_k summed in
// corner order (((r0 + r1) + r2) + r3, zero weights included), rounded to float32 once.
std::vector<float> blendEmbeddings(const std::array<const float*, 4>& corner, const std::array<double, 4>& weights,
                                   size_t values);

} // namespace nsynth
