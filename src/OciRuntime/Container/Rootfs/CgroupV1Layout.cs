using OciRuntime.Cgroups;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// What a `cgroup` mount shows on a v1 or hybrid host, laid out as runc 1.1 does: one directory per v1 hierarchy
/// holding the container's cgroup, named as the host names its mount point ("cpu,cpuacct", "systemd"), and for a
/// hierarchy of co-mounted controllers a symlink per controller to it ("cpu" → "cpu,cpuacct"). The cgroup2
/// hierarchy of a hybrid host is not shown: runc binds v1 hierarchies only, so programs in the container see the
/// same tree under either runtime.
/// </summary>
internal sealed record CgroupV1Layout(IReadOnlyList<CgroupV1Layout.Directory> Directories, IReadOnlyList<CgroupV1Layout.Link> Links)
{
    /// <param name="Name">The entry under the mount's destination.</param>
    /// <param name="Source">The container's cgroup directory on the host, bound there.</param>
    public sealed record Directory(string Name, string Source);

    public sealed record Link(string Name, string Target);

    public static CgroupV1Layout Plan(CgroupPaths cgroups, CgroupHierarchy hierarchy)
    {
        var directories = new List<Directory>();
        var links = new List<Link>();
        foreach (var (controller, source) in cgroups.V1)
        {
            var name = hierarchy.V1Mounts.TryGetValue(controller, out var mount)
                ? Path.GetFileName(mount.MountPoint.TrimEnd('/'))
                : controller.StartsWith("name=", StringComparison.Ordinal) ? controller[5..] : controller;
            // Co-mounted controllers share one hierarchy: listed once per controller, shown once.
            if (directories.Any(d => d.Name == name)) continue;
            directories.Add(new Directory(name, source));
            if (name.Contains(',')) links.AddRange(name.Split(',').Select(part => new Link(part, name)));
        }
        return new CgroupV1Layout(directories, links);
    }
}
