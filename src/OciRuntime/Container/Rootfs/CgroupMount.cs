using OciRuntime.Cgroups;
using OciRuntime.Linux;
using static OciRuntime.Linux.Mounts;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// A `cgroup` mount shows the container its own cgroups, never the host's tree. On v1 and hybrid hosts, as runc
/// does: a tmpfs at the destination with each hierarchy's container directory bound under the controller's name
/// (and the unified one under "unified"); on unified hosts a cgroup2 mount when the container has its own cgroup
/// namespace, else a bind of its cgroup directory. Read-only unless the mount asks for rw.
/// </summary>
internal static class CgroupMount
{
    public static void Mount(RootedPath root, string destination, MountOptions options, CgroupPaths? cgroups, bool newCgroupNamespace)
    {
        if (cgroups == null) throw new OciRuntimeException($"mount {destination}: the container has no cgroup to show");
        var readOnly = (options.Flags & MS_RDONLY) != 0;
        var flags = options.Flags & ~(MS_RDONLY | MS_BIND | MS_REC | MS_REMOUNT);
        if (cgroups.Mode == CgroupMode.Unified)
        {
            var fd = root.MakeDirectories(destination);
            try
            {
                var target = RootedPath.ProcFdPath(fd);
                if (newCgroupNamespace) Mounts.Mount("cgroup2", target, "cgroup2", flags | (readOnly ? MS_RDONLY : 0), null);
                else Bind(root, cgroups.Unified!, destination, target, flags, readOnly);
            }
            finally
            {
                Libc.Close(fd);
            }
            return;
        }

        var top = root.MakeDirectories(destination);
        try
        {
            Mounts.Mount("tmpfs", RootedPath.ProcFdPath(top), "tmpfs", flags, "mode=755");
        }
        finally
        {
            Libc.Close(top);
        }
        var hierarchies = cgroups.V1.Select(kv => (Name: kv.Key.StartsWith("name=", StringComparison.Ordinal) ? kv.Key[5..] : kv.Key, Dir: kv.Value))
            .Concat(cgroups.Unified is { } unified ? [("unified", unified)] : []);
        foreach (var (name, dir) in hierarchies)
        {
            var path = destination.TrimEnd('/') + "/" + name;
            var fd = root.MakeDirectories(path);
            try
            {
                Bind(root, dir, path, RootedPath.ProcFdPath(fd), flags, readOnly);
            }
            finally
            {
                Libc.Close(fd);
            }
        }
        if (readOnly)
        {
            var fd = root.OpenExisting(destination, Libc.O_PATH);
            try
            {
                Mounts.Mount(null, RootedPath.ProcFdPath(fd), null, MS_REMOUNT | MS_RDONLY | flags, "mode=755");
            }
            finally
            {
                Libc.Close(fd);
            }
        }
    }

    /// <summary>Binds, then remounts with the flags through a fresh fd: the old one still names the covered directory.</summary>
    private static void Bind(RootedPath root, string source, string path, string target, ulong flags, bool readOnly)
    {
        Mounts.Mount(source, target, null, MS_BIND | MS_REC, null);
        if (!readOnly && flags == 0) return;
        var fd = root.OpenExisting(path, Libc.O_PATH);
        try
        {
            Mounts.Mount(null, RootedPath.ProcFdPath(fd), null, MS_BIND | MS_REMOUNT | flags | (readOnly ? MS_RDONLY : 0), null);
        }
        finally
        {
            Libc.Close(fd);
        }
    }
}
