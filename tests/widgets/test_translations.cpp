// The translations are complete and current: every message of every translations/*.ts file is
// translated (no unfinished, vanished or obsolete entries, no empty plural forms), the
// placeholders (%1, %2...) of each translation match its source, running lupdate over the
// workbench's sources finds no string the .ts files lack, and the compiled translations are
// embedded and load.

#include "grid_estimate.h"
#include "job_record.h"
#include "language.h"
#include "test_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Message {
    QString context, source;
    QStringList translations;  // one, or the plural forms
    QString type;              // "", "unfinished", "vanished", "obsolete"
};

QList<Message> readTs(const QString& path, QString* error)
{
    QList<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + ": cannot read";
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message msg;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name") && !inMessage) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                inMessage = true;
                msg = Message{};
                msg.context = context;
            } else if (name == QLatin1String("source") && inMessage) {
                msg.source = xml.readElementText();
            } else if (name == QLatin1String("translation") && inMessage) {
                msg.type = xml.attributes().value("type").toString();
                // Plain text, or <numerusform> children for plurals.
                QString text;
                bool numerus = false;
                while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                    xml.readNext();
                    if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                        numerus = true;
                        msg.translations.append(xml.readElementText());
                    } else if (xml.isCharacters()) {
                        text += xml.text();
                    }
                }
                if (!numerus)
                    msg.translations.append(text);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            inMessage = false;
            out.append(msg);
        }
    }
    if (xml.hasError())
        *error = path + ": " + xml.errorString();
    return out;
}

QStringList tsFiles()
{
    const QDir dir(QString::fromUtf8(NSYNTH_TRANSLATIONS_DIR));
    QStringList files;
    for (const QString& f : dir.entryList({"nsynth_*.ts"}, QDir::Files, QDir::Name))
        files.append(dir.filePath(f));
    return files;
}

QStringList problemsOf(const QList<Message>& messages)
{
    QStringList problems;
    static const QRegularExpression placeholder("%(\\d)");
    for (const Message& m : messages) {
        const QString where = m.context + ": \"" + m.source.left(60) + "\"";
        if (!m.type.isEmpty()) {
            problems.append(where + " is " + m.type);
            continue;
        }
        QSet<QString> wanted;
        for (auto it = placeholder.globalMatch(m.source); it.hasNext();)
            wanted.insert(it.next().captured(1));
        for (const QString& t : m.translations) {
            if (t.trimmed().isEmpty()) {
                problems.append(where + " has an empty translation");
                continue;
            }
            QSet<QString> found;
            for (auto it = placeholder.globalMatch(t); it.hasNext();)
                found.insert(it.next().captured(1));
            if (found != wanted)
                problems.append(where + " has placeholders that differ from the source's: \"" + t + "\"");
        }
    }
    return problems;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tsFilesComplete();
    void noMissingStrings();
    void embeddedAndLoadable();
};

void TestTranslations::tsFilesComplete()
{
    const QStringList files = tsFiles();
    QVERIFY2(!files.isEmpty(), "no translations/nsynth_*.ts");
    for (const QString& file : files) {
        QString error;
        const QList<Message> messages = readTs(file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 100, qPrintable(file + ": suspiciously few messages"));
        const QStringList problems = problemsOf(messages);
        QVERIFY2(problems.isEmpty(), qPrintable(file + ":\n  " + problems.join("\n  ")));
    }
}

void TestTranslations::noMissingStrings()
{
    // lupdate over the sources into a copy: anything new shows up as unfinished there.
    QTemporaryDir tmp;
    for (const QString& file : tsFiles()) {
        const QString copy = tmp.filePath(QFileInfo(file).fileName());
        QVERIFY(QFile::copy(file, copy));
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.setWorkingDirectory(QString::fromUtf8(NSYNTH_SOURCE_DIR));
        lupdate.start(QString::fromUtf8(NSYNTH_LUPDATE),
                      {"-no-obsolete", "-locations", "none", "widgets", "app/workspace", "app/gui", "app/jobs",
                       "audio/devices", "-ts", copy});
        QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        QString error;
        const QList<Message> before = readTs(file, &error);
        const QList<Message> after = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList missing;
        for (const Message& m : after)
            if (m.type == "unfinished")
                missing.append(m.context + ": \"" + m.source + "\"");
        QVERIFY2(missing.isEmpty(), qPrintable(QFileInfo(file).fileName() + " lacks (run the nsynth_widgets_lupdate "
                                              "target and translate):\n  " + missing.join("\n  ")));
        QCOMPARE(after.size(), before.size());  // nothing obsolete either
    }
}

void TestTranslations::embeddedAndLoadable()
{
    const auto languages = nsynth::app::LanguageManager::available();
    QVERIFY(std::any_of(languages.begin(), languages.end(), [](const auto& l) { return l.code == "fi"; }));
    QTranslator fi;
    QVERIFY(fi.load(":/i18n/nsynth_fi.qm"));
    QCOMPARE(fi.translate("nsynth::widgets::MainWindow", "Notes"), QString("Nuotit"));
    nsynth::app::LanguageManager manager;
    QCOMPARE(manager.apply("fi"), QString("fi"));
    QCOMPARE(QCoreApplication::translate("NoteChecks", "clipping"), QString("leikkautuu"));
    // Texts of plain functions (no QObject) are found under the context the program asks for:
    // lupdate files a bare tr() in a namespace under the namespace's name, which no lookup uses.
    QCOMPARE(nsynth::app::formatEstimate(30), QString("noin 30 s"));
    QCOMPARE(nsynth::app::jobStateName(nsynth::app::JobState::Paused), QString("keskeytetty"));
    QCOMPARE(manager.apply("xx"), QString("en"));  // unknown: English
    QCOMPARE(QCoreApplication::translate("NoteChecks", "clipping"), QString("clipping"));
}

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
