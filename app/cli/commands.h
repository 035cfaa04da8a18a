#pragma once
// The `nsynth` subcommands. Each command's source file registers itself with a static
// CommandRegistration, so adding a command is adding one cmd_<name>.cpp file (app/CMakeLists.txt
// picks them up). run() takes the full argument list (arguments[0] is "nsynth <command>") and
// returns the exit status; errors are thrown (cli_common.h).

#include <QStringList>

#include <vector>

namespace nsynth::app {

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments);
    int order;  // position in `nsynth --help`
};

// All registered commands, sorted by order then name.
std::vector<Command> registeredCommands();

struct CommandRegistration {
    CommandRegistration(const char* name, const char* summary, int (*run)(const QStringList&), int order);
};

} // namespace nsynth::app
