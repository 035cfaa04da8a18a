#pragma once
// The model the workbench encodes with: loaded in the background from any path
// model/model_source.h understands (.safetensors, a TensorFlow checkpoint), identified by the
// sha256 of its file so embeddings computed with it can be recognised later (the cache key).

#include "config.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QString>

#include <memory>

namespace nsynth {
struct Model;
}

namespace nsynth::app {

class CurrentModel : public QObject {
    Q_OBJECT
public:
    enum class State { None, Loading, Ready, Failed };

    explicit CurrentModel(QObject* parent = nullptr);
    ~CurrentModel() override;

    void load(const QString& path);  // returns at once; changed() when done
    void clear();

    State state() const { return m_state; }
    QString path() const { return m_path; }
    QString sha256() const { return m_sha; }
    QString error() const { return m_error; }
    std::shared_ptr<const Model> model() const { return m_model; }
    // "default.safetensors: encoder 30 layers x 128, 16 channels every 512 samples"
    QString summary() const;

    // The default model: $NSYNTH_MODEL, else <app>/../share/nsynth-workbench/models/
    // default.safetensors, else <resources>/models/default.safetensors. `looked` receives the
    // paths tried, for the message when none exists. Empty when there is none.
    static QString defaultModelPath(const QString& resourcesDir, QStringList* looked = nullptr);
    // sha256 of a model file; for a TensorFlow checkpoint (a prefix or folder, not one file)
    // the hash of its files' names, sizes and modification times.
    static QString modelIdentity(const QString& path);

Q_SIGNALS:
    void changed();

private:
    State m_state = State::None;
    QString m_path, m_sha, m_error;
    std::shared_ptr<const Model> m_model;
    int m_generation = 0;  // a load started later wins over an earlier one still running
    QList<QPointer<QThread>> m_loaders;
};

} // namespace nsynth::app
