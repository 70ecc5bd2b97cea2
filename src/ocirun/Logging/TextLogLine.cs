using System.Text;
using OciRuntime;

namespace Ocirun.Logging;

/// <summary>logrus's text formatter: <c>time="2026-11-23T12:00:00Z" level=error msg="container does not exist"</c>.</summary>
internal static class TextLogLine
{
    public static string Format(LogLevel level, string message, DateTimeOffset time)
    {
        var line = new StringBuilder(message.Length + 64);
        line.Append("time=\"").Append(Rfc3339.Format(time)).Append("\" level=").Append(LogLevelNames.Of(level)).Append(" msg=");
        AppendValue(line, message);
        return line.Append('\n').ToString();
    }

    // logrus quotes a value unless it consists only of letters, digits and -._/@^+ (Go %q escaping).
    private static void AppendValue(StringBuilder line, string value)
    {
        if (!NeedsQuoting(value))
        {
            line.Append(value);
            return;
        }
        line.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': line.Append("\\r"); break;
                case '\t': line.Append("\\t"); break;
                case '\a': line.Append("\\a"); break;
                case '\b': line.Append("\\b"); break;
                case '\f': line.Append("\\f"); break;
                case '\v': line.Append("\\v"); break;
                default:
                    if (c < ' ' || c == '\x7f') line.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    else line.Append(c);
                    break;
            }
        }
        line.Append('"');
    }

    private static bool NeedsQuoting(string value)
    {
        foreach (var c in value)
        {
            var plain = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '/' or '@' or '^' or '+';
            if (!plain) return true;
        }
        return false;
    }
}
