using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OciRuntime.IntegrationTests.Infrastructure;

/// <summary>A seccomp agent at a listenerPath: accepts one connection and receives the state JSON and the notify fd.</summary>
public sealed unsafe class SeccompAgent : IDisposable
{
    private readonly Socket _listener;

    public string Path { get; }

    public SeccompAgent(string directory)
    {
        Path = System.IO.Path.Combine(directory, "seccomp-agent.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(1);
    }

    /// <summary>The state JSON and the received fd (the caller closes it).</summary>
    public (string State, int Fd) Receive(TimeSpan timeout)
    {
        if (!_listener.Poll(timeout, SelectMode.SelectRead)) throw new TimeoutException("the runtime did not connect to the seccomp agent");
        using var connection = _listener.Accept();
        var data = new byte[64 << 10];
        var control = stackalloc byte[64];
        fixed (byte* buffer = data)
        {
            var iov = new IoVec { Base = buffer, Length = (nuint)data.Length };
            var message = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = 64 };
            var n = recvmsg((int)connection.Handle, &message, 0);
            if (n < 0) throw new IOException($"recvmsg: errno {Marshal.GetLastPInvokeError()}");
            // struct cmsghdr: size_t len; int level; int type; then the fd. SOL_SOCKET = SCM_RIGHTS = 1.
            var fd = message.ControlLength >= 20 && *(int*)(control + 8) == 1 && *(int*)(control + 12) == 1 ? *(int*)(control + 16) : -1;
            return (Encoding.UTF8.GetString(data, 0, (int)n), fd);
        }
    }

    private const uint SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100;
    private const uint SECCOMP_IOCTL_NOTIF_SEND = 0xc0182101;

    /// <summary>Waits for one notification on <paramref name="notifyFd"/> and fails that syscall with
    /// <paramref name="errno"/>; returns the syscall number.</summary>
    public static int AnswerOne(int notifyFd, int errno, TimeSpan timeout)
    {
        var ready = new PollFd { Fd = notifyFd, Events = 1 /* POLLIN */ };
        if (poll(&ready, 1, (int)timeout.TotalMilliseconds) != 1) throw new TimeoutException("no seccomp notification");
        SeccompNotif request = default;
        if (ioctl(notifyFd, SECCOMP_IOCTL_NOTIF_RECV, &request) != 0) throw new IOException($"NOTIF_RECV: errno {Marshal.GetLastPInvokeError()}");
        var response = new SeccompNotifResp { Id = request.Id, Error = -errno };
        if (ioctl(notifyFd, SECCOMP_IOCTL_NOTIF_SEND, &response) != 0) throw new IOException($"NOTIF_SEND: errno {Marshal.GetLastPInvokeError()}");
        return request.Nr;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SeccompNotif
    {
        public ulong Id; public uint Pid; public uint Flags;
        public int Nr; public uint Arch; public ulong InstructionPointer;
        public fixed ulong Args[6];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SeccompNotifResp { public ulong Id; public long Val; public int Error; public uint Flags; }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd { public int Fd; public short Events; public short Revents; }

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(PollFd* fds, ulong count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, ulong request, void* argument);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec { public void* Base; public nuint Length; }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name; public uint NameLength; public IoVec* Iov; public nuint IovLength;
        public void* Control; public nuint ControlLength; public int Flags;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint recvmsg(int fd, MsgHdr* message, int flags);

    [DllImport("libc")]
    public static extern int close(int fd);

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
