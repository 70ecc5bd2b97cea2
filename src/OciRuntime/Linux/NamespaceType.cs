namespace OciRuntime.Linux;

/// <summary>The spec's namespace types, their CLONE_NEW* flags and their /proc/PID/ns file names.</summary>
public static class NamespaceType
{
    public static readonly IReadOnlyList<(string Type, int CloneFlag, string ProcName)> All =
    [
        ("pid", 0x20000000, "pid"), ("network", 0x40000000, "net"), ("mount", 0x00020000, "mnt"),
        ("ipc", 0x08000000, "ipc"), ("uts", 0x04000000, "uts"), ("user", 0x10000000, "user"),
        ("cgroup", 0x02000000, "cgroup"), ("time", 0x00000080, "time"),
    ];

    public static bool TryGetCloneFlag(string type, out int flag)
    {
        foreach (var ns in All)
        {
            if (ns.Type != type) continue;
            flag = ns.CloneFlag;
            return true;
        }
        flag = 0;
        return false;
    }

    public static int CloneFlagOf(string type) =>
        TryGetCloneFlag(type, out var flag) ? flag : throw new OciRuntimeException($"unknown namespace \"{type}\"");
}
