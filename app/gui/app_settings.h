#pragma once
// The workbench's preferences, one typed wrapper over QSettings with every default stated here
// (language, recent workspaces, model, audio devices, recorder defaults). Tests and portable
// setups pass an .ini path; otherwise the platform's usual place is used.

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QStringList>

#include <memory>

namespace nsynth::app {

class AppSettings : public QObject {
    Q_OBJECT
public:
    explicit AppSettings(const QString& iniPath = {}, QObject* parent = nullptr);

    // "" follows the system locale; else a language code ("en", "fi").
    QString language() const;
    void setLanguage(const QString& code);

    QStringList recentWorkspaces() const;  // most recent first, at most 10, existing folders only
    void addRecentWorkspace(const QString& folder);
    void removeRecentWorkspace(const QString& folder);

    QString modelPath() const;  // "" = the default model
    void setModelPath(const QString& path);

    QByteArray inputDevice() const;  // device id; empty = system default
    void setInputDevice(const QByteArray& id);
    QByteArray outputDevice() const;
    void setOutputDevice(const QByteArray& id);

    int countInBeats() const;      // 4
    void setCountInBeats(int beats);
    double tempoBpm() const;       // 100
    void setTempoBpm(double bpm);
    double preRollSeconds() const; // 0.3
    void setPreRollSeconds(double seconds);
    bool referenceTone() const;    // true
    void setReferenceTone(bool on);
    bool clicks() const;           // true
    void setClicks(bool on);
    bool autoAdvance() const;      // true
    void setAutoAdvance(bool on);

    QString lastFolder() const;    // last folder used in a file dialog
    void setLastFolder(const QString& folder);

    QByteArray windowState() const;
    void setWindowState(const QByteArray& geometry);

    void sync() { m_settings->sync(); }

Q_SIGNALS:
    void changed();

private:
    QVariant get(const QString& key, const QVariant& fallback) const;
    void put(const QString& key, const QVariant& value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace nsynth::app
