using OciRuntime;
using Ocirun.Commands;
using Ocirun.Streams;

namespace Ocirun.Logging;

/// <summary>
/// Routes <see cref="RuntimeLog"/> for one ocirun process. A <c>--log</c> file gets info and above (containerd's
/// shim reads it); without one, stderr is for a person and gets warnings and errors only. <c>--debug</c> adds
/// debug entries to either.
/// </summary>
internal static class LogSetup
{
    /// <returns>The sink of the <c>--log</c> file, or null when logging goes to stderr.</returns>
    public static LogSink? Install(GlobalOptions options, IOutput stderr, Func<DateTimeOffset> clock)
    {
        var toFile = !string.IsNullOrEmpty(options.LogPath);
        var minimum = options.Debug ? LogLevel.Debug : toFile ? LogLevel.Info : LogLevel.Warning;
        var file = toFile ? new LazyLogFile(options.LogPath!, stderr) : null;
        var sink = new LogSink(file ?? stderr, options.LogFormat, minimum, clock);
        RuntimeLog.Sink = sink.Write;
        RuntimeLog.OpenNow = file != null ? file.OpenNow : null;
        RuntimeLog.DebugEnabled = options.Debug;
        return toFile ? sink : null;
    }
}
