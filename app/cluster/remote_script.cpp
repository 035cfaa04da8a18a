#include "remote_script.h"

#include "shell_quote.h"

#include <QRandomGenerator>

namespace nsynth::app {

RemoteScript::RemoteScript()
{
    const quint64 nonce = QRandomGenerator::system()->generate64();
    m_marker = QString("@@nsynth-%1@@").arg(nonce, 16, 16, QChar('0'));
}

void RemoteScript::line(const QString& text)
{
    m_lines << text;
}

void RemoteScript::section(const QString& name, const QString& commands)
{
    const QString m = shellQuote(m_marker), n = shellQuote(name);
    m_lines << QString("printf '\\n%s begin %s\\n' %1 %2").arg(m, n);
    m_lines << "( " + commands + "\n) 2>&1";
    m_lines << "nsynth_status=$?";
    m_lines << QString("printf '\\n%s end %s %s\\n' %1 %2 \"$nsynth_status\"").arg(m, n);
}

QString RemoteScript::text() const
{
    QString s = QStringLiteral("{\n");
    for (const auto& l : m_lines)
        s += l + "\n";
    s += QString("printf '\\n%s complete\\n' %1\n").arg(shellQuote(m_marker));
    s += QStringLiteral("} </dev/null\n");
    return s;
}

QStringList RemoteSection::lines() const
{
    QStringList out;
    for (const auto& l : QString::fromUtf8(output).split('\n'))
        if (!l.trimmed().isEmpty())
            out << l;
    return out;
}

RemoteOutput RemoteOutput::parse(const QByteArray& stdoutBytes, const QString& marker)
{
    RemoteOutput r;
    const QByteArray m = marker.toUtf8();
    const QList<QByteArray> lines = stdoutBytes.split('\n');
    QString current;
    QList<QByteArray> body;
    for (const QByteArray& line : lines) {
        if (line.startsWith(m + ' ')) {
            const QList<QByteArray> words = line.mid(m.size() + 1).trimmed().split(' ');
            if (words.value(0) == "begin" && words.size() >= 2) {
                current = QString::fromUtf8(words[1]);
                body.clear();
            } else if (words.value(0) == "end" && words.size() >= 3 && QString::fromUtf8(words[1]) == current) {
                // The end marker starts with a newline of its own: drop the empty line it made.
                if (!body.isEmpty() && body.last().isEmpty())
                    body.removeLast();
                RemoteSection s;
                s.output = body.join('\n');
                if (!s.output.isEmpty())
                    s.output += '\n';
                bool ok = false;
                s.status = words[2].toInt(&ok);
                if (!ok)
                    s.status = -1;
                s.present = true;
                r.m_sections.insert(current, s);
                current.clear();
                body.clear();
            } else if (words.value(0) == "complete") {
                r.m_complete = true;
            }
            continue;
        }
        if (!current.isEmpty())
            body << line;
    }
    if (!current.isEmpty()) {
        // Cut short (connection dropped): keep what arrived, status unknown.
        RemoteSection s;
        s.output = body.join('\n');
        s.present = true;
        r.m_sections.insert(current, s);
    }
    return r;
}

} // namespace nsynth::app
