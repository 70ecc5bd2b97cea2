using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OciRuntime.IntegrationTests.Infrastructure;

/// <summary>
/// A --console-socket listener like containerd's or runc's recvtty: accepts one connection and receives the pty
/// master fd sent with SCM_RIGHTS (also a --pidfd-socket listener: the same protocol).
/// </summary>
public sealed unsafe class ConsoleSocketServer : IDisposable
{
    private readonly Socket _listener;

    public string Path { get; }

    public ConsoleSocketServer(string directory, string name = "console.sock")
    {
        Path = System.IO.Path.Combine(directory, name);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(1);
    }

    /// <summary>Waits for ocirun to connect and send the master; returns it as a stream.</summary>
    public FileStream ReceiveMaster(TimeSpan timeout)
    {
        if (!_listener.Poll(timeout, SelectMode.SelectRead)) throw new TimeoutException("no console socket connection");
        using var connection = _listener.Accept();
        var (fd, _) = ReceiveFd((int)connection.Handle);
        return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite, 1);
    }

    /// <summary>Waits for one connection and returns the fd it sends and the message it came with.</summary>
    public (int Fd, string Message) Receive(TimeSpan timeout)
    {
        if (!_listener.Poll(timeout, SelectMode.SelectRead)) throw new TimeoutException("no socket connection");
        using var connection = _listener.Accept();
        return ReceiveFd((int)connection.Handle);
    }

    /// <summary>What the terminal shows until <paramref name="marker"/> appears or the slave side is closed.</summary>
    public static string ReadUntil(Stream master, string marker)
    {
        var output = new StringBuilder();
        var buffer = new byte[1024];
        while (!output.ToString().Contains(marker))
        {
            int n;
            try
            {
                n = master.Read(buffer, 0, buffer.Length);
            }
            catch (IOException)
            {
                break; // EIO once the process has exited and the slave is closed.
            }
            if (n <= 0) break;
            output.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return output.ToString();
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

    private static (int Fd, string Message) ReceiveFd(int socket)
    {
        var data = stackalloc byte[256];
        var control = stackalloc byte[64];
        var iov = new IoVec { Base = data, Length = 256 };
        var message = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = 64 };
        var length = recvmsg(socket, &message, 0);
        if (length < 0) throw new IOException($"recvmsg: errno {Marshal.GetLastPInvokeError()}");
        // struct cmsghdr: size_t len; int level; int type; then the fd.
        if (message.ControlLength < 20 || *(int*)(control + 8) != 1 || *(int*)(control + 12) != 1)
            throw new IOException("no fd received on the console socket");
        return (*(int*)(control + 16), System.Text.Encoding.UTF8.GetString(data, (int)length));
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
