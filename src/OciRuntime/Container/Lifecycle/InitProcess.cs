using OciRuntime.Container.State;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// A container's init, addressed through a pidfd opened and then checked against the recorded start time, so a
/// signal can never reach an unrelated process that reused the pid.
/// </summary>
internal sealed class InitProcess : IDisposable
{
    private int _pidfd;

    public int Pid { get; }

    private InitProcess(int pid, int pidfd)
    {
        Pid = pid;
        _pidfd = pidfd;
    }

    /// <summary>Null when the recorded init is gone (exited, or its pid now belongs to another process).</summary>
    public static InitProcess? Open(ContainerRecord record)
    {
        if (record.InitPid <= 0) return null;
        var pidfd = (int)Libc.Syscall(SyscallNumbers.pidfd_open, record.InitPid, 0, 0, 0, 0);
        if (pidfd < 0) return null;
        // Checked after the pidfd exists: from here on the pidfd pins this very process.
        if (!new ProcessIdentity().IsAlive(record.InitPid, record.InitStartTime))
        {
            Libc.Close(pidfd);
            return null;
        }
        return new InitProcess(record.InitPid, pidfd);
    }

    /// <summary>Sends a signal; false when the process exited meanwhile.</summary>
    public bool Signal(int signal)
    {
        if (Libc.Syscall(SyscallNumbers.pidfd_send_signal, _pidfd, signal, 0, 0, 0) == 0) return true;
        if (Libc.LastErrno == Libc.ESRCH) return false;
        throw Errno.Last($"signal {signal} to pid {Pid}");
    }

    /// <summary>Waits until the process has exited (it need not be our child); false on timeout.</summary>
    public unsafe bool WaitForExit(TimeSpan timeout)
    {
        var fd = new Libc.PollFd { Fd = _pidfd, Events = 1 /* POLLIN */ };
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var left = (int)Math.Max(0, deadline - Environment.TickCount64);
            var r = Libc.Poll(&fd, 1, left);
            if (r > 0) return true;
            if (r == 0) return false;
            if (Libc.LastErrno != Libc.EINTR) throw Errno.Last("poll pidfd");
        }
    }

    public void Dispose()
    {
        if (_pidfd >= 0) Libc.Close(_pidfd);
        _pidfd = -1;
    }
}
