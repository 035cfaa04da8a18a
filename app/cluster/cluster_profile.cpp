#include "cluster_profile.h"

#include "atomic_file.h"
#include "error.h"
#include "remote_path.h"
#include "shell_quote.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

namespace nsynth::app {

namespace {

constexpr const char* kFormat = "nsynth-cluster-profiles";

bool matches(const QString& text, const char* pattern)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(QString::fromLatin1(pattern)));
    return re.match(text).hasMatch();
}

// Options the generated script sets itself: giving them again would break monitoring.
const QStringList& reservedSbatchOptions()
{
    static const QStringList names{"array", "output", "error", "job-name", "J", "chdir", "D", "signal",
                                   "open-mode", "parsable", "wrap", "export-file"};
    return names;
}

} // namespace

long long slurmTimeSeconds(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^(?:(\\d+)-)?(\\d+)(?::(\\d+))?(?::(\\d+))?$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return -1;
    const bool days = m.capturedLength(1) > 0;
    const long long d = days ? m.captured(1).toLongLong() : 0;
    const long long a = m.captured(2).toLongLong();
    const bool hasB = m.capturedLength(3) > 0, hasC = m.capturedLength(4) > 0;
    const long long b = m.captured(3).toLongLong(), c = m.captured(4).toLongLong();
    if (days) {
        // D-HH, D-HH:MM, D-HH:MM:SS
        return d * 86400 + a * 3600 + (hasB ? b * 60 : 0) + (hasC ? c : 0);
    }
    if (hasC)
        return a * 3600 + b * 60 + c;  // HH:MM:SS
    if (hasB)
        return a * 60 + b;             // MM:SS
    return a * 60;                     // minutes
}

QJsonObject ClusterProfile::toJson() const
{
    return QJsonObject{{"name", name},
                       {"local", local},
                       {"host", host},
                       {"ssh_config", sshConfig},
                       {"work_dir", workDir},
                       {"nsynth_command", nsynthCommand},
                       {"partition", partition},
                       {"gres", gres},
                       {"cpus", cpus},
                       {"memory", memory},
                       {"time_limit", timeLimit},
                       {"account", account},
                       {"array_limit", arrayLimit},
                       {"signal_seconds", signalSeconds},
                       {"extra_sbatch", QJsonArray::fromStringList(extraSbatch)},
                       {"transfer", transfer}};
}

ClusterProfile ClusterProfile::fromJson(const QJsonObject& o, QStringList* problems)
{
    ClusterProfile p;
    const QString who = o.value("name").isString() ? "profile \"" + o.value("name").toString() + "\"" : "a profile";
    auto str = [&](const char* key, QString& out) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isString())
            *problems << QString("%1: \"%2\" must be a string").arg(who, key);
        else
            out = v.toString();
    };
    auto integer = [&](const char* key, int& out) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble())))
            *problems << QString("%1: \"%2\" must be a whole number").arg(who, key);
        else
            out = int(v.toDouble());
    };
    static const QSet<QString> known{"name", "local", "host", "ssh_config", "work_dir", "nsynth_command",
                                     "partition", "gres", "cpus", "memory", "time_limit", "account",
                                     "array_limit", "signal_seconds", "extra_sbatch", "transfer"};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            *problems << QString("%1: unknown key \"%2\"").arg(who, it.key());
    str("name", p.name);
    if (o.contains("local")) {
        if (!o.value("local").isBool())
            *problems << QString("%1: \"local\" must be true or false").arg(who);
        p.local = o.value("local").toBool();
    }
    str("host", p.host);
    str("ssh_config", p.sshConfig);
    str("work_dir", p.workDir);
    str("nsynth_command", p.nsynthCommand);
    str("partition", p.partition);
    str("gres", p.gres);
    integer("cpus", p.cpus);
    str("memory", p.memory);
    str("time_limit", p.timeLimit);
    str("account", p.account);
    integer("array_limit", p.arrayLimit);
    integer("signal_seconds", p.signalSeconds);
    if (o.contains("extra_sbatch")) {
        const QJsonValue v = o.value("extra_sbatch");
        if (!v.isArray())
            *problems << QString("%1: \"extra_sbatch\" must be a list of strings").arg(who);
        for (const auto& x : v.toArray()) {
            if (!x.isString())
                *problems << QString("%1: \"extra_sbatch\" must be a list of strings").arg(who);
            else
                p.extraSbatch << x.toString();
        }
    }
    str("transfer", p.transfer);
    return p;
}

