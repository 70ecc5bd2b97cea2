using System.Runtime.InteropServices;
using System.Text;

namespace OciRuntime.Linux;

/// <summary>
/// Whole files (config.json, state, cgroup and /proc files) read with open and read into a stack buffer. File.ReadAllText
/// builds a FileStream, a StreamReader, a StringBuilder and their buffers (~16 KiB) per call: fresh heap pages that
/// a short-lived command faults in one by one. Failures are the exceptions File.ReadAllText throws, so callers'
/// handling stays the same.
/// </summary>
internal static unsafe class FileText
{
    private const int StackBuffer = 4096;
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static string Read(string path) => Read(path, static content =>
        Encoding.UTF8.GetString(content.StartsWith(Utf8Bom) ? content[Utf8Bom.Length..] : content));

    /// <summary>The file's bytes, as File.ReadAllBytes (which goes through a FileStream as well).</summary>
    public static byte[] ReadBytes(string path) => Read(path, static content => content.ToArray());

    private delegate T ContentReader<T>(ReadOnlySpan<byte> content);

    private static T Read<T>(string path, ContentReader<T> convert)
    {
        var fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) throw Failure(path, Libc.LastErrno);
        try
        {
            Span<byte> buffer = stackalloc byte[StackBuffer];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = GC.AllocateUninitializedArray<byte>(buffer.Length * 2);
                    buffer.CopyTo(larger);
                    buffer = larger;
                }
                nint n;
                fixed (byte* p = buffer) n = Libc.Read(fd, p + length, (nuint)(buffer.Length - length));
                if (n == 0) break;
                if (n > 0)
                {
                    length += (int)n;
                    continue;
                }
                var errno = Libc.LastErrno;
                if (errno != Libc.EINTR) throw Failure(path, errno);
            }
            return convert(buffer[..length]);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>The lines of the file, as File.ReadLines splits them (no empty line after the last end of line).</summary>
    public static string[] ReadLines(string path)
    {
        var lines = Read(path).Split(LineEnds, StringSplitOptions.None);
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    private static readonly string[] LineEnds = ["\r\n", "\r", "\n"];

    private static Exception Failure(string path, int errno)
    {
        const int EACCES = 13, EISDIR = 21;
        return errno switch
        {
            Libc.ENOENT => new FileNotFoundException($"Could not find file '{path}'.", path),
            Libc.ENOTDIR => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
            Libc.EPERM or EACCES or EISDIR => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
            _ => new IOException($"{Marshal.GetPInvokeErrorMessage(errno)} : '{path}'", errno),
        };
    }
}
