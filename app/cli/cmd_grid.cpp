// nsynth grid plan | run | status | export: Open NSynth Super interpolation grids, headless
// (docs/grid.md). The job logic lives in app/grid/; this file is the command line around it.

#include "audio_file.h"
#include "cli_common.h"
#include "commands.h"
#include "error.h"
#include "grid_export.h"
#include "grid_job.h"
#include "grid_runner.h"
#include "grid_settings.h"
#include "grid_status.h"
#include "model_file.h"
#include "model_source.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <csignal>
#include <cstdio>

namespace nsynth::app {
namespace {

// ---------------------------------------------------------------------------------------------
// Post-processing flags (plan sets the job's defaults, export may override them).

void addPostProcessingOptions(QCommandLineParser& parser)
{
    parser.addOption({"no-declick", "Post-processing: keep one-sample spikes."});
    parser.addOption({"no-normalize", "Post-processing: no peak normalisation."});
    parser.addOption({"normalize-db", "Post-processing: peak level in dBFS (ONS: -12).", "db"});
    parser.addOption({"no-onset-crop", "Post-processing: keep the note's start instead of cropping at its onset."});
    parser.addOption({"onset-threshold", "Post-processing: onset = first sample above this fraction of the peak "
                                         "(ONS: 0.1).", "fraction"});
    parser.addOption({"onset-backoff", "Post-processing: samples kept before the onset (ONS: 16).", "n"});
    parser.addOption({"final-length", "Post-processing: samples per final note, 0 = the generated length "
                                      "(ONS: 60000).", "n"});
    parser.addOption({"fade-samples", "Post-processing: linear fade in and out, in samples; 0 = none (ONS: 8).", "n"});
    parser.addOption({"no-fades", "Post-processing: no fades (same as --fade-samples 0)."});
}

audio::OnsPostProcessOptions applyPostProcessingOptions(const QCommandLineParser& parser,
                                                        audio::OnsPostProcessOptions o)
{
    if (parser.isSet("no-declick"))
        o.declick = false;
    if (parser.isSet("no-normalize"))
        o.normalize = false;
    if (parser.isSet("normalize-db")) {
        o.normalize = true;
        o.normalizeDb = parseDoubleOption(parser, "normalize-db", -120.0, 0.0);
    }
    if (parser.isSet("no-onset-crop"))
        o.onsetCrop = false;
    if (parser.isSet("onset-threshold"))
        o.onsetThreshold = parseDoubleOption(parser, "onset-threshold", 1e-6, 1.0);
    if (parser.isSet("onset-backoff"))
        o.onsetBackoff = parseIntOption(parser, "onset-backoff", 0, 1000000);
    if (parser.isSet("final-length"))
        o.finalLength = parseIntOption(parser, "final-length", 0, 100000000);
    if (parser.isSet("fade-samples"))
        o.fadeSamples = parseIntOption(parser, "fade-samples", 0, 1000000);
    if (parser.isSet("no-fades"))
        o.fadeSamples = 0;
    return o;
}

// "24,28,32" or ranges "24:48:4" (first:last[:step]), mixed.
std::vector<int> parsePitchList(const QString& text)
{
    std::vector<int> out;
    for (const auto& part : text.split(',', Qt::SkipEmptyParts)) {
        const QStringList r = part.trimmed().split(':');
        bool ok = true;
        std::vector<int> v;
        for (const auto& x : r) {
            bool good = false;
            v.push_back(x.toInt(&good));
            ok = ok && good;
        }
        if (!ok || r.size() > 3 || (r.size() == 3 && v[2] <= 0) || (r.size() >= 2 && v[1] < v[0]))
            throw UsageError(("--pitches: \"" + part + "\" is not a pitch or a range first:last[:step]").toStdString());
        if (r.size() == 1)
            out.push_back(v[0]);
        else
            for (int p = v[0]; p <= v[1]; p += r.size() == 3 ? v[2] : 1)
                out.push_back(p);
    }
    if (out.empty())
        throw UsageError("--pitches needs a list such as 24,28,32 or 24:84:4");
    return out;
}

// "a,b,c,d" (top-left, top-right, bottom-left, bottom-right); several per corner with '+'.
std::array<QList<GridInstrument>, 4> parseCorners(const QString& text)
{
    const QStringList parts = text.split(',');
    if (parts.size() != 4)
        throw UsageError(QString("--corners needs 4 comma-separated corners (top-left,top-right,bottom-left,"
                                 "bottom-right), got %1")
                             .arg(parts.size())
                             .toStdString());
    std::array<QList<GridInstrument>, 4> out;
    for (int k = 0; k < 4; ++k)
        for (const auto& name : parts[k].split('+'))
            out[size_t(k)].append({name.trimmed(), {}, {}});
    return out;
}

Model loadModelFor(const QString& path, const QString& weights)
{
    ModelLoadOptions options;
    options.weights = weights == "ema" ? ModelLoadOptions::Weights::Ema : ModelLoadOptions::Weights::Raw;
    options.notice = [](const std::string& message) { info(QString::fromStdString(message)); };
    return loadModelFromPath(path.toStdString(), options);
}

QString shortDuration(double seconds) { return ProgressReporter::formatDuration(seconds); }

// ---------------------------------------------------------------------------------------------

int runPlan(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Plan a grid job: read the grid settings (Open NSynth Super's settings.json, a grid file, and/or flags), "
        "check every corner note, de-duplicate the grid's notes across corner combinations, encode the corner notes "
        "and estimate the time on this machine. Writes the job folder (-o) that `grid run` fills.");
    addCommonOptions(parser);
    addModelOption(parser);
    parser.addOption({{"o", "output"}, "The job folder to create.", "folder"});
    parser.addOption({"notes", "Folder or file with the corner notes, <instrument>_<pitch>.wav (any audio format) or "
                               ".npy embeddings; repeatable. Overrides the settings file's.", "path"});
    parser.addOption({"corners", "Corner instruments top-left,top-right,bottom-left,bottom-right; several in one "
                                 "corner joined with '+' (a+b,c,d,e).", "a,b,c,d"});
    parser.addOption({"pitches", "MIDI pitches in bank order: 24,28,32 or ranges first:last:step (24:84:4).", "list"});
    parser.addOption({"resolution", "Grid cells per side (ONS: 9).", "n"});
    parser.addOption({"seed", "Random seed; every note has its own stream from (seed, note identity).", "n"});
    parser.addOption({"temperature", "Sampling temperature (Magenta: 1).", "t"});
    parser.addOption({"greedy", "Pick the most likely class at every step instead of sampling."});
    parser.addOption({"batch-size", "Notes decoded together (default 16); fixed for the job, since shards and "
                                    "resumes work on whole batches.", "n"});
    parser.addOption({"shards", "How many shards the job will be run as (per-shard estimate; default for "
                                "`grid status`).", "n"});
    addPostProcessingOptions(parser);
    parser.addOption({"no-measure", "Skip measuring the decoder speed (no time estimate)."});
    parser.addOption({"dry-run", "Check, plan and estimate only; write nothing."});
    parser.addPositionalArgument("settings", "ONS settings.json or a grid file (optional when flags give the grid).",
                                 "[SETTINGS]");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        throw UsageError("at most one settings file");
    if (!parser.isSet("dry-run") && !parser.isSet("output"))
        throw UsageError("a job folder is needed (-o JOB), or --dry-run");

    GridSettings settings;
    settings.sourceKind = "flags";
    if (!positional.isEmpty()) {
        try {
            settings = readGridSettingsFile(positional[0]);
        } catch (const GridProblems& e) {
            if (common.json)
                printJson(QJsonObject{{"command", "grid plan"},
                                      {"ok", false},
                                      {"problems", QJsonArray::fromStringList(e.problems())}});
            throw;
        }
        // ONS keeps its source notes in workdir/audio_input beside settings.json.
        const QString onsNotes = QFileInfo(positional[0]).absolutePath() + "/workdir/audio_input";
        if (settings.sourceKind == "ons" && settings.notes.isEmpty() && !parser.isSet("notes") &&
            QFileInfo(onsNotes).isDir()) {
            settings.notes << onsNotes;
            settings.notices << "notes from " + onsNotes + " (ONS's layout)";
        }
    }
    if (parser.isSet("notes")) {
        settings.notes.clear();
        for (const auto& n : parser.values("notes"))
            settings.notes << QFileInfo(n).absoluteFilePath();
    }
    if (parser.isSet("corners"))
        settings.corners = parseCorners(parser.value("corners"));
    if (parser.isSet("pitches"))
        settings.pitches = parsePitchList(parser.value("pitches"));
    if (parser.isSet("resolution"))
        settings.resolution = parseIntOption(parser, "resolution", 2, kMaxGridResolution);
    if (parser.isSet("seed")) {
        bool ok = false;
        settings.seed = parser.value("seed").toULongLong(&ok);
        if (!ok)
            throw UsageError("--seed must be a non-negative integer");
    }
    if (parser.isSet("temperature"))
        settings.temperature = parseDoubleOption(parser, "temperature", 1e-3, 100.0);
    if (parser.isSet("greedy"))
        settings.greedy = true;
    if (parser.isSet("batch-size"))
        settings.batchSize = parseIntOption(parser, "batch-size", 1, 4096);
    if (parser.isSet("shards"))
        settings.shards = parseIntOption(parser, "shards", 1, 100000);
    settings.post = applyPostProcessingOptions(parser, settings.post);
    if (parser.isSet("model") || settings.model.isEmpty())
        settings.model = QFileInfo(modelPath(parser)).absoluteFilePath();
    if (parser.isSet("weights") || settings.sourceKind != "grid")
        settings.weights = parser.value("weights");

    GridPlanRequest request;
    request.settings = settings;
    request.folder = parser.value("output");
    request.dryRun = parser.isSet("dry-run");
    request.measure = !parser.isSet("no-measure");
    request.progress = common.progress;
    request.arguments = arguments;
    request.loadModel = loadModelFor;
    request.notice = [](const QString& s) { info(s); };
    request.cancel = &cancelFlag();
    QJsonObject summary;
    try {
        summary = planGridJob(request);
    } catch (const GridProblems& e) {
        if (common.json)
            printJson(QJsonObject{{"command", "grid plan"}, {"ok", false}, {"problems", QJsonArray::fromStringList(e.problems())}});
        for (const auto& p : e.problems())
            info("  " + p);
        throw;
    }
    summary["command"] = "grid plan";
    summary["ok"] = true;
    summary["notices"] = QJsonArray::fromStringList(settings.notices);
    if (common.json) {
        printJson(summary);
        return 0;
    }
    const QJsonObject counts = summary["counts"].toObject();
    info(QString("grid plan: %1 combination(s) x %2 cells x %3 pitches = %4 notes, %5 unique")
             .arg(counts["combinations"].toInteger())
             .arg(counts["cells"].toInt())
             .arg(counts["pitches"].toInt())
             .arg(counts["naive_notes"].toInteger())
             .arg(counts["unique_notes"].toInteger()));
    info("estimate: " + summary["estimate"].toObject()["text"].toString());
    if (summary.contains("job"))
        info(QString("job %1 %2; next: nsynth grid run %1")
                 .arg(summary["job"].toString(), summary.contains("already_planned") ? "was already planned" : "created"));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// run: signals. The first SIGINT/SIGTERM/SIGUSR1 stops after the batch in progress; a second one
// abandons that batch (its notes are generated again by the next run).

std::atomic<bool> g_stopAfterBatch{false};
std::atomic<bool> g_abortNow{false};

extern "C" void onGridSignal(int)
{
    if (g_stopAfterBatch.exchange(true))
        g_abortNow.store(true);
    cancelFlag().store(true);
}

ShardSpec shardFromEnvironment(QString* source)
{
    const QByteArray id = qgetenv("SLURM_ARRAY_TASK_ID");
    if (id.isEmpty())
        return {};
    const QByteArray count = qgetenv("SLURM_ARRAY_TASK_COUNT");
    if (count.isEmpty())
        throw Error("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; pass --shard K/N");
    bool ok1 = false, ok2 = false, ok3 = true, ok4 = true;
    const qint64 taskId = id.toLongLong(&ok1), n = count.toLongLong(&ok2);
    const QByteArray minText = qgetenv("SLURM_ARRAY_TASK_MIN"), stepText = qgetenv("SLURM_ARRAY_TASK_STEP");
    const qint64 first = minText.isEmpty() ? 0 : minText.toLongLong(&ok3);
    const qint64 step = stepText.isEmpty() ? 1 : stepText.toLongLong(&ok4);
    if (!ok1 || !ok2 || !ok3 || !ok4 || step < 1)
        throw Error("SLURM_ARRAY_TASK_* variables are not numbers; pass --shard K/N");
    const qint64 k = (taskId - first) / step;
    if ((taskId - first) % step != 0 || k < 0 || k >= n)
        throw Error(QString("SLURM_ARRAY_TASK_ID=%1 is not one of %2 array tasks starting at %3 (step %4); pass "
                            "--shard K/N")
                        .arg(taskId)
                        .arg(n)
                        .arg(first)
                        .arg(step)
                        .toStdString());
    *source = QString("from SLURM_ARRAY_TASK_ID=%1, SLURM_ARRAY_TASK_COUNT=%2").arg(taskId).arg(n);
    return {int(k), int(n)};
}

int runRun(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Generate a planned grid job's notes (all, or one shard's batches), skipping finished ones. Each note is "
        "written to JOB/raw/ as soon as its batch is done. SIGINT/SIGTERM/SIGUSR1 stop after the batch in progress "
        "(a second signal abandons it); run again to continue.");
    addCommonOptions(parser);
    parser.addOption({"shard", "Run only shard K of N (batches b with b mod N = K, K from 0). Default: from "
                               "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (and _MIN, _STEP), else the whole job.",
                      "K/N"});
    parser.addOption({"max-batches", "Stop after this many batches.", "n"});
    parser.addOption({"model", "The job's model at another path (its weights must be the ones planned with).", "path"});
    parser.addPositionalArgument("job", "The job folder (from grid plan).", "JOB");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (parser.positionalArguments().size() != 1)
        throw UsageError("give exactly one job folder");
    ShardSpec shard;
    QString shardSource = "whole job";
    if (parser.isSet("shard")) {
        try {
            shard = parseShardSpec(parser.value("shard").toStdString());
        } catch (const Error& e) {
            throw UsageError(std::string("--shard: ") + e.what());
        }
        shardSource = "from --shard";
    } else {
        shard = shardFromEnvironment(&shardSource);
    }
    const int64_t maxBatches = parser.isSet("max-batches") ? parseIntOption(parser, "max-batches", 0, 1 << 30) : -1;

