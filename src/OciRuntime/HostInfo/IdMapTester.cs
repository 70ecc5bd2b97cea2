using OciRuntime.Container.Spawn;
using OciRuntime.Linux;
using OciRuntime.Spec;
using static OciRuntime.Linux.MountApi;

namespace OciRuntime.HostInfo;

/// <summary>Whether an idmapped mount of a directory's filesystem works; Supported null when it was not tried.</summary>
public sealed record IdMapAttempt(bool? Supported, string Reason);

public interface IIdMapTester
{
    IdMapAttempt Try(string path, uint euid);
}

/// <summary>
/// Tries what a container's idmapped mount does: a detached copy of the mount holding the directory, id-mapped
/// through a new user namespace, then closed unattached (so nothing is left mounted). Only root may id-map.
/// </summary>
internal sealed class IdMapTester : IIdMapTester
{
    public static readonly IdMapTester Instance = new();

    private static readonly LinuxIdMapping[] Mapping = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }];

    public IdMapAttempt Try(string path, uint euid)
    {
        if (euid != 0) return new IdMapAttempt(null, "only root can id-map a mount");
        var tree = CloneTree(path, recursive: false);
        if (tree < 0) return new IdMapAttempt(null, $"open_tree {path}: {Errno.Describe(Libc.LastErrno)}");
        try
        {
            var userNamespace = MappedUserNamespace.Create(Mapping, Mapping);
            try
            {
                var attributes = new MountAttr { AttrSet = MOUNT_ATTR_IDMAP, UserNamespaceFd = (ulong)userNamespace };
                if (SetAttributes(tree, recursive: false, attributes) == 0) return new IdMapAttempt(true, "");
                var errno = Libc.LastErrno;
                return new IdMapAttempt(false, errno switch
                {
                    Libc.EINVAL => "the filesystem does not support them",
                    Libc.ENOSYS => "the kernel lacks mount_setattr(2) (Linux 5.12)",
                    _ => "mount_setattr: " + Errno.Describe(errno),
                });
            }
            finally
            {
                Libc.Close(userNamespace);
            }
        }
        catch (OciRuntimeException e)
        {
            return new IdMapAttempt(null, e.Message);
        }
        finally
        {
            Libc.Close(tree);
        }
    }
}
