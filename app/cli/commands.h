#pragma once
// The `nsynth` subcommands. Each takes its full argument list (arguments[0] is
// "nsynth <command>") and returns the process exit status; errors are thrown (cli_common.h).

#include <QStringList>

namespace nsynth::app {

int runConform(const QStringList& arguments);
int runEncode(const QStringList& arguments);
int runDecode(const QStringList& arguments);
int runReconstruct(const QStringList& arguments);
int runInterpolate(const QStringList& arguments);
int runInfo(const QStringList& arguments);
int runInit(const QStringList& arguments);
int runScore(const QStringList& arguments);

} // namespace nsynth::app
