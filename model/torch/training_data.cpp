#include "training_data.h"

#include "error.h"
#include "mulaw.h"
#include "random.h"
#include "tfrecord_example.h"

#include <algorithm>
#include <map>
#include <set>

namespace nsynth {

std::vector<uint8_t> audioToClasses(const float* audio, int64_t n)
{
    std::vector<uint8_t> out(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        out[size_t(i)] = uint8_t(mulaw::encodeToClass(audio[i]));
    return out;
}

std::vector<float> classesToAudio(const std::vector<uint8_t>& classes)
{
    std::vector<float> out(classes.size());
    for (size_t i = 0; i < classes.size(); ++i)
        out[i] = mulaw::decodeClass(classes[i]);
    return out;
}

bool NoteFilter::active() const
{
    return !families.empty() || !sources.empty() || pitchMin > 0 || pitchMax < 127 || velocityMin > 0 ||
           velocityMax < 127;
}

bool NoteFilter::accepts(const TrainingNote& note) const
{
    if (!families.empty() && std::find(families.begin(), families.end(), note.family) == families.end())
        return false;
    if (!sources.empty() && std::find(sources.begin(), sources.end(), note.source) == sources.end())
        return false;
    if ((pitchMin > 0 || pitchMax < 127) && (note.pitch < pitchMin || note.pitch > pitchMax))
        return false;
    if ((velocityMin > 0 || velocityMax < 127) && (note.velocity < velocityMin || note.velocity > velocityMax))
        return false;
    return true;
}

void NoteFilter::validate() const
{
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v)
            s += (s.empty() ? "" : ", ") + x;
        return s;
    };
    for (const auto& f : families)
        if (nsynthFamilyIndex(f) < 0)
            throw Error("--families: unknown family \"" + f + "\" (NSynth's are " + join(nsynthFamilyNames()) + ")");
    for (const auto& s : sources)
        if (nsynthSourceIndex(s) < 0)
            throw Error("--sources: unknown source \"" + s + "\" (NSynth's are " + join(nsynthSourceNames()) + ")");
    if (pitchMin < 0 || pitchMax > 127 || pitchMin > pitchMax)
        throw Error("--pitch-range: " + std::to_string(pitchMin) + ".." + std::to_string(pitchMax) +
                    " is not a range within MIDI 0..127");
    if (velocityMin < 0 || velocityMax > 127 || velocityMin > velocityMax)
        throw Error("--velocity-range: " + std::to_string(velocityMin) + ".." + std::to_string(velocityMax) +
                    " is not a range within 0..127");
}

std::string NoteFilter::describe() const
{
    std::string s;
    auto add = [&](const std::string& part) { s += (s.empty() ? "" : "; ") + part; };
    auto join = [](const std::vector<std::string>& v) {
        std::string j;
        for (const auto& x : v)
            j += (j.empty() ? "" : ",") + x;
        return j;
    };
    if (!families.empty())
        add("families " + join(families));
    if (!sources.empty())
        add("sources " + join(sources));
    if (pitchMin > 0 || pitchMax < 127)
        add("pitch " + std::to_string(pitchMin) + ".." + std::to_string(pitchMax));
    if (velocityMin > 0 || velocityMax < 127)
        add("velocity " + std::to_string(velocityMin) + ".." + std::to_string(velocityMax));
    return s.empty() ? "none" : s;
}

DataSplit splitByInstrument(std::vector<TrainingNote> notes, const std::vector<std::string>& validInstruments,
                            double validFraction, uint64_t seed)
{
    std::map<std::string, int64_t> counts;
    for (const auto& n : notes)
        ++counts[n.instrument];
    std::set<std::string> held;
    if (!validInstruments.empty()) {
        std::string unknown;
        for (const auto& name : validInstruments) {
            if (!counts.count(name))
                unknown += (unknown.empty() ? "" : ", ") + name;
            held.insert(name);
        }
        if (!unknown.empty())
            throw Error("--valid-instruments: no notes of " + unknown + " in the data");
    } else if (validFraction > 0 && counts.size() >= 2) {
        if (validFraction >= 1)
            throw Error("--valid-fraction must be below 1");
        // Order instruments by a hash keyed by the seed: stable, independent of file order.
        std::vector<std::pair<uint64_t, std::string>> order;
        for (const auto& [name, count] : counts)
            order.emplace_back(mix64(seed ^ stableHash64(name)), name);
        std::sort(order.begin(), order.end());
        const double target = validFraction * double(notes.size());
        int64_t taken = 0;
        for (const auto& [hash, name] : order) {
            if (double(taken) >= target || held.size() + 1 >= counts.size())
                break;
            held.insert(name);
            taken += counts[name];
        }
    }
    DataSplit split;
    for (auto& n : notes)
        (held.count(n.instrument) ? split.valid : split.train).push_back(std::move(n));
    split.validInstruments.assign(held.begin(), held.end());
    return split;
}

uint64_t dataFingerprint(const std::vector<TrainingNote>& notes)
{
    uint64_t h = 0x6e73796e74686461ull;
    auto feed = [&h](const void* data, size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < size; ++i) {
            h ^= p[i];
            h *= 0x100000001b3ull;
        }
    };
    for (const auto& n : notes) {
        feed(n.name.data(), n.name.size());
        feed(n.instrument.data(), n.instrument.size());
        const int labels[3] = {n.pitch, n.velocity, n.transposed};
        feed(labels, sizeof labels);
        const uint64_t size = n.classes.size();
        feed(&size, sizeof size);
        feed(n.classes.data(), n.classes.size());
    }
    return h;
}

} // namespace nsynth
