namespace OciRuntime.Seccomp;

/// <summary>SECCOMP_FILTER_FLAG_* of seccomp(2), passed when the program is loaded.</summary>
[Flags]
public enum SeccompFilterFlags : uint
{
    None = 0,
    Tsync = 1 << 0,
    Log = 1 << 1,
    SpecAllow = 1 << 2,
    NewListener = 1 << 3,
    TsyncEsrch = 1 << 4,
    WaitKillableRecv = 1 << 5,
}
