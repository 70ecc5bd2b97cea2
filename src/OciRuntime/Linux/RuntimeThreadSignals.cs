namespace OciRuntime.Linux;

/// <summary>
/// What the executable knows about the signal mask of the threads the .NET runtime started before Main (its
/// finalizer thread): ocirun blocks the forwarded signals before the runtime starts (src/ocirun/Native) and reports
/// them here, so <see cref="SignalQueue"/> need not make that thread block them itself.
/// </summary>
public static class RuntimeThreadSignals
{
    /// <summary>One bit per signal, bit N-1 for signal N; 0 when unknown (a JIT host, as the unit tests).</summary>
    public static ulong Blocked { get; set; }
}
