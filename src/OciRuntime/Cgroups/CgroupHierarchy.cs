using OciRuntime.Linux;

namespace OciRuntime.Cgroups;

/// <summary>
/// What the host mounts: the mode, the v1 hierarchy of every controller (co-mounted controllers such as
/// cpu,cpuacct share one entry) and the cgroup2 mount. Detected from mountinfo text, so tests describe hosts.
/// </summary>
public sealed class CgroupHierarchy
{
    /// <summary>Where every distribution mounts cgroups; a cgroup2 mount here means a pure v2 host.</summary>
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>The v1 controllers runc's fs driver manages, plus the named hierarchies it joins.</summary>
    public static readonly IReadOnlyList<string> KnownV1Controllers =
    [
        "cpuset", "devices", "memory", "cpu", "cpuacct", "pids", "blkio", "hugetlb", "net_cls", "net_prio",
        "perf_event", "freezer", "rdma", "misc", "name=systemd",
    ];

    private CgroupHierarchy(CgroupMode mode, IReadOnlyDictionary<string, CgroupMountEntry> v1, CgroupMountEntry? unified)
    {
        Mode = mode;
        V1Mounts = v1;
        UnifiedMount = unified;
    }

    public CgroupMode Mode { get; }

    /// <summary>v1 controller name (or "name=systemd") → its mount.</summary>
    public IReadOnlyDictionary<string, CgroupMountEntry> V1Mounts { get; }

    /// <summary>The cgroup2 mount: the whole tree on a unified host, the extra hierarchy on a hybrid one.</summary>
    public CgroupMountEntry? UnifiedMount { get; }

    public static CgroupHierarchy DetectHost() => Detect(FileText.Read("/proc/self/mountinfo"));

    public static CgroupHierarchy Detect(string mountInfo)
    {
        var mounts = CgroupMountEntry.ParseMountInfo(mountInfo);
        var v1 = new Dictionary<string, CgroupMountEntry>();
        CgroupMountEntry? unified = null;
        foreach (var mount in mounts)
        {
            if (mount.FileSystemType == "cgroup2")
            {
                // The one at the cgroup root wins over any other cgroup2 mount (a bind mount in a container, say).
                if (unified == null || mount.MountPoint == DefaultRoot) unified = mount;
                continue;
            }
            foreach (var option in mount.SuperOptions)
            {
                if (KnownV1Controllers.Contains(option) || option.StartsWith("name=", StringComparison.Ordinal))
                    v1.TryAdd(option, mount);
            }
        }

        if (unified != null && (unified.MountPoint == DefaultRoot || v1.Count == 0))
            return new CgroupHierarchy(CgroupMode.Unified, new Dictionary<string, CgroupMountEntry>(), unified);
        if (v1.Count == 0)
            throw new OciRuntimeException("cgroup: no cgroup or cgroup2 mount found in /proc/self/mountinfo");
        return new CgroupHierarchy(unified == null ? CgroupMode.Legacy : CgroupMode.Hybrid, v1, unified);
    }
}
