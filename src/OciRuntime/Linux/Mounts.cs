using System.Runtime.InteropServices;

namespace OciRuntime.Linux;

/// <summary>mount(2) family for the init stage.</summary>
internal static unsafe partial class Mounts
{
    public const ulong MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
        MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024,
        MS_NODIRATIME = 2048, MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768,
        MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20,
        MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;

    public const int MNT_DETACH = 2;

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MountNative(string? source, string target, string? type, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "chdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chdir(string path);

    [LibraryImport("libc", EntryPoint = "chroot", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chroot(string path);

    [LibraryImport("libc", EntryPoint = "fchdir", SetLastError = true)]
    public static partial int Fchdir(int fd);

    [LibraryImport("libc", EntryPoint = "getcwd", SetLastError = true)]
    private static partial nint Getcwd(byte* buffer, nuint size);

    /// <summary>
    /// False when the working directory lies outside the current root (the kernel then reports it as
    /// "(unreachable)...", which glibc's getcwd turns into ENOENT).
    /// </summary>
    public static bool WorkingDirectoryIsUnderRoot()
    {
        const int PathMax = 4096;
        var buffer = stackalloc byte[PathMax];
        return Getcwd(buffer, PathMax) != 0 || Marshal.GetLastPInvokeError() != Libc.ENOENT;
    }

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mknod(string path, uint mode, ulong device);

    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Symlink(string target, string linkPath);

    /// <summary>The uid or gid of chown/fchown that leaves that id as it is ((uid_t)-1).</summary>
    public const uint UnchangedId = uint.MaxValue;

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chmod(string path, uint mode);

    public static void Mount(string? source, string target, string? type, ulong flags, string? data)
    {
        if (MountNative(source, target, type, flags, string.IsNullOrEmpty(data) ? null : data) < 0)
        {
            var what = (flags & MS_REMOUNT) != 0 ? $"remount {target}" :
                (flags & MS_BIND) != 0 ? $"bind mount {source} on {target}" :
                (flags & (MS_PRIVATE | MS_SLAVE | MS_SHARED | MS_UNBINDABLE)) != 0 ? $"set propagation of {target}" :
                $"mount {type} on {target}";
            throw Errno.Last(what);
        }
    }

    public static void Unmount(string target, int flags) =>
        Errno.Check(Umount2(target, flags), $"umount {target}");

    public static void PivotRoot(string newRoot, string putOld)
    {
        var a = Marshal.StringToCoTaskMemUTF8(newRoot);
        var b = Marshal.StringToCoTaskMemUTF8(putOld);
        try
        {
            Errno.Check(Libc.Syscall(SyscallNumbers.pivot_root, a, b, 0, 0, 0), "pivot_root");
        }
        finally
        {
            Marshal.FreeCoTaskMem(a);
            Marshal.FreeCoTaskMem(b);
        }
    }
}
