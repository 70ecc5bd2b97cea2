using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// A container user other than root must be able to reopen its own stdio (/dev/stdout, /proc/self/fd/1): pipes
/// and sockets handed to the container are given to that user, as runc does (its terminal is given to it when it is
/// made). Anything else (a host device such as /dev/null or a host terminal, a file) is left alone: changing it would
/// change the host.
/// </summary>
internal static unsafe class StdioOwnership
{
    private const uint S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFSOCK = 0xC000;

    public static void GiveTo(uint uid, uint gid)
    {
        if (uid == 0 && gid == 0) return;
        for (var fd = 0; fd < 3; fd++)
        {
            Libc.Stat stat;
            if (Libc.FStat(fd, &stat) < 0) continue;
            if ((stat.Mode & S_IFMT) is not (S_IFIFO or S_IFSOCK)) continue;
            if (Libc.Syscall(SyscallNumbers.fchown, fd, uid, gid, 0, 0) < 0)
                RuntimeLog.Debug($"stdio fd {fd}: cannot give it to {uid}:{gid}: {Errno.Describe(Libc.LastErrno)}");
        }
    }
}
