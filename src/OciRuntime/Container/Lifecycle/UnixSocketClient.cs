using System.Text;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>Connects to a socket the caller named (--console-socket, --pidfd-socket); fds are sent through it later.</summary>
internal static unsafe class UnixSocketClient
{
    /// <param name="what">The flag's subject for the error line ("console socket").</param>
    public static int Connect(string path, string what)
    {
        const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
        var bytes = Encoding.UTF8.GetBytes(path);
        if (bytes.Length >= 108) throw new OciRuntimeException($"{what} {path}: path too long");
        var fd = Errno.Check(Libc.Socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket");
        var address = stackalloc byte[110];
        new Span<byte>(address, 110).Clear();
        *(ushort*)address = AF_UNIX;
        bytes.CopyTo(new Span<byte>(address + 2, 108));
        if (Libc.Connect(fd, address, (uint)(2 + bytes.Length + 1)) < 0)
        {
            var e = Errno.Last($"connect to {what} {path}");
            Libc.Close(fd);
            throw e;
        }
        return fd;
    }
}
