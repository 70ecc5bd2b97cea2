using System.Runtime.InteropServices;
using System.Text;
using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// One end of the stream socketpair between an ocirun command and its container's init. The raw child speaks in
/// single go-bytes (parent → child) and bare 12-byte headers; the init stage's messages use the same header
/// (kind, payload length, 0) followed by the payload, so one reader serves both phases. File descriptors ride
/// along with SCM_RIGHTS on the header.
/// </summary>
internal sealed unsafe class SyncSocket : IDisposable
{
    public int Fd { get; private set; }

    /// <summary>The most fds a frame may carry: what a receiver makes room for.</summary>
    public const int MaxFdsPerFrame = 16;

    public SyncSocket(int fd) => Fd = fd;

    /// <summary>A connected pair, both ends close-on-exec; the caller clears it on the end that crosses an exec.</summary>
    public static (SyncSocket Parent, SyncSocket Child) CreatePair()
    {
        const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
        var fds = stackalloc int[2];
        Errno.Check(Libc.SocketPair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), "socketpair");
        return (new SyncSocket(fds[0]), new SyncSocket(fds[1]));
    }

    public void SendGo()
    {
        byte go = 1;
        WriteAll(&go, 1);
    }

    public void Send(InitMessage kind, ReadOnlySpan<byte> payload, ReadOnlySpan<int> fds = default)
    {
        var header = stackalloc int[3];
        header[0] = (int)kind;
        header[1] = payload.Length;
        header[2] = 0;
        if (fds.IsEmpty) WriteAll((byte*)header, 12);
        else SendWithFds((byte*)header, 12, fds);
        fixed (byte* p = payload) WriteAll(p, payload.Length);
    }

    /// <summary>Sends bytes with one fd attached and no framing: the console-socket protocol.</summary>
    public void SendRaw(ReadOnlySpan<byte> payload, int fd)
    {
        fixed (byte* p = payload) SendWithFds(p, payload.Length, [fd]);
    }

    public void Send(InitMessage kind, string text = "") => Send(kind, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Reads one frame: a raw-child report (kind below 16, values A and B) or an init message (its payload).
    /// Null at end of stream. Received fds are close-on-exec.
    /// </summary>
    public SyncFrame? Receive()
    {
        var header = stackalloc int[3];
        var fds = ReceiveWithFds((byte*)header, 12);
        if (fds == null) return null;
        var kind = header[0];
        if (kind < (int)InitMessage.Plan) return new SyncFrame(kind, header[1], header[2], [], fds);
        var length = header[1];
        if (length < 0 || length > 64 << 20) throw new OciRuntimeException("sync socket: oversized message");
        var payload = new byte[length];
        fixed (byte* p = payload)
        {
            if (length > 0 && !ReadAll(p, length)) throw new OciRuntimeException("sync socket: truncated message");
        }
        return new SyncFrame(kind, length, 0, payload, fds);
    }

    public void ClearCloseOnExec()
    {
        const int F_SETFD = 2;
        Errno.Check(Libc.Fcntl(Fd, F_SETFD, 0), "fcntl");
    }

    private void WriteAll(byte* data, int length)
    {
        while (length > 0)
        {
            var n = Libc.Write(Fd, data, (nuint)length);
            if (n < 0)
            {
                if (Libc.LastErrno == Libc.EINTR) continue;
                throw Errno.Last("sync socket: write");
            }
            data += n;
            length -= (int)n;
        }
    }

    private bool ReadAll(void* buffer, int length)
    {
        var data = (byte*)buffer;
        var first = true;
        while (length > 0)
        {
            var n = Libc.Read(Fd, data, (nuint)length);
            if (n < 0)
            {
                if (Libc.LastErrno == Libc.EINTR) continue;
                throw Errno.Last("sync socket: read");
            }
            if (n == 0)
            {
                if (first) return false;
                throw new OciRuntimeException("sync socket: truncated message");
            }
            first = false;
            data += n;
            length -= (int)n;
        }
        return true;
    }

    private const int SOL_SOCKET = 1, SCM_RIGHTS = 1, MSG_CMSG_CLOEXEC = 0x40000000;

    internal static int ControlSpace(int fdCount) => Align(sizeof(Libc.CmsgHdr)) + Align(fdCount * sizeof(int));
    private static int Align(int n) => (n + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    /// <summary>
    /// A message of the one buffer <paramref name="iov"/> with <paramref name="fds"/> attached as one SCM_RIGHTS control
    /// message, laid out in <paramref name="control"/> (<see cref="ControlSpace"/> bytes). Allocates nothing and
    /// cannot throw: a raw child uses it too.
    /// </summary>
    internal static Libc.MsgHdr RightsMessage(Libc.IoVec* iov, byte* control, ReadOnlySpan<int> fds)
    {
        var controlLength = ControlSpace(fds.Length);
        for (var i = 0; i < controlLength; i++) control[i] = 0;
        var cmsg = (Libc.CmsgHdr*)control;
        cmsg->Level = SOL_SOCKET;
        cmsg->Type = SCM_RIGHTS;
        cmsg->Length = (nuint)(Align(sizeof(Libc.CmsgHdr)) + fds.Length * sizeof(int));
        var fdData = (int*)(control + Align(sizeof(Libc.CmsgHdr)));
        for (var i = 0; i < fds.Length; i++) fdData[i] = fds[i];
        return new Libc.MsgHdr { Iov = iov, IovLength = 1, Control = control, ControlLength = (nuint)controlLength };
    }

    private void SendWithFds(byte* data, int length, ReadOnlySpan<int> fds)
    {
        var control = stackalloc byte[ControlSpace(fds.Length)];
        var iov = new Libc.IoVec { Base = data, Length = (nuint)length };
        var message = RightsMessage(&iov, control, fds);
        while (true)
        {
            var n = Libc.SendMsg(Fd, &message, 0);
            if (n < 0 && Libc.LastErrno == Libc.EINTR) continue;
            if (n < 0) throw Errno.Last("sync socket: sendmsg");
            if (n < length) WriteAll(data + n, length - (int)n);
            return;
        }
    }

    /// <summary>Receives one console-socket message (the pty name with the master attached); returns the fd.</summary>
    public int ReceiveFd()
    {
        var name = stackalloc byte[256];
        var fds = ReceiveWithFds(name, 1);
        return fds is { Length: > 0 } ? fds[0] : throw new OciRuntimeException("console socket: no terminal received");
    }

    private int[]? ReceiveWithFds(byte* data, int length)
    {
        var controlLength = ControlSpace(MaxFdsPerFrame);
        var control = stackalloc byte[controlLength];
        var iov = new Libc.IoVec { Base = data, Length = (nuint)length };
        var message = new Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)controlLength };
        nint n;
        do n = Libc.RecvMsg(Fd, &message, MSG_CMSG_CLOEXEC);
        while (n < 0 && Libc.LastErrno == Libc.EINTR);
        if (n < 0) throw Errno.Last("sync socket: recvmsg");
        if (n == 0) return null;
        var fds = new List<int>();
        if (message.ControlLength >= (nuint)sizeof(Libc.CmsgHdr))
        {
            var cmsg = (Libc.CmsgHdr*)control;
            if (cmsg->Level == SOL_SOCKET && cmsg->Type == SCM_RIGHTS)
            {
                var count = ((int)cmsg->Length - Align(sizeof(Libc.CmsgHdr))) / sizeof(int);
                var fdData = (int*)(control + Align(sizeof(Libc.CmsgHdr)));
                for (var i = 0; i < count; i++) fds.Add(fdData[i]);
            }
        }
        if (n < length && !ReadAll(data + n, length - (int)n)) throw new OciRuntimeException("sync socket: truncated message");
        return fds.ToArray();
    }

    public void Dispose()
    {
        if (Fd >= 0) Libc.Close(Fd);
        Fd = -1;
    }
}

