#include "grid.h"

#include "error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace nsynth {

double gridCoordinate(int index, int resolution)
{
    if (resolution < 2 || index < 0 || index >= resolution)
        throw Error("grid: coordinate " + std::to_string(index) + " outside a grid of resolution " +
                    std::to_string(resolution));
    if (index == resolution - 1)
        return 1.0;  // numpy sets the endpoint exactly
    const double step = 1.0 / double(resolution - 1);
    return double(index) * step;
}

std::array<double, 4> cornerWeights(double x, double y)
{
    static constexpr double kCorners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    std::array<double, 4> raw{};
    for (int k = 0; k < 4; ++k) {
        const double dx = x - kCorners[k][0], dy = y - kCorners[k][1];
        // numpy.linalg.norm(axis=1): sqrt of the sum of squares (not hypot).
        raw[size_t(k)] = std::max(1.0 - std::sqrt(dx * dx + dy * dy), 0.0);
    }
    // numpy's sum of 4 values is sequential.
    const double sum = ((raw[0] + raw[1]) + raw[2]) + raw[3];
    for (auto& r : raw)
        r /= sum;
    return raw;
}

int weightMilli(double weight)
{
    // numpy.around(w, 3) multiplies by 10^3, rounds half to even (rint) and divides back; the
    // quotient is what ONS compares, so the integer rint(w * 1000) identifies it exactly.
    return int(std::nearbyint(weight * 1000.0));
}

std::string formatWeightMilli(int milli)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%d.%03d", milli / 1000, std::abs(milli % 1000));
    std::string s = buffer;
    if (milli < 0 && milli > -1000)
        s = "-" + s;
    // Python's repr: shortest digits, at least one after the point.
    while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.')
        s.pop_back();
    return s;
}

namespace {

bool validInstrumentName(const std::string& name, std::string* why)
{
    if (name.empty() || name.size() > 64) {
        *why = "must be 1..64 characters";
        return false;
    }
    for (unsigned char c : name)
        if (!(std::isalnum(c) || c == '-')) {
            *why = c == '_' ? "contains \"_\" (it separates instrument and pitch in file names and corner names in "
                              "bank names)"
                            : "may only contain letters, digits and \"-\"";
            return false;
        }
    if (name == "pitch") {
        *why = "is reserved (\"pitch\" is a key of every note identity)";
        return false;
    }
    return true;
}

const char* cornerLabel(int k)
{
    static const char* kLabels[4] = {"top-left", "top-right", "bottom-left", "bottom-right"};
    return kLabels[k];
}

// A note identity as a hashable value: pitch and up to four (instrument, thousandths) pairs
// sorted by instrument.
struct IdentityKey {
    int pitch = 0;
    int count = 0;
    std::array<int, 4> instrument{};
    std::array<int, 4> milli{};
    bool operator==(const IdentityKey& o) const
    {
        if (pitch != o.pitch || count != o.count)
            return false;
        for (int i = 0; i < count; ++i)
            if (instrument[size_t(i)] != o.instrument[size_t(i)] || milli[size_t(i)] != o.milli[size_t(i)])
                return false;
        return true;
    }
};

struct IdentityHash {
    size_t operator()(const IdentityKey& k) const
    {
        uint64_t h = 0x9E3779B97F4A7C15ull ^ uint64_t(k.pitch);
        for (int i = 0; i < k.count; ++i) {
            h = (h ^ uint64_t(uint32_t(k.instrument[size_t(i)]))) * 0x100000001B3ull;
            h = (h ^ uint64_t(uint32_t(k.milli[size_t(i)]))) * 0x100000001B3ull;
            h ^= h >> 29;
        }
        return size_t(h);
    }
};

std::string identityString(const IdentityKey& key, const std::vector<std::string>& instruments)
{
    // Keys sorted as strings, "pitch" among the instrument names (byte order, as Python sorts).
    std::vector<std::pair<std::string, std::string>> entries;
    for (int i = 0; i < key.count; ++i)
        entries.emplace_back(instruments[size_t(key.instrument[size_t(i)])], formatWeightMilli(key.milli[size_t(i)]));
    entries.emplace_back("pitch", std::to_string(key.pitch));
    std::sort(entries.begin(), entries.end());
    std::string s;
    for (const auto& [k, v] : entries) {
        if (!s.empty())
            s += '_';
        s += k;
        s += '_';
        s += v;
    }
    return s;
}

} // namespace

