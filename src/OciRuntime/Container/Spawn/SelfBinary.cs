using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// The ocirun image the init stage runs from, opened before any namespace is entered (never /proc/self/exe from
/// inside a container). A container process that reaches the waiting init's /proc/PID/exe must not be able to
/// write the host's binary (CVE-2019-5736): the image is a read-only detached bind mount of the binary (the page
/// cache stays shared, nothing is copied), or, where the mount API is unavailable, a sealed memfd copy.
/// </summary>
internal static unsafe class SelfBinary
{
    private const uint MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;
    private const int F_ADD_SEALS = 1033;
    private const int F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;

    public static int Open() => OpenReadOnlyBind() is var fd and >= 0 ? fd : OpenSealedCopy();

    /// <summary>An O_PATH fd of a private, read-only bind of the binary; -1 when the kernel or our privileges refuse it.</summary>
    internal static int OpenReadOnlyBind()
    {
        var tree = MountApi.CloneTree("/proc/self/exe", recursive: false);
        if (tree < 0) return -1;
        var readOnly = new MountApi.MountAttr
        {
            AttrSet = MountApi.MOUNT_ATTR_RDONLY | MountApi.MOUNT_ATTR_NOSUID | MountApi.MOUNT_ATTR_NODEV,
        };
        if (MountApi.SetAttributes(tree, recursive: false, readOnly) == 0) return tree;
        Libc.Close(tree);
        return -1;
    }

    internal static int OpenSealedCopy()
    {
        var source = Errno.Check(Libc.Open("/proc/self/exe", Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open /proc/self/exe");
        try
        {
            var copy = Errno.Check(Libc.MemfdCreate("ocirun", MFD_CLOEXEC | MFD_ALLOW_SEALING), "memfd_create");
            try
            {
                while (true)
                {
                    var n = Libc.SendFile(copy, source, null, 1 << 30);
                    if (n < 0 && Libc.LastErrno == Libc.EINTR) continue;
                    if (n < 0) throw Errno.Last("copying the ocirun binary");
                    if (n == 0) break;
                }
                Errno.Check(Libc.Fcntl(copy, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE), "sealing the ocirun copy");
                return copy;
            }
            catch
            {
                Libc.Close(copy);
                throw;
            }
        }
        finally
        {
            Libc.Close(source);
        }
    }
}
