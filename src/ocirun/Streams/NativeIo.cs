using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace Ocirun.Streams;

/// <summary>
/// The libc calls the CLI's own output needs. Plain write(2) instead of Console keeps start-up free of
/// encoder and stream set-up, and O_APPEND (which .NET's FileMode.Append does not use) keeps lines whole when
/// several ocirun processes append to one log file.
/// </summary>
internal static partial class NativeIo
{
    public const int O_WRONLY = 0x1, O_CREAT = 0x40, O_APPEND = 0x400, O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    /// <summary>Writes all of <paramref name="bytes"/>; false on any error other than EINTR.</summary>
    public static bool WriteAll(int fd, ReadOnlySpan<byte> bytes) => FileDescriptorWrites.WriteAll(fd, bytes) == 0;
}
