namespace OciRuntime.Linux;

/// <summary>
/// setrlimit(2) resources by their config.json names, numbered as in asm-generic/resource.h (x86_64, arm64
/// and every other generic-ABI architecture). Names are matched exactly.
/// </summary>
public static class Rlimit
{
    /// <summary>Every resource name, indexed by its number.</summary>
    public static IReadOnlyList<string> All { get; } =
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

    private static readonly Dictionary<string, int> Numbers =
        All.Select((name, number) => (name, number)).ToDictionary(entry => entry.name, entry => entry.number, StringComparer.Ordinal);

    public static bool TryParse(string name, out int resource) => Numbers.TryGetValue(name, out resource);
}
