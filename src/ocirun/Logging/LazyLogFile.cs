using System.Runtime.InteropServices;
using Ocirun.Streams;

namespace Ocirun.Logging;

/// <summary>
/// The <c>--log</c> file, opened on the first line written (a command that logs nothing never touches it),
/// created 0644 if missing, appended with O_APPEND so concurrent ocirun processes never overwrite each other's
/// lines. Logging must never fail a command: if the file cannot be opened, lines go to <paramref name="fallback"/>
/// after one note saying why.
/// </summary>
internal sealed class LazyLogFile(string path, IOutput fallback) : IOutput
{
    private const int Unopened = -2, Unavailable = -1;
    private int fd = Unopened;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (fd == Unopened) Open();
        if (fd == Unavailable || !NativeIo.WriteAll(fd, bytes)) fallback.Write(bytes);
    }

    /// <summary>Opens the file unless it was opened (or found unavailable) already.</summary>
    public void OpenNow()
    {
        if (fd == Unopened) Open();
    }

    private void Open()
    {
        fd = NativeIo.Open(path, NativeIo.O_WRONLY | NativeIo.O_CREAT | NativeIo.O_APPEND | NativeIo.O_CLOEXEC, 0b110_100_100);
        if (fd >= 0) return;
        fd = Unavailable;
        var reason = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        fallback.WriteLine($"ocirun: cannot open log file {path}: {reason}; logging to stderr");
    }
}
