// Grid jobs end to end (app/grid/ and `nsynth grid`): settings files (ONS's and ours) and their
// problems, validation of the corner notes before any work, plan/run/status/export on a small
// grid, resuming after kill -9, a clean stop on SIGTERM, shards (also from Slurm's array
// variables) giving bitwise the unsharded result, a full disk during run and export, and the
// bank byte layout against the final notes, with real instrument notes.
//
// Generation uses the "tiny" preset (random weights), so a 3x3 grid of 2 pitches decodes in
// seconds; notes are 64000 samples as in the workshop.

#include "audio_file.h"
#include "conform.h"
#include "error.h"
#include "grid.h"
#include "grid_job.h"
#include "grid_settings.h"
#include "model_file.h"
#include "note_name.h"
#include "ons_bank.h"
#include "ons_postprocess.h"
#include "test_support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <functional>

using namespace nsynth;
using namespace nsynth::app;

namespace {

using Run = test::CommandRun;

Run nsynthRun(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
              int timeoutMs = 300000)
{
    return test::runCommand(QString::fromUtf8(NSYNTH_BIN), args, timeoutMs, env);
}

// Runs a bash command line (for ulimit and trap); NSYNTH in the line is replaced by the binary.
Run shellRun(QString line)
{
    line.replace("NSYNTH", QString::fromUtf8(NSYNTH_BIN));
    return test::runCommand("/bin/bash", {"-c", line});
}

QString why(const Run& r) { return QString("rc %1, stderr: %2").arg(r.rc).arg(QString::fromUtf8(r.err.right(1500))); }

QStringList filesUnder(const QString& root, bool hidden = false)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | (hidden ? QDir::Hidden : QDir::Filters()), QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(root).relativeFilePath(it.next());
    out.sort();
    return out;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file under a (except `skip`) exists under b with the same bytes, and b has no others.
void compareTrees(const QString& a, const QString& b, const QStringList& skip = {})
{
    QStringList fa = filesUnder(a), fb = filesUnder(b);
    for (const auto& s : skip) {
        fa.removeAll(s);
        fb.removeAll(s);
    }
    QCOMPARE(fa, fb);
    QVERIFY(!fa.isEmpty());
    for (const auto& f : fa)
        QVERIFY2(readAll(a + "/" + f) == readAll(b + "/" + f), qPrintable(f + " differs"));
}

// A synthetic note: `harmonics` partials of the pitch, decaying; 16-bit WAV at 16 kHz.
void writeSyntheticNote(const QString& path, int pitch, int harmonics, int64_t samples)
{
    std::vector<float> x(static_cast<size_t>(samples));
    const double f0 = 440.0 * std::pow(2.0, (pitch - 69) / 12.0);
    for (int64_t i = 0; i < samples; ++i) {
        const double t = double(i) / 16000.0;
        double v = 0;
        for (int h = 1; h <= harmonics; ++h)
            v += std::sin(2 * M_PI * f0 * h * t) / h;
        x[size_t(i)] = float(0.3 * v * std::exp(-1.5 * t) * std::min(1.0, t * 200));
    }
    audio::writeAudio(path.toStdString(), x.data(), samples, 16000);
}

void writeSyntheticNotes(const QString& dir, const QStringList& instruments, const std::vector<int>& pitches)
{
    QDir().mkpath(dir);
    for (int i = 0; i < instruments.size(); ++i)
        for (int p : pitches)
            writeSyntheticNote(QString("%1/%2_%3.wav").arg(dir, instruments[i]).arg(p), p, i + 1, 64000);
}

void writeTinyModel(const QString& path, uint64_t seed)
{
    saveModel(path.toStdString(), initModel(ModelConfig::preset("tiny"), seed));
}

int rawCount(const QString& job)
{
    return QDir(job + "/raw").entryList({"*.wav"}, QDir::Files).size();
}

int temporaryCount(const QString& folder)
{
    int n = 0;
    for (const auto& f : filesUnder(folder, true))
        if (QFileInfo(f).fileName().startsWith('.') && f.contains(".part-"))
            ++n;
    return n;
}

QJsonObject readJson(const QString& path) { return QJsonDocument::fromJson(readAll(path)).object(); }

} // namespace

class TestGridJob : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    // settings
    void onsSettingsFile();
    void gridFileRoundTrip();
    void badSettingsFiles();
    // validation
    void problemsReportedAtOnce();
    void problemsOnTheCommandLine();
    void dryRunWritesNothing();
    void replanning();
    // resume, shards, signals
    void killAndResumeBitwise();
    void shardsEqualUnsharded();
    void slurmArrayShard();
    void sigtermStopsAtBatchBoundary();
    void exportNeedsFinishedNotes();
    void wrongModelRejected();
    void pitchConditionedCellsUseTheirPitch();
    // disk full
    void diskFullDuringRun();
    void diskFullDuringExport();
    // real data
    void endToEndRealNotes();

private:
    QString planJob(const QString& name, const QStringList& extra = {});
    const QString& referenceJob();
    const QString& referenceExport();

    QTemporaryDir m_tmp;
    QString m_model, m_otherModel, m_notes;
    QString m_reference, m_referenceExport;
};

void TestGridJob::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(QString::fromUtf8(NSYNTH_BIN)));
    m_model = m_tmp.path() + "/tiny.safetensors";
    m_otherModel = m_tmp.path() + "/tiny-other.safetensors";
    writeTinyModel(m_model, 7);
    writeTinyModel(m_otherModel, 8);
    m_notes = m_tmp.path() + "/notes";
    writeSyntheticNotes(m_notes, {"reed", "bell", "pad", "bass"}, {36, 40});
}

