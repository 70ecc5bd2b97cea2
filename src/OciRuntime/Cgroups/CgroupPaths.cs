namespace OciRuntime.Cgroups;

/// <summary>
/// Where a container's cgroup lives, in every hierarchy: the whole of what a later command (start, pause,
/// update, delete) needs to reopen the manager, saved in the container state (<c>CgroupPathsJson</c>).
/// </summary>
public sealed class CgroupPaths
{
    public CgroupMode Mode { get; init; }

    /// <summary>v1 controller (or "name=systemd") → the container's directory in that hierarchy; empty on v2.</summary>
    public Dictionary<string, string> V1 { get; init; } = [];

    /// <summary>The container's directory in the cgroup2 hierarchy (unified hosts, and hybrid ones).</summary>
    public string? Unified { get; init; }

    /// <summary>Rootless containers ignore permission errors where runc does.</summary>
    public bool Rootless { get; init; }

    /// <summary>The directory of a v1 controller, or the cgroup2 one for <see cref="ProcessCgroups.UnifiedKey"/>.</summary>
    public string? DirectoryOf(string hierarchy) =>
        hierarchy == ProcessCgroups.UnifiedKey ? Unified : V1.GetValueOrDefault(hierarchy);

    /// <summary>Each v1 directory once (co-mounted controllers share one), then the unified one.</summary>
    public IEnumerable<string> AllDirectories() =>
        V1.Values.Distinct(StringComparer.Ordinal).Concat(Unified is null ? [] : [Unified]);
}
