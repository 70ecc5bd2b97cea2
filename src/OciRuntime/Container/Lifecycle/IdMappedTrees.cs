using OciRuntime.Container.Rootfs;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;
using static OciRuntime.Linux.MountApi;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// Makes the detached, id-mapped copies of the planned mounts' sources, here in the runtime before the container
/// starts. The kernel only id-maps a mount for a caller privileged over the filesystem's own user namespace (the
/// host's), which the init stage is not once it runs in the container's user namespace; so the init only attaches
/// the finished trees (move_mount), as runc 1.2 does.
/// </summary>
internal static class IdMappedTrees
{
    /// <summary>Returns the tree fd of each planned mount, keyed by its mounts[] index; every fd made is added to
    /// <paramref name="opened"/> for the caller to close.</summary>
    public static Dictionary<int, int> Prepare(IReadOnlyList<IdMappedMount> mounts, ICollection<int> opened)
    {
        var trees = new Dictionary<int, int>();
        var namespaces = new Dictionary<string, int>();
        try
        {
            foreach (var mount in mounts)
            {
                if (!namespaces.TryGetValue(mount.Mapping.Key, out var userNamespace))
                {
                    userNamespace = OpenUserNamespace(mount.Mapping);
                    namespaces[mount.Mapping.Key] = userNamespace;
                }
                var tree = CloneTree(mount.Source, mount.CloneSubmounts);
                if (tree < 0) throw Errno.Last($"mount {mount.Destination}: open_tree {mount.Source}");
                opened.Add(tree);
                trees[mount.Index] = tree;
                var attributes = new MountAttr { AttrSet = MOUNT_ATTR_IDMAP, UserNamespaceFd = (ulong)userNamespace };
                if (SetAttributes(tree, mount.Recursive, attributes) < 0) throw Failure(mount, Libc.LastErrno);
            }
            return trees;
        }
        finally
        {
            foreach (var fd in namespaces.Values) Libc.Close(fd);
        }
    }

    private static int OpenUserNamespace(IdMapping mapping) => mapping.UserNamespacePath is { } path
        ? Errno.Check(Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0), $"open user namespace {path}")
        : MappedUserNamespace.Create(mapping.Uids, mapping.Gids);

    private static SystemCallException Failure(IdMappedMount mount, int errno) => errno switch
    {
        Libc.EINVAL => new SystemCallException(
            $"mount {mount.Destination}: the filesystem of {mount.Source} does not support idmapped mounts" +
            (mount.Recursive ? " (with ridmap, every mount below it must support them too)" : ""), errno),
        Libc.ENOSYS => new SystemCallException(
            $"mount {mount.Destination}: idmapped mounts need mount_setattr(2) (Linux 5.12), which this kernel lacks", errno),
        _ => Errno.Exception($"mount {mount.Destination}: id-mapping {mount.Source}", errno),
    };
}
