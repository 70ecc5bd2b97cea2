using OciRuntime.Cgroups;
using OciRuntime.Linux;
using OciRuntime.Spec;
using static OciRuntime.Linux.Mounts;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// Builds the container's filesystem view inside its new mount namespace, in runc's order: propagation of "/",
/// the rootfs bound onto itself, the config's mounts in order, /dev nodes and links; then (after the runtime hooks)
/// pivot_root, and finally masked and read-only paths and a read-only root.
/// </summary>
/// <param name="bundle">A bind mount's relative source is relative to it.</param>
/// <param name="idMappedTrees">Detached id-mapped trees the command made (fds, keyed by mounts[] index), attached
/// in place of a bind.</param>
/// <param name="bindSources">O_PATH fds of bind mount sources the command opened for a container in a user
/// namespace (keyed by mounts[] index), bound from in place of their paths (see MountSources).</param>
/// <param name="mountProc">Mounts a proc filesystem on an fd (source, target fd, flags, data) when the builder runs
/// outside the container's pid namespace, whose proc it must show; null to mount it here.</param>
internal sealed class RootfsBuilder(RuntimeSpec spec, string rootfs, string bundle, bool inUserNamespace, CgroupPaths? cgroups,
    bool newCgroupNamespace, IReadOnlyDictionary<int, int> idMappedTrees, IReadOnlyDictionary<int, int> bindSources,
    Action<string?, int, ulong, string>? mountProc = null)
{
    private const uint DirMode = 0b111_101_101;

    /// <summary>Read-only tmpfs and /dev mounts, made writable so that what goes in or under them can be made, and
    /// remounted read-only by <see cref="Finish"/> (runc's order): destination and the mount's flags.</summary>
    private readonly List<(string Destination, ulong Flags)> _readOnlyLater = [];

    public bool SetsUpDev => SetsUpDevFor(spec);

    /// <summary>The runtime makes /dev's nodes and links unless a mount binds something onto /dev.</summary>
    public static bool SetsUpDevFor(RuntimeSpec spec) => !(spec.Mounts ?? []).Any(m => IsBindType(m) && Clean(m.Destination) == "/dev");

    public void MountAll()
    {
        var propagation = RootPropagation();
        Mount(null, "/", null, propagation, null);
        // A recursive slave or private "/" leaves no mount shared: the look at mountinfo is for the other cases.
        if ((propagation & MS_REC) == 0 || (propagation & MS_SHARED) != 0) MakeParentMountPrivate();
        Mount(rootfs, rootfs, null, MS_BIND | MS_REC, null);
        using var root = new RootedPath(rootfs);
        var mounts = spec.Mounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
            MountOne(root, mounts[i], idMappedTrees.GetValueOrDefault(i, -1), bindSources.GetValueOrDefault(i, -1));
        if (SetsUpDev)
        {
            CreateDevices(root);
            CreateDevLinks(root);
        }
    }

    /// <summary>"/" is made rslave by default (nothing we mount leaks to the host) or gets linux.rootfsPropagation.</summary>
    /// An unbindable "/" would refuse the rootfs bind, so that one is applied only after the switch.
    private ulong RootPropagation() => spec.Linux?.RootfsPropagation switch
    {
        null or "" or "unbindable" or "runbindable" => MS_SLAVE | MS_REC,
        var value => ConfiguredPropagation(value),
    };

    private static ulong ConfiguredPropagation(string value) => value switch
    {
        "slave" => MS_SLAVE, "rslave" => MS_SLAVE | MS_REC,
        "private" => MS_PRIVATE, "rprivate" => MS_PRIVATE | MS_REC,
        "shared" => MS_SHARED, "rshared" => MS_SHARED | MS_REC,
        "unbindable" => MS_UNBINDABLE, "runbindable" => MS_UNBINDABLE | MS_REC,
        _ => throw new OciRuntimeException($"config.json: linux.rootfsPropagation: unknown value \"{value}\""),
    };

    /// <summary>
    /// pivot_root refuses a new root that is, or whose parent mount is, shared (as it is under a shared
    /// rootfsPropagation): the deepest mount holding the rootfs is made private, as runc does. That is the rootfs
    /// itself when it is a mount point (containerd's overlay), else the mount holding its directory; the bind of
    /// the rootfs onto itself made next is then private too.
    /// </summary>
    private void MakeParentMountPrivate()
    {
        var mounts = MountInfo.Read().ToList();
        var mountPoint = MountInfo.MountPointOf(Path.TrimEndingDirectorySeparator(rootfs), mounts);
        if (MountInfo.IsShared(mountPoint, mounts)) Mount(null, mountPoint, null, MS_PRIVATE, null);
    }

    /// <param name="idMappedTree">The detached id-mapped tree to attach instead of binding the source, or -1.</param>
    /// <param name="sourceFd">An O_PATH fd of the bind source to bind from instead of its path, or -1.</param>
    private void MountOne(RootedPath root, Mount mount, int idMappedTree, int sourceFd)
    {
        var destination = Clean(mount.Destination);
        var options = MountOptions.Parse(mount.Options, mount.Type);
        if (options.IgnoredData.Length > 0) RuntimeLog.Debug($"bind mount: ignoring filesystem options {options.IgnoredData}");
        var type = options.IsBind ? null : mount.Type;
        var source = MountSources.HostPath(mount, options, bundle);
        var flags = options.Flags & ~MS_REMOUNT;
        if (!options.IsBind && (type == "tmpfs" || destination == "/dev") && (flags & MS_RDONLY) != 0)
        {
            flags &= ~MS_RDONLY;
            _readOnlyLater.Add((destination, flags | MS_RDONLY));
        }
        if (type is "cgroup" or "cgroup2" && !options.IsBind)
        {
            CgroupMount.Mount(root, destination, options, cgroups, newCgroupNamespace);
            ApplyRecursiveAttributes(root, destination, options.Recursive);
            return;
        }

        if (type is "proc" or "sysfs") RefuseNonDirectory(root, destination, type);
        var coveredMode = type == "tmpfs" ? CoveredMode.Of(root, destination) : null;
        // An id-mapped tree or a source fd says itself what it is: the source may not be reachable from the
        // container's user namespace.
        var sourceIsFile = idMappedTree >= 0 ? !IsDirectory(idMappedTree)
            : sourceFd >= 0 ? !IsDirectory(sourceFd)
            : options.IsBind && source != null && !Directory.Exists(source);
        int target = sourceIsFile ? root.MakeFile(destination) : root.MakeDirectories(destination);
        try
        {
            var targetPath = RootedPath.ProcFdPath(target);
            if (idMappedTree >= 0)
            {
                if (MountApi.MoveTree(idMappedTree, target) < 0) throw Errno.Last($"attach the id-mapped {source}");
            }
            else if (sourceFd >= 0)
            {
                Mount(RootedPath.ProcFdPath(sourceFd), targetPath, null, MS_BIND | (flags & MS_REC), null);
            }
            else if (options.IsBind)
            {
                if (source == null || (!File.Exists(source) && !Directory.Exists(source)))
                    throw new OciRuntimeException($"mount {destination}: bind source {source} does not exist");
                Mount(source, targetPath, null, MS_BIND | (flags & MS_REC), null);
            }
            else if (type == "proc" && mountProc != null)
            {
                mountProc(source, target, flags, options.Data);
            }
            else if (options.TmpCopyUp && type == "tmpfs")
            {
                MountTmpfsCopyUp(root, source, target, destination, flags, options.Data);
            }
            else
            {
                MountFilesystem(source, targetPath, type ?? "none", flags, options.Data, destination);
            }
        }
        catch (SystemCallException e)
        {
            // The failing call names /proc/self/fd/N; the user needs the mount it was for.
            var data = options.Data.Length > 0 ? $" with options \"{options.Data}\"" : "";
            throw Errno.Exception($"mount {mount.Type ?? "bind"} {source} on {destination}{data}", e.Errno);
        }
        finally
        {
            Libc.Close(target);
            if (idMappedTree >= 0) Libc.Close(idMappedTree);
        }

        // A tmpfs is still writable here (a read-only one is made so in Finish).
        if (type == "tmpfs") CoveredMode.Restore(root, destination, coveredMode);
        // Remounts, recursive attributes and propagation act on the new mount, so reach it again through a fresh
        // fd; runc's order.
        var remountFlags = flags & ~(MS_BIND | MS_REC);
        if (options.IsBind && remountFlags != 0) Remount(root, destination, remountFlags, sourceFd >= 0 ? RootedPath.ProcFdPath(sourceFd) : source);
        ApplyRecursiveAttributes(root, destination, options.Recursive);
        foreach (var propagation in options.Propagation)
            WithFd(root, destination, path => Mount(null, path, null, propagation, null));
    }

    /// <summary>
    /// tmpcopyup: what the directory held is copied into the new tmpfs through the fd taken before the mount (it
    /// still reaches the covered directory). A read-only tmpfs is made so only later, with the others.
    /// </summary>
    /// <param name="source">Shown as the mount's source (Docker's /dev/shm is "shm"), "tmpfs" when none.</param>
    private static void MountTmpfsCopyUp(RootedPath root, string? source, int coveredFd, string destination, ulong flags, string data)
    {
        Mount(source ?? "tmpfs", RootedPath.ProcFdPath(coveredFd), "tmpfs", flags, data);
        WithFd(root, destination, tmpfs => TreeCopy.CopyDirectory(RootedPath.ProcFdPath(coveredFd), tmpfs));
    }

    /// <summary>
    /// proc and sysfs go only on a real directory, never through a symlink or onto a file the image put there (a
    /// way mounts were redirected in the past), as runc refuses; a missing one is made.
    /// </summary>
    private static void RefuseNonDirectory(RootedPath root, string destination, string type)
    {
        var fd = root.Open(destination, Libc.O_PATH | Libc.O_NOFOLLOW, out _);
        if (fd < 0) return;
        var directory = IsDirectory(fd);
        Libc.Close(fd);
        if (!directory) throw new OciRuntimeException($"mount {type} on {destination}: filesystem \"{type}\" must be mounted on ordinary directory");
    }

    private void MountFilesystem(string? source, string target, string type, ulong flags, string data, string destination)
    {
        try
        {
            Mount(source ?? type, target, type, flags, data);
        }
        catch (SystemCallException e) when (e.Errno == Libc.EPERM && inUserNamespace && type is "sysfs" or "mqueue")
        {
            // A user namespace that does not own the network (or ipc) namespace may not mount a fresh sysfs
            // (or mqueue): bind the host's, as runc does.
            var hostPath = type == "sysfs" ? "/sys" : "/dev/mqueue";
            RuntimeLog.Debug($"mount {destination}: {type} not permitted here, binding {hostPath}");
            Mount(hostPath, target, null, MS_BIND | MS_REC, null);
        }
    }

    /// <summary>
    /// A bind mount's flags need a remount. Inside a user namespace, flags the source mount has locked (nodev,
    /// nosuid, noexec, ro) must be kept or the kernel refuses, so they are added back on EPERM.
    /// </summary>
    private static void Remount(RootedPath root, string destination, ulong flags, string? source)
    {
        WithFd(root, destination, path =>
        {
            try
            {
                Mount(null, path, null, flags | MS_BIND | MS_REMOUNT, null);
            }
            catch (SystemCallException e) when (e.Errno == Libc.EPERM && source != null)
            {
                Mount(null, path, null, flags | MS_BIND | MS_REMOUNT | LockedFlags(source), null);
            }
        });
    }

    /// <summary>rro, rnosuid, ...: one mount_setattr(2) over the new mount and every mount below it.</summary>
    private static void ApplyRecursiveAttributes(RootedPath root, string destination, RecursiveAttributes attributes)
    {
        if (attributes.IsEmpty) return;
        var fd = root.OpenExisting(destination, Libc.O_PATH);
        try
        {
            var change = new MountApi.MountAttr { AttrSet = attributes.Set, AttrClear = attributes.Clear };
            if (MountApi.SetAttributes(fd, recursive: true, change) == 0) return;
            var errno = Libc.LastErrno;
            var names = string.Join(',', attributes.Options);
            if (errno == Libc.ENOSYS)
                throw new SystemCallException($"mount {destination}: {names} need mount_setattr(2) (Linux 5.12), which this kernel lacks", errno);
            throw Errno.Exception($"mount {destination}: applying {names}", errno);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static unsafe bool IsDirectory(int fd)
    {
        const uint S_IFMT = 0xf000, S_IFDIR = 0x4000;
        Libc.Stat stat;
        Errno.Check(Libc.FStat(fd, &stat), "fstat id-mapped tree");
        return (stat.Mode & S_IFMT) == S_IFDIR;
    }

    private static ulong LockedFlags(string path)
    {
        var statFlags = StatVfs.MountFlags(path);
        return statFlags & (MS_NODEV | MS_NOSUID | MS_NOEXEC | MS_RDONLY);
    }

    private static void WithFd(RootedPath root, string path, Action<string> action)
    {
        var fd = root.OpenExisting(path, Libc.O_PATH);
        try
        {
            action(RootedPath.ProcFdPath(fd));
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private void CreateDevices(RootedPath root)
    {
        var devices = DefaultDevices.All.Concat((spec.Linux?.Devices ?? []).Select(ToNode));
        foreach (var device in devices) CreateDevice(root, device);
    }

    private static DeviceNode ToNode(LinuxDevice d) => new(
        d.Path, d.Type[0], d.Major ?? 0, d.Minor ?? 0, d.FileMode ?? 0b110_110_110, d.Uid ?? 0, d.Gid ?? 0);

    private void CreateDevice(RootedPath root, DeviceNode device)
    {
        var parent = Path.GetDirectoryName(device.Path) ?? "/dev";
        Libc.Close(root.MakeDirectories(parent));
        if (inUserNamespace)
        {
            // mknod is not allowed in a user namespace: bind the host's node instead.
            var fd = root.MakeFile(device.Path);
            try
            {
                Mount(device.Path, RootedPath.ProcFdPath(fd), null, MS_BIND, null);
            }
            finally
            {
                Libc.Close(fd);
            }
            return;
        }
        var hostPath = Path.Combine(rootfs, device.Path.TrimStart('/'));
        // The directory was resolved inside the root; the node is created by name in it, never through a link.
        var existing = root.Open(device.Path, Libc.O_PATH | Libc.O_NOFOLLOW, out _);
        if (existing >= 0)
        {
            Libc.Close(existing);
            File.Delete(hostPath);
        }
        var kind = device.Type switch
        {
            'c' or 'u' => 0x2000u,
            'b' => 0x6000u,
            'p' => 0x1000u,
            _ => throw new OciRuntimeException($"device {device.Path}: unknown type {device.Type}"),
        };
        var dev = MakeDev(device.Major, device.Minor);
        Errno.Check(Mknod(hostPath, kind | (device.FileMode & 0xfff), dev), $"mknod {device.Path}");
        Errno.Check(Chown(hostPath, device.Uid, device.Gid), $"chown {device.Path}");
        Errno.Check(Chmod(hostPath, device.FileMode & 0xfff), $"chmod {device.Path}");
    }

    private static ulong MakeDev(long major, long minor) =>
        ((ulong)(major & 0xfff) << 8) | ((ulong)(major & ~0xfff) << 32) | ((ulong)minor & 0xff) | ((ulong)(minor & ~0xff) << 12);

    private void CreateDevLinks(RootedPath root)
    {
        var links = new List<(string Target, string Link)>
        {
            ("/proc/self/fd", "/dev/fd"), ("/proc/self/fd/0", "/dev/stdin"),
            ("/proc/self/fd/1", "/dev/stdout"), ("/proc/self/fd/2", "/dev/stderr"),
        };
        if (File.Exists("/proc/kcore")) links.Add(("/proc/kcore", "/dev/core"));
        var hasDevPts = (spec.Mounts ?? []).Any(m => Clean(m.Destination) == "/dev/pts");
        if (hasDevPts) links.Add(("pts/ptmx", "/dev/ptmx"));
        foreach (var (target, link) in links)
        {
            var hostPath = Path.Combine(rootfs, link.TrimStart('/'));
            if (link == "/dev/ptmx" && (File.Exists(hostPath) || Directory.Exists(hostPath))) File.Delete(hostPath);
            if (Symlink(target, hostPath) < 0 && Libc.LastErrno != Libc.EEXIST) throw Errno.Last($"symlink {link}");
        }
    }

    /// <summary>
    /// Makes the rootfs "/" with pivot_root(".", ".") (runc's trick: no put_old directory needed, the old root
    /// is stacked under the new one and lazily unmounted), or MS_MOVE + chroot with --no-pivot.
    /// </summary>
    public void SwitchRoot(bool noPivot)
    {
        if (noPivot)
        {
            HideHostProcAndSysfs();
            Errno.Check(Chdir(rootfs), $"chdir {rootfs}");
            Mount(rootfs, "/", null, MS_MOVE, null);
            Errno.Check(Chroot("."), "chroot");
            Errno.Check(Chdir("/"), "chdir /");
            return;
        }
        var oldRoot = Errno.Check(Libc.Open("/", Libc.O_DIRECTORY | Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open /");
        var newRoot = Errno.Check(Libc.Open(rootfs, Libc.O_DIRECTORY | Libc.O_RDONLY | Libc.O_CLOEXEC, 0), $"open {rootfs}");
        try
        {
            Errno.Check(Fchdir(newRoot), "fchdir rootfs");
            PivotRoot(".", ".");
            Errno.Check(Fchdir(oldRoot), "fchdir old root");
            // The old root must not propagate our unmount back to the host.
            Mount(null, ".", null, MS_SLAVE | MS_REC, null);
            Unmount(".", MNT_DETACH);
            Errno.Check(Chdir("/"), "chdir /");
        }
        finally
        {
            Libc.Close(oldRoot);
            Libc.Close(newRoot);
        }
    }

    /// <summary>
    /// Without pivot_root the host's mounts stay in the namespace under the chroot, and the kernel lets a process
    /// mount a new proc or sysfs (in a user namespace of its own) when any such mount in its mount namespace is
    /// fully visible, masked paths or not. So every whole proc and sysfs outside the rootfs is unmounted first (or
    /// covered, where it cannot be), as runc does.
    /// </summary>
    private void HideHostProcAndSysfs()
    {
        foreach (var mountPoint in MountInfo.WholeProcAndSysfsOutside(rootfs, MountInfo.Read()))
        {
            try
            {
                // The unmount must not propagate to the host.
                Mount(null, mountPoint, null, MS_SLAVE | MS_REC, null);
            }
            catch (SystemCallException e) when (e.Errno == Libc.ENOENT)
            {
                continue; // Under one unmounted already.
            }
            try
            {
                Unmount(mountPoint, MNT_DETACH);
            }
            catch (SystemCallException e) when (e.Errno is Libc.EINVAL or Libc.EPERM)
            {
                Mount("tmpfs", mountPoint, "tmpfs", 0, null);
            }
        }
    }

    /// <summary>After the switch: "/" propagation, the read-only tmpfs and /dev mounts made so, masked and read-only
    /// paths, then a read-only root if asked for.</summary>
    public void Finish()
    {
        if (spec.Linux?.RootfsPropagation is { Length: > 0 } propagation) Mount(null, "/", null, ConfiguredPropagation(propagation), null);
        foreach (var (destination, flags) in _readOnlyLater) Mount(null, destination, null, MS_BIND | MS_REMOUNT | flags, null);
        foreach (var path in spec.Linux?.ReadonlyPaths ?? []) MakeReadonly(path);
        string? firstMaskedDirectory = null;
        foreach (var path in spec.Linux?.MaskedPaths ?? []) Mask(path, ref firstMaskedDirectory);
        if (spec.Root?.Readonly == true) Mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY | LockedFlags("/"), null);
    }

    private static void MakeReadonly(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return;
        Mount(path, path, null, MS_BIND | MS_REC, null);
        Mount(null, path, null, MS_BIND | MS_REMOUNT | MS_RDONLY | LockedFlags(path), null);
    }

    /// <summary>
    /// A masked file gets /dev/null bound over it; masked directories share one read-only empty tmpfs (runc 1.3.6,
    /// crun 1.24): made on the first and bound over the others, since each tmpfs costs the kernel a superblock and
    /// a shrinker, and Kubernetes masks a directory per CPU on some hosts.
    /// </summary>
    private static void Mask(string path, ref string? firstMaskedDirectory)
    {
        if (Directory.Exists(path))
        {
            if (firstMaskedDirectory == null)
            {
                Mount("tmpfs", path, "tmpfs", MS_RDONLY, null);
                firstMaskedDirectory = path;
            }
            else
            {
                // The superblock is read-only already; the bind says so in its own flags too, as the first does.
                Mount(firstMaskedDirectory, path, null, MS_BIND, null);
                Mount(null, path, null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
            }
        }
        else if (File.Exists(path)) Mount("/dev/null", path, null, MS_BIND, null);
    }

    private static bool IsBindType(Mount m) =>
        m.Type == "bind" || (m.Options ?? []).Any(o => o is "bind" or "rbind");

    private static string Clean(string path) => "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
}
