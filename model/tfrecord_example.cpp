#include "tfrecord_example.h"

#include "error.h"

#include "proto/example.pb.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

namespace nsynth {
namespace {

using FeatureMap = google::protobuf::Map<std::string, tfexample::Feature>;

const tfexample::Feature* find(const FeatureMap& map, const char* key)
{
    const auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

const char* kindName(const tfexample::Feature& f)
{
    switch (f.kind_case()) {
    case tfexample::Feature::kBytesList: return "a bytes list";
    case tfexample::Feature::kFloatList: return "a float list";
    case tfexample::Feature::kInt64List: return "an int64 list";
    default: return "empty";
    }
}

// The single int64 of `key`, or `fallback` when absent; Error when present but not one int64.
int64_t int64Feature(const FeatureMap& map, const char* key, const std::string& where, bool required,
                     int64_t fallback = -1)
{
    const auto* f = find(map, key);
    if (!f) {
        if (required)
            throw Error(where + ": feature \"" + key + "\" is missing");
        return fallback;
    }
    if (f->kind_case() != tfexample::Feature::kInt64List)
        throw Error(where + ": feature \"" + key + "\" is " + kindName(*f) + ", expected an int64");
    if (f->int64_list().value_size() != 1)
        throw Error(where + ": feature \"" + key + "\" has " + std::to_string(f->int64_list().value_size()) +
                    " values, expected 1");
    return f->int64_list().value(0);
}

std::string bytesFeature(const FeatureMap& map, const char* key, const std::string& where)
{
    const auto* f = find(map, key);
    if (!f)
        return {};
    if (f->kind_case() != tfexample::Feature::kBytesList || f->bytes_list().value_size() < 1)
        throw Error(where + ": feature \"" + key + "\" is " + kindName(*f) + ", expected a string");
    return f->bytes_list().value(0);
}

void setInt64(FeatureMap& map, const char* key, int64_t value)
{
    map[key].mutable_int64_list()->add_value(value);
}

void setBytes(FeatureMap& map, const char* key, const std::string& value)
{
    map[key].mutable_bytes_list()->add_value(value);
}

} // namespace

const std::vector<std::string>& nsynthFamilyNames()
{
    static const std::vector<std::string> names = {"bass",  "brass",  "flute", "guitar", "keyboard",   "mallet",
                                                   "organ", "reed",   "string", "synth_lead", "vocal"};
    return names;
}

const std::vector<std::string>& nsynthSourceNames()
{
    static const std::vector<std::string> names = {"acoustic", "electronic", "synthetic"};
    return names;
}

int nsynthFamilyIndex(const std::string& name)
{
    const auto& n = nsynthFamilyNames();
    for (size_t i = 0; i < n.size(); ++i)
        if (n[i] == name)
            return int(i);
    return -1;
}

int nsynthSourceIndex(const std::string& name)
{
    const auto& n = nsynthSourceNames();
    for (size_t i = 0; i < n.size(); ++i)
        if (n[i] == name)
            return int(i);
    return -1;
}

NSynthExample parseNSynthExample(const std::string& serialized, const std::string& where)
{
    tfexample::Example example;
    if (!example.ParseFromString(serialized))
        throw Error(where + ": not a tf.train.Example (protobuf parse failed)");
    const auto& map = example.features().feature();
    NSynthExample e;

    const auto* audio = find(map, "audio");
    if (!audio)
        throw Error(where + ": feature \"audio\" is missing (not an NSynth note?)");
    if (audio->kind_case() != tfexample::Feature::kFloatList)
        throw Error(where + ": feature \"audio\" is " + kindName(*audio) + ", expected a float list");
    e.audio.assign(audio->float_list().value().begin(), audio->float_list().value().end());
    if (e.audio.empty())
        throw Error(where + ": feature \"audio\" is empty");

    const int64_t pitch = int64Feature(map, "pitch", where, true);
    if (pitch < 0 || pitch > 127)
        throw Error(where + ": pitch " + std::to_string(pitch) + " is outside MIDI 0..127");
    e.pitch = int(pitch);
    const int64_t velocity = int64Feature(map, "velocity", where, false);
    if (velocity > 127 || velocity < -1)
        throw Error(where + ": velocity " + std::to_string(velocity) + " is outside 0..127");
    e.velocity = int(velocity);
    const int64_t rate = int64Feature(map, "sample_rate", where, false, 0);
    if (rate < 0 || rate > 1000000)
        throw Error(where + ": sample_rate " + std::to_string(rate) + " is not a plausible rate");
    e.sampleRate = int(rate);
    e.note = int64Feature(map, "note", where, false);
    e.instrument = int64Feature(map, "instrument", where, false);
    e.noteStr = bytesFeature(map, "note_str", where);
    e.instrumentStr = bytesFeature(map, "instrument_str", where);
    e.familyStr = bytesFeature(map, "instrument_family_str", where);
    e.sourceStr = bytesFeature(map, "instrument_source_str", where);
    e.family = int(int64Feature(map, "instrument_family", where, false));
    e.source = int(int64Feature(map, "instrument_source", where, false));
    // Names and indices describe the same thing; fill whichever is missing from the other.
    if (e.familyStr.empty() && e.family >= 0 && e.family < int(nsynthFamilyNames().size()))
        e.familyStr = nsynthFamilyNames()[size_t(e.family)];
    if (e.family < 0 && !e.familyStr.empty())
        e.family = nsynthFamilyIndex(e.familyStr);
    if (e.sourceStr.empty() && e.source >= 0 && e.source < int(nsynthSourceNames().size()))
        e.sourceStr = nsynthSourceNames()[size_t(e.source)];
    if (e.source < 0 && !e.sourceStr.empty())
        e.source = nsynthSourceIndex(e.sourceStr);
    if (const auto* q = find(map, "qualities"); q && q->kind_case() == tfexample::Feature::kInt64List)
        e.qualities.assign(q->int64_list().value().begin(), q->int64_list().value().end());
    if (const auto* q = find(map, "qualities_str"); q && q->kind_case() == tfexample::Feature::kBytesList)
        e.qualitiesStr.assign(q->bytes_list().value().begin(), q->bytes_list().value().end());
    return e;
}

std::string serializeNSynthExample(const NSynthExample& e)
{
    tfexample::Example example;
    auto& map = *example.mutable_features()->mutable_feature();
    auto* audio = map["audio"].mutable_float_list();
    audio->mutable_value()->Add(e.audio.begin(), e.audio.end());
    if (e.pitch >= 0)
        setInt64(map, "pitch", e.pitch);
    if (e.velocity >= 0)
        setInt64(map, "velocity", e.velocity);
    if (e.sampleRate > 0)
        setInt64(map, "sample_rate", e.sampleRate);
    if (e.note >= 0)
        setInt64(map, "note", e.note);
    if (e.instrument >= 0)
        setInt64(map, "instrument", e.instrument);
    if (e.family >= 0)
        setInt64(map, "instrument_family", e.family);
    if (e.source >= 0)
        setInt64(map, "instrument_source", e.source);
    if (!e.noteStr.empty())
        setBytes(map, "note_str", e.noteStr);
    if (!e.instrumentStr.empty())
        setBytes(map, "instrument_str", e.instrumentStr);
    if (!e.familyStr.empty())
        setBytes(map, "instrument_family_str", e.familyStr);
    if (!e.sourceStr.empty())
        setBytes(map, "instrument_source_str", e.sourceStr);
    if (!e.qualities.empty())
        map["qualities"].mutable_int64_list()->mutable_value()->Add(e.qualities.begin(), e.qualities.end());
    for (const auto& q : e.qualitiesStr)
        map["qualities_str"].mutable_bytes_list()->add_value(q);
    std::string out;
    {
        // Deterministic map order, so the same example always serializes to the same bytes.
        google::protobuf::io::StringOutputStream stream(&out);
        google::protobuf::io::CodedOutputStream coded(&stream);
        coded.SetSerializationDeterministic(true);
        example.SerializeToCodedStream(&coded);
    }
    return out;
}

} // namespace nsynth