/// <summary>One frame read from a <see cref="SyncSocket"/>.</summary>
internal sealed record SyncFrame(int Kind, int A, int B, byte[] Payload, int[] Fds)
{
    public bool IsChildReport => Kind < (int)InitMessage.Plan;
    public ChildReport Report => (ChildReport)Kind;
    public InitMessage Message => (InitMessage)Kind;
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>Messages between a command and the init stage (numbered above the raw child's reports).</summary>
internal enum InitMessage
{
    /// <summary>command → init: the <c>InitPlan</c> JSON.</summary>
    Plan = 16,
    /// <summary>init → command: namespaces ready, run the runtime-namespace hooks now (payload: none).</summary>
    RunRuntimeHooks = 17,
    /// <summary>command → init: hooks done.</summary>
    RuntimeHooksDone = 18,
    /// <summary>init → command: set up and waiting for start.</summary>
    Ready = 19,
    /// <summary>init → command: a one-line error; the init exits.</summary>
    Error = 20,
    /// <summary>init → command: the seccomp notify fd (attached) for the agent at listenerPath.</summary>
    SeccompNotifyFd = 21,
    /// <summary>command → init: the agent has the fd.</summary>
    SeccompNotifyFdDone = 22,
    /// <summary>command → raw init: mount proc on the attached fd (operands in its shared late data).</summary>
    MountProc = 23,
    /// <summary>command → raw init: the root is built, take on the process (from the shared late data).</summary>
    Proceed = 24,
    /// <summary>command → init stage: O_PATH fds of bind mount sources (attached, up to 16 a frame; see BindSourceFds).</summary>
    BindSources = 25,
}
