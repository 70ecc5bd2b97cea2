namespace OciRuntime.Linux;

/// <summary>
/// A namespace kind as config.json names it (<c>network</c>), with its clone/unshare/setns flag and the name
/// of its file under /proc/PID/ns (<c>net</c>).
/// </summary>
public sealed class NamespaceType
{
    public static readonly NamespaceType Pid = new("pid", 0x20000000, "pid");
    public static readonly NamespaceType Network = new("network", 0x40000000, "net");
    public static readonly NamespaceType Mount = new("mount", 0x00020000, "mnt");
    public static readonly NamespaceType Ipc = new("ipc", 0x08000000, "ipc");
    public static readonly NamespaceType Uts = new("uts", 0x04000000, "uts");
    public static readonly NamespaceType User = new("user", 0x10000000, "user");
    public static readonly NamespaceType Cgroup = new("cgroup", 0x02000000, "cgroup");
    public static readonly NamespaceType Time = new("time", 0x00000080, "time");

    /// <summary>In the order runtime-spec lists them.</summary>
    public static IReadOnlyList<NamespaceType> All { get; } = [Pid, Network, Mount, Ipc, Uts, User, Cgroup, Time];

    /// <summary>The config.json "type" value.</summary>
    public string Name { get; }

    /// <summary>CLONE_NEW* (a clone3 flags bit; also valid for unshare and setns).</summary>
    public ulong CloneFlag { get; }

    /// <summary>The file name under /proc/PID/ns.</summary>
    public string ProcFileName { get; }

    private NamespaceType(string name, ulong cloneFlag, string procFileName)
    {
        Name = name;
        CloneFlag = cloneFlag;
        ProcFileName = procFileName;
    }

    public static bool TryParse(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NamespaceType? type)
    {
        type = All.FirstOrDefault(candidate => candidate.Name == name);
        return type != null;
    }

    public override string ToString() => Name;
}
