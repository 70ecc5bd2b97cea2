using OciRuntime.Container.Init;
using OciRuntime.Container.Rootfs;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// The bind mount sources of a container in a user namespace, opened (O_PATH) by the command with the host's
/// credentials and handed to the init stage, which binds from /proc/self/fd/N: the init is root only in its user
/// namespace and may be unable to reach a source by path (a directory of mode 0700 on the way). They are opened from
/// inside the init's mount namespace, since a bind's source must be a mount of the binder's namespace; runc 1.1 does
/// the same.
/// </summary>
internal static class BindSourceFds
{
    /// <summary>A mounts[] entry whose source is handed over, and its host path.</summary>
    public sealed record Source(int Index, string Destination, string Path);

    /// <summary>
    /// Every bind mount that is not id-mapped, when the container has a user namespace and makes its mount namespace
    /// and the command is root (entering the init's mount namespace takes the host's privileges); else none.
    /// </summary>
    public static IReadOnlyList<Source> Plan(RuntimeSpec spec, string bundle, NamespacePlan namespaces,
        IReadOnlyDictionary<int, int> idMappedTrees, bool rootless)
    {
        if (rootless || !namespaces.HasUserNamespace || !namespaces.Creates(NamespacePlan.CLONE_NEWNS)) return [];
        var sources = new List<Source>();
        var mounts = spec.Mounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            var options = MountOptions.Parse(mounts[i].Options, mounts[i].Type);
            if (!options.IsBind || idMappedTrees.ContainsKey(i)) continue;
            if (MountSources.HostPath(mounts[i], options, bundle) is not { Length: > 0 } path)
                throw new OciRuntimeException($"mount {mounts[i].Destination}: a bind mount needs a source");
            sources.Add(new Source(i, mounts[i].Destination, path));
        }
        return sources;
    }

    /// <summary>Opens <paramref name="sources"/> in the mount namespace of <paramref name="initPid"/>; every fd made is
    /// added to <paramref name="opened"/> for the caller to close. Returns them in the order of the sources.</summary>
    public static int[] Open(int initPid, IReadOnlyList<Source> sources, ICollection<int> opened)
    {
        if (sources.Count == 0) return [];
        var fds = new int[sources.Count];
        var mountNamespace = Errno.Check(Libc.Open($"/proc/{initPid}/ns/mnt", Libc.O_RDONLY | Libc.O_CLOEXEC, 0),
            "open the container's mount namespace");
        try
        {
            NamespaceThread.Run([mountNamespace], () =>
            {
                for (var i = 0; i < sources.Count; i++)
                {
                    var fd = Libc.Open(sources[i].Path, Libc.O_PATH | Libc.O_CLOEXEC, 0);
                    if (fd < 0 && Libc.LastErrno == Libc.ENOENT)
                        throw new OciRuntimeException($"mount {sources[i].Destination}: bind source {sources[i].Path} does not exist");
                    fds[i] = Errno.Check(fd, $"mount {sources[i].Destination}: open {sources[i].Path}");
                    opened.Add(fds[i]);
                }
            });
        }
        finally
        {
            Libc.Close(mountNamespace);
        }
        return fds;
    }

    /// <summary>Sends the fds to the init stage after its plan and config, in frames the receiving end has room for;
    /// the init stage takes them in ContainerInit.</summary>
    public static void Send(SyncSocket socket, int[] fds)
    {
        for (var start = 0; start < fds.Length; start += SyncSocket.MaxFdsPerFrame)
            socket.Send(InitMessage.BindSources, [], fds.AsSpan(start, Math.Min(SyncSocket.MaxFdsPerFrame, fds.Length - start)));
    }
}
