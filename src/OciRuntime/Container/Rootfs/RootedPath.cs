using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// Resolves and creates paths inside a container's root the way the kernel would if the root were "/":
/// openat2(RESOLVE_IN_ROOT) keeps every symlink and ".." inside, and callers act on the resulting fd
/// (a mount goes onto /proc/self/fd/N), so a symlink swapped in afterwards cannot redirect anything to the host
/// (CVE-2021-30465).
/// </summary>
internal sealed unsafe partial class RootedPath : IDisposable
{
    private const ulong RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_IN_ROOT = 0x10;

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirAt(int dirfd, string path, uint mode);

    public string Root { get; }
    public int RootFd { get; private set; }

    public RootedPath(string root)
    {
        Root = root;
        RootFd = Errno.Check(Libc.Open(root, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0), $"open {root}");
    }

    /// <summary>Opens <paramref name="path"/> (container-absolute or relative to the root) inside the root.</summary>
    public int Open(string path, int flags, out int errno)
    {
        var how = new OpenHow { Flags = (ulong)(flags | Libc.O_CLOEXEC), Resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
        var relative = path.TrimStart('/');
        if (relative.Length == 0) relative = ".";
        var native = Marshal.StringToCoTaskMemUTF8(relative);
        try
        {
            // A path with ".." fails with EAGAIN when any mount or rename on the host raced the lookup: the kernel
            // asks for a retry. Bounded, as a steady stream of mounts elsewhere could otherwise hold us here.
            for (var attempt = 0; ; attempt++)
            {
                var fd = (int)Libc.Syscall(SyscallNumbers.openat2, RootFd, native, (long)&how, sizeof(OpenHow), 0);
                errno = fd < 0 ? Libc.LastErrno : 0;
                if (errno != Libc.EAGAIN || attempt == 127) return fd;
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(native);
        }
    }

    public int OpenExisting(string path, int flags)
    {
        var fd = Open(path, flags, out var errno);
        return fd >= 0 ? fd : throw Errno.Exception($"open {path} in the container", errno);
    }

    /// <summary>Creates every missing directory of <paramref name="path"/> inside the root; returns an O_PATH fd of it.</summary>
    public int MakeDirectories(string path, uint mode = 0b111_101_101)
    {
        var components = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The deepest existing ancestor, probed from the end: in an image the destination (/proc, /dev) or its
        // parent (/sys/fs/cgroup for /sys/fs/cgroup/cpu) usually exists, so this costs one or two openat2 calls.
        var existing = components.Length;
        int current;
        while (true)
        {
            current = Open(Prefix(components, existing), Libc.O_PATH | Libc.O_DIRECTORY, out var errno);
            if (current >= 0) break;
            if (errno != Libc.ENOENT || existing == 0) throw Errno.Exception($"mkdir {path} in the container", errno);
            existing--;
        }
        for (var i = existing; i < components.Length; i++)
        {
            var prefix = Prefix(components, i + 1);
            if (MkdirAt(current, components[i], mode) < 0 && Libc.LastErrno != Libc.EEXIST)
            {
                var e = Libc.LastErrno;
                Libc.Close(current);
                throw Errno.Exception($"mkdir {prefix} in the container", e);
            }
            // Reopened through the root, not relative to the parent: a symlink swapped in meanwhile stays inside.
            var next = Open(prefix, Libc.O_PATH | Libc.O_DIRECTORY, out var openErrno);
            Libc.Close(current);
            if (next < 0) throw Errno.Exception($"mkdir {prefix} in the container", openErrno);
            current = next;
        }
        return current;
    }

    /// <summary>
    /// Makes (if need be) and opens (O_PATH) <paramref name="name"/> right under <paramref name="parentFd"/>, a
    /// directory ocirun has just mounted (a fresh tmpfs): nothing of the image's can be in it, so the lookup need
    /// not go through the root. <paramref name="path"/> names it in errors.
    /// </summary>
    public static int MakeFreshSubdirectory(int parentFd, string name, string path, uint mode = 0b111_101_101)
    {
        if (MkdirAt(parentFd, name, mode) < 0 && Libc.LastErrno != Libc.EEXIST) throw Errno.Last($"mkdir {path} in the container");
        return OpenFreshSubdirectory(parentFd, name, path);
    }

    /// <summary>Opens (O_PATH) <paramref name="name"/> right under <paramref name="parentFd"/>, as above: a mount
    /// on it is entered.</summary>
    public static int OpenFreshSubdirectory(int parentFd, string name, string path) =>
        Errno.Check(Libc.OpenAt(parentFd, name, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0),
            $"open {path} in the container");

    /// <summary>Makes the symlink <paramref name="name"/> → <paramref name="target"/> right under
    /// <paramref name="parentFd"/>, a fresh tmpfs as above; an existing one is left. <paramref name="path"/> names it in errors.</summary>
    public static void MakeFreshSymlink(int parentFd, string name, string target, string path)
    {
        if (Mounts.SymlinkAt(target, parentFd, name) < 0 && Libc.LastErrno != Libc.EEXIST) throw Errno.Last($"symlink {path} in the container");
    }

    private static string Prefix(string[] components, int count) => "/" + string.Join('/', components, 0, count);

    /// <summary>Makes sure a regular file exists at <paramref name="path"/> (for a file bind mount); returns an O_PATH fd.</summary>
    public int MakeFile(string path)
    {
        var existing = Open(path, Libc.O_PATH, out var errno);
        if (existing >= 0) return existing;
        if (errno != Libc.ENOENT) throw Errno.Exception($"open {path} in the container", errno);
        var parent = Path.GetDirectoryName(path.TrimEnd('/')) ?? "/";
        var parentFd = MakeDirectories(parent);
        try
        {
            var name = Path.GetFileName(path.TrimEnd('/'));
            var created = Libc.OpenAt(parentFd, name, Libc.O_CREAT | Libc.O_WRONLY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0b110_100_100);
            if (created < 0 && Libc.LastErrno != Libc.EEXIST) throw Errno.Last($"create {path} in the container");
            if (created >= 0) Libc.Close(created);
        }
        finally
        {
            Libc.Close(parentFd);
        }
        return OpenExisting(path, Libc.O_PATH);
    }

    /// <summary>The magic-link path through which mount(2) reaches what an fd refers to.</summary>
    public static string ProcFdPath(int fd) => $"/proc/self/fd/{fd}";

    public void Dispose()
    {
        if (RootFd >= 0) Libc.Close(RootFd);
        RootFd = -1;
    }
}
