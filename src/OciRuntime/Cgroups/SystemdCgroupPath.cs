namespace OciRuntime.Cgroups;

/// <summary>linux.cgroupsPath under --systemd-cgroup: "slice:prefix:name", e.g. "system.slice:docker:1234".</summary>
public sealed record SystemdCgroupPath(string Slice, string Prefix, string Name)
{
    /// <summary>runc's default when the path is empty: the default slice, unit "runc-ID.scope".</summary>
    public static SystemdCgroupPath Parse(string? cgroupsPath, string id)
    {
        if (string.IsNullOrEmpty(cgroupsPath)) return new SystemdCgroupPath("", "runc", id);
        var parts = cgroupsPath.Split(':');
        if (parts.Length != 3)
            throw new OciRuntimeException(
                $"linux.cgroupsPath: expected \"slice:prefix:name\" for systemd cgroups, got \"{cgroupsPath}\"");
        return new SystemdCgroupPath(parts[0], parts[1], parts[2]);
    }

    /// <summary>The unit systemd would manage: a slice named outright, else the scope "PREFIX-NAME.scope" (as runc).</summary>
    public string UnitName => Name.EndsWith(".slice", StringComparison.Ordinal) ? Name : $"{Prefix}-{Name}.scope";
}
