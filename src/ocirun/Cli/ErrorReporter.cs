using OciRuntime;
using Ocirun.Logging;
using Ocirun.Streams;

namespace Ocirun.Cli;

/// <summary>
/// Prints an error line on stderr and, when there is a <c>--log</c> file, records it there as an error entry
/// (without a log file the log already is stderr, so the line is not repeated).
/// </summary>
internal sealed class ErrorReporter(IOutput stderr, LogSink? logFile)
{
    public void Report(string line)
    {
        stderr.WriteLine(line);
        logFile?.Write(LogLevel.Error, line);
    }

    /// <summary>Details only a developer wants (a stack trace under --debug): stderr only.</summary>
    public void Detail(string text) => stderr.WriteLine(text);
}
