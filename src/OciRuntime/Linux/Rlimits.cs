using System.Runtime.InteropServices;

namespace OciRuntime.Linux;

internal static unsafe partial class Rlimits
{
    [LibraryImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static partial int Prlimit(int pid, int resource, ulong* newLimit, ulong* oldLimit);

    /// <summary>Sets a limit of the calling process (process-wide, unlike credentials).</summary>
    public static void Set(int resource, ulong soft, ulong hard, string name)
    {
        var limits = stackalloc ulong[2];
        limits[0] = soft;
        limits[1] = hard;
        Errno.Check(Prlimit(0, resource, limits, null), $"setrlimit {name}");
    }
}
