#include "shell_quote.h"

namespace nsynth::app {

QString shellQuote(const QString& word)
{
    QString out;
    out.reserve(word.size() + 2);
    out += '\'';
    for (const QChar c : word) {
        if (c == '\'')
            out += QStringLiteral("'\\''");  // close, an escaped quote, reopen
        else
            out += c;
    }
    out += '\'';
    return out;
}

QString shellJoin(const QStringList& words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const auto& w : words)
        quoted << shellQuote(w);
    return quoted.join(' ');
}

QString rsyncShellWord(const QString& word)
{
    // rsync (main.c, do_cmd) ends a quoted part at the matching quote unless it is doubled.
    QString out = QStringLiteral("'");
    for (const QChar c : word) {
        if (c == '\'')
            out += QStringLiteral("''");
        else
            out += c;
    }
    out += '\'';
    return out;
}

QString rsyncShellCommand(const QStringList& words)
{
    QStringList quoted;
    for (const auto& w : words)
        quoted << rsyncShellWord(w);
    return quoted.join(' ');
}

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
            return true;
    }
    return false;
}

} // namespace nsynth::app
