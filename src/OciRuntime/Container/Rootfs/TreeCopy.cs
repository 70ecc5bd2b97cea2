using System.Runtime.InteropServices;
using OciRuntime.Linux;
using static OciRuntime.Linux.Mounts;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// Copies a directory's contents keeping modes, owners, symlinks and special files (never following a link):
/// tmpcopyup fills a fresh tmpfs with what the directory it now covers held, as runc does.
/// </summary>
internal static unsafe partial class TreeCopy
{
    private const uint S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000;

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, Libc.Stat* buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkDir(string path, uint mode);

    private static readonly EnumerationOptions Entries = new()
    {
        AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = false, MatchType = MatchType.Simple,
    };

    /// <summary>Copies everything under <paramref name="source"/> into the existing directory <paramref name="destination"/>,
    /// then gives <paramref name="destination"/> the owner and mode of <paramref name="source"/> (followed: it may
    /// be a /proc/self/fd link).</summary>
    public static void CopyDirectory(string source, string destination)
    {
        CopyContents(source, destination);
        Libc.Stat st;
        Errno.Check(Libc.StatPath(source, &st), $"stat {source}");
        CopyOwnerAndMode(st, destination);
    }

    private static void CopyContents(string source, string destination)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(source, "*", Entries))
            CopyEntry(entry, Path.Combine(destination, Path.GetFileName(entry)));
    }

    private static void CopyEntry(string source, string destination)
    {
        var st = LStatOf(source);
        switch (st.Mode & S_IFMT)
        {
            case S_IFDIR:
                Errno.Check(MkDir(destination, 0b111_000_000), $"mkdir {destination}");
                CopyContents(source, destination);
                break;
            case S_IFREG:
                File.Copy(source, destination);
                break;
            case S_IFLNK:
                var target = new FileInfo(source).LinkTarget
                             ?? throw new OciRuntimeException($"tmpcopyup: cannot read link {source}");
                Errno.Check(Symlink(target, destination), $"symlink {destination}");
                Errno.Check(LChown(destination, st.Uid, st.Gid), $"chown {destination}");
                return;
            default:
                // Device nodes, fifos and sockets are recreated as nodes of the same kind and number.
                Errno.Check(Mknod(destination, st.Mode, st.RDev), $"mknod {destination}");
                break;
        }
        CopyOwnerAndMode(st, destination);
    }

    /// <summary>chown first: it clears set-id bits, which the chmod then restores.</summary>
    private static void CopyOwnerAndMode(Libc.Stat st, string destination)
    {
        Errno.Check(LChown(destination, st.Uid, st.Gid), $"chown {destination}");
        Errno.Check(Chmod(destination, st.Mode & 0xfff), $"chmod {destination}");
    }

    private static Libc.Stat LStatOf(string path)
    {
        Libc.Stat st;
        Errno.Check(LStat(path, &st), $"lstat {path}");
        return st;
    }
}
