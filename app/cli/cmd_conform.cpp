// nsynth conform: check and conform notes to the workshop's spec.

#include "audio_file.h"
#include "cli_common.h"
#include "commands.h"
#include "conform.h"
#include "error.h"
#include "manifest.h"
#include "note_name.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>

#include <cmath>

namespace nsynth::app {
namespace {

QJsonObject reportToJson(const audio::ConformReport& r)
{
    QJsonArray checks;
    for (const auto& c : r.checks)
        checks.append(QJsonObject{{"severity", QString::fromStdString(audio::severityName(c.severity))},
                                  {"code", QString::fromStdString(c.code)},
                                  {"message", QString::fromStdString(c.message)}});
    QJsonObject o{{"source_rate", r.sourceRate},
                  {"source_channels", r.sourceChannels},
                  {"source_frames", qint64(r.sourceFrames)},
                  {"source_format", QString::fromStdString(r.sourceFormat)},
                  {"onset_sample", qint64(r.onsetSample)},
                  {"trimmed_samples", qint64(r.trimmedSamples)},
                  {"padded_samples", qint64(r.paddedSamples)},
                  {"cut_samples", qint64(r.cutSamples)},
                  {"peak_db", std::isfinite(r.peakDb) ? QJsonValue(r.peakDb) : QJsonValue()},
                  {"rms_db", std::isfinite(r.rmsDb) ? QJsonValue(r.rmsDb) : QJsonValue()},
                  {"dc_offset", r.dcOffset},
                  {"clipped_samples", qint64(r.clippedSamples)},
                  {"checks", checks}};
    if (r.pitch.voiced)
        o["detected_pitch"] = QJsonObject{{"hz", r.pitch.frequencyHz}, {"midi", r.pitch.midi},
                                          {"confidence", r.pitch.confidence}};
    if (r.name) {
        o["instrument"] = QString::fromStdString(r.name->safeInstrument);
        o["pitch"] = r.name->pitch;
    }
    if (r.centsFromNamed)
        o["cents_from_named"] = *r.centsFromNamed;
    o["octave_error"] = r.octaveError;
    return o;
}

} // namespace

static int runConform(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Check notes and conform them to the workshop's spec: mono, 16 kHz, 16-bit, exactly 64000 samples, "
        "starting just before the onset, named instrument_pitch.wav. Every problem of every note is listed "
        "in one run. With --check nothing is written (what a teacher needs when collecting a class's "
        "samples). Without it, nothing is written either if any note has an error, unless --keep-going.");
    addCommonOptions(parser);
    parser.addOption({"check", "Only check and report; write nothing."});
    parser.addOption({"strict", "Treat warnings (pitch off, clipping, quiet, short, ...) as errors."});
    parser.addOption({"keep-going", "Write the notes that passed even if others failed."});
    parser.addOption({{"o", "output"}, "Output folder for the conformed notes.", "folder"});
    parser.addOption({"length", "Samples per note.", "n", "64000"});
    parser.addOption({"rate", "Sample rate in Hz.", "hz", "16000"});
    parser.addOption({"no-trim", "Keep leading silence (do not start at the onset)."});
    parser.addOption({"pre-onset-ms", "Milliseconds kept before the onset.", "ms", "5"});
    parser.addOption({"normalize", "Peak-normalise each note (to --peak-db)."});
    parser.addOption({"peak-db", "Peak level for --normalize, dBFS.", "db", "-1"});
    parser.addOption({"remove-dc", "Subtract each note's DC offset."});
    parser.addOption({"instrument", "Instrument name for a single input whose file name does not parse.", "name"});
    parser.addOption({"pitch", "MIDI pitch for a single input whose file name does not parse.", "midi"});
    parser.addPositionalArgument("inputs", "Audio files or folders (searched recursively).", "INPUT...");
    if (!parseArguments(parser, arguments))
        return 0;
    const auto common = commonOptions(parser);
    const bool checkOnly = parser.isSet("check"), strict = parser.isSet("strict");
    if (parser.positionalArguments().isEmpty())
        throw UsageError("no inputs given");
    if (!checkOnly && !parser.isSet("output"))
        throw UsageError("an output folder is needed (-o FOLDER), or --check to only report");
    audio::ConformOptions options;
    options.length = parseIntOption(parser, "length", 512, 16000 * 600);
    options.sampleRate = parseIntOption(parser, "rate", 1000, 384000);
    options.trimLeadingSilence = !parser.isSet("no-trim");
    options.preOnsetMs = parseDoubleOption(parser, "pre-onset-ms", 0, 1000);
    options.normalize = parser.isSet("normalize");
    options.normalizePeakDb = parseDoubleOption(parser, "peak-db", -60, 0);
    options.removeDc = parser.isSet("remove-dc");
    QString forcedInstrument;
    int forcedPitch = -1;
    if (parser.isSet("instrument") != parser.isSet("pitch"))
        throw UsageError("--instrument and --pitch go together");
    if (parser.isSet("instrument")) {
        forcedInstrument = parser.value("instrument");
        forcedPitch = parseIntOption(parser, "pitch", 0, 127);
        std::string why;
        if (!audio::isValidInstrumentName(forcedInstrument.toStdString(), &why))
            throw UsageError("--instrument: " + why);
    }

