namespace OciRuntime.Cgroups;

/// <summary>What the lifecycle knows about a container's cgroup before creating it.</summary>
/// <param name="CgroupsPath">linux.cgroupsPath, possibly empty.</param>
/// <param name="Systemd">--systemd-cgroup was given.</param>
/// <param name="Rootless">Permission errors on cgroupfs are ignored (no delegated cgroup), as runc does.</param>
public sealed record CgroupOptions(string Id, string? CgroupsPath, bool Systemd = false, bool Rootless = false);
