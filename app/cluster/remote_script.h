#pragma once
// Everything run on a cluster is one POSIX sh script sent on stdin to `/bin/sh -s`: the login
// shell (which may be bash, tcsh or fish) only ever parses that fixed command, never user data,
// and the script quotes every path and name itself (shell_quote.h). Several steps share one
// SSH round trip; each step's output and exit status come back in a section delimited by
// marker lines carrying a random nonce, so nothing a command prints (or a login banner) can be
// mistaken for a marker.
//
//   RemoteScript s;
//   s.line("job=" + remoteJob.shell());
//   s.section("squeue", "squeue --noheader ...");
//   ProcessResult r = connection.run(s);        // ssh_connection.h
//   RemoteOutput out = RemoteOutput::parse(r.out, s.marker());
//   out.section("squeue").status / .text()

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace nsynth::app {

class RemoteScript {
public:
    RemoteScript();

    // Shell text, already quoted by the caller.
    void line(const QString& text);
    // Runs `commands` in a subshell with stderr merged into stdout; its output and exit status
    // come back as the section `name` ([a-z0-9_-]). Right after it, $nsynth_status holds that
    // status, so later lines can depend on it.
    void section(const QString& name, const QString& commands);

    const QString& marker() const { return m_marker; }
    // The whole script: the lines inside { ... } </dev/null (so no command can read the rest of
    // the script from stdin), ending with a completion marker.
    QString text() const;

private:
    QString m_marker;
    QStringList m_lines;
};

struct RemoteSection {
    QByteArray output;
    int status = -1;      // the commands' exit status; -1 when the section never ended
    bool present = false;
    QString text() const { return QString::fromUtf8(output); }
    QStringList lines() const;  // non-empty lines
};

class RemoteOutput {
public:
    static RemoteOutput parse(const QByteArray& stdoutBytes, const QString& marker);
    // True when the script ran to its end (no transport cut it short).
    bool complete() const { return m_complete; }
    bool has(const QString& name) const { return m_sections.contains(name); }
    RemoteSection section(const QString& name) const { return m_sections.value(name); }

private:
    QHash<QString, RemoteSection> m_sections;
    bool m_complete = false;
};

} // namespace nsynth::app