QStringList ClusterProfile::problems() const
{
    QStringList out;
    const QString who = "profile \"" + name + "\"";
    if (!matches(name, "[A-Za-z0-9][A-Za-z0-9._-]{0,63}"))
        out << QString("profile name \"%1\": use 1-64 letters, digits, '.', '_' or '-', starting with a letter or "
                       "digit")
                   .arg(name);
    if (local) {
        if (!host.isEmpty())
            out << who + ": a local profile has no host (it runs sbatch on this machine)";
        if (!workDir.isEmpty()) {
            try {
                RemotePath::parse(workDir, "work_dir");
            } catch (const Error& e) {
                out << who + ": " + QString::fromUtf8(e.what());
            }
        }
    } else {
        // An alias, host or user@host, optionally an IPv6 literal in brackets. A leading '-'
        // would make ssh read it as an option.
        if (host.isEmpty())
            out << who + ": no host (an ssh destination such as triton or me@login.example.org)";
        else if (host.startsWith('-') || !matches(host, "[A-Za-z0-9_.@%+:\\[\\]-]+"))
            out << who + ": host \"" + host + "\" is not an ssh destination (letters, digits, . _ - @ : [ ])";
        if (workDir.isEmpty())
            out << who + ": no work_dir (the folder on the cluster for jobs and models, /abs or ~/rel)";
        else {
            try {
                RemotePath::parse(workDir, "work_dir");
            } catch (const Error& e) {
                out << who + ": " + QString::fromUtf8(e.what());
            }
        }
        if (!sshConfig.isEmpty() && !QFileInfo(sshConfig).isFile())
            out << who + ": ssh_config " + sshConfig + ": no such file";
    }
    if (nsynthCommand.trimmed().isEmpty())
        out << who + ": no nsynth_command (e.g. nsynth, /path/to/nsynth or \"module load nsynth; nsynth\")";
    else if (hasControlCharacters(nsynthCommand))
        out << who + ": nsynth_command must be one line";
    if (!matches(partition, "[A-Za-z0-9_.,+-]*"))
        out << who + ": partition \"" + partition + "\" has characters Slurm partition names do not use";
    if (!matches(account, "[A-Za-z0-9_.+-]*"))
        out << who + ": account \"" + account + "\" has characters Slurm account names do not use";
    if (!matches(gres, "[A-Za-z0-9_.,:=+-]*"))
        out << who + ": gres \"" + gres + "\" is not a --gres value (e.g. gpu:1, gpu:v100:2)";
    if (cpus < 1 || cpus > 4096)
        out << who + QString(": cpus %1 is outside 1..4096").arg(cpus);
    if (!matches(memory, "([0-9]+[KMGTkmgt]?)?"))
        out << who + ": memory \"" + memory + "\" is not a --mem value (e.g. 8G, 16000M)";
    if (!timeLimit.isEmpty() && slurmTimeSeconds(timeLimit) <= 0)
        out << who + ": time_limit \"" + timeLimit +
                   "\" is not a Slurm time (minutes, HH:MM:SS, D-HH, D-HH:MM:SS)";
    if (arrayLimit < 0 || arrayLimit > 1000000)
        out << who + QString(": array_limit %1 is outside 0..1000000").arg(arrayLimit);
    if (signalSeconds < 0 || signalSeconds > 65535)
        out << who + QString(": signal_seconds %1 is outside 0..65535").arg(signalSeconds);
    else if (signalSeconds > 0 && !timeLimit.isEmpty() && slurmTimeSeconds(timeLimit) > 0 &&
             signalSeconds >= slurmTimeSeconds(timeLimit))
        out << who + QString(": signal_seconds %1 is not shorter than the time limit %2").arg(signalSeconds).arg(timeLimit);
    for (const auto& x : extraSbatch) {
        if (!matches(x, "--[A-Za-z][A-Za-z0-9-]*(=[A-Za-z0-9_.,:=+/@%-]*)?")) {
            out << who + ": extra_sbatch \"" + x + "\" is not an option of the form --name or --name=value";
            continue;
        }
        const QString optionName = x.mid(2).section('=', 0, 0);
        if (reservedSbatchOptions().contains(optionName))
            out << who + ": extra_sbatch \"" + x + "\": --" + optionName + " is set by nsynth itself";
    }
    if (transfer != "auto" && transfer != "rsync" && transfer != "scp")
        out << who + ": transfer \"" + transfer + "\" must be auto, rsync or scp";
    return out;
}

