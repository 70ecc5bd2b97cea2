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
