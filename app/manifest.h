#pragma once
// manifest.json beside every output set (architecture.md section 4): the model file and its
// sha256, the inputs and their hashes, every parameter, the seed, per-output details (corner
// weights, pitch, note identity), timings and the tool's version: enough to reproduce it.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace nsynth::app {

QString sha256OfFile(const QString& path);  // hex; throws nsynth::Error when unreadable

class Manifest {
public:
    Manifest(const QString& command, const QStringList& arguments);

    void setModel(const QString& path, const QString& configJson, const QJsonObject& extra = {});
    void addInput(const QString& path, const QJsonObject& extra = {});  // hashes the file
    void addOutput(const QJsonObject& output);
    void setParameter(const QString& key, const QJsonValue& value);
    void setTiming(const QString& key, double seconds);
    void set(const QString& key, const QJsonValue& value) { m_root[key] = value; }

    QJsonObject toJson() const;
    // Writes <folder>/manifest.json atomically.
    void write(const QString& folder) const;

private:
    QJsonObject m_root, m_parameters, m_timings;
    QJsonArray m_inputs, m_outputs;
};

} // namespace nsynth::app