QString ClusterProfile::where() const
{
    return local ? QStringLiteral("this machine") : host;
}

// ---------------------------------------------------------------------------------------------

ClusterProfileStore::ClusterProfileStore(QString path, QObject* parent) : QObject(parent), m_path(std::move(path)) {}

QString ClusterProfileStore::defaultPath()
{
    const QString env = qEnvironmentVariable("NSYNTH_CLUSTER_PROFILES");
    if (!env.isEmpty())
        return env;
    // Not AppConfigLocation: the workbench and `nsynth` have different application names, and
    // both must find the same file.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           "/nsynth-workbench/cluster-profiles.json";
}

QList<ClusterProfile> ClusterProfileStore::load() const
{
    QFile f(m_path);
    if (!f.exists())
        return {};
    if (!f.open(QIODevice::ReadOnly))
        throw Error((m_path + ": cannot read: " + f.errorString()).toStdString());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw Error((m_path + ": not valid JSON: " + error.errorString()).toStdString());
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value("format").toString() != kFormat)
        throw Error((m_path + ": not a cluster profiles file (no \"format\": \"" + kFormat + "\")").toStdString());
    if (root.value("version").toInt() != 1)
        throw Error((m_path + QString(": version %1 is not supported (this nsynth reads version 1)")
                                  .arg(root.value("version").toInt()))
                        .toStdString());
    QStringList problems;
    QList<ClusterProfile> out;
    QSet<QString> names;
    for (const auto& v : root.value("profiles").toArray()) {
        if (!v.isObject()) {
            problems << "every entry of \"profiles\" must be an object";
            continue;
        }
        ClusterProfile p = ClusterProfile::fromJson(v.toObject(), &problems);
        if (names.contains(p.name))
            problems << "profile \"" + p.name + "\" appears twice";
        names.insert(p.name);
        out << p;
    }
    if (!problems.isEmpty())
        throw Error((m_path + ": " + problems.join("; ")).toStdString());
    return out;
}

ClusterProfile ClusterProfileStore::find(const QString& name) const
{
    const auto profiles = load();
    QStringList names;
    for (const auto& p : profiles) {
        if (p.name == name)
            return p;
        names << p.name;
    }
    if (names.isEmpty())
        throw Error(QString("no cluster profile \"%1\": %2 has none yet; add one with nsynth cluster profile add")
                        .arg(name, m_path)
                        .toStdString());
    throw Error(QString("no cluster profile \"%1\" (there are: %2)").arg(name, names.join(", ")).toStdString());
}

void ClusterProfileStore::add(const ClusterProfile& profile, bool replace)
{
    const QStringList problems = profile.problems();
    if (!problems.isEmpty())
        throw Error(problems.join("; ").toStdString());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + ".lock");
    if (!lock.tryLock(10000))
        throw Error((m_path + ": locked by another process (" + m_path + ".lock)").toStdString());
    QList<ClusterProfile> profiles = load();
    bool found = false;
    for (auto& p : profiles)
        if (p.name == profile.name) {
            if (!replace)
                throw Error(QString("cluster profile \"%1\" exists already (use --replace to change it)")
                                .arg(profile.name)
                                .toStdString());
            p = profile;
            found = true;
        }
    if (!found)
        profiles << profile;
    save(profiles);
}

void ClusterProfileStore::remove(const QString& name)
{
    QLockFile lock(m_path + ".lock");
    if (!lock.tryLock(10000))
        throw Error((m_path + ": locked by another process (" + m_path + ".lock)").toStdString());
    QList<ClusterProfile> profiles = load();
    const qsizetype before = profiles.size();
    profiles.removeIf([&](const ClusterProfile& p) { return p.name == name; });
    if (profiles.size() == before)
        find(name);  // throws the "no such profile" message with the names there are
    save(profiles);
}

void ClusterProfileStore::save(const QList<ClusterProfile>& profiles)
{
    QJsonArray list;
    for (const auto& p : profiles)
        list.append(p.toJson());
    const QJsonObject root{{"format", kFormat}, {"version", 1}, {"profiles", list}};
    writeFileAtomically(m_path.toStdString(), QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString());
    Q_EMIT changed();
}

} // namespace nsynth::app
