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

    public static void Reach(string phase, string? requested = null)
    {
        requested ??= Requested;
        if (requested == null) return;
        var colon = requested.IndexOf(':');
        if (colon < 0 || requested[..colon] != phase) return;
        File.AppendAllText(requested[(colon + 1)..], phase + "\n");
        Thread.Sleep(Timeout.Infinite);
    }
}
