#include "manifest.h"

#include "atomic_file.h"
#include "error.h"
#include "tf_checkpoint.h"
#include "version.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSysInfo>

namespace nsynth::app {

QString sha256OfFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot read: " + f.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        throw Error(path.toStdString() + ": cannot read");
    return QString::fromLatin1(hash.result().toHex());
}

Manifest::Manifest(const QString& command, const QStringList& arguments)
{
    m_root["tool"] = "nsynth";
    m_root["version"] = QString::fromLatin1(kVersion);
    m_root["command"] = command;
    m_root["arguments"] = QJsonArray::fromStringList(arguments);
    m_root["created"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    m_root["host"] = QSysInfo::machineHostName();
}

void Manifest::setModel(const QString& path, const QString& configJson, const QJsonObject& extra)
{
    QJsonObject m = extra;
    m["path"] = QFileInfo(path).absoluteFilePath();
    if (isTfCheckpointPath(path.toStdString())) {
        // A TensorFlow checkpoint is several files: one hash over its .index and every data
        // shard, concatenated in that order (the .meta graph does not affect the weights).
        const TfCheckpoint checkpoint(path.toStdString());
        QStringList files{QString::fromStdString(checkpoint.paths().index)};
        for (const auto& shard : checkpoint.dataFiles())
            files << QString::fromStdString(shard);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QJsonArray hashed;
        for (const auto& file : files) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f))
                throw Error(file.toStdString() + ": cannot read: " + f.errorString().toStdString());
            hashed.append(QFileInfo(file).absoluteFilePath());
        }
        m["sha256"] = QString::fromLatin1(hash.result().toHex());
        m["checkpoint"] = QJsonObject{{"prefix", QFileInfo(QString::fromStdString(checkpoint.prefix())).absoluteFilePath()},
                                      {"sha256_of", hashed}};
    } else {
        m["sha256"] = sha256OfFile(path);
    }
    m["config"] = QJsonDocument::fromJson(configJson.toUtf8()).object();
    m_root["model"] = m;
}

void Manifest::addInput(const QString& path, const QJsonObject& extra)
{
    QJsonObject i = extra;
    i["path"] = QFileInfo(path).absoluteFilePath();
    i["sha256"] = sha256OfFile(path);
    m_inputs.append(i);
}

void Manifest::addOutput(const QJsonObject& output) { m_outputs.append(output); }

void Manifest::setParameter(const QString& key, const QJsonValue& value) { m_parameters[key] = value; }

void Manifest::setTiming(const QString& key, double seconds) { m_timings[key] = seconds; }

QJsonObject Manifest::toJson() const
{
    QJsonObject o = m_root;
    o["parameters"] = m_parameters;
    o["inputs"] = m_inputs;
    o["outputs"] = m_outputs;
    o["timings_s"] = m_timings;
    return o;
}

void Manifest::write(const QString& folder) const
{
    const QByteArray text = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    writeFileAtomically((folder + "/manifest.json").toStdString(), text.constData(), size_t(text.size()));
}

} // namespace nsynth::app
