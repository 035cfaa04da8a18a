#pragma once
// Quoting for the two command-line parsers that user data can reach on its way to a cluster:
//
//   - POSIX sh: every remote command is one script read by `/bin/sh -s` (remote_script.h), so
//     every path, name and argument in it is quoted with shellQuote(): the word in single
//     quotes, an embedded ' written as '\''. Inside single quotes sh, dash, bash, ksh and zsh
//     interpret nothing ($, `, \, ;, spaces, newlines and non-ASCII all stay literal).
//   - rsync's -e option: rsync splits the remote-shell command itself (on spaces, honouring '
//     and " quotes, a doubled quote inside a quoted part standing for the quote character), so
//     the ssh command line we hand it is quoted with rsyncShellWord().
//
// Locally nothing is ever parsed by a shell: processes get argument lists (QProcess).

#include <QString>
#include <QStringList>

namespace nsynth::app {

// 'word' for POSIX sh ('' for the empty word).
QString shellQuote(const QString& word);
// The words quoted and joined by spaces.
QString shellJoin(const QStringList& words);

// One word of rsync's -e command line.
QString rsyncShellWord(const QString& word);
QString rsyncShellCommand(const QStringList& words);

// True when the text holds a control character (newline, tab, escape, NUL, DEL...): such names
// are refused before they reach a remote side, since line-based tools (Slurm's output files,
// our marker protocol) cannot carry them faithfully.
bool hasControlCharacters(const QString& text);

} // namespace nsynth::app
