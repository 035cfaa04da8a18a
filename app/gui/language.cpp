#include "language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

namespace nsynth::app {

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    if (m_appInstalled)
        QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
}

QList<LanguageManager::Language> LanguageManager::available()
{
    QList<Language> out = {{QStringLiteral("en"), QStringLiteral("English")}};
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("nsynth_*.qm")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        const QString code = f.mid(7, f.size() - 10);  // nsynth_<code>.qm
        if (code == QStringLiteral("en"))
            continue;
        QString name = QLocale(code).nativeLanguageName();
        if (name.isEmpty())
            name = code;
        out.append({code, name});
    }
    return out;
}

QString LanguageManager::systemLanguage()
{
    const QList<Language> languages = available();
    for (const QString& ui : QLocale::system().uiLanguages()) {
        const QString code = ui.section('-', 0, 0).section('_', 0, 0).toLower();
        for (const Language& l : languages)
            if (l.code == code)
                return code;
    }
    return QStringLiteral("en");
}

QString LanguageManager::apply(const QString& requested)
{
    QString code = requested.isEmpty() ? systemLanguage() : requested;
    bool known = false;
    for (const Language& l : available())
        known = known || l.code == code;
    if (!known)
        code = QStringLiteral("en");

    if (m_appInstalled)
        QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
    m_appInstalled = m_qtInstalled = false;

    if (code != QStringLiteral("en")) {
        if (m_app.load(QStringLiteral(":/i18n/nsynth_%1.qm").arg(code)))
            m_appInstalled = QCoreApplication::installTranslator(&m_app);
        if (m_qt.load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    }
    QLocale::setDefault(QLocale(code));
    if (code != m_active) {
        m_active = code;
        Q_EMIT languageChanged(code);
    }
    return m_active;
}

} // namespace nsynth::app
