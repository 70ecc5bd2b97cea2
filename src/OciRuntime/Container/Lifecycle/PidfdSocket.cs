using System.Text;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// --pidfd-socket (runc 1.2): a pidfd of the container's init, or of an exec'd process, sent over the caller's unix
/// socket with SCM_RIGHTS, the message naming the kind of process as runc's does ("standard" for the init, "setns"
/// for exec). The socket is connected before anything is made, so a wrong path fails first.
/// </summary>
internal sealed unsafe class PidfdSocket(int fd) : IDisposable
{
    public const string InitKind = "standard", ExecKind = "setns";

    public static PidfdSocket? Connect(string? path) => path == null ? null : new PidfdSocket(UnixSocketClient.Connect(path, "pidfd socket"));

    public void Send(int pid, string kind)
    {
        var pidfd = (int)Libc.Syscall(SyscallNumbers.pidfd_open, pid, 0, 0, 0, 0);
        if (pidfd < 0) throw Errno.Last($"pidfd_open {pid}");
        try
        {
            var message = Encoding.UTF8.GetBytes(kind);
            var control = stackalloc byte[SyncSocket.ControlSpace(1)];
            fixed (byte* data = message)
            {
                var iov = new Libc.IoVec { Base = data, Length = (nuint)message.Length };
                var header = SyncSocket.RightsMessage(&iov, control, new ReadOnlySpan<int>(&pidfd, 1));
                nint sent;
                do sent = Libc.SendMsg(fd, &header, 0);
                while (sent < 0 && Libc.LastErrno == Libc.EINTR);
                if (sent < 0) throw Errno.Last("send the pidfd to the pidfd socket");
            }
        }
        finally
        {
            Libc.Close(pidfd);
        }
    }

    public void Dispose() => Libc.Close(fd);
}