    QElapsedTimer timer;
    timer.start();
    const QStringList inputs = collectInputs(parser.positionalArguments(), audioExtensions());
    if (inputs.isEmpty())
        throw Error("no audio files found in the given folders");
    if (!forcedInstrument.isEmpty() && inputs.size() != 1)
        throw UsageError("--instrument/--pitch apply to a single input");

    struct Result {
        QString input;
        QString outputName;
        bool readable = true;
        QString readError;
        audio::ConformedNote note;
        bool failed = false;
    };
    std::vector<Result> results(size_t(inputs.size()));
    ProgressReporter reporter("conform", "notes", inputs.size(), common.progress);
    QHash<QString, int> byOutput;
    for (int i = 0; i < inputs.size(); ++i) {
        if (cancelFlag().load())
            throw Cancelled();
        auto& r = results[size_t(i)];
        r.input = inputs[i];
        try {
            const auto data = audio::readAudio(inputs[i].toStdString());
            std::string nameSource = inputs[i].toStdString();
            if (!forcedInstrument.isEmpty())
                nameSource = audio::workshopFileName(forcedInstrument.toStdString(), forcedPitch);
            r.note = audio::conformNote(data, nameSource, options);
            if (r.note.report.name)
                r.outputName = QString::fromStdString(
                    audio::workshopFileName(r.note.report.name->safeInstrument, r.note.report.name->pitch));
        } catch (const Error& e) {
            r.readable = false;
            r.readError = QString::fromStdString(e.what());
        }
        r.failed = !r.readable || r.note.report.hasErrors() || (strict && r.note.report.hasWarnings());
        if (!r.outputName.isEmpty()) {
            if (byOutput.contains(r.outputName)) {
                r.failed = true;
                r.readError = QString("%1 and %2 both become %3")
                                  .arg(inputs[byOutput[r.outputName]], inputs[i], r.outputName);
            } else {
                byOutput[r.outputName] = i;
            }
        }
        reporter.update(i + 1);
    }
    reporter.finish();

