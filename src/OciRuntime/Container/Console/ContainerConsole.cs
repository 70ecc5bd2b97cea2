using System.Text;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;
using static OciRuntime.Linux.Mounts;

namespace OciRuntime.Container.Console;

/// <summary>
/// The container's terminal: a pty made from the container's own devpts (after the root switch), whose master goes
/// to the console socket with SCM_RIGHTS (the protocol of runc's recvtty, containerd and conmon: the payload is the
/// pty's name) and whose slave becomes /dev/console, the controlling terminal and stdio.
/// </summary>
internal static unsafe class ContainerConsole
{
    private const nuint TIOCSPTLCK = 0x40045431, TIOCGPTN = 0x80045430, TIOCSCTTY = 0x540E, TIOCSWINSZ = 0x5414;

    /// <summary>Makes the terminal and takes it as stdio and controlling terminal (the init stage).</summary>
    public static void Setup(int consoleSocketFd, ushort? height, ushort? width, uint uid)
    {
        var slavePath = Create(consoleSocketFd, height, width, uid);
        var slave = Errno.Check(Libc.Open(slavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC, 0), $"open {slavePath}");
        for (var fd = 0; fd < 3; fd++) Errno.Check(Libc.Dup2(slave, fd), "dup2 console");
        Libc.Close(slave);
        Errno.Check(Libc.Ioctl(0, TIOCSCTTY, null), "set controlling terminal");
    }

    /// <summary>
    /// Makes the pty from the devpts of the current root, hands its master to the console socket and binds its slave
    /// to /dev/console; returns the slave's path for the container's init to open.
    /// </summary>
    public static string Create(int consoleSocketFd, ushort? height, ushort? width, uint uid)
    {
        var master = Errno.Check(Libc.Open("/dev/ptmx", Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC, 0), "open /dev/ptmx");
        try
        {
            var unlock = 0;
            Errno.Check(Libc.Ioctl(master, TIOCSPTLCK, &unlock), "unlock pty");
            uint number;
            Errno.Check(Libc.Ioctl(master, TIOCGPTN, &number), "pty number");
            var slavePath = $"/dev/pts/{number}";
            // The terminal is the container's own (its devpts): its user owns it, and its group stays the one the
            // devpts mount gives (gid=5, tty, in the default config), as runc does.
            Errno.Check(Mounts.Chown(slavePath, uid, Mounts.UnchangedId), $"chown {slavePath}");
            if (height is > 0 || width is > 0)
            {
                var size = stackalloc ushort[4];
                size[0] = height ?? 0;
                size[1] = width ?? 0;
                Errno.Check(Libc.Ioctl(master, TIOCSWINSZ, size), "set terminal size");
            }
            MountConsole(slavePath);
            using (var socket = new SyncSocket(consoleSocketFd))
            {
                socket.SendRaw(Encoding.UTF8.GetBytes(slavePath), master);
            }
            return slavePath;
        }
        finally
        {
            Libc.Close(master);
        }
    }

    private static void MountConsole(string slavePath)
    {
        const string console = "/dev/console";
        if (!File.Exists(console))
        {
            var fd = Libc.Open(console, Libc.O_CREAT | Libc.O_WRONLY | Libc.O_CLOEXEC | Libc.O_NOFOLLOW, 0b110_000_000);
            if (fd >= 0) Libc.Close(fd);
        }
        Mount(slavePath, console, null, MS_BIND, null);
    }
}