// A job over the synthetic notes: 1 instrument per corner, 3x3, pitches 36 and 40, batches of 2
// (18 unique notes in 9 batches).
QString TestGridJob::planJob(const QString& name, const QStringList& extra)
{
    const QString job = m_tmp.path() + "/" + name;
    const Run r = nsynthRun(QStringList{"grid", "plan", "--notes", m_notes, "--corners", "reed,bell,pad,bass", "--pitches",
                                        "36,40", "--resolution", "3", "--batch-size", "2", "--model", m_model, "--seed",
                                        "11", "--no-measure", "--progress", "none", "-o", job} +
                            extra);
    if (r.rc != 0)
        qWarning("%s", qPrintable(why(r)));
    return r.rc == 0 ? job : QString();
}

const QString& TestGridJob::referenceJob()
{
    if (m_reference.isEmpty()) {
        const QString job = planJob("reference");
        const Run r = nsynthRun({"grid", "run", job, "--progress", "none"});
        if (r.rc == 0)
            m_reference = job;
        else
            qWarning("%s", qPrintable(why(r)));
    }
    return m_reference;
}

const QString& TestGridJob::referenceExport()
{
    if (m_referenceExport.isEmpty() && !referenceJob().isEmpty()) {
        const QString out = m_tmp.path() + "/reference-export";
        const Run r = nsynthRun({"grid", "export", referenceJob(), "-o", out, "--target", "ons,pd,pack", "--progress", "none"});
        if (r.rc == 0)
            m_referenceExport = out;
        else
            qWarning("%s", qPrintable(why(r)));
    }
    return m_referenceExport;
}

void TestGridJob::onsSettingsFile()
{
    // ONS's audio/settings.json: NW, NE, SE, SW lists; the "SE" list is the bottom-left corner.
    const QString path = m_tmp.path() + "/ons-settings.json";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"pads": {"NW": ["brass", "caridle"], "NE": ["fatpoly"], "SW": ["marimba"], "SE": ["synthbrass"]},
               "magenta_dir": "~/magenta", "pitches": [24, 28, 32], "resolution": 9, "final_length": 50000,
               "gpus": 16})");
    f.close();
    const GridSettings s = readGridSettingsFile(path);
    QCOMPARE(s.sourceKind, QString("ons"));
    QCOMPARE(s.corners[0].size(), 2);
    QCOMPARE(s.corners[0][1].name, QString("caridle"));
    QCOMPARE(s.corners[1][0].name, QString("fatpoly"));
    QCOMPARE(s.corners[2][0].name, QString("synthbrass"));  // SE -> bottom-left
    QCOMPARE(s.corners[3][0].name, QString("marimba"));     // SW -> bottom-right
    QCOMPARE(s.pitches, (std::vector<int>{24, 28, 32}));
    QCOMPARE(s.resolution, 9);
    QCOMPARE(s.post.finalLength, int64_t(50000));
    QCOMPARE(s.notices.size(), 2);  // magenta_dir, gpus
    // Bank names follow ONS: <NW>_<NE>_<SE>_<SW>.
    const GridPlan plan = planGrid(s.spec());
    QCOMPARE(plan.combinationName(0), std::string("brass_fatpoly_synthbrass_marimba"));
}

void TestGridJob::gridFileRoundTrip()
{
    QDir().mkpath(m_tmp.path() + "/gridfile/mynotes");
    const QString path = m_tmp.path() + "/gridfile/grid.json";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"corners": {"top_left": [{"name": "piano", "display": "GRAND", "abbr": "GP"}, "organ"],
                            "top_right": ["flute"], "bottom_left": ["sax"], "bottom_right": ["voice"]},
               "pitches": [36, 40], "resolution": 5, "notes": "mynotes", "model": "m.safetensors",
               "generation": {"seed": "18446744073709551615", "temperature": 0.9, "batch_size": 8},
               "shards": 4, "post_processing": {"normalize": false, "final_length": 48000, "fade_samples": 0}})");
    f.close();
    const GridSettings s = readGridSettingsFile(path);
    QCOMPARE(s.sourceKind, QString("grid"));
    QCOMPARE(s.corners[0][0].display, QString("GRAND"));
    QCOMPARE(s.corners[0][0].abbr, QString("GP"));
    QCOMPARE(s.notes, QStringList{m_tmp.path() + "/gridfile/mynotes"});
    QCOMPARE(s.model, m_tmp.path() + "/gridfile/m.safetensors");
    QCOMPARE(s.seed, uint64_t(18446744073709551615ull));
    QCOMPARE(s.temperature, 0.9);
    QCOMPARE(s.batchSize, 8);
    QCOMPARE(s.shards, 4);
    QVERIFY(!s.post.normalize);
    QVERIFY(s.post.declick);
    QCOMPARE(s.post.finalLength, int64_t(48000));
    QCOMPARE(s.post.fadeSamples, 0);
    const auto labels = s.labels();
    QCOMPARE(labels[0][1][1], QString("ORGAN"));  // default display
    QCOMPARE(labels[0][1][2].size(), 2);
    // job.json form and back.
    QStringList problems;
    const GridSettings back = gridSettingsFromJson(gridSettingsToJson(s), "/", &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("; ")));
    QCOMPARE(gridSettingsToJson(back), gridSettingsToJson(s));
}

