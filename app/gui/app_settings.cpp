#include "app_settings.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace nsynth::app {

AppSettings::AppSettings(const QString& iniPath, QObject* parent) : QObject(parent)
{
    if (iniPath.isEmpty())
        m_settings = std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                                 QStringLiteral("nsynth-workbench"), QStringLiteral("nsynth-workbench"));
    else
        m_settings = std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
}

QVariant AppSettings::get(const QString& key, const QVariant& fallback) const
{
    return m_settings->value(key, fallback);
}

void AppSettings::put(const QString& key, const QVariant& value)
{
    if (m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
    Q_EMIT changed();
}

QString AppSettings::language() const
{
    return get("ui/language", QString()).toString();
}
void AppSettings::setLanguage(const QString& code)
{
    put("ui/language", code);
}

QStringList AppSettings::recentWorkspaces() const
{
    QStringList out;
    for (const QString& f : get("workspaces/recent", QStringList()).toStringList())
        if (QFileInfo(f).isDir())
            out.append(f);
    return out;
}

void AppSettings::addRecentWorkspace(const QString& folder)
{
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    QStringList list = get("workspaces/recent", QStringList()).toStringList();
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > 10)
        list.removeLast();
    put("workspaces/recent", list);
}

void AppSettings::removeRecentWorkspace(const QString& folder)
{
    QStringList list = get("workspaces/recent", QStringList()).toStringList();
    list.removeAll(QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
    put("workspaces/recent", list);
}

QString AppSettings::modelPath() const
{
    return get("model/path", QString()).toString();
}
void AppSettings::setModelPath(const QString& path)
{
    put("model/path", path);
}

QByteArray AppSettings::inputDevice() const
{
    return get("audio/input", QByteArray()).toByteArray();
}
void AppSettings::setInputDevice(const QByteArray& id)
{
    put("audio/input", id);
}
QByteArray AppSettings::outputDevice() const
{
    return get("audio/output", QByteArray()).toByteArray();
}
void AppSettings::setOutputDevice(const QByteArray& id)
{
    put("audio/output", id);
}

int AppSettings::countInBeats() const
{
    return std::clamp(get("recorder/count-in", 4).toInt(), 0, 16);
}
void AppSettings::setCountInBeats(int beats)
{
    put("recorder/count-in", beats);
}
double AppSettings::tempoBpm() const
{
    return std::clamp(get("recorder/tempo", 100.0).toDouble(), 30.0, 240.0);
}
void AppSettings::setTempoBpm(double bpm)
{
    put("recorder/tempo", bpm);
}
double AppSettings::preRollSeconds() const
{
    return std::clamp(get("recorder/pre-roll", 0.3).toDouble(), 0.0, 2.0);
}
void AppSettings::setPreRollSeconds(double seconds)
{
    put("recorder/pre-roll", seconds);
}
bool AppSettings::referenceTone() const
{
    return get("recorder/reference-tone", true).toBool();
}
void AppSettings::setReferenceTone(bool on)
{
    put("recorder/reference-tone", on);
}
bool AppSettings::clicks() const
{
    return get("recorder/clicks", true).toBool();
}
void AppSettings::setClicks(bool on)
{
    put("recorder/clicks", on);
}
bool AppSettings::autoAdvance() const
{
    return get("recorder/auto-advance", true).toBool();
}
void AppSettings::setAutoAdvance(bool on)
{
    put("recorder/auto-advance", on);
}

QString AppSettings::lastFolder() const
{
    return get("ui/last-folder", QDir::homePath()).toString();
}
void AppSettings::setLastFolder(const QString& folder)
{
    put("ui/last-folder", folder);
}

QByteArray AppSettings::windowState() const
{
    return get("ui/window", QByteArray()).toByteArray();
}
void AppSettings::setWindowState(const QByteArray& geometry)
{
    put("ui/window", geometry);
}

} // namespace nsynth::app