    const GridJob job = GridJob::open(parser.positionalArguments()[0]);
    const QString modelFile = parser.isSet("model") ? parser.value("model") : job.modelPath();
    const Model model = loadModelFor(modelFile, job.settings().weights);

    g_stopAfterBatch = false;
    g_abortNow = false;
    std::signal(SIGINT, onGridSignal);
    std::signal(SIGTERM, onGridSignal);
    std::signal(SIGUSR1, onGridSignal);

    const GridSchedule schedule = job.schedule();
    if (!common.json)
        info(QString("grid run: %1, shard %2 (%3): %4 of %5 batches, batch size %6")
                 .arg(job.folder(), QString::fromStdString(formatShardSpec(shard)), shardSource)
                 .arg(schedule.shardBatches(shard).size())
                 .arg(schedule.batches())
                 .arg(schedule.batchSize()));
    ProgressReporter reporter("grid run", "samples", 0, common.progress);
    GridRunOptions options;
    options.shard = shard;
    options.maxBatches = maxBatches;
    options.stopAfterBatch = &g_stopAfterBatch;
    options.abortNow = &g_abortNow;
    const QString shardText = QString::fromStdString(formatShardSpec(shard));
    bool announcedStop = false;
    options.progress = [&](const GridRunProgress& p) {
        reporter.setTotal(p.samplesTotal);
        reporter.update(p.samplesDone);
        if (p.batch >= 0 && common.progress == ProgressStyle::Json) {
            const QJsonObject o{{"event", "batch"},
                                {"task", "grid run"},
                                {"shard", shardText},
                                {"batch", qint64(p.batch)},
                                {"batches_done", qint64(p.batchesDone)},
                                {"batches_total", qint64(p.batchesTotal)},
                                {"notes_done", qint64(p.notesDone)},
                                {"notes_total", qint64(p.notesTotal)}};
            std::fprintf(stderr, "%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
            std::fflush(stderr);
        }
        if (g_stopAfterBatch.load() && !announcedStop && common.progress != ProgressStyle::Json) {
            announcedStop = true;
            info("\ngrid run: stopping after the batch in progress (signal again to abandon it)");
        }
    };
    GridRunResult result;
    try {
        result = runGridShard(job, model, options);
    } catch (const Cancelled&) {
        if (common.json)
            printJson(QJsonObject{{"command", "grid run"}, {"job", job.folder()}, {"outcome", "aborted"}});
        throw;
    }
    reporter.finish();
    QJsonObject summary = result.toJson();
    summary["command"] = "grid run";
    summary["job"] = job.folder();
    summary["model"] = QFileInfo(modelFile).absoluteFilePath();
    summary["shard_source"] = shardSource;
    const bool signalled = g_stopAfterBatch.load();
    summary["outcome"] = signalled ? "stopped" : (result.stopped ? "stopped (max batches)" : "finished");
    if (common.json)
        printJson(summary);
    else
        info(QString("grid run: %1 notes generated in %2 batches (%3, %4 samples/s); shard %5 %6; job %7/%8 notes done")
                 .arg(result.notesGenerated)
                 .arg(result.batchesRun)
                 .arg(shortDuration(result.seconds))
                 .arg(result.seconds > 0 ? double(result.samplesGenerated) / result.seconds : 0.0, 0, 'f', 0)
                 .arg(shardText, result.shardComplete ? "complete" : "not complete")
                 .arg(result.jobNotesDone)
                 .arg(result.jobNotes));
    if (signalled) {
        info("grid run: stopped by a signal at a batch boundary; run again to continue");
        return 130;
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------

int runStatus(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Show a grid job's progress: notes and batches done and missing, per shard.");
    addCommonOptions(parser);
    parser.addOption({"shards", "Shard count to report on (default: the job's planned shard count, or "
                                "SLURM_ARRAY_TASK_COUNT).", "n"});
    parser.addOption({"verify", "Also read every generated note back and check it (slower)."});
    parser.addOption({"list", "List every missing note (default: the first 50 in --json, 10 on the terminal)."});
    parser.addPositionalArgument("job", "The job folder.", "JOB");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (parser.positionalArguments().size() != 1)
        throw UsageError("give exactly one job folder");
    const GridJob job = GridJob::open(parser.positionalArguments()[0]);
    int shards = job.settings().shards;
    if (!qgetenv("SLURM_ARRAY_TASK_COUNT").isEmpty())
        shards = qEnvironmentVariableIntValue("SLURM_ARRAY_TASK_COUNT");
    if (parser.isSet("shards"))
        shards = parseIntOption(parser, "shards", 1, 100000);
    if (shards < 1)
        shards = 1;
    const GridStatus s = gridStatus(job, shards, parser.isSet("verify"));
    const int listed = parser.isSet("list") ? int(s.missingNotes.size()) : (common.json ? 50 : 10);
    QJsonObject o = s.toJson(job, listed);
    o["command"] = "grid status";
    if (common.json) {
        printJson(o);
        return 0;
    }
    auto out = [](const QString& line) { std::fprintf(stdout, "%s\n", qPrintable(line)); };
    out(QString("job      %1").arg(job.folder()));
    out(QString("notes    %1 of %2 done (%3%), %4 missing; %5 of %6 batches complete (batch size %7)")
            .arg(s.notesDone)
            .arg(s.notes)
            .arg(s.notes ? 100.0 * double(s.notesDone) / double(s.notes) : 100.0, 0, 'f', 1)
            .arg(s.notes - s.notesDone)
            .arg(s.batchesDone)
            .arg(s.batches)
            .arg(job.settings().batchSize));
    out(QString("banks    %1 of %2 corner combinations complete").arg(s.combinationsComplete).arg(s.combinations));
    for (const auto& sh : s.shards)
        out(QString("shard    %1 batches %2 done, %3 partial, %4 missing; notes %5/%6%7")
                .arg(QString::fromStdString(formatShardSpec(sh.shard)), -6)
                .arg(sh.batchesDone)
                .arg(sh.batchesPartial)
                .arg(sh.batches - sh.batchesDone - sh.batchesPartial)
                .arg(sh.notesDone)
                .arg(sh.notes)
                .arg(sh.complete() ? "  complete" : ""));
    for (int i = 0; i < listed && i < int(s.missingNotes.size()); ++i)
        out("missing  " + QString::fromStdString(job.plan().notes[size_t(s.missingNotes[size_t(i)])].identity));
    if (int(s.missingNotes.size()) > listed)
        out(QString("missing  ... and %1 more (--list shows all)").arg(s.missingNotes.size() - size_t(listed)));
    if (s.temporaries > 0)
        out(QString("note     %1 temporary file(s) in raw/ from interrupted writes (ignored; delete them when no run is "
                    "active)")
                .arg(s.temporaries));
    for (const auto& m : s.invalidRawMessages)
        out("invalid  " + m + " (delete it; the next run generates it again)");
    out(QString("runs     %1 recorded, %2 of generation, %3 samples")
            .arg(s.runs.size())
            .arg(shortDuration(o["run_seconds_total"].toDouble()))
            .arg(qint64(o["run_samples_total"].toDouble())));
    out(s.complete() ? QString("complete: nsynth grid export %1 -o OUT").arg(job.folder())
                     : QString("next     nsynth grid run %1 [--shard K/%2]").arg(job.folder()).arg(shards));
    return 0;
}

// ---------------------------------------------------------------------------------------------

int runExport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Export a grid job's notes, post-processed as Open NSynth Super does (declick, -12 dBFS peak, onset crop, "
        "60000 samples, 8-sample fades; no MP3 round trip): ONS banks + the device's settings.json, the course's Pd "
        "grid, and/or a WAV/FLAC sample pack, with a manifest.json.");
    addCommonOptions(parser);
    parser.addOption({{"o", "output"}, "The export folder.", "folder"});
    parser.addOption({"target", "What to write, comma-separated: ons, pd, pack (default ons).", "list", "ons"});
    parser.addOption({"format", "Sample pack format: wav or flac.", "format", "wav"});
    parser.addOption({"bit-depth", "Sample pack sample format: 16, 24 or 32f.", "bits", "16"});
    parser.addOption({"pack-raw", "Sample pack of the raw generated notes instead of the post-processed ones."});
    parser.addOption({"allow-missing", "Export an unfinished job: missing notes become silence."});
    parser.addOption({"no-hash", "Do not put sha256 sums of the banks in the manifest."});
    parser.addOption({"data-directory", "nsynth.dataDirectory in the device settings.", "dir", "/home/pi/pads"});
    parser.addOption({"cache-mb", "Memory for final notes shared between banks.", "mb", "1024"});
    addPostProcessingOptions(parser);
    parser.addPositionalArgument("job", "The job folder.", "JOB");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    if (parser.positionalArguments().size() != 1)
        throw UsageError("give exactly one job folder");
    if (!parser.isSet("output"))
        throw UsageError("an export folder is needed (-o OUT)");
    GridExportOptions options;
    options.ons = false;
    for (const auto& t : parser.value("target").split(',', Qt::SkipEmptyParts)) {
        const QString x = t.trimmed().toLower();
        if (x == "ons")
            options.ons = true;
        else if (x == "pd")
            options.pd = true;
        else if (x == "pack")
            options.pack = true;
        else
            throw UsageError(("--target: unknown \"" + x + "\" (choose from ons, pd, pack)").toStdString());
    }
    options.packFormat = parser.value("format").toLower();
    options.packBitDepth = parser.value("bit-depth").toLower();
    try {
        audio::parseAudioFileFormat(options.packFormat.toStdString());
        audio::parseSampleEncoding(options.packBitDepth.toStdString());
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    options.packRaw = parser.isSet("pack-raw");
    options.allowMissing = parser.isSet("allow-missing");
    options.hash = !parser.isSet("no-hash");
    options.dataDirectory = parser.value("data-directory");
    options.cacheBytes = int64_t(parseIntOption(parser, "cache-mb", 16, 1 << 20)) << 20;
    options.output = parser.value("output");
    options.arguments = arguments;
    options.cancel = &cancelFlag();

    const GridJob job = GridJob::open(parser.positionalArguments()[0]);
    options.post = applyPostProcessingOptions(parser, job.settings().post);
    ProgressReporter reporter("grid export", "bytes", gridExportBytes(job, options), common.progress);
    options.progress = [&](int64_t done, int64_t) { reporter.update(done); };
    const GridExportResult result = exportGrid(job, options);
    reporter.finish();
    QJsonObject summary = result.toJson();
    summary["command"] = "grid export";
    summary["job"] = job.folder();
    summary["output"] = QDir(options.output).absolutePath();
    if (common.json) {
        printJson(summary);
        return 0;
    }
    info(QString("grid export: %1 file(s), %2 MB in %3 (%4 MB/s) to %5; manifest %6")
             .arg(result.files)
             .arg(double(result.bytes) / 1e6, 0, 'f', 1)
             .arg(shortDuration(result.seconds))
             .arg(result.seconds > 0 ? double(result.bytes) / 1e6 / result.seconds : 0.0, 0, 'f', 1)
             .arg(summary["output"].toString(), result.manifest));
    if (result.missingNotes > 0)
        info(QString("grid export: %1 note(s) were missing and are silent").arg(result.missingNotes));
    return 0;
}

} // namespace

static int runGrid(const QStringList& arguments)
{
    static const char* kUsage =
        "Usage: nsynth grid <plan|run|status|export> [options]   (nsynth grid <subcommand> --help)\n\n"
        "  plan    check the settings and notes, de-duplicate, encode the corners, estimate; writes the job folder\n"
        "  run     generate the job's notes (or one shard's: --shard K/N, default from Slurm array variables)\n"
        "  status  notes and batches done and missing, per shard\n"
        "  export  ONS banks + device settings.json, Pd grid, WAV/FLAC pack, manifest.json\n";
    if (arguments.size() < 2 || arguments[1] == "--help" || arguments[1] == "-h" || arguments[1] == "help") {
        std::fprintf(arguments.size() < 2 ? stderr : stdout, "%s", kUsage);
        return arguments.size() < 2 ? 2 : 0;
    }
    const QString sub = arguments[1];
    QStringList rest = arguments.mid(2);
    rest.prepend("nsynth grid " + sub);
    if (sub == "plan")
        return runPlan(rest);
    if (sub == "run")
        return runRun(rest);
    if (sub == "status")
        return runStatus(rest);
    if (sub == "export")
        return runExport(rest);
    throw UsageError(("unknown grid subcommand \"" + sub + "\" (plan, run, status, export)").toStdString());
}

static const CommandRegistration kGridRegistration{
    "grid", "Open NSynth Super grids: plan, run (resumable, sharded), status, export banks", runGrid, 70};

} // namespace nsynth::app