void TestGridJob::badSettingsFiles()
{
    auto write = [&](const QString& name, const QByteArray& text) {
        const QString p = m_tmp.path() + "/" + name;
        QFile f(p);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return p;
    };
    auto message = [](const QString& path) -> QString {
        try {
            readGridSettingsFile(path);
        } catch (const Error& e) {
            return QString::fromUtf8(e.what());
        }
        return {};
    };
    QVERIFY(message(write("broken.json", "{\"pads\": [")).contains("not valid JSON"));
    QVERIFY(message(write("array.json", "[1, 2]")).contains("expected a JSON object"));
    QVERIFY(message(m_tmp.path() + "/none.json").contains("no such file"));
    // Everything wrong is listed at once, on one line.
    const QString path = write("many.json", R"({"pads": {"NW": "sax", "NE": [1], "SE": ["t"]}, "pitches": [36, "x"],
                                               "resolution": 3.5, "extra": 1})");
    try {
        readGridSettingsFile(path);
        QFAIL("accepted a bad settings file");
    } catch (const GridProblems& e) {
        QCOMPARE(e.problems().size(), 5);
        const QString m = QString::fromUtf8(e.what());
        QVERIFY(!m.contains('\n'));
        QVERIFY(m.contains("many.json: 5 problems"));
        QVERIFY(m.contains("\"extra\""));
        QVERIFY(m.contains("pads has no \"SW\" list"));
        QVERIFY(m.contains("resolution"));
    }
    const QString grid = write("badgrid.json", R"({"corners": {"top_left": ["a"], "top_right": ["b"], "bottom_left": ["c"]},
        "pitches": [36], "generation": {"seed": -1, "batch_size": 0, "colour": 1},
        "post_processing": {"normalize": "yes", "final_length": -5}})");
    try {
        readGridSettingsFile(grid);
        QFAIL("accepted a bad grid file");
    } catch (const GridProblems& e) {
        QVERIFY2(e.problems().size() >= 6, qPrintable(e.problems().join(" | ")));
    }
}

void TestGridJob::problemsReportedAtOnce()
{
    // One of each problem, found in one pass before any work: missing note, unequal length,
    // two files for one note, unreadable file, mistyped name, invalid pitch in the settings.
    const QString dir = m_tmp.path() + "/badnotes";
    QDir().mkpath(dir);
    writeSyntheticNote(dir + "/a_36.wav", 36, 1, 64000);
    writeSyntheticNote(dir + "/a_40.wav", 40, 1, 64000);
    writeSyntheticNote(dir + "/b_36.wav", 36, 2, 64000);  // b_40 missing
    writeSyntheticNote(dir + "/c_36.wav", 36, 3, 48000);  // shorter
    writeSyntheticNote(dir + "/c_40.wav", 40, 3, 64000);
    writeSyntheticNote(dir + "/d_36.wav", 36, 4, 64000);
    writeSyntheticNote(dir + "/d_36.flac", 36, 4, 64000);  // two candidates
    {
        QFile bad(dir + "/d_40.wav");
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("RIFF this is not audio");
    }
    writeSyntheticNote(dir + "/a_4O.wav", 40, 1, 64000);  // letter O
    writeSyntheticNote(dir + "/unrelated_thing.wav", 40, 1, 64000);  // ignored silently
    GridSettings s;
    s.corners = {{{{"a", {}, {}}}, {{"b", {}, {}}}, {{"c", {}, {}}}, {{"d", {}, {}}}}};
    s.pitches = {36, 40, 130};
    s.resolution = 3;
    s.notes = {dir};
    s.model = m_model;
    GridPlanRequest request;
    request.settings = s;
    request.folder = m_tmp.path() + "/never-created";
    request.measure = false;
    request.loadModel = [](const QString& path, const QString&) { return loadModel(path.toStdString()); };
    try {
        planGridJob(request);
        QFAIL("planned despite problems");
    } catch (const GridProblems& e) {
        const QString all = e.problems().join(" | ");
        QVERIFY2(all.contains("pitch 130 is outside"), qPrintable(all));
        QVERIFY2(all.contains("b_40: missing"), qPrintable(all));
        QVERIFY2(all.contains("c_36.wav: 48000 samples"), qPrintable(all));
        QVERIFY2(all.contains("d_36: 2 files"), qPrintable(all));
        QVERIFY2(all.contains("d_40.wav"), qPrintable(all));
        QVERIFY2(all.contains("a_4O.wav"), qPrintable(all));
        QVERIFY2(!all.contains("unrelated"), qPrintable(all));
        QCOMPARE(e.problems().size(), 6);
        QVERIFY(!QString::fromUtf8(e.what()).contains('\n'));
    }
    QVERIFY(!QFileInfo::exists(request.folder));
    // A broken model is one more problem in the same list.
    request.settings.model = m_tmp.path() + "/no-model.safetensors";
    request.settings.pitches = {36, 40};
    try {
        planGridJob(request);
        QFAIL("planned despite problems");
    } catch (const GridProblems& e) {
        QVERIFY(e.problems().join("\n").contains("model:"));
        QCOMPARE(e.problems().size(), 6);  // model, missing, length, two files, unreadable, name
    }
}

