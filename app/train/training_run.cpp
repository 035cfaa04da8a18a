#include "training_run.h"

#include "atomic_file.h"
#include "error.h"
#include "loss_plot.h"
#include "manifest.h"
#include "model_source.h"
#include "version.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <vector>

namespace nsynth::app {
namespace {

constexpr const char* kRunFormat = "nsynth-training-run";

QJsonObject parseObject(const std::string& text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

std::string compact(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(); }

QJsonValue finiteOrNull(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

QString checkpointName(int64_t step) { return QString("step-%1.safetensors").arg(step, 8, 10, QChar('0')); }

// Everything the plot and the model card need from earlier invocations of the run.
struct History {
    std::vector<std::pair<double, double>> train;              // (step, mean loss)
    std::vector<std::tuple<double, double, double>> valid;     // (step, raw, ema)
    double elapsedSeconds = 0;

    QJsonObject toJson() const
    {
        QJsonArray t, v;
        for (const auto& [s, l] : train)
            t.append(QJsonArray{s, l});
        for (const auto& [s, r, e] : valid)
            v.append(QJsonArray{s, finiteOrNull(r), finiteOrNull(e)});
        return QJsonObject{{"train", t}, {"valid", v}, {"elapsed_s", elapsedSeconds}};
    }
    static History fromJson(const QJsonObject& o)
    {
        History h;
        for (const auto& p : o.value("train").toArray())
            h.train.emplace_back(p.toArray().at(0).toDouble(), p.toArray().at(1).toDouble());
        for (const auto& p : o.value("valid").toArray()) {
            const auto a = p.toArray();
            h.valid.emplace_back(a.at(0).toDouble(), a.at(1).isNull() ? NAN : a.at(1).toDouble(),
                                 a.at(2).isNull() ? NAN : a.at(2).toDouble());
        }
        h.elapsedSeconds = o.value("elapsed_s").toDouble();
        return h;
    }
};

class RunLog {
public:
    explicit RunLog(const QString& path) : m_file(path)
    {
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            throw Error(path.toStdString() + ": cannot open for writing: " + m_file.errorString().toStdString());
    }
    void write(QJsonObject event)
    {
        event["time"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        m_file.write(QJsonDocument(event).toJson(QJsonDocument::Compact) + "\n");
        m_file.flush();
    }

private:
    QFile m_file;
};

struct Session {
    QString folder;
    QJsonObject runJson;
    RunCadence cadence;
    Trainer* trainer = nullptr;
    History history;
    QJsonObject dataSummary;
    int64_t targetSteps = 0;
    ProgressStyle progress = ProgressStyle::Auto;
    const Notice* notice = nullptr;
    const std::atomic<bool>* cancel = nullptr;
    QString lastCheckpoint;

    void say(const QString& s) const
    {
        if (*notice)
            (*notice)(s);
    }

    std::map<std::string, std::string> checkpointMetadata() const
    {
        return {{"nsynth.run", compact(runJson)},
                {"nsynth.history", compact(history.toJson())},
                {"nsynth.data_summary", compact(dataSummary)},
                {"nsynth.workbench_version", kVersion}};
    }

    QString saveCheckpoint(RunLog& log)
    {
        const QString dir = folder + "/checkpoints";
        QDir().mkpath(dir);
        const QString path = dir + "/" + checkpointName(trainer->step());
        trainer->saveCheckpoint(path.toStdString(), checkpointMetadata());
        log.write({{"event", "checkpoint"}, {"step", qint64(trainer->step())}, {"path", path}});
        lastCheckpoint = path;
        // Keep the newest `keepCheckpoints`.
        QStringList all = QDir(dir).entryList({"step-*.safetensors"}, QDir::Files, QDir::Name);
        while (all.size() > std::max(1, cadence.keepCheckpoints))
            QFile::remove(dir + "/" + all.takeFirst());
        return path;
    }

    void plot() const
    {
        std::vector<PlotSeries> series;
        series.push_back({QString("train (mean of %1 steps)").arg(cadence.logEvery), {31, 119, 180}, history.train});
        PlotSeries raw{"held-out (raw)", {214, 39, 40}, {}}, ema{"held-out (ema)", {44, 160, 44}, {}};
        for (const auto& [s, r, e] : history.valid) {
            if (std::isfinite(r))
                raw.points.emplace_back(s, r);
            if (std::isfinite(e))
                ema.points.emplace_back(s, e);
        }
        if (!raw.points.empty())
            series.push_back(raw);
        if (!ema.points.empty())
            series.push_back(ema);
        writePng(folder + "/loss.png", renderLossPlot(series, "nsynth train: " + QFileInfo(folder).fileName()));
    }

    std::pair<double, double> validate(RunLog& log)
    {
        if (trainer->validNotes() == 0)
            return {NAN, NAN};
        const double raw = trainer->validationLoss(false), ema = trainer->validationLoss(true);
        history.valid.emplace_back(double(trainer->step()), raw, ema);
        log.write({{"event", "validation"}, {"step", qint64(trainer->step())}, {"loss_raw", raw}, {"loss_ema", ema}});
        say(QString("step %1: held-out loss %2 (ema %3) nats/sample")
                .arg(trainer->step())
                .arg(raw, 0, 'f', 4)
                .arg(ema, 0, 'f', 4));
        plot();
        return {raw, ema};
    }

    RunResult loop(RunLog& log)
    {
        RunResult result;
        result.folder = folder;
        result.targetSteps = targetSteps;
        result.dataSummary = dataSummary;
        result.validLossRaw = result.validLossEma = NAN;
        if (!history.valid.empty()) {
            result.validLossRaw = std::get<1>(history.valid.back());
            result.validLossEma = std::get<2>(history.valid.back());
        }
        if (!history.train.empty())
            result.trainLoss = history.train.back().second;

        QElapsedTimer wall, sinceCheckpoint, sinceLog;
        wall.start();
        sinceCheckpoint.start();
        sinceLog.start();
        const double elapsedBefore = history.elapsedSeconds;
        const int64_t firstStep = trainer->step();
        const int64_t samplesPerStep = int64_t(trainer->options().batchSize) * trainer->cropSamples();
        ProgressReporter reporter("train", "steps", targetSteps - firstStep, progress);
        double lossSum = 0;
        int64_t lossCount = 0;
        result.stopReason = "finished";
        while (trainer->step() < targetSteps) {
            if (cancel && cancel->load()) {
                result.stopReason = "cancelled";
                break;
            }
            if (cadence.maxMinutes > 0 && double(wall.elapsed()) / 60000.0 >= cadence.maxMinutes) {
                result.stopReason = "time_limit";
                break;
            }
            const double lr = trainer->learningRate();
            lossSum += trainer->trainStep();
            ++lossCount;
            const int64_t step = trainer->step();
            history.elapsedSeconds = elapsedBefore + double(wall.elapsed()) / 1000.0;
            reporter.update(step - firstStep);
            if (step % cadence.logEvery == 0 || step == targetSteps) {
                const double mean = lossSum / double(lossCount);
                const double seconds = double(sinceLog.restart()) / 1000.0;
                history.train.emplace_back(double(step), mean);
                result.trainLoss = mean;
                log.write({{"event", "train"},
                           {"step", qint64(step)},
                           {"loss", mean},
                           {"lr", lr},
                           {"samples_per_s", seconds > 0 ? double(lossCount * samplesPerStep) / seconds : 0.0},
                           {"elapsed_s", history.elapsedSeconds}});
                lossSum = 0;
                lossCount = 0;
            }
            if (cadence.validateEvery > 0 && step % cadence.validateEvery == 0 && step < targetSteps)
                std::tie(result.validLossRaw, result.validLossEma) = validate(log);
            if ((cadence.checkpointEvery > 0 && step % cadence.checkpointEvery == 0) ||
                (cadence.checkpointMinutes > 0 && double(sinceCheckpoint.elapsed()) / 60000.0 >= cadence.checkpointMinutes)) {
                saveCheckpoint(log);
                sinceCheckpoint.restart();
            }
        }
        reporter.finish();
        if (result.stopReason == "finished" && trainer->step() > firstStep)
            std::tie(result.validLossRaw, result.validLossEma) = validate(log);
        if (lastCheckpoint.isEmpty() || !lastCheckpoint.endsWith(checkpointName(trainer->step())))
            saveCheckpoint(log);
        history.elapsedSeconds = elapsedBefore + double(wall.elapsed()) / 1000.0;
        plot();
        log.write({{"event", "stop"},
                   {"step", qint64(trainer->step())},
                   {"reason", result.stopReason},
                   {"elapsed_s", history.elapsedSeconds}});
        result.step = trainer->step();
        result.checkpoint = lastCheckpoint;
        result.elapsedSeconds = history.elapsedSeconds;
        return result;
    }
};

} // namespace

QJsonObject RunCadence::toJson() const
{
    return QJsonObject{{"log_every", qint64(logEvery)},
                       {"validate_every", qint64(validateEvery)},
                       {"checkpoint_every", qint64(checkpointEvery)},
                       {"checkpoint_minutes", checkpointMinutes},
                       {"keep_checkpoints", keepCheckpoints},
                       {"max_minutes", maxMinutes}};
}

RunCadence RunCadence::fromJson(const QJsonObject& j)
{
    RunCadence c;
    c.logEvery = j.value("log_every").toInteger(10);
    c.validateEvery = j.value("validate_every").toInteger(500);
    c.checkpointEvery = j.value("checkpoint_every").toInteger(1000);
    c.checkpointMinutes = j.value("checkpoint_minutes").toDouble(10);
    c.keepCheckpoints = j.value("keep_checkpoints").toInt(3);
    c.maxMinutes = j.value("max_minutes").toDouble(0);
    return c;
}

QString latestCheckpoint(const QString& runFolder)
{
    const QStringList all =
        QDir(runFolder + "/checkpoints").entryList({"step-*.safetensors"}, QDir::Files, QDir::Name);
    return all.isEmpty() ? QString() : runFolder + "/checkpoints/" + all.last();
}

QJsonObject readRunJson(const QString& runFolder)
{
    const QString path = runFolder + "/run.json";
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot read (not a training run folder?)");
    const auto doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject() || doc.object().value("format").toString() != kRunFormat)
        throw Error(path.toStdString() + ": not a training run description");
    return doc.object();
}

RunResult startRun(const NewRun& run, ProgressStyle progress, const Notice& notice, const std::atomic<bool>* cancel)
{
    run.config.validate();
    run.options.validate();
    const QFileInfo fi(run.folder);
    if (fi.exists() && !fi.isDir())
        throw Error(run.folder.toStdString() + ": exists and is not a folder");
    if (QFileInfo::exists(run.folder + "/run.json"))
        throw Error(run.folder.toStdString() + ": already holds a training run; continue it with --resume or choose "
                                               "another folder");
    if (!QDir().mkpath(run.folder))
        throw Error(run.folder.toStdString() + ": cannot create folder");
    const QString folder = QDir(run.folder).absolutePath();

    // Initial weights: a model file of the same configuration, or Magenta's initialisers.
    Model initial;
    QJsonObject init;
    if (!run.initModel.isEmpty()) {
        initial = loadModelFromPath(run.initModel.toStdString());
        if (!(initial.config == run.config))
            throw Error(run.initModel.toStdString() + ": its configuration differs from the one asked for (" +
                        initial.config.toJson() + "); leave out the size options to train it as it is");
        init = QJsonObject{{"model", QFileInfo(run.initModel).absoluteFilePath()},
                           {"sha256", sha256OfFile(run.initModel)}};
    } else {
        initial = initModel(run.config, run.initSeed);
        init = QJsonObject{{"initialiser", "magenta (uniform unit scaling, zero biases)"},
                           {"seed", QString::number(run.initSeed)}};
    }
    initial.metadata.clear();

    const LoadedData data = loadTrainingData(run.data, run.options.seed, notice, cancel);
    Trainer trainer(initial, run.options, data.train, data.valid);

    QJsonObject runJson{{"format", kRunFormat},
                        {"version", 1},
                        {"created", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                        {"workbench_version", kVersion},
                        {"arguments", QJsonArray::fromStringList(run.arguments)},
                        {"config", parseObject(run.config.toJson())},
                        {"init", init},
                        {"options", parseObject(run.options.toJson())},
                        {"data", run.data.toJson()},
                        {"cadence", run.cadence.toJson()},
                        {"crop_samples", qint64(trainer.cropSamples())},
                        {"valid_instruments", QJsonArray::fromStringList(data.validInstruments)}};
    writeFileAtomically((folder + "/run.json").toStdString(),
                        QJsonDocument(runJson).toJson(QJsonDocument::Indented).toStdString());

    RunLog log(folder + "/log.jsonl");
    log.write({{"event", "start"},
               {"steps", qint64(run.options.steps)},
               {"train_notes", qint64(trainer.trainNotes())},
               {"valid_notes", qint64(trainer.validNotes())},
               {"crop_samples", qint64(trainer.cropSamples())},
               {"data", data.summary}});
    Session session;
    session.folder = folder;
    session.runJson = runJson;
    session.cadence = run.cadence;
    session.trainer = &trainer;
    session.dataSummary = data.summary;
    session.targetSteps = run.options.steps;
    session.progress = progress;
    session.notice = &notice;
    session.cancel = cancel;
    session.say(QString("training %1 steps of %2 crops x %3 samples on %4 notes (%5 held out) in %6")
                    .arg(run.options.steps)
                    .arg(run.options.batchSize)
                    .arg(trainer.cropSamples())
                    .arg(trainer.trainNotes())
                    .arg(trainer.validNotes())
                    .arg(folder));
    session.validate(log);  // the starting point of the curve
    return session.loop(log);
}

RunResult resumeRun(const QString& runFolder, std::optional<int64_t> steps, std::optional<double> maxMinutes,
                    ProgressStyle progress, const Notice& notice, const std::atomic<bool>* cancel)
{
    const QString folder = QDir(runFolder).absolutePath();
    const QJsonObject runJson = readRunJson(folder);
    const QString checkpoint = latestCheckpoint(folder);
    if (checkpoint.isEmpty())
        throw Error(folder.toStdString() + ": no checkpoint to resume from (checkpoints/ is empty)");
    const CheckpointInfo info = readCheckpointInfo(checkpoint.toStdString());
    TrainingOptions options = info.options;
    if (steps)
        options.steps = *steps;
    RunCadence cadence = RunCadence::fromJson(runJson.value("cadence").toObject());
    if (maxMinutes)
        cadence.maxMinutes = *maxMinutes;
    const DataSpec spec = DataSpec::fromJson(runJson.value("data").toObject());
    const LoadedData data = loadTrainingData(spec, options.seed, notice, cancel);
    // The starting weights do not matter: the checkpoint replaces every value.
    Trainer trainer(initModel(info.config, 0), options, data.train, data.valid);
    const auto metadata = trainer.loadCheckpoint(checkpoint.toStdString());

    RunLog log(folder + "/log.jsonl");
    log.write({{"event", "resume"}, {"step", qint64(trainer.step())}, {"steps", qint64(options.steps)},
               {"checkpoint", checkpoint}});
    Session session;
    session.folder = folder;
    session.runJson = runJson;
    session.cadence = cadence;
    session.trainer = &trainer;
    session.dataSummary = data.summary;
    session.targetSteps = options.steps;
    session.progress = progress;
    session.notice = &notice;
    session.cancel = cancel;
    session.lastCheckpoint = checkpoint;
    if (const auto it = metadata.find("nsynth.history"); it != metadata.end())
        session.history = History::fromJson(parseObject(it->second));
    session.say(QString("resuming %1 at step %2 of %3").arg(folder).arg(trainer.step()).arg(options.steps));
    return session.loop(log);
}

} // namespace nsynth::app
