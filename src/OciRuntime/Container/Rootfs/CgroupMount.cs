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
                else Bind(cgroups.Unified!, target, flags, readOnly, () => root.OpenExisting(destination, Libc.O_PATH));
            }
            finally
            {
                Libc.Close(fd);
            }
            return;
        }

        var covered = root.MakeDirectories(destination);
        try
        {
            Mounts.Mount("tmpfs", RootedPath.ProcFdPath(covered), "tmpfs", flags, "mode=755");
        }
        finally
        {
            Libc.Close(covered);
        }
        // The tmpfs just made holds nothing of the image's: the hierarchies' directories are made and reopened
        // relative to it, not looked up through the root each time.
        var top = root.OpenExisting(destination, Libc.O_PATH | Libc.O_DIRECTORY);
        try
        {
            var hierarchies = cgroups.V1.Select(kv => (Name: kv.Key.StartsWith("name=", StringComparison.Ordinal) ? kv.Key[5..] : kv.Key, Dir: kv.Value))
                .Concat(cgroups.Unified is { } unified ? [("unified", unified)] : []);
            foreach (var (name, dir) in hierarchies)
            {
                var path = destination.TrimEnd('/') + "/" + name;
                var fd = RootedPath.MakeFreshSubdirectory(top, name, path);
                try
                {
                    Bind(dir, RootedPath.ProcFdPath(fd), flags, readOnly, () => RootedPath.OpenFreshSubdirectory(top, name, path));
                }
                finally
                {
                    Libc.Close(fd);
                }
            }
            if (readOnly) Mounts.Mount(null, RootedPath.ProcFdPath(top), null, MS_REMOUNT | MS_RDONLY | flags, "mode=755");
        }
        finally
        {
            Libc.Close(top);
        }
    }

    /// <summary>Binds, then remounts with the flags through a fresh fd (<paramref name="reopen"/>): the old one still
    /// names the covered directory.</summary>
    private static void Bind(string source, string target, ulong flags, bool readOnly, Func<int> reopen)
    {
        Mounts.Mount(source, target, null, MS_BIND | MS_REC, null);
        if (!readOnly && flags == 0) return;
        var fd = reopen();
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
