// `nsynth`: the headless twin of NSynth Workbench (README "Command line").

#include "cli_common.h"
#include "commands.h"
#include "error.h"
#include "version.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace nsynth::app {

namespace {
std::vector<Command>& registry()
{
    static std::vector<Command> commands;
    return commands;
}
} // namespace

CommandRegistration::CommandRegistration(const char* name, const char* summary, int (*run)(const QStringList&),
                                         int order)
{
    registry().push_back({name, summary, run, order});
}

std::vector<Command> registeredCommands()
{
    auto list = registry();
    std::sort(list.begin(), list.end(), [](const Command& a, const Command& b) {
        return a.order != b.order ? a.order < b.order : std::strcmp(a.name, b.name) < 0;
    });
    return list;
}

} // namespace nsynth::app

namespace {

using nsynth::app::Command;

void printUsage(FILE* out)
{
    std::fprintf(out, "nsynth %s: the NSynth WaveNet autoencoder on the command line\n\n", nsynth::app::kVersion);
    std::fprintf(out, "Usage: nsynth <command> [options]   (nsynth <command> --help for its options)\n\nCommands:\n");
    for (const auto& c : nsynth::app::registeredCommands())
        std::fprintf(out, "  %-12s %s\n", c.name, c.summary);
    std::fprintf(out, "\nEvery command takes --json (summary on stdout), --progress, --threads.\n");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("nsynth");
    QCoreApplication::setApplicationVersion(nsynth::app::kVersion);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
        printUsage(args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == "--version") {
        std::printf("nsynth %s\n", nsynth::app::kVersion);
        return 0;
    }
    const auto commands = nsynth::app::registeredCommands();
    const Command* command = nullptr;
    for (const auto& c : commands)
        if (args[1] == c.name)
            command = &c;
    if (!command) {
        std::fprintf(stderr, "nsynth: unknown command \"%s\" (nsynth --help lists them)\n", qPrintable(args[1]));
        return 2;
    }
    QStringList commandArgs = args.mid(2);
    commandArgs.prepend(QString("nsynth ") + command->name);
    nsynth::app::installSignalHandlers();
    try {
        return command->run(commandArgs);
    } catch (const nsynth::Cancelled&) {
        std::fprintf(stderr, "nsynth %s: cancelled; finished outputs are kept, nothing partial was written\n",
                     command->name);
        return 130;
    } catch (const nsynth::app::UsageError& e) {
        std::fprintf(stderr, "nsynth %s: %s (see nsynth %s --help)\n", command->name, e.what(), command->name);
        return 2;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "nsynth %s: error: out of memory (try a smaller --batch-size)\n", command->name);
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nsynth %s: error: %s\n", command->name, e.what());
        return 1;
    }
}
