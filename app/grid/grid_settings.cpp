#include "grid_settings.h"

#include "ons_bank.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace nsynth::app {

namespace {

QString joinProblems(const QString& what, const QStringList& problems)
{
    if (problems.size() == 1)
        return what + ": " + problems[0];
    return what + ": " + QString::number(problems.size()) + " problems: " + problems.join("; ");
}

const char* kCornerKeys[4] = {"top_left", "top_right", "bottom_left", "bottom_right"};
// ONS's keys in corner-position order: its "SE" list is the bottom-left corner, "SW" the
// bottom-right one (ons-pipeline.md section 3 step 2).
const char* kOnsKeys[4] = {"NW", "NE", "SE", "SW"};

// Integer-valued JSON number (or numeric string when allowString) in [lo, hi].
bool readInt(const QJsonValue& v, int64_t lo, int64_t hi, int64_t* out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < double(lo) || d > double(hi))
        return false;
    *out = int64_t(d);
    return true;
}

QString describe(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return v.toBool() ? "true" : "false";
    case QJsonValue::Double: return QString::number(v.toDouble());
    case QJsonValue::String: return "\"" + v.toString() + "\"";
    case QJsonValue::Array: return "a list";
    case QJsonValue::Object: return "an object";
    default: return "nothing";
    }
}

void checkKeys(const QJsonObject& o, const QStringList& known, const QString& where, QStringList* problems)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            *problems << QString("%1unknown key \"%2\" (known: %3)").arg(where, it.key(), known.join(", "));
}

QList<GridInstrument> readInstrumentList(const QJsonValue& v, const QString& where, QStringList* problems)
{
    QList<GridInstrument> out;
    if (v.isString()) {  // one instrument
        out.append({v.toString(), {}, {}});
        return out;
    }
    if (!v.isArray()) {
        *problems << QString("%1 must be a list of instrument names, not %2").arg(where, describe(v));
        return out;
    }
    for (const auto& e : v.toArray()) {
        if (e.isString()) {
            out.append({e.toString(), {}, {}});
        } else if (e.isObject()) {
            const QJsonObject o = e.toObject();
            checkKeys(o, {"name", "display", "abbr"}, where + ": ", problems);
            if (!o.value("name").isString()) {
                *problems << QString("%1: an instrument entry has no \"name\"").arg(where);
                continue;
            }
            GridInstrument g{o.value("name").toString(), {}, {}};
            if (o.contains("display")) {
                if (o.value("display").isString())
                    g.display = o.value("display").toString();
                else
                    *problems << QString("%1: \"display\" of %2 must be a string").arg(where, g.name);
            }
            if (o.contains("abbr")) {
                if (o.value("abbr").isString())
                    g.abbr = o.value("abbr").toString();
                else
                    *problems << QString("%1: \"abbr\" of %2 must be a string").arg(where, g.name);
            }
            out.append(g);
        } else {
            *problems << QString("%1: %2 is not an instrument name").arg(where, describe(e));
        }
    }
    return out;
}

std::vector<int> readPitches(const QJsonValue& v, const QString& where, QStringList* problems)
{
    std::vector<int> out;
    if (!v.isArray()) {
        *problems << QString("%1 must be a list of MIDI pitches, not %2").arg(where, describe(v));
        return out;
    }
    for (const auto& e : v.toArray()) {
        int64_t p = 0;
        if (!readInt(e, -1000000, 1000000, &p))
            *problems << QString("%1: %2 is not a whole number").arg(where, describe(e));
        else
            out.push_back(int(p));
    }
    return out;
}

QString absoluteFrom(const QString& baseDir, const QString& path)
{
    if (path.isEmpty())
        return path;
    return QDir::cleanPath(QFileInfo(path).isAbsolute() ? path : baseDir + "/" + path);
}

} // namespace

GridProblems::GridProblems(const QString& what, const QStringList& problems)
    : Error(joinProblems(what, problems).toStdString()), m_problems(problems)
{
}

QString cornerKey(int corner) { return QString::fromLatin1(kCornerKeys[corner]); }

GridSpec GridSettings::spec() const
{
    GridSpec s;
    for (int k = 0; k < 4; ++k)
        for (const auto& i : corners[size_t(k)])
            s.corners[size_t(k)].push_back(i.name.toStdString());
    s.pitches = pitches;
    s.resolution = resolution;
    return s;
}

