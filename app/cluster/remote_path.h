#pragma once
// A path on the cluster: absolute ("/scratch/work/me/nsynth") or relative to the remote home
// ("~/nsynth", kept as "nsynth" with homeRelative set). Nothing else is expanded: "$USER" or "*"
// in a profile's work directory are literal characters, so a path can never run anything.
//
// The same path has three spellings:
//   shell()     for POSIX sh scripts: '/abs/path' or "$HOME"/'rel/path' (quoted, remote_script.h)
//   resolved()  for rsync and scp: always absolute, "~" replaced by the remote $HOME (asked once
//               per connection), since their relative paths start from the login folder, which
//               need not be $HOME
//   display()   for messages: /abs/path or ~/rel/path

#include <QString>
#include <QStringList>

namespace nsynth::app {

class RemotePath {
public:
    RemotePath() = default;
    // "~", "~/x" or "/x"; anything else (relative, "~user/", control characters) -> Error.
    static RemotePath parse(const QString& text, const QString& what);
    static RemotePath absolute(const QString& path);

    bool isEmpty() const { return m_path.isEmpty() && !m_homeRelative; }
    bool homeRelative() const { return m_homeRelative; }
    // "a/b" appended (each component literal; ".." and "." are refused by callers' names).
    RemotePath child(const QString& relative) const;
    QString fileName() const;

    QString shell() const;
    QString resolved(const QString& remoteHome) const;
    QString display() const;
    // The local path this names on this machine (local profiles): "~" expands to $HOME.
    QString local() const;

    bool operator==(const RemotePath&) const = default;

private:
    bool m_homeRelative = false;
    QString m_path;  // without the leading "~/"; "" with homeRelative = the home folder itself
};

} // namespace nsynth::app
