using OciRuntime.Linux;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// A tmpfs mounted over a directory that exists takes that directory's mode (permissions, setuid, setgid,
/// sticky), whatever its `mode=` option, as runc does: `--tmpfs /run` over an image's 0755 /run stays 0755 instead
/// of tmpfs's default 1777. A destination that did not exist keeps the tmpfs's own mode.
/// </summary>
internal static unsafe class CoveredMode
{
    /// <summary>The mode of the directory at <paramref name="destination"/> (symlinks followed inside the root),
    /// or null when there is none yet.</summary>
    public static uint? Of(RootedPath root, string destination)
    {
        var fd = root.Open(destination, Libc.O_PATH, out _);
        if (fd < 0) return null;
        try
        {
            Libc.Stat stat;
            return Libc.FStat(fd, &stat) == 0 ? stat.Mode & 0xfff : null;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>Gives the tmpfs just mounted at <paramref name="destination"/> the covered mode, if there was one
    /// (before the tmpfs is made read-only).</summary>
    public static void Restore(RootedPath root, string destination, uint? mode)
    {
        if (mode is not { } covered) return;
        var fd = root.OpenExisting(destination, Libc.O_PATH);
        try
        {
            Errno.Check(Mounts.Chmod(RootedPath.ProcFdPath(fd), covered), $"chmod the tmpfs at {destination}");
        }
        finally
        {
            Libc.Close(fd);
        }
    }
}
