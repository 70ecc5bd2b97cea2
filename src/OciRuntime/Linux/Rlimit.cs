namespace OciRuntime.Linux;

/// <summary>
/// setrlimit(2) resources by their config.json names, numbered as in asm-generic/resource.h (x86_64, arm64
/// and every other generic-ABI architecture). Names are matched exactly.
/// </summary>
public static class Rlimit
{
    /// <summary>Every resource name, indexed by its number.</summary>
    public static IReadOnlyList<string> All => Names;

    // A dictionary built per process cost more than the few lookups a config needs.
    private static readonly string[] Names =
    [
        "RLIMIT_CPU",        // 0
        "RLIMIT_FSIZE",
        "RLIMIT_DATA",
        "RLIMIT_STACK",
        "RLIMIT_CORE",
        "RLIMIT_RSS",        // 5
        "RLIMIT_NPROC",
        "RLIMIT_NOFILE",
        "RLIMIT_MEMLOCK",
        "RLIMIT_AS",
        "RLIMIT_LOCKS",      // 10
        "RLIMIT_SIGPENDING",
        "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE",
        "RLIMIT_RTPRIO",
        "RLIMIT_RTTIME",     // 15
    ];

    public static bool TryParse(string name, out int resource)
    {
        var index = Array.IndexOf(Names, name);
        resource = Math.Max(index, 0);
        return index >= 0;
    }
}
