using OciRuntime.Cgroups;
using OciRuntime.Linux;
using static OciRuntime.Linux.Mounts;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// A `cgroup` mount shows the container its own cgroups, never the host's tree. On v1 and hybrid hosts, as runc
/// 1.1 does: a writable tmpfs at the destination holding each v1 hierarchy's container directory, bound as
/// <see cref="CgroupV1Layout"/> names it (read-only unless the mount asks for rw); on unified hosts a cgroup2
/// mount when the container has its own cgroup namespace, else a bind of its cgroup directory.
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

        var layout = CgroupV1Layout.Plan(cgroups, CgroupHierarchy.DetectHost());
        var coveredMode = CoveredMode.Of(root, destination);
        var covered = root.MakeDirectories(destination);
        try
        {
            // runc's tmpfs has fixed flags: a read-only cgroup mount makes the hierarchies read-only, not the tmpfs.
            Mounts.Mount("tmpfs", RootedPath.ProcFdPath(covered), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755");
        }
        finally
        {
            Libc.Close(covered);
        }
        // The tmpfs just made holds nothing of the image's: the hierarchies' directories are made and reopened
        // relative to it, not looked up through the root each time.
        CoveredMode.Restore(root, destination, coveredMode);
        var top = root.OpenExisting(destination, Libc.O_PATH | Libc.O_DIRECTORY);
        try
        {
            foreach (var (name, source) in layout.Directories)
            {
                var path = destination.TrimEnd('/') + "/" + name;
                var fd = RootedPath.MakeFreshSubdirectory(top, name, path);
                try
                {
                    Bind(source, RootedPath.ProcFdPath(fd), flags, readOnly, () => RootedPath.OpenFreshSubdirectory(top, name, path));
                }
                finally
                {
                    Libc.Close(fd);
                }
            }
            foreach (var (name, target) in layout.Links)
                RootedPath.MakeFreshSymlink(top, name, target, destination.TrimEnd('/') + "/" + name);
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