bool isValidGridInstrumentName(const std::string& name, std::string* why)
{
    std::string reason;
    const bool ok = validInstrumentName(name, &reason);
    if (why)
        *why = reason;
    return ok;
}

std::vector<std::string> GridSpec::problems() const
{
    std::vector<std::string> out;
    for (int k = 0; k < 4; ++k) {
        const auto& list = corners[size_t(k)];
        if (list.empty())
            out.push_back(std::string("the ") + cornerLabel(k) + " corner has no instruments");
        std::set<std::string> seen;
        for (const auto& name : list) {
            std::string why;
            if (!validInstrumentName(name, &why))
                out.push_back(std::string(cornerLabel(k)) + " instrument \"" + name + "\" " + why);
            else if (!seen.insert(name).second)
                out.push_back(std::string(cornerLabel(k)) + " corner lists \"" + name + "\" twice");
        }
    }
    if (pitches.empty())
        out.push_back("no pitches given");
    std::set<int> seenPitches;
    for (int p : pitches) {
        if (p < 0 || p > 127)
            out.push_back("pitch " + std::to_string(p) + " is outside MIDI 0..127");
        else if (!seenPitches.insert(p).second)
            out.push_back("pitch " + std::to_string(p) + " is listed twice");
    }
    if (resolution < 2 || resolution > kMaxGridResolution)
        out.push_back("resolution " + std::to_string(resolution) + " is outside 2.." +
                      std::to_string(kMaxGridResolution));
    return out;
}

std::string GridPlan::combinationName(int combination) const
{
    const auto& c = combinations.at(size_t(combination));
    return instruments[size_t(c[0])] + "_" + instruments[size_t(c[1])] + "_" + instruments[size_t(c[2])] + "_" +
           instruments[size_t(c[3])];
}

int GridPlan::instrumentIndex(const std::string& name) const
{
    const auto it = std::lower_bound(instruments.begin(), instruments.end(), name);
    return it != instruments.end() && *it == name ? int(it - instruments.begin()) : -1;
}

