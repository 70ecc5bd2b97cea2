using OciRuntime.Linux;

namespace OciRuntime.Container;

/// <summary>
/// Test-only pause points of `create`, so the fault tests can SIGKILL it at a known phase instead of guessing
/// with sleeps. Inert unless OCIRUN_TEST_PAUSE_AT=PHASE:FILE is set (spec/lifecycle.md): on reaching PHASE the
/// process appends a line "PHASE" to FILE and sleeps until killed. No pid: the init stage's own is 1 (its pid
/// namespace's), which a test must never signal from the host.
/// </summary>
public static class FaultPoint
{
    public const string Variable = "OCIRUN_TEST_PAUSE_AT";

    /// <summary>This process's setting; the init stage, whose environment is empty, gets it in its plan.</summary>
    public static string? Requested { get; } = Environment.GetEnvironmentVariable(Variable);

    public static bool IsRequested(string phase, string? requested = null)
    {
        requested ??= Requested;
        return requested != null && requested.IndexOf(':') is var colon and > 0 && requested[..colon] == phase;
    }

    /// <param name="untilReadable">An fd whose readability (data or end of file) ends the pause, or -1 to pause until
    /// killed. The in-process build pauses until its init goes away.</param>
    public static unsafe void Reach(string phase, string? requested = null, int untilReadable = -1)
    {
        requested ??= Requested;
        if (requested == null || !IsRequested(phase, requested)) return;
        File.AppendAllText(requested[(requested.IndexOf(':') + 1)..], phase + "\n");
        if (untilReadable < 0) Thread.Sleep(Timeout.Infinite);
        var poll = new Libc.PollFd { Fd = untilReadable, Events = 1 /* POLLIN */ };
        while (Libc.Poll(&poll, 1, -1) < 0 && Libc.LastErrno == Libc.EINTR)
        {
        }
    }
}
