// nsynth-workbench: the Qt desktop workbench.
//
//   nsynth-workbench [--model FILE] [--workspace DIR] [--language CODE]
//
// The model: --model, else the one chosen in the settings, else $NSYNTH_MODEL, else the
// shipped default model (resources/models/default.safetensors); when there is none the
// workbench still starts (recording and importing need no model) and says which file is
// missing, in the status bar and on stderr.

#include "app_settings.h"
#include "current_model.h"
#include "language.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("nsynth-workbench"));
    QApplication::setOrganizationName(QStringLiteral("nsynth-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("NSynth Workbench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("NSynth Workbench: record, check, see and encode notes."));
    parser.addHelpOption();
    parser.addOption({"model", "Model to encode with (.safetensors or a TensorFlow checkpoint).", "file"});
    parser.addOption({"workspace", "Open this workspace folder.", "dir"});
    parser.addOption({"language", "Interface language for this run (en, fi; default: the settings, else the system's).", "code"});
    parser.process(app);

    nsynth::app::AppSettings settings;
    nsynth::app::LanguageManager language;
    language.apply(parser.isSet("language") ? parser.value("language") : settings.language());

    nsynth::widgets::WorkbenchOptions options;
    options.resourcesDir = QStringLiteral(NSYNTH_RESOURCES_DIR);
    options.modelPath = parser.value("model");
    if (options.modelPath.isEmpty() && settings.modelPath().isEmpty()) {
        QStringList looked;
        if (nsynth::app::CurrentModel::defaultModelPath(options.resourcesDir, &looked).isEmpty())
            std::fprintf(stderr,
                         "nsynth-workbench: no model: the default model %s is missing (train or copy one there, "
                         "or start with --model FILE); recording and importing work without one.\n",
                         qPrintable(QDir::toNativeSeparators(looked.last())));
    }

    nsynth::widgets::MainWindow window(&settings, &language, options);
    if (parser.isSet("workspace"))
        window.openWorkspace(parser.value("workspace"));
    window.show();
    return QApplication::exec();
}
