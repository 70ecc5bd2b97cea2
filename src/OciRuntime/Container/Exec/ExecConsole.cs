using System.Text;
using OciRuntime.Container.Lifecycle;
using OciRuntime.Container.Rootfs;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;

namespace OciRuntime.Container.Exec;

/// <summary>
/// A terminal for an exec'd process, made in the container's own devpts instance without entering the container:
/// its /dev/pts/ptmx is opened through /proc/INIT/root with every lookup kept inside the root (RESOLVE_IN_ROOT),
/// checked to be a ptmx device, and the slave is reached with TIOCGPTPEER (no path lookup a container process could
/// redirect). The master goes to the console socket (runc's protocol: the pty name with SCM_RIGHTS), or without one
/// stays with us for <see cref="Console.ConsoleProxy"/> to relay; the slave becomes the process's controlling
/// terminal and stdio. The raw child gives the slave to the process's user from inside the container's user
/// namespace (see ExecRawChild), as runc does.
/// </summary>
internal static unsafe class ExecConsole
{
    private const nuint TIOCSPTLCK = 0x40045431, TIOCGPTN = 0x80045430, TIOCGPTPEER = 0x5441, TIOCSWINSZ = 0x5414;
    private const uint S_IFMT = 0xF000, S_IFCHR = 0x2000;

    /// <summary>The pty's two ends (close-on-exec), the master already sent when <paramref name="consoleSocket"/> is
    /// given (then Master is -1).</summary>
    public readonly record struct Ends(int Master, int Slave);

    public static Ends Create(int initPid, string? consoleSocket, uint? height, uint? width)
    {
        using var root = new RootedPath($"/proc/{initPid}/root");
        var master = root.OpenExisting("/dev/pts/ptmx", Libc.O_RDWR | Libc.O_NOCTTY);
        try
        {
            Libc.Stat stat;
            Errno.Check(Libc.FStat(master, &stat), "fstat /dev/pts/ptmx");
            if ((stat.Mode & S_IFMT) != S_IFCHR || Major(stat.RDev) != 5 || Minor(stat.RDev) != 2)
                throw new OciRuntimeException("the container's /dev/pts/ptmx is not the pty multiplexer");
            var unlock = 0;
            Errno.Check(Libc.Ioctl(master, TIOCSPTLCK, &unlock), "unlock pty");
            uint number;
            Errno.Check(Libc.Ioctl(master, TIOCGPTN, &number), "pty number");
            var slave = Errno.Check(Libc.Ioctl(master, TIOCGPTPEER, (void*)(nint)(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC)), "open the pty slave");
            try
            {
                if (height is > 0 || width is > 0)
                {
                    var size = stackalloc ushort[4];
                    size[0] = (ushort)(height ?? 0);
                    size[1] = (ushort)(width ?? 0);
                    Errno.Check(Libc.Ioctl(slave, TIOCSWINSZ, size), "set terminal size");
                }
                if (consoleSocket == null) return new Ends(master, slave);
                using var socket = new SyncSocket(UnixSocketClient.Connect(consoleSocket, "console socket"));
                socket.SendRaw(Encoding.UTF8.GetBytes($"/dev/pts/{number}"), master);
                Libc.Close(master);
                return new Ends(-1, slave);
            }
            catch
            {
                Libc.Close(slave);
                throw;
            }
        }
        catch
        {
            Libc.Close(master);
            throw;
        }
    }

    private static ulong Major(ulong dev) => ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL);
    private static ulong Minor(ulong dev) => (dev & 0xff) | ((dev >> 12) & ~0xffUL);
}