void TestGridJob::problemsOnTheCommandLine()
{
    // Exit status 1, one line on stderr, every problem in the --json summary; nothing written.
    const QString job = m_tmp.path() + "/cli-problems";
    const Run r = nsynthRun({"grid", "plan", "--notes", m_notes, "--corners", "reed,bell,pad,nothere", "--pitches",
                             "36,40,44", "--model", m_model, "--no-measure", "--json", "-o", job});
    QCOMPARE(r.rc, 1);
    const QJsonArray problems = r.json()["problems"].toArray();
    QCOMPARE(problems.size(), 6);  // nothere_36, nothere_40, and 4 x <instrument>_44
    QVERIFY(r.err.contains("nsynth grid: error: grid plan: 6 problems:"));
    QVERIFY(!QFileInfo::exists(job));
    // Usage errors: exit status 2.
    QCOMPARE(nsynthRun({"grid", "plan", "--corners", "a,b,c", "-o", job}).rc, 2);
    QCOMPARE(nsynthRun({"grid", "frobnicate"}).rc, 2);
    QCOMPARE(nsynthRun({"grid", "run", m_tmp.path(), "--shard", "4/4"}).rc, 2);
    QCOMPARE(nsynthRun({"grid", "status", m_tmp.path() + "/nojob"}).rc, 1);
}

void TestGridJob::dryRunWritesNothing()
{
    const QString job = m_tmp.path() + "/dry";
    const Run r = nsynthRun({"grid", "plan", "--notes", m_notes, "--corners", "reed+bell,pad,bass,bell", "--pitches",
                             "36:40:4", "--model", m_model, "--dry-run", "--json", "-o", job, "--progress", "none"});
    QVERIFY2(r.rc == 0, qPrintable(why(r)));
    const QJsonObject o = r.json();
    QVERIFY(o["dry_run"].toBool());
    QCOMPARE(o["counts"].toObject()["combinations"].toInt(), 2);
    QCOMPARE(o["counts"].toObject()["naive_notes"].toInt(), 2 * 81 * 2);
    // The estimate: work and a measured time.
    const QJsonObject e = o["estimate"].toObject();
    QCOMPARE(e["samples"].toInteger(), e["notes"].toInteger() * 64000);
    QVERIFY(e["seconds"].toObject()["decode"].toDouble() > 0);
    QVERIFY(e["speed"].toObject()["decoder_samples_per_s"].toDouble() > 0);
    QVERIFY(!QFileInfo::exists(job));
}

void TestGridJob::replanning()
{
    const QString job = planJob("replan");
    QVERIFY(!job.isEmpty());
    const QByteArray before = readAll(job + "/job.json");
    // Same settings: nothing changes, the job is reported as already planned.
    const Run same = nsynthRun({"grid", "plan", "--notes", m_notes, "--corners", "reed,bell,pad,bass", "--pitches",
                                "36,40", "--resolution", "3", "--batch-size", "2", "--model", m_model, "--seed", "11",
                                "--no-measure", "--json", "-o", job});
    QVERIFY2(same.rc == 0, qPrintable(why(same)));
    QVERIFY(same.json()["already_planned"].toBool());
    QCOMPARE(readAll(job + "/job.json"), before);
    // Different settings into the same folder: refused, naming what differs.
    const Run other = nsynthRun({"grid", "plan", "--notes", m_notes, "--corners", "reed,bell,pad,bass", "--pitches",
                                 "36,40", "--resolution", "3", "--batch-size", "2", "--model", m_model, "--seed", "12",
                                 "--no-measure", "-o", job});
    QCOMPARE(other.rc, 1);
    QVERIFY2(other.err.contains("already holds a different grid job (generation differs)"), qPrintable(why(other)));
    QCOMPARE(readAll(job + "/job.json"), before);
    // A folder that is not a job is not taken over.
    QCOMPARE(nsynthRun({"grid", "plan", "--notes", m_notes, "--corners", "reed,bell,pad,bass", "--pitches", "36",
                        "--model", m_model, "--no-measure", "-o", m_notes})
                 .rc,
             1);
}

void TestGridJob::killAndResumeBitwise()
{
    const QString& reference = referenceJob();
    QVERIFY(!reference.isEmpty());
    const QString job = planJob("killed");
    QVERIFY(!job.isEmpty());
    QProcess p;
    p.start(QString::fromUtf8(NSYNTH_BIN), {"grid", "run", job, "--progress", "none"});
    QVERIFY(p.waitForStarted());
    QElapsedTimer t;
    t.start();
    while (rawCount(job) == 0 && t.elapsed() < 120000 && p.state() == QProcess::Running)
        QThread::msleep(2);
    p.kill();  // SIGKILL
    p.waitForFinished();
    const int done = rawCount(job);
    QVERIFY2(done > 0 && done < 18, qPrintable(QString("%1 notes done when killed").arg(done)));
    const Run resume = nsynthRun({"grid", "run", job, "--json", "--progress", "none"});
    QVERIFY2(resume.rc == 0, qPrintable(why(resume)));
    const QJsonObject o = resume.json();
    QVERIFY(o["job_complete"].toBool());
    QCOMPARE(o["notes_already_done"].toInteger(), qint64(done));
    QCOMPARE(o["notes_generated"].toInteger(), qint64(18 - done));
    // Bitwise the uninterrupted run's notes (interrupted writes' temporaries are ignored).
    QCOMPARE(filesUnder(job + "/raw"), filesUnder(reference + "/raw"));
    compareTrees(reference + "/raw", job + "/raw");
    const QString out = m_tmp.path() + "/killed-export";
    const Run ex = nsynthRun({"grid", "export", job, "-o", out, "--target", "ons,pd,pack", "--progress", "none"});
    QVERIFY2(ex.rc == 0, qPrintable(why(ex)));
    QVERIFY(!referenceExport().isEmpty());
    compareTrees(referenceExport(), out, {"manifest.json"});
}