std::array<std::vector<std::array<QString, 3>>, 4> GridSettings::labels() const
{
    std::array<std::vector<std::array<QString, 3>>, 4> out;
    for (int k = 0; k < 4; ++k) {
        std::vector<std::string> names;
        for (const auto& i : corners[size_t(k)])
            names.push_back(i.name.toStdString());
        const auto abbrs = audio::defaultAbbreviations(names);
        for (size_t i = 0; i < names.size(); ++i) {
            const auto& g = corners[size_t(k)][qsizetype(i)];
            out[size_t(k)].push_back({g.name,
                                      g.display.isEmpty() ? QString::fromStdString(audio::defaultDisplayName(names[i]))
                                                          : g.display,
                                      g.abbr.isEmpty() ? QString::fromStdString(abbrs[i]) : g.abbr});
        }
    }
    return out;
}

QStringList GridSettings::problems() const
{
    QStringList out;
    for (const auto& p : spec().problems())
        out << QString::fromStdString(p);
    for (int k = 0; k < 4; ++k)
        for (const auto& g : corners[size_t(k)]) {
            auto printable = [](const QString& s) {
                for (QChar c : s)
                    if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
                        return false;
                return true;
            };
            if (!g.display.isEmpty() && (g.display.size() > 8 || !printable(g.display)))
                out << QString("display name \"%1\" of %2 must be at most 8 printable ASCII characters (the device "
                               "screen)")
                           .arg(g.display, g.name);
            if (!g.abbr.isEmpty() && (g.abbr.size() != 2 || !printable(g.abbr)))
                out << QString("abbreviation \"%1\" of %2 must be exactly 2 printable ASCII characters")
                           .arg(g.abbr, g.name);
        }
    if (batchSize < 1 || batchSize > 4096)
        out << QString("batch size %1 is outside 1..4096").arg(batchSize);
    if (shards < 1 || shards > 100000)
        out << QString("shard count %1 is outside 1..100000").arg(shards);
    if (!greedy && !(temperature >= 1e-3 && temperature <= 100.0))
        out << QString("temperature %1 is outside [0.001, 100]").arg(temperature);
    if (weights != "raw" && weights != "ema")
        out << QString("weights must be raw or ema, not \"%1\"").arg(weights);
    try {
        post.validate();
    } catch (const Error& e) {
        out << QString::fromUtf8(e.what());
    }
    return out;
}

QJsonObject postProcessingToJson(const audio::OnsPostProcessOptions& o)
{
    return QJsonObject{{"declick", o.declick},
                       {"declick_threshold", o.declickThreshold},
                       {"normalize", o.normalize},
                       {"normalize_db", o.normalizeDb},
                       {"onset_crop", o.onsetCrop},
                       {"onset_threshold", o.onsetThreshold},
                       {"onset_backoff", o.onsetBackoff},
                       {"final_length", qint64(o.finalLength)},
                       {"fade_samples", o.fadeSamples}};
}

audio::OnsPostProcessOptions postProcessingFromJson(const QJsonObject& json, const audio::OnsPostProcessOptions& base,
                                                    QStringList* problems)
{
    audio::OnsPostProcessOptions o = base;
    checkKeys(json,
              {"declick", "declick_threshold", "normalize", "normalize_db", "onset_crop", "onset_threshold",
               "onset_backoff", "final_length", "fade_samples"},
              "post_processing: ", problems);
    auto flag = [&](const char* key, bool* out) {
        if (!json.contains(key))
            return;
        if (json.value(key).isBool())
            *out = json.value(key).toBool();
        else
            *problems << QString("post_processing.%1 must be true or false, not %2").arg(key, describe(json.value(key)));
    };
    auto number = [&](const char* key, double* out) {
        if (!json.contains(key))
            return;
        if (json.value(key).isDouble())
            *out = json.value(key).toDouble();
        else
            *problems << QString("post_processing.%1 must be a number, not %2").arg(key, describe(json.value(key)));
    };
    auto integer = [&](const char* key, int64_t lo, int64_t hi, int64_t* out) {
        if (!json.contains(key))
            return;
        if (!readInt(json.value(key), lo, hi, out))
            *problems << QString("post_processing.%1 must be a whole number in %2..%3, not %4")
                             .arg(key)
                             .arg(lo)
                             .arg(hi)
                             .arg(describe(json.value(key)));
    };
    flag("declick", &o.declick);
    number("declick_threshold", &o.declickThreshold);
    flag("normalize", &o.normalize);
    number("normalize_db", &o.normalizeDb);
    flag("onset_crop", &o.onsetCrop);
    number("onset_threshold", &o.onsetThreshold);
    int64_t backoff = o.onsetBackoff, fade = o.fadeSamples, length = o.finalLength;
    integer("onset_backoff", 0, 1000000, &backoff);
    integer("final_length", 0, 100000000, &length);
    integer("fade_samples", 0, 1000000, &fade);
    o.onsetBackoff = int(backoff);
    o.fadeSamples = int(fade);
    o.finalLength = length;
    return o;
}