GridPlan planGrid(const GridSpec& spec)
{
    const auto problems = spec.problems();
    if (!problems.empty()) {
        std::string message = "grid settings: ";
        for (size_t i = 0; i < problems.size(); ++i)
            message += (i ? "; " : "") + problems[i];
        throw Error(message);
    }
    GridPlan plan;
    plan.spec = spec;
    std::set<std::string> names;
    for (const auto& list : spec.corners)
        names.insert(list.begin(), list.end());
    plan.instruments.assign(names.begin(), names.end());

    // Every combination; instrument indices follow name order, so sorting the index tuples sorts
    // the combinations by name as ONS's sorted(product(...)) does.
    std::array<std::vector<int>, 4> lists;
    for (int k = 0; k < 4; ++k)
        for (const auto& n : spec.corners[size_t(k)])
            lists[size_t(k)].push_back(plan.instrumentIndex(n));
    for (int a : lists[0])
        for (int b : lists[1])
            for (int c : lists[2])
                for (int d : lists[3])
                    plan.combinations.push_back({a, b, c, d});
    std::sort(plan.combinations.begin(), plan.combinations.end());

    const int R = spec.resolution, cells = R * R, P = int(spec.pitches.size());
    std::vector<std::array<double, 4>> cellWeights(static_cast<size_t>(cells));
    for (int yi = 0; yi < R; ++yi)
        for (int xi = 0; xi < R; ++xi)
            cellWeights[size_t(yi * R + xi)] = cornerWeights(gridCoordinate(xi, R), gridCoordinate(yi, R));

    plan.occurrence.assign(plan.combinations.size() * size_t(cells) * size_t(P), -1);
    std::unordered_map<IdentityKey, int32_t, IdentityHash> seen;
    seen.reserve(plan.occurrence.size() / 2 + 16);
    for (size_t ci = 0; ci < plan.combinations.size(); ++ci) {
        const auto& combo = plan.combinations[ci];
        for (int pi = 0; pi < P; ++pi) {
            for (int cell = 0; cell < cells; ++cell) {
                const auto& w = cellWeights[size_t(cell)];
                // Instruments with w > 0, repeated names merged (unrounded sum).
                std::array<int, 4> inst{};
                std::array<double, 4> sum{};
                int count = 0;
                for (int k = 0; k < 4; ++k) {
                    if (!(w[size_t(k)] > 0))
                        continue;
                    int j = 0;
                    while (j < count && inst[size_t(j)] != combo[size_t(k)])
                        ++j;
                    if (j == count) {
                        inst[size_t(count)] = combo[size_t(k)];
                        sum[size_t(count)] = 0;
                        ++count;
                    }
                    sum[size_t(j)] += w[size_t(k)];
                }
                IdentityKey key;
                key.pitch = spec.pitches[size_t(pi)];
                key.count = count;
                for (int j = 0; j < count; ++j) {
                    key.instrument[size_t(j)] = inst[size_t(j)];
                    key.milli[size_t(j)] = weightMilli(sum[size_t(j)]);
                }
                // Insertion sort by instrument (at most 4 entries).
                for (int j = 1; j < count; ++j)
                    for (int m = j; m > 0 && key.instrument[size_t(m - 1)] > key.instrument[size_t(m)]; --m) {
                        std::swap(key.instrument[size_t(m - 1)], key.instrument[size_t(m)]);
                        std::swap(key.milli[size_t(m - 1)], key.milli[size_t(m)]);
                    }
                auto [it, inserted] = seen.try_emplace(key, int32_t(plan.notes.size()));
                if (inserted) {
                    GridNote note;
                    note.pitch = key.pitch;
                    note.pitchIndex = pi;
                    note.identity = identityString(key, plan.instruments);
                    for (int j = 0; j < count; ++j)
                        note.parts.push_back({key.instrument[size_t(j)], key.milli[size_t(j)]});
                    note.cornerInstruments = combo;
                    note.weights = w;
                    note.firstCombination = int(ci);
                    note.firstCell = cell;
                    plan.notes.push_back(std::move(note));
                }
                plan.occurrence[(ci * size_t(cells) + size_t(cell)) * size_t(P) + size_t(pi)] = it->second;
            }
        }
    }
    return plan;
}

std::vector<int> nonZeroWeightCounts(int resolution)
{
    std::vector<int> out;
    for (int yi = 0; yi < resolution; ++yi)
        for (int xi = 0; xi < resolution; ++xi) {
            const auto w = cornerWeights(gridCoordinate(xi, resolution), gridCoordinate(yi, resolution));
            out.push_back(int(std::count_if(w.begin(), w.end(), [](double v) { return v > 0; })));
        }
    return out;
}

std::vector<float> blendEmbeddings(const std::array<const float*, 4>& corner, const std::array<double, 4>& weights,
                                   size_t values)
{
    for (int k = 0; k < 4; ++k)
        if (!corner[size_t(k)])
            throw Error("grid: blend is missing the embedding of corner " + std::to_string(k));
    std::vector<float> out(values);
    for (size_t i = 0; i < values; ++i) {
        double v = weights[0] * double(corner[0][i]);
        v += weights[1] * double(corner[1][i]);
        v += weights[2] * double(corner[2][i]);
        v += weights[3] * double(corner[3][i]);
        out[i] = float(v);
    }
    return out;
}

} // namespace nsynth