void TestGridJob::shardsEqualUnsharded()
{
    QVERIFY(!referenceExport().isEmpty());
    const QString job = planJob("sharded", {"--shards", "3"});
    QVERIFY(!job.isEmpty());
    // Three shards at once, as a Slurm array would run them.
    std::vector<std::unique_ptr<QProcess>> shards;
    for (int k = 0; k < 3; ++k) {
        auto p = std::make_unique<QProcess>();
        p->start(QString::fromUtf8(NSYNTH_BIN),
                 {"grid", "run", job, "--shard", QString("%1/3").arg(k), "--json", "--progress", "none"});
        QVERIFY(p->waitForStarted());
        shards.push_back(std::move(p));
    }
    for (int k = 0; k < 3; ++k) {
        QVERIFY(shards[size_t(k)]->waitForFinished(300000));
        QCOMPARE(shards[size_t(k)]->exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(shards[size_t(k)]->readAllStandardOutput()).object();
        QVERIFY(o["shard_complete"].toBool());
        QCOMPARE(o["shard"].toObject()["index"].toInt(), k);
        QCOMPARE(o["shard_batches"].toInt(), 3);  // 9 batches round-robin over 3 shards
    }
    const Run status = nsynthRun({"grid", "status", job, "--json"});
    QVERIFY2(status.rc == 0, qPrintable(why(status)));
    const QJsonObject s = status.json();
    QVERIFY(s["complete"].toBool());
    QCOMPARE(s["shard_count"].toInt(), 3);  // the planned shard count is the default
    for (const auto& sh : s["shards"].toArray())
        QVERIFY(sh.toObject()["complete"].toBool());
    compareTrees(referenceJob() + "/raw", job + "/raw");
    const QString out = m_tmp.path() + "/sharded-export";
    const Run ex = nsynthRun({"grid", "export", job, "-o", out, "--target", "ons,pd,pack", "--progress", "none"});
    QVERIFY2(ex.rc == 0, qPrintable(why(ex)));
    compareTrees(referenceExport(), out, {"manifest.json"});
}

void TestGridJob::slurmArrayShard()
{
    QVERIFY(!referenceJob().isEmpty());
    const QString job = planJob("slurm");
    QVERIFY(!job.isEmpty());
    // sbatch --array=4-5: task 5 of 2 tasks starting at 4 is shard 1/2.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SLURM_ARRAY_TASK_ID", "5");
    env.insert("SLURM_ARRAY_TASK_MIN", "4");
    env.insert("SLURM_ARRAY_TASK_COUNT", "2");
    const Run r = nsynthRun({"grid", "run", job, "--json", "--progress", "none"}, env);
    QVERIFY2(r.rc == 0, qPrintable(why(r)));
    const QJsonObject o = r.json();
    QCOMPARE(o["shard"].toObject()["index"].toInt(), 1);
    QCOMPARE(o["shard"].toObject()["count"].toInt(), 2);
    // Exactly the odd batches (batch size 2) are done, with the reference's bytes.
    const GridJob opened = GridJob::open(job);
    const auto finished = opened.finishedNotes();
    for (size_t n = 0; n < finished.size(); ++n) {
        QCOMPARE(bool(finished[n]), (n / 2) % 2 == 1);
        if (finished[n])
            QVERIFY(readAll(opened.rawPath(int64_t(n))) ==
                    readAll(referenceJob() + "/raw/" + QFileInfo(opened.rawPath(int64_t(n))).fileName()));
    }
    // status per shard (from SLURM_ARRAY_TASK_COUNT).
    const QJsonObject s = nsynthRun({"grid", "status", job, "--json"}, env).json();
    QCOMPARE(s["shards"].toArray()[1].toObject()["complete"].toBool(), true);
    QCOMPARE(s["shards"].toArray()[0].toObject()["notes_done"].toInt(), 0);
    // A task id outside the array is an error.
    env.insert("SLURM_ARRAY_TASK_ID", "9");
    QCOMPARE(nsynthRun({"grid", "run", job, "--progress", "none"}, env).rc, 1);
}

void TestGridJob::sigtermStopsAtBatchBoundary()
{
    QVERIFY(!referenceJob().isEmpty());
    const QString job = planJob("terminated");
    QVERIFY(!job.isEmpty());
    QProcess p;
    p.start(QString::fromUtf8(NSYNTH_BIN), {"grid", "run", job, "--json", "--progress", "none"});
    QVERIFY(p.waitForStarted());
    QElapsedTimer t;
    t.start();
    while (rawCount(job) == 0 && t.elapsed() < 120000 && p.state() == QProcess::Running)
        QThread::msleep(2);
    p.terminate();  // SIGTERM
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(o["outcome"].toString(), QString("stopped"));
    // Stopped at a batch boundary: whole batches of 2, no temporaries.
    const int done = rawCount(job);
    QVERIFY2(done > 0 && done < 18 && done % 2 == 0, qPrintable(QString("%1 notes").arg(done)));
    QCOMPARE(temporaryCount(job + "/raw"), 0);
    QCOMPARE(o["notes_generated"].toInt(), done);
    // A log of the stopped run is kept, and the next run finishes the job identically.
    QVERIFY(!QDir(job + "/logs").entryList({"run-*.json"}).isEmpty());
    const Run resume = nsynthRun({"grid", "run", job, "--progress", "none"});
    QVERIFY2(resume.rc == 0, qPrintable(why(resume)));
    compareTrees(referenceJob() + "/raw", job + "/raw");
}

void TestGridJob::exportNeedsFinishedNotes()
{
    const QString job = planJob("partial");
    QVERIFY(!job.isEmpty());
    const Run r = nsynthRun({"grid", "run", job, "--max-batches", "2", "--json", "--progress", "none"});
    QVERIFY2(r.rc == 0, qPrintable(why(r)));
    QCOMPARE(r.json()["notes_generated"].toInt(), 4);
    const QString out = m_tmp.path() + "/partial-export";
    const Run refused = nsynthRun({"grid", "export", job, "-o", out, "--progress", "none"});
    QCOMPARE(refused.rc, 1);
    QVERIFY2(refused.err.contains("14 of 18 notes are not generated yet"), qPrintable(why(refused)));
    QVERIFY(filesUnder(out).isEmpty());
    const Run allowed = nsynthRun({"grid", "export", job, "-o", out, "--allow-missing", "--json", "--progress", "none"});
    QVERIFY2(allowed.rc == 0, qPrintable(why(allowed)));
    QCOMPARE(allowed.json()["missing_notes"].toInt(), 14);
    // Missing notes are silent rows; the manifest marks them.
    const GridJob opened = GridJob::open(job);
    const auto finished = opened.finishedNotes();
    const audio::OnsBankLayout layout{3, 2, 60000};
    const QString bank = out + "/ons/pads/reed_bell_pad_bass.bin";
    for (int cell = 0; cell < 9; ++cell)
        for (int j = 0; j < 2; ++j) {
            const auto note = audio::readOnsBankNote(bank.toStdString(), layout, cell / 3, cell % 3, j);
            const bool silent = std::all_of(note.begin(), note.end(), [](int16_t v) { return v == 0; });
            QCOMPARE(silent, !finished[size_t(opened.plan().noteAt(0, cell, j))]);
        }
    int missing = 0;
    for (const auto& n : readJson(out + "/manifest.json")["notes"].toArray())
        missing += n.toObject()["missing"].toBool();
    QCOMPARE(missing, 14);
}

// A pitch-conditioned model gives every cell the pitch being generated: changing the model's
// pitch_map rows of pitches the grid does not use changes nothing (bitwise), and changing the rows
// of pitch 40 changes exactly the notes of pitch 40.
void TestGridJob::pitchConditionedCellsUseTheirPitch()
{
    ModelConfig config = ModelConfig::preset("tiny");
    config.pitch.enabled = true;
    const Model base = initModel(config, 21);
    auto variant = [&](const QString& name, const std::function<bool(int)>& changeRow) {
        Model m = base;
        uint64_t state = 99;
        for (const auto& n : m.weights.names()) {
            if (n.rfind("pitch_map_", 0) != 0)
                continue;
            Tensor& t = m.weights.at(n);  // [1, 1, 128, C]
            const int64_t C = t.shape.back();
            for (int p = 0; p < 128; ++p)
                if (changeRow(p))
                    for (int64_t c = 0; c < C; ++c) {
                        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
                        t.data[size_t(p * C + c)] = float(int64_t(state >> 40) % 2001 - 1000) * 1e-3f;
                    }
        }
        const QString path = m_tmp.path() + "/" + name + ".safetensors";
        saveModel(path.toStdString(), m);
        return path;
    };
    const QStringList models = {variant("pitch-a", [](int) { return false; }),
                                variant("pitch-b", [](int p) { return p != 36 && p != 40; }),
                                variant("pitch-c", [](int p) { return p == 40; })};
    QStringList jobs;
    for (int i = 0; i < models.size(); ++i) {
        const QString job = m_tmp.path() + QString("/pitch-job-%1").arg(i);
        const Run plan = nsynthRun({"grid", "plan", "--notes", m_notes, "--corners", "reed,bell,pad,bass", "--pitches",
                                    "36,40", "--resolution", "3", "--batch-size", "2", "--model", models[i], "--seed",
                                    "11", "--no-measure", "--progress", "none", "-o", job});
        QVERIFY2(plan.rc == 0, qPrintable(why(plan)));
        const Run run = nsynthRun({"grid", "run", job, "--progress", "none"});
        QVERIFY2(run.rc == 0, qPrintable(why(run)));
        jobs << job;
    }
    compareTrees(jobs[0] + "/raw", jobs[1] + "/raw");  // rows of unused pitches: no effect
    const QStringList raw = filesUnder(jobs[0] + "/raw");
    QCOMPARE(raw.size(), 18);
    const QJsonArray notes = readJson(jobs[0] + "/plan.json")["notes"].toArray();
    QCOMPARE(notes.size(), 18);
    int same36 = 0, changed40 = 0;
    for (const auto& v : notes) {
        const QJsonObject n = v.toObject();
        const QString file = n["identity"].toString() + ".wav";
        const bool same = readAll(jobs[0] + "/raw/" + file) == readAll(jobs[2] + "/raw/" + file);
        QVERIFY2(n["pitch"].toInt() == 36 ? same : !same, qPrintable(file));
        (n["pitch"].toInt() == 36 ? same36 : changed40) += 1;
    }
    QCOMPARE(same36, 9);
    QCOMPARE(changed40, 9);
}

void TestGridJob::wrongModelRejected()
{
    const QString job = planJob("wrongmodel");
    QVERIFY(!job.isEmpty());
    const Run r = nsynthRun({"grid", "run", job, "--model", m_otherModel, "--progress", "none"});
    QCOMPARE(r.rc, 1);
    QVERIFY2(r.err.contains("weights differ"), qPrintable(why(r)));
    QCOMPARE(rawCount(job), 0);
}

void TestGridJob::diskFullDuringRun()
{
    // A file size limit below one note (256 KB of float32): every write fails with EFBIG
    // (SIGXFSZ ignored). The run fails with one line; no finished-looking note, no temporary.
    const QString job = planJob("diskfull-run");
    QVERIFY(!job.isEmpty());
    const Run r = shellRun(QString("trap '' XFSZ; ulimit -f 200; exec NSYNTH grid run '%1' --progress none").arg(job));
    QCOMPARE(r.rc, 1);
    QVERIFY2(r.err.contains("cannot write"), qPrintable(why(r)));
    QCOMPARE(rawCount(job), 0);
    QCOMPARE(temporaryCount(job + "/raw"), 0);
    // With room again, the job runs normally.
    const Run again = nsynthRun({"grid", "run", job, "--max-batches", "1", "--progress", "none"});
    QVERIFY2(again.rc == 0, qPrintable(why(again)));
    QCOMPARE(rawCount(job), 2);
}

void TestGridJob::diskFullDuringExport()
{
    QVERIFY(!referenceJob().isEmpty());
    // Banks are 3*3*2*60000*2 = 2,160,000 bytes; a 1 MB limit stops the first one part way.
    const QString out = m_tmp.path() + "/diskfull-export";
    const Run r = shellRun(
        QString("trap '' XFSZ; ulimit -f 1000; exec NSYNTH grid export '%1' -o '%2' --progress none").arg(referenceJob(), out));
    QCOMPARE(r.rc, 1);
    QVERIFY2(r.err.contains("reed_bell_pad_bass.bin"), qPrintable(why(r)));
    QVERIFY(filesUnder(out, true).isEmpty());
}

void TestGridJob::endToEndRealNotes()
{
    // Real instrument recordings conformed to the workshop spec (16 kHz, 64000 samples) and named
    // as a workshop would: four instruments, MIDI 36 and 40.
    const struct {
        const char* path;
        const char* instrument;
        int pitch;
    } sources[] = {
        {"instruments/karoryfer-weresax/db2_f_rr1_cnd.wav", "sax", 36},
        {"instruments/karoryfer-weresax/e3_f_rr1_cnd.wav", "sax", 40},
        {"instruments/splendid-grand-piano/FF C4.flac", "piano", 36},
        {"instruments/splendid-grand-piano/MF D2.flac", "piano", 40},
        {"instruments/karoryfer-bigcat-cello/C1_mf_d.wav", "cello", 36},
        {"instruments/karoryfer-bigcat-cello/Gb2_1.wav", "cello", 40},
        {"instruments/vsco2-trumpet-simon-plus/Sum_SHTrumpet_sus_A2_v1_rr1.wav", "trumpet", 36},
        {"instruments/vsco2-trumpet-simon-plus/Sum_SHTrumpet_sus_F4_v1_rr1.wav", "trumpet", 40},
    };
    for (const auto& s : sources)
        NSYNTH_REQUIRE_TEST_DATA(s.path);
    const QString notes = m_tmp.path() + "/real-notes";
    QDir().mkpath(notes);
    for (const auto& s : sources) {
        const std::string name = audio::workshopFileName(s.instrument, s.pitch);
        const auto conformed = audio::conformNote(audio::readAudio(nsynth::test::testDataPath(s.path)), name);
        QVERIFY(!conformed.report.hasErrors());
        audio::writeAudio((notes + "/" + QString::fromStdString(name)).toStdString(), conformed.samples.data(),
                          int64_t(conformed.samples.size()), 16000);
    }
    // init -> plan -> run -> status -> export, as in docs/grid.md.
    const QString model = m_tmp.path() + "/real-tiny.safetensors";
    QCOMPARE(nsynthRun({"init", "--preset", "tiny", "--seed", "3", "-o", model}).rc, 0);
    const QString job = m_tmp.path() + "/real-job";
    const Run plan = nsynthRun({"grid", "plan", "--notes", notes, "--corners", "sax,piano,cello,trumpet", "--pitches",
                                "36,40", "--resolution", "3", "--model", model, "--json", "--progress", "none", "-o", job});
    QVERIFY2(plan.rc == 0, qPrintable(why(plan)));
    const QJsonObject counts = plan.json()["counts"].toObject();
    QCOMPARE(counts["naive_notes"].toInt(), 18);
    QCOMPARE(counts["unique_notes"].toInt(), 18);
    QVERIFY(plan.json()["estimate"].toObject()["seconds"].toObject()["decode"].toDouble() > 0);
    const Run run = nsynthRun({"grid", "run", job, "--json", "--progress", "json"});
    QVERIFY2(run.rc == 0, qPrintable(why(run)));
    QVERIFY(run.json()["job_complete"].toBool());
    QCOMPARE(run.json()["notes_generated"].toInt(), 18);
    // Machine-readable progress: JSON lines with done/total/ETA, batch events, a final "done".
    int progressLines = 0, batchLines = 0;
    for (const auto& line : run.err.split('\n')) {
        const QJsonObject e = QJsonDocument::fromJson(line).object();
        if (e["event"] == "progress" || e["event"] == "done") {
            ++progressLines;
            QVERIFY(e.contains("eta_s") && e.contains("total") && e.contains("done"));
        }
        batchLines += e["event"] == "batch";
    }
    QVERIFY(progressLines >= 1);
    QCOMPARE(batchLines, 2);  // 18 notes in batches of 16
    const Run status = nsynthRun({"grid", "status", job, "--json"});
    QVERIFY(status.json()["complete"].toBool());
    QCOMPARE(status.json()["combinations_complete"].toInt(), 1);
    const QString out = m_tmp.path() + "/real-export";
    const Run ex = nsynthRun({"grid", "export", job, "-o", out, "--target", "ons,pd,pack", "--json", "--progress", "none"});
    QVERIFY2(ex.rc == 0, qPrintable(why(ex)));

    // Byte layout: the note at (yi, xi, pitch) of the bank is the final note of that cell's
    // identity, i.e. ONS post-processing of the raw generated note; the Pd grid holds the same
    // bytes and the pack the same samples.
    const GridJob opened = GridJob::open(job);
    const GridPlan& p = opened.plan();
    const audio::OnsBankLayout layout{3, 2, 60000};
    const QString bank = out + "/ons/pads/sax_piano_cello_trumpet.bin";
    QCOMPARE(QFileInfo(bank).size(), qint64(layout.bytes()));
    QCOMPARE(readAll(bank), readAll(out + "/pd/sax_piano_cello_trumpet.bin"));
    QHash<QString, QString> packFiles;
    {
        const QList<QByteArray> lines = readAll(out + "/pack/index.csv").split('\n');
        QCOMPARE(lines[0], QByteArray("combination,row,column,pitch,file"));
        for (int i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].split(',');
            if (f.size() == 5)
                packFiles[QString("%1,%2,%3").arg(QString(f[1]), QString(f[2]), QString(f[3]))] = QString(f[4]);
        }
        QCOMPARE(packFiles.size(), 18);
    }
    for (int yi = 0; yi < 3; ++yi)
        for (int xi = 0; xi < 3; ++xi)
            for (int j = 0; j < 2; ++j) {
                const int note = p.noteAt(0, yi * 3 + xi, j);
                const auto raw = audio::readAudio(opened.rawPath(note).toStdString());
                QCOMPARE(raw.frames(), int64_t(64000));
                QVERIFY(std::any_of(raw.samples.begin(), raw.samples.end(), [](float v) { return v != 0.0f; }));
                const auto expected = audio::onsPostProcess(raw.samples.data(), raw.frames(), {});
                const auto inBank = audio::readOnsBankNote(bank.toStdString(), layout, yi, xi, j);
                QVERIFY2(inBank == expected, qPrintable(QString("bank row (%1, %2, %3) differs").arg(yi).arg(xi).arg(j)));
                const auto packed = audio::readAudio(
                    (out + "/pack/" + packFiles[QString("%1,%2,%3").arg(yi).arg(xi).arg(p.spec.pitches[size_t(j)])])
                        .toStdString());
                QCOMPARE(packed.frames(), int64_t(60000));
                for (int64_t t = 0; t < 60000; t += 97)
                    QCOMPARE(int16_t(std::lrint(packed.samples[size_t(t)] * 32768.0f)), expected[size_t(t)]);
                // ONS's final note: -12 dBFS peak (+-1 LSB), faded ends.
                int peak = 0;
                for (int16_t v : expected)
                    peak = std::max(peak, std::abs(int(v)));
                // (the note's loudest sample may lie in the part the crop removed)
                QVERIFY2(peak > 0 && peak <= 8232, qPrintable(QString("peak %1").arg(peak)));
                QCOMPARE(expected.front(), int16_t(0));
                QCOMPARE(expected.back(), int16_t(0));
            }
    // The device settings describe this bank set.
    const QJsonObject device = readJson(out + "/ons/settings.json");
    QCOMPARE(device["nsynth"].toObject()["resolution"].toInt(), 3);
    QCOMPARE(device["nsynth"].toObject()["length"].toInt(), 60000);
    QCOMPARE(device["nsynth"].toObject()["pitches"].toArray(), (QJsonArray{36, 40}));
    QCOMPARE(device["corners"].toArray()[2].toObject()["instruments"].toArray()[0].toObject()["name"].toString(),
             QString("cello"));
    QCOMPARE(readJson(out + "/pd/settings.json")["nsynth"].toObject()["sampleRate"].toInt(), 16000);
    // The manifest: model and its hash, inputs, parameters, seed, every note, outputs with sha256.
    const QJsonObject m = readJson(out + "/manifest.json");
    QCOMPARE(m["model"].toObject()["weights_sha256"].toString(), opened.modelWeightsSha256());
    QCOMPARE(m["notes"].toArray().size(), 18);
    QCOMPARE(m["corner_notes"].toArray().size(), 8);
    QCOMPARE(m["inputs"].toArray().size(), 8);
    QCOMPARE(m["seed"].toString(), QString("0"));
    QVERIFY(m["parameters"].toObject().contains("post_processing"));
    const QJsonObject firstNote = m["notes"].toArray()[0].toObject();
    QCOMPARE(firstNote["identity"].toString(), QString("pitch_36_sax_1.0"));
    QCOMPARE(firstNote["weights"].toObject()["sax"].toDouble(), 1.0);
    bool bankListed = false;
    for (const auto& o : m["outputs"].toArray())
        if (o.toObject()["path"] == "ons/pads/sax_piano_cello_trumpet.bin") {
            bankListed = true;
            QCOMPARE(o.toObject()["sha256"].toString(),
                     QString(QCryptographicHash::hash(readAll(bank), QCryptographicHash::Sha256).toHex()));
        }
    QVERIFY(bankListed);
}

QTEST_GUILESS_MAIN(TestGridJob)
#include "test_grid_job.moc"
