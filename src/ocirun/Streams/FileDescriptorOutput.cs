namespace Ocirun.Streams;

/// <summary>An inherited file descriptor: 1 for stdout, 2 for stderr.</summary>
internal sealed class FileDescriptorOutput(int fd) : IOutput
{
    public static FileDescriptorOutput StandardOutput { get; } = new(1);
    public static FileDescriptorOutput StandardError { get; } = new(2);

    // A closed stdout or stderr (EPIPE, EBADF) must not turn a successful command into a crash.
    public void Write(ReadOnlySpan<byte> bytes) => NativeIo.WriteAll(fd, bytes);
}
