using OciRuntime.Container.Spawn;
using OciRuntime.Linux;

namespace OciRuntime.Container.Exec;

/// <summary>
/// The namespaces of a running container's init that differ from ours, opened through /proc/PID/ns (the caller
/// checks afterwards that PID is still the init, so no reused pid's namespaces are joined). Types the container
/// shares with the host need no setns. When the mount namespace is shared, the container's root is opened to
/// chroot into instead.
/// </summary>
internal sealed unsafe class ContainerNamespaces : IDisposable
{
    private readonly List<int> _fds = [];

    /// <summary>In join order: the user namespace first.</summary>
    public IReadOnlyList<NamespaceJoin> Joins { get; }

    public bool JoinsPid => Joins.Any(j => j.CloneFlag == (int)NamespaceType.Pid.CloneFlag);

    /// <summary>O_PATH fd of /proc/PID/root when the mount namespace is ours; -1 otherwise.</summary>
    public int RootFd { get; }

    private ContainerNamespaces(List<NamespaceJoin> joins, int rootFd)
    {
        Joins = joins;
        RootFd = rootFd;
        _fds.AddRange(joins.Select(j => j.Fd));
        if (rootFd >= 0) _fds.Add(rootFd);
    }

    public static ContainerNamespaces Open(int initPid)
    {
        var joins = new List<NamespaceJoin>();
        try
        {
            foreach (var type in JoinOrder)
            {
                var path = $"/proc/{initPid}/ns/{type.ProcFileName}";
                var fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
                if (fd < 0)
                {
                    // A kernel without this namespace type (time before 5.6): nothing to join.
                    if (Libc.LastErrno == Libc.ENOENT && type != NamespaceType.Pid && type != NamespaceType.Mount) continue;
                    throw Errno.Last($"open {path}");
                }
                if (IsOurs(fd, type))
                {
                    Libc.Close(fd);
                    continue;
                }
                joins.Add(new NamespaceJoin((int)type.CloneFlag, fd));
            }
            var rootFd = -1;
            if (!joins.Any(j => j.CloneFlag == (int)NamespaceType.Mount.CloneFlag))
                rootFd = Errno.Check(Libc.Open($"/proc/{initPid}/root", Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0), $"open /proc/{initPid}/root");
            return new ContainerNamespaces(joins, rootFd);
        }
        catch
        {
            foreach (var join in joins) Libc.Close(join.Fd);
            throw;
        }
    }

    /// <summary>User first (it grants the rights for the rest); mount before pid as nsenter does.</summary>
    private static readonly NamespaceType[] JoinOrder =
    [
        NamespaceType.User, NamespaceType.Ipc, NamespaceType.Uts, NamespaceType.Network, NamespaceType.Pid,
        NamespaceType.Cgroup, NamespaceType.Time, NamespaceType.Mount,
    ];

    private static bool IsOurs(int fd, NamespaceType type)
    {
        Libc.Stat theirs, ours;
        Errno.Check(Libc.FStat(fd, &theirs), $"fstat namespace {type.Name}");
        if (Libc.StatPath($"/proc/self/ns/{type.ProcFileName}", &ours) < 0) return false;
        return theirs.Dev == ours.Dev && theirs.Ino == ours.Ino;
    }

    public void Dispose()
    {
        foreach (var fd in _fds) Libc.Close(fd);
        _fds.Clear();
    }
}
