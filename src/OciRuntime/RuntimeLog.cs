namespace OciRuntime;

public enum LogLevel { Debug, Info, Warning, Error }

/// <summary>
/// The library's only way to report something that is not an error. The CLI installs a sink that writes
/// runc-style text or JSON lines to --log (containerd's shim reads that file); tests may install their own.
/// </summary>
public static class RuntimeLog
{
    public static Action<LogLevel, string>? Sink { get; set; }
    public static bool DebugEnabled { get; set; }
    /// <summary>Opens a lazily opened destination now; set by the CLI when it logs to a file.</summary>
    public static Action? OpenNow { get; set; }

    /// <summary>
    /// Called before a thread enters a container's mount namespace: a log file opened later from that thread would be
    /// looked up among the container's files.
    /// </summary>
    public static void BeforeLeavingHost() => OpenNow?.Invoke();

    public static void Debug(string message)
    {
        if (DebugEnabled) Sink?.Invoke(LogLevel.Debug, message);
    }

    public static void Info(string message) => Sink?.Invoke(LogLevel.Info, message);
    public static void Warn(string message) => Sink?.Invoke(LogLevel.Warning, message);
    public static void Error(string message) => Sink?.Invoke(LogLevel.Error, message);
}
