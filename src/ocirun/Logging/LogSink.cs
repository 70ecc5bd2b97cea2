using System.Text;
using OciRuntime;
using Ocirun.Streams;

namespace Ocirun.Logging;

/// <summary>Writes <see cref="RuntimeLog"/> entries at or above a minimum level as runc-style lines.</summary>
internal sealed class LogSink(IOutput destination, LogFormat format, LogLevel minimumLevel, Func<DateTimeOffset> clock)
{
    public void Write(LogLevel level, string message)
    {
        if (level < minimumLevel) return;
        var time = clock();
        if (format == LogFormat.Json) destination.Write(JsonLogLine.Format(level, message, time));
        else destination.Write(Encoding.UTF8.GetBytes(TextLogLine.Format(level, message, time)));
    }
}
