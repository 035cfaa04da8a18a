#pragma once
// Shared helpers of the Qt Test suites: where the real test data and the test outputs live,
// and tolerance checks that print what differed.

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <string>

namespace nsynth::test {

// ../shared/data by default; NSYNTH_TEST_DATA overrides.
inline QString testDataDir()
{
    const QByteArray env = qgetenv("NSYNTH_TEST_DATA");
    return QDir::cleanPath(env.isEmpty() ? QString::fromUtf8(NSYNTH_DEFAULT_TEST_DATA) : QString::fromUtf8(env));
}

inline std::string testDataPath(const QString& relative)
{
    return (testDataDir() + "/" + relative).toStdString();
}

inline bool haveTestData(const QString& relative) { return QFileInfo::exists(testDataDir() + "/" + relative); }

// Folder for artifacts a person may want to look at (screenshots, audio); kept after the run.
inline QString testOutputDir(const QString& suite)
{
    const QString dir = QString::fromUtf8(NSYNTH_TEST_OUTPUT) + "/" + suite;
    QDir().mkpath(dir);
    return dir;
}

// A fresh seed per run (printed, so a failure can be replayed with NSYNTH_TEST_SEED).
inline uint64_t testSeed()
{
    const QByteArray env = qgetenv("NSYNTH_TEST_SEED");
    static const uint64_t seed = env.isEmpty() ? uint64_t(QDateTime::currentMSecsSinceEpoch()) : env.toULongLong();
    static bool printed = false;
    if (!printed) {
        qInfo("random seed %llu (replay with NSYNTH_TEST_SEED=%llu)", (unsigned long long)seed,
              (unsigned long long)seed);
        printed = true;
    }
    return seed;
}

// A command run to completion (the built nsynth, typically): its exit code (-1 when it crashed
// or did not finish within the time limit), stdout and stderr.
struct CommandRun {
    int rc = -1;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QString why() const { return QString("rc %1: %2").arg(rc).arg(QString::fromUtf8(err.right(1500))); }
};

inline CommandRun runCommand(const QString& program, const QStringList& args, int timeoutMs = 300000,
                             const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    CommandRun r;
    if (!p.waitForStarted() || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not finish";
        return r;
    }
    r.rc = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace nsynth::test

// Skips the current test function (reported as SKIP, never PASS) when real data is absent.
#define NSYNTH_REQUIRE_TEST_DATA(relative)                                                           \
    do {                                                                                             \
        if (!nsynth::test::haveTestData(relative))                                                   \
            QSKIP(qPrintable("real test data not found: " + nsynth::test::testDataDir() + "/" +     \
                             QString(relative) + " (set NSYNTH_TEST_DATA)"));                        \
    } while (0)