GridSettings gridSettingsFromJson(const QJsonObject& json, const QString& baseDir, QStringList* problems)
{
    GridSettings s;
    s.sourceKind = "grid";
    const bool ons = json.contains("pads");
    if (ons) {
        s.sourceKind = "ons";
        checkKeys(json, {"pads", "magenta_dir", "pitches", "resolution", "final_length", "gpus"}, "", problems);
        if (json.contains("magenta_dir"))
            s.notices << "\"magenta_dir\" is not used (pass the model with --model; Magenta's checkpoint works as is)";
        if (json.contains("gpus"))
            s.notices << "\"gpus\" is not used (split the work with --shards at plan and --shard K/N at run)";
        const QJsonValue pads = json.value("pads");
        if (!pads.isObject()) {
            *problems << "\"pads\" must be an object with the lists NW, NE, SE and SW";
        } else {
            const QJsonObject p = pads.toObject();
            checkKeys(p, {"NW", "NE", "SE", "SW"}, "pads: ", problems);
            for (int k = 0; k < 4; ++k) {
                if (!p.contains(kOnsKeys[k]))
                    *problems << QString("pads has no \"%1\" list").arg(kOnsKeys[k]);
                else
                    s.corners[size_t(k)] =
                        readInstrumentList(p.value(kOnsKeys[k]), QString("pads.%1").arg(kOnsKeys[k]), problems);
            }
        }
        if (json.contains("final_length")) {
            int64_t v = 0;
            if (!readInt(json.value("final_length"), 0, 100000000, &v))
                *problems << QString("\"final_length\" must be a whole number of samples, not %1")
                                 .arg(describe(json.value("final_length")));
            else
                s.post.finalLength = v;
        }
    } else {
        checkKeys(json,
                  {"format", "format_version", "corners", "pitches", "resolution", "notes", "model", "weights",
                   "generation", "shards", "post_processing", "resolved", "created", "tool_version", "arguments"},
                  "", problems);
        if (json.contains("format") && json.value("format").toString() != "nsynth-grid")
            *problems << QString("\"format\" is %1, expected \"nsynth-grid\"").arg(describe(json.value("format")));
        const QJsonValue corners = json.value("corners");
        if (!corners.isObject()) {
            *problems << "\"corners\" must be an object with the lists top_left, top_right, bottom_left and bottom_right";
        } else {
            const QJsonObject c = corners.toObject();
            checkKeys(c, {"top_left", "top_right", "bottom_left", "bottom_right"}, "corners: ", problems);
            for (int k = 0; k < 4; ++k) {
                if (!c.contains(kCornerKeys[k]))
                    *problems << QString("corners has no \"%1\" list").arg(kCornerKeys[k]);
                else
                    s.corners[size_t(k)] =
                        readInstrumentList(c.value(kCornerKeys[k]), QString("corners.%1").arg(kCornerKeys[k]), problems);
            }
        }
        if (json.contains("notes")) {
            const QJsonValue n = json.value("notes");
            if (n.isString())
                s.notes << absoluteFrom(baseDir, n.toString());
            else if (n.isArray())
                for (const auto& e : n.toArray()) {
                    if (e.isString())
                        s.notes << absoluteFrom(baseDir, e.toString());
                    else
                        *problems << QString("notes: %1 is not a path").arg(describe(e));
                }
            else
                *problems << "\"notes\" must be a folder or a list of folders and files";
        }
        if (json.contains("model")) {
            if (json.value("model").isString())
                s.model = absoluteFrom(baseDir, json.value("model").toString());
            else
                *problems << "\"model\" must be a path";
        }
        if (json.contains("weights"))
            s.weights = json.value("weights").toString("?");
        if (json.contains("generation")) {
            const QJsonObject g = json.value("generation").toObject();
            checkKeys(g, {"seed", "temperature", "greedy", "batch_size"}, "generation: ", problems);
            if (g.contains("seed")) {
                const QJsonValue v = g.value("seed");
                bool ok = false;
                uint64_t seed = 0;
                if (v.isString())
                    seed = v.toString().toULongLong(&ok);
                else if (int64_t i = 0; readInt(v, 0, int64_t(1) << 53, &i)) {
                    seed = uint64_t(i);
                    ok = true;
                }
                if (ok)
                    s.seed = seed;
                else
                    *problems << QString("generation.seed must be a non-negative integer (a string for values "
                                         "above 2^53), not %1")
                                     .arg(describe(v));
            }
            if (g.contains("temperature")) {
                if (g.value("temperature").isDouble())
                    s.temperature = g.value("temperature").toDouble();
                else
                    *problems << "generation.temperature must be a number";
            }
            if (g.contains("greedy")) {
                if (g.value("greedy").isBool())
                    s.greedy = g.value("greedy").toBool();
                else
                    *problems << "generation.greedy must be true or false";
            }
            if (g.contains("batch_size")) {
                int64_t b = 0;
                if (readInt(g.value("batch_size"), 1, 4096, &b))
                    s.batchSize = int(b);
                else
                    *problems << QString("generation.batch_size must be a whole number in 1..4096, not %1")
                                     .arg(describe(g.value("batch_size")));
            }
        }
        if (json.contains("shards")) {
            int64_t n = 0;
            if (readInt(json.value("shards"), 1, 100000, &n))
                s.shards = int(n);
            else
                *problems << QString("\"shards\" must be a whole number in 1..100000, not %1")
                                 .arg(describe(json.value("shards")));
        }
        if (json.contains("post_processing")) {
            if (json.value("post_processing").isObject())
                s.post = postProcessingFromJson(json.value("post_processing").toObject(), s.post, problems);
            else
                *problems << "\"post_processing\" must be an object";
        }
    }
    if (!json.contains("pitches"))
        *problems << "no \"pitches\" list";
    else
        s.pitches = readPitches(json.value("pitches"), "pitches", problems);
    if (json.contains("resolution")) {
        int64_t r = 0;
        if (readInt(json.value("resolution"), 0, 1000000, &r))
            s.resolution = int(r);
        else
            *problems << QString("\"resolution\" must be a whole number, not %1").arg(describe(json.value("resolution")));
    }
    return s;
}

