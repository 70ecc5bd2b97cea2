using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// Stdio that is /dev/null when the container is made (a client that gives the container no stdin, as Docker
/// without -i) is reopened, once the root is switched, as the container's own /dev/null, read-write, as runc does:
/// the program holds no file of the host's, and finds its stdin writable as under runc. Only when the runtime made
/// /dev (runc's condition). Raw syscalls only, so the raw init can run it (process-model.md).
/// </summary>
internal static unsafe class DevNullStdio
{
    private const int O_RDWR = 2, O_CLOEXEC = 0x80000;

    /// <returns>0, or the errno of the call that failed.</returns>
    public static int Reopen()
    {
        var path = stackalloc byte[10] { (byte)'/', (byte)'d', (byte)'e', (byte)'v', (byte)'/', (byte)'n', (byte)'u', (byte)'l', (byte)'l', 0 };
        var devNull = RawSyscalls.Open(path, O_RDWR | O_CLOEXEC, 0);
        if (devNull < 0) return RawSyscalls.Errno;
        Libc.Stat nullStat, stdioStat;
        var errno = RawSyscalls.Syscall(SyscallNumbers.fstat, devNull, (long)&nullStat, 0) < 0 ? RawSyscalls.Errno : 0;
        // runc compares the device number only, as here. A closed stdio fd is left closed (the open may have taken
        // its number: that copy is close-on-exec).
        for (var fd = 0; errno == 0 && fd < 3; fd++)
        {
            if (fd == devNull || RawSyscalls.Syscall(SyscallNumbers.fstat, fd, (long)&stdioStat, 0) < 0) continue;
            if (stdioStat.RDev == nullStat.RDev && RawSyscalls.Syscall(SyscallNumbers.dup3, devNull, fd, 0) < 0) errno = RawSyscalls.Errno;
        }
        RawSyscalls.Close(devNull);
        return errno;
    }
}
