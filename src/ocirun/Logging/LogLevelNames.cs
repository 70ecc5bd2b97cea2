using OciRuntime;

namespace Ocirun.Logging;

internal static class LogLevelNames
{
    /// <summary>logrus's level names; containerd's shim matches on "error" when it reads the log.</summary>
    public static string Of(LogLevel level) => level switch
    {
        LogLevel.Debug => "debug",
        LogLevel.Info => "info",
        LogLevel.Warning => "warning",
        _ => "error",
    };
}
