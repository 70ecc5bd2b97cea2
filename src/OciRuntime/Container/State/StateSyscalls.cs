using System.Runtime.InteropServices;
using OciRuntime.Linux;
using Tmds.Linux;

namespace OciRuntime.Container.State;

/// <summary>
/// The calls the store needs that .NET has no API for (creation with an exact mode, directory descriptors, flock,
/// rename without replacing, inode identity and the passwd database), over <see cref="Libc"/>. Each returns 0 or an
/// errno; callers decide which errno means what.
/// </summary>
internal static unsafe class StateSyscalls
{
    private const int LockExclusive = 2;
    private const uint RenameNoReplaceFlag = 1;
    private const int AtEmptyPath = 0x1000;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxIno = 0x100;

    public static int OpenDirectory(string path, out FileDescriptor? fd)
    {
        var raw = Libc.Open(path, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (raw < 0)
        {
            fd = null;
            return Marshal.GetLastPInvokeError();
        }
        fd = new FileDescriptor(raw);
        return 0;
    }

    /// <summary>Creates <paramref name="path"/> for writing; fails with EEXIST when it exists.</summary>
    public static int CreateExclusive(string path, UnixFileMode mode, out FileDescriptor? fd)
    {
        var raw = Libc.Open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, (uint)mode);
        if (raw < 0)
        {
            fd = null;
            return Marshal.GetLastPInvokeError();
        }
        fd = new FileDescriptor(raw);
        return 0;
    }

    /// <summary>mkdir(2) and then chmod(2), so the mode is exact whatever the umask.</summary>
    public static int MakeDirectory(string path, UnixFileMode mode)
    {
        if (Libc.Mkdir(path, (uint)mode) != 0) return Marshal.GetLastPInvokeError();
        return Libc.Chmod(path, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Blocks until the exclusive lock is ours.</summary>
    public static int LockExclusively(FileDescriptor fd)
    {
        while (true)
        {
            if (Libc.Flock(fd.Value, LockExclusive) == 0) return 0;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR) return errno;
        }
    }

    /// <summary>rename(2); with <paramref name="noReplace"/> an existing target fails with EEXIST instead of being replaced.</summary>
    public static int Rename(string from, string to, bool noReplace) =>
        Libc.RenameAt2(LibC.AT_FDCWD, from, LibC.AT_FDCWD, to, noReplace ? RenameNoReplaceFlag : 0) == 0
            ? 0
            : Marshal.GetLastPInvokeError();

    public static int Identify(FileDescriptor fd, out FileIdentity identity) =>
        Identify(fd.Value, "", AtEmptyPath, out identity);

    public static int Identify(string path, out FileIdentity identity) =>
        Identify(LibC.AT_FDCWD, path, AtSymlinkNoFollow, out identity);

    /// <summary>The passwd entry's user name for <paramref name="uid"/>, or null when there is none.</summary>
    public static string? UserName(uint uid)
    {
        // struct passwd is 48 bytes on 64-bit and 28 on 32-bit; pw_name is its first field either way.
        var entry = stackalloc byte[64];
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            fixed (byte* b = buffer)
            {
                byte* result = null;
                var rc = Libc.GetPwUidR(uid, entry, b, (nuint)size, &result);
                if (rc == LibC.ERANGE) continue;
                if (rc != 0 || result == null) return null;
                return Marshal.PtrToStringUTF8(*(nint*)result);
            }
        }
        return null;
    }

    public static uint EffectiveUserId() => Libc.GetEuid();

    public static int Close(int fd) => Libc.Close(fd);

    public static string Describe(int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : $"errno {errno}";
    }

    private static int Identify(int dirFd, string path, int flags, out FileIdentity identity)
    {
        Tmds.Linux.statx buffer;
        if (Libc.Statx(dirFd, path, flags, StatxIno, &buffer) != 0)
        {
            identity = default;
            return Marshal.GetLastPInvokeError();
        }
        identity = new FileIdentity(buffer.stx_dev_major, buffer.stx_dev_minor, buffer.stx_ino);
        return 0;
    }
}
