#include "current_model.h"

#include "error.h"
#include "model_file.h"
#include "model_source.h"
#include "note_conform.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QThread>

namespace nsynth::app {

CurrentModel::CurrentModel(QObject* parent) : QObject(parent) {}

CurrentModel::~CurrentModel()
{
    // A load cannot be interrupted; wait for the ones still running so none outlives the
    // application (a model loads in about a second).
    for (const QPointer<QThread>& t : std::as_const(m_loaders))
        if (t)
            t->wait();
}

QString CurrentModel::defaultModelPath(const QString& resourcesDir, QStringList* looked)
{
    const QByteArray env = qgetenv("NSYNTH_MODEL");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    const QStringList candidates = {
        QCoreApplication::applicationDirPath() + "/../share/nsynth-workbench/models/default.safetensors",
        QDir(resourcesDir).filePath("models/default.safetensors"),
    };
    for (const QString& c : candidates) {
        if (looked)
            looked->append(QDir::cleanPath(c));
        if (QFileInfo(c).isFile())
            return QDir::cleanPath(c);
    }
    return {};
}

QString CurrentModel::modelIdentity(const QString& path)
{
    const QFileInfo info(path);
    if (info.isFile())
        return fileSha256(path);
    // A checkpoint prefix ("model.ckpt-200000") or its folder: identify it by its files.
    QDir dir = info.isDir() ? QDir(path) : info.absoluteDir();
    const QString prefix = info.isDir() ? QString() : info.fileName();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QFileInfoList files = dir.entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo& f : files) {
        if (!prefix.isEmpty() && !f.fileName().startsWith(prefix))
            continue;
        hash.addData(QString("%1|%2|%3\n")
                         .arg(f.fileName())
                         .arg(f.size())
                         .arg(f.lastModified().toMSecsSinceEpoch())
                         .toUtf8());
    }
    return QString::fromLatin1(hash.result().toHex());
}

void CurrentModel::load(const QString& path)
{
    const int generation = ++m_generation;
    m_state = State::Loading;
    m_path = path;
    m_sha.clear();
    m_error.clear();
    m_model.reset();
    Q_EMIT changed();
    QPointer<CurrentModel> self(this);
    QThread* thread = QThread::create([self, path, generation] {
        std::shared_ptr<const Model> model;
        QString sha, error;
        try {
            model = std::make_shared<const Model>(loadModelFromPath(path.toStdString()));
            sha = modelIdentity(path);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, generation, model, sha, error] {
            if (!self || self->m_generation != generation)
                return;  // closed or superseded
            self->m_model = model;
            self->m_sha = sha;
            self->m_error = error;
            self->m_state = model ? State::Ready : State::Failed;
            Q_EMIT self->changed();
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_loaders.removeAll(nullptr);
    m_loaders.append(thread);
    thread->start(QThread::LowPriority);
}

void CurrentModel::clear()
{
    ++m_generation;
    m_state = State::None;
    m_path.clear();
    m_sha.clear();
    m_error.clear();
    m_model.reset();
    Q_EMIT changed();
}

QString CurrentModel::summary() const
{
    if (!m_model)
        return {};
    const ModelConfig& c = m_model->config;
    return tr("%1: encoder %2 layers x %3, %4 channels every %5 samples")
        .arg(QFileInfo(m_path).fileName())
        .arg(c.encoder.layers)
        .arg(c.encoder.width)
        .arg(c.bottleneckWidth)
        .arg(c.hopLength);
}

} // namespace nsynth::app