    // Report: one line per note, then its problems indented.
    int failures = 0, warnings = 0;
    QJsonArray notesJson;
    for (const auto& r : results) {
        failures += r.failed;
        const auto& rep = r.note.report;
        warnings += r.readable && rep.hasWarnings();
        QJsonObject o = r.readable ? reportToJson(rep) : QJsonObject{};
        o["input"] = QFileInfo(r.input).absoluteFilePath();
        o["status"] = r.failed ? "error" : (r.readable && rep.hasWarnings() ? "warning" : "ok");
        if (!r.outputName.isEmpty())
            o["output_name"] = r.outputName;
        if (!r.readError.isEmpty())
            o["error"] = r.readError;
        notesJson.append(o);
        if (common.json)
            continue;
        const QString status = r.failed ? "FAIL" : (r.readable && rep.hasWarnings() ? "WARN" : "ok  ");
        QString line = QString("%1 %2").arg(status, r.input);
        if (!r.outputName.isEmpty())
            line += "  -> " + r.outputName;
        if (r.readable && rep.pitch.voiced)
            line += QString("  (%1 Hz%2)")
                        .arg(rep.pitch.frequencyHz, 0, 'f', 1)
                        .arg(rep.centsFromNamed ? QString(", %1 cents").arg(*rep.centsFromNamed, 0, 'f', 0) : "");
        std::fprintf(stderr, "%s\n", qPrintable(line));
        if (!r.readError.isEmpty())
            std::fprintf(stderr, "     error: %s\n", qPrintable(r.readError));
        for (const auto& c : rep.checks)
            if (c.severity != audio::NoteCheck::Severity::Info)
                std::fprintf(stderr, "     %s: %s\n", audio::severityName(c.severity).c_str(), c.message.c_str());
    }

    QJsonArray written;
    QString folder;
    const bool write = !checkOnly && (failures == 0 || parser.isSet("keep-going"));
    if (write) {
        folder = prepareOutputFolder(parser.value("output"));
        QStringList ins, outs;
        for (const auto& r : results)
            if (!r.failed) {
                ins << r.input;
                outs << folder + "/" + r.outputName;
            }
        checkOutputPlan(ins, outs);
        Manifest manifest("conform", arguments);
        manifest.setParameter("length", qint64(options.length));
        manifest.setParameter("rate", options.sampleRate);
        manifest.setParameter("trim", options.trimLeadingSilence);
        manifest.setParameter("pre_onset_ms", options.preOnsetMs);
        manifest.setParameter("normalize", options.normalize);
        manifest.setParameter("peak_db", options.normalizePeakDb);
        manifest.setParameter("remove_dc", options.removeDc);
        for (int k = 0; k < ins.size(); ++k) {
            const auto& r = *std::find_if(results.begin(), results.end(), [&](const Result& x) { return x.input == ins[k]; });
            audio::AudioWriteOptions wo;  // WAV, 16-bit: the samples are already on the 16-bit grid
            audio::writeAudio(outs[k].toStdString(), r.note.samples.data(), int64_t(r.note.samples.size()),
                              options.sampleRate, wo);
            manifest.addInput(ins[k]);
            QJsonObject o = reportToJson(r.note.report);
            o["path"] = outs[k];
            o["source"] = QFileInfo(ins[k]).absoluteFilePath();
            manifest.addOutput(o);
            written.append(outs[k]);
        }
        manifest.setTiming("total", double(timer.elapsed()) / 1000.0);
        manifest.write(folder);
    }

    const int ok = int(results.size()) - failures;
    if (common.json) {
        printJson(QJsonObject{{"command", "conform"},
                              {"checked", int(results.size())},
                              {"ok", ok},
                              {"failed", failures},
                              {"with_warnings", warnings},
                              {"written", written},
                              {"notes", notesJson}});
    } else {
        QString summary = QString("conform: %1 note(s) checked, %2 ok, %3 failed, %4 with warnings")
                              .arg(results.size()).arg(ok).arg(failures).arg(warnings);
        if (write)
            summary += QString("; wrote %1 to %2").arg(written.size()).arg(folder);
        else if (!checkOnly)
            summary += "; nothing written because of the failures (fix them, or --keep-going)";
        info(summary);
    }
    return failures > 0 ? 1 : 0;
}

static const CommandRegistration kConformRegistration{"conform", "check and conform notes to spec (mono, 16 kHz, 16-bit, 64000 samples, instrument_pitch.wav)", runConform, 10};

} // namespace nsynth::app
