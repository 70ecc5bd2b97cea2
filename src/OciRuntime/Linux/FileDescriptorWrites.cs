namespace OciRuntime.Linux;

/// <summary>Whole writes to a file descriptor with write(2): the state store's files and the CLI's output and log.</summary>
public static unsafe class FileDescriptorWrites
{
    private const int EIO = 5;

    /// <summary>Writes all of <paramref name="bytes"/>, again after EINTR or a short write; returns 0 or the errno of
    /// the write that failed (EIO for one that wrote nothing).</summary>
    public static int WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = Libc.Write(fd, start + done, (nuint)(bytes.Length - done));
                if (n > 0) done += (int)n;
                else if (n == 0) return EIO;
                else if (Libc.LastErrno is var errno && errno != Libc.EINTR) return errno;
            }
        }
        return 0;
    }
}
