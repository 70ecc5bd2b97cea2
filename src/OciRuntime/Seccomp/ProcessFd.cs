using OciRuntime.Linux;
namespace OciRuntime.Seccomp;

/// <summary>Copies an fd out of another process (pidfd_getfd, Linux 5.6), e.g. the notify fd a container's
/// init got from seccomp(2), which the runtime then passes to the seccomp agent as runc does.</summary>
public static class ProcessFd
{
    public static int Copy(int pid, int remoteFd)
    {
        long pidfd = SeccompSyscalls.Invoke(SyscallNumbers.pidfd_open, pid, 0, 0);
        if (pidfd < 0) throw new OciRuntimeException($"seccomp: pidfd_open({pid}): {Errno.Describe((int)-pidfd)}");
        try
        {
            long fd = SeccompSyscalls.Invoke(SyscallNumbers.pidfd_getfd, pidfd, remoteFd, 0);
            if (fd < 0) throw new OciRuntimeException($"seccomp: pidfd_getfd({pid}, {remoteFd}): {Errno.Describe((int)-fd)}");
            return (int)fd;
        }
        finally
        {
            Tmds.Linux.LibC.close((int)pidfd);
        }
    }
}
