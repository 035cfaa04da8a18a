#pragma once
// The user-interface language. Translations are Qt Linguist .ts files in translations/,
// compiled and embedded at build time (qt_add_translations, resource prefix /i18n); English is
// the source language and needs no file. Qt's own translation of its standard dialogs and
// buttons (qtbase_<lang>.qm from the Qt installation) is installed alongside when present.
// Switching installs the translators, and Qt sends every widget a LanguageChange event, so the
// change is live.

#include <QList>
#include <QObject>
#include <QString>
#include <QTranslator>

namespace nsynth::app {

class LanguageManager : public QObject {
    Q_OBJECT
public:
    struct Language {
        QString code;        // "en", "fi"
        QString nativeName;  // "English", "suomi"
    };

    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    static QList<Language> available();
    // The language the system locale asks for, among the available ones ("en" otherwise).
    static QString systemLanguage();

    // "" follows the system locale. Returns the language now active.
    QString apply(const QString& code);
    QString active() const { return m_active; }

Q_SIGNALS:
    void languageChanged(const QString& code);

private:
    QTranslator m_app, m_qt;
    bool m_appInstalled = false, m_qtInstalled = false;
    QString m_active = QStringLiteral("en");
};

} // namespace nsynth::app
