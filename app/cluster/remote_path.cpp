#include "remote_path.h"

#include "error.h"
#include "shell_quote.h"

#include <QDir>

namespace nsynth::app {

namespace {
QString cleanComponents(const QString& path)
{
    // Collapse "//" and trailing "/" without resolving ".." (which QDir::cleanPath would do, and
    // which the remote side resolves against symbolic links differently anyway).
    QStringList parts = path.split('/', Qt::SkipEmptyParts);
    return parts.join('/');
}
} // namespace

RemotePath RemotePath::parse(const QString& text, const QString& what)
{
    if (text.isEmpty())
        throw Error((what + ": empty path").toStdString());
    if (hasControlCharacters(text))
        throw Error((what + ": the path contains a control character").toStdString());
    RemotePath p;
    if (text == "~" || text.startsWith("~/")) {
        p.m_homeRelative = true;
        p.m_path = cleanComponents(text.mid(1));
        return p;
    }
    if (!text.startsWith('/'))
        throw Error((what + ": \"" + text + "\" must be absolute (/...) or start with ~/").toStdString());
    p.m_path = "/" + cleanComponents(text);
    return p;
}

RemotePath RemotePath::absolute(const QString& path)
{
    RemotePath p;
    p.m_path = "/" + cleanComponents(path);
    return p;
}

RemotePath RemotePath::child(const QString& relative) const
{
    RemotePath p = *this;
    const QString rel = cleanComponents(relative);
    if (rel.isEmpty())
        return p;
    if (p.m_path.isEmpty() || p.m_path == "/")
        p.m_path += rel;
    else
        p.m_path += "/" + rel;
    return p;
}

QString RemotePath::fileName() const
{
    const int slash = m_path.lastIndexOf('/');
    return slash < 0 ? m_path : m_path.mid(slash + 1);
}

QString RemotePath::shell() const
{
    if (!m_homeRelative)
        return shellQuote(m_path);
    return m_path.isEmpty() ? QStringLiteral("\"$HOME\"") : "\"$HOME\"/" + shellQuote(m_path);
}

QString RemotePath::resolved(const QString& remoteHome) const
{
    if (!m_homeRelative)
        return m_path;
    return m_path.isEmpty() ? remoteHome : remoteHome + "/" + m_path;
}

QString RemotePath::display() const
{
    if (!m_homeRelative)
        return m_path;
    return m_path.isEmpty() ? QStringLiteral("~") : "~/" + m_path;
}

QString RemotePath::local() const
{
    if (!m_homeRelative)
        return m_path;
    return m_path.isEmpty() ? QDir::homePath() : QDir::homePath() + "/" + m_path;
}

} // namespace nsynth::app
