namespace OciRuntime.Cgroups;

/// <summary>How the host mounts cgroups.</summary>
public enum CgroupMode
{
    /// <summary>Only v1 hierarchies, one per controller (or co-mounted group).</summary>
    Legacy,
    /// <summary>v1 controllers plus a cgroup2 mount (usually /sys/fs/cgroup/unified) holding the rest.</summary>
    Hybrid,
    /// <summary>One cgroup2 hierarchy at the cgroup root.</summary>
    Unified,
}
