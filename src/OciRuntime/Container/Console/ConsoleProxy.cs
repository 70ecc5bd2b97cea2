using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Console;

/// <summary>
/// `run` of a terminal container without --console-socket: our own stdin and stdout become the container's
/// terminal. The caller's tty goes raw (restored on dispose), bytes are copied both ways, and window size follows.
/// </summary>
internal sealed unsafe partial class ConsoleProxy : IDisposable
{
    private const int TCSANOW = 0;
    private const nuint TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int action, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw(byte* termios);

    private readonly int _master;
    private readonly byte[]? _savedTermios;
    private readonly Thread _output;

    private ConsoleProxy(int master)
    {
        _master = master;
        if (Libc.IsATty(0) == 1)
        {
            _savedTermios = new byte[64];
            var raw = stackalloc byte[64];
            fixed (byte* saved = _savedTermios)
            {
                if (TcGetAttr(0, saved) == 0)
                {
                    new Span<byte>(saved, 64).CopyTo(new Span<byte>(raw, 64));
                    CfMakeRaw(raw);
                    TcSetAttr(0, TCSANOW, raw);
                }
            }
            Resize();
        }
        new Thread(() => Copy(0, _master)) { IsBackground = true, Name = "console-in" }.Start();
        _output = new Thread(() => Copy(_master, 1)) { IsBackground = true, Name = "console-out" };
        _output.Start();
    }

    public static ConsoleProxy Start(int master) => new(master);

    /// <summary>Gives the container's terminal the size of ours (SIGWINCH).</summary>
    public void Resize()
    {
        var size = stackalloc ushort[4];
        if (Libc.Ioctl(0, TIOCGWINSZ, size) == 0) Libc.Ioctl(_master, TIOCSWINSZ, size);
    }

    /// <summary>Lets the last output of the exited process through (the pty reports EIO once it is drained).</summary>
    public void Drain() => _output.Join(TimeSpan.FromSeconds(2));

    private static void Copy(int from, int to)
    {
        var buffer = new byte[4096];
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.Read(from, p, (nuint)buffer.Length);
                if (n < 0 && Libc.LastErrno == Libc.EINTR) continue;
                if (n <= 0) return;
                for (nint done = 0; done < n;)
                {
                    var w = Libc.Write(to, p + done, (nuint)(n - done));
                    if (w < 0 && Libc.LastErrno == Libc.EINTR) continue;
                    if (w <= 0) return;
                    done += w;
                }
            }
        }
    }

    public void Dispose()
    {
        if (_savedTermios != null)
        {
            fixed (byte* saved = _savedTermios) TcSetAttr(0, TCSANOW, saved);
        }
        Libc.Close(_master);
    }
}