GridSettings readGridSettingsFile(const QString& path)
{
    QFile f(path);
    if (!QFileInfo(path).isFile())
        throw Error(path.toStdString() + ": no such file");
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot read: " + f.errorString().toStdString());
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw Error(path.toStdString() + ": not valid JSON: " + error.errorString().toStdString() + " at offset " +
                    std::to_string(error.offset));
    if (!doc.isObject())
        throw Error(path.toStdString() + ": expected a JSON object (ONS settings.json or a grid file)");
    QStringList problems;
    GridSettings s = gridSettingsFromJson(doc.object(), QFileInfo(path).absolutePath(), &problems);
    if (!problems.isEmpty())
        throw GridProblems(path, problems);
    s.source = QFileInfo(path).absoluteFilePath();
    for (auto& n : s.notices)
        n = QFileInfo(path).fileName() + ": " + n;
    return s;
}

QJsonObject gridSettingsToJson(const GridSettings& s)
{
    QJsonObject corners;
    for (int k = 0; k < 4; ++k) {
        QJsonArray list;
        for (const auto& g : s.corners[size_t(k)]) {
            if (g.display.isEmpty() && g.abbr.isEmpty()) {
                list.append(g.name);
                continue;
            }
            QJsonObject o{{"name", g.name}};
            if (!g.display.isEmpty())
                o["display"] = g.display;
            if (!g.abbr.isEmpty())
                o["abbr"] = g.abbr;
            list.append(o);
        }
        corners[kCornerKeys[k]] = list;
    }
    QJsonArray pitches;
    for (int p : s.pitches)
        pitches.append(p);
    return QJsonObject{{"format", "nsynth-grid"},
                       {"format_version", 1},
                       {"corners", corners},
                       {"pitches", pitches},
                       {"resolution", s.resolution},
                       {"notes", QJsonArray::fromStringList(s.notes)},
                       {"model", s.model},
                       {"weights", s.weights},
                       {"generation", QJsonObject{{"seed", QString::number(s.seed)},
                                                  {"temperature", s.temperature},
                                                  {"greedy", s.greedy},
                                                  {"batch_size", s.batchSize}}},
                       {"shards", s.shards},
                       {"post_processing", postProcessingToJson(s.post)}};
}

} // namespace nsynth::app
