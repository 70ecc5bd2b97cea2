using System.Text;
using OciRuntime.Linux;
using OciRuntime.Tests.State;
using Xunit;

namespace OciRuntime.Tests.Linux;

/// <summary>FileText reads what File.ReadAllText reads and fails the way it fails.</summary>
public sealed class FileTextTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(70_000)]
    public void Reads_files_of_any_size_as_File_ReadAllText_does(int size)
    {
        var text = string.Concat(Enumerable.Range(0, size).Select(i => (char)('a' + i % 26)));
        var path = Write("f", Encoding.UTF8.GetBytes(text));

        Assert.Equal(File.ReadAllText(path), FileText.Read(path));
        Assert.Equal(text, FileText.Read(path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    [InlineData(9000)]
    public void Reads_bytes_as_File_ReadAllBytes_does_byte_order_mark_included(int size)
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. Enumerable.Range(0, size).Select(i => (byte)i)];
        var path = Write("f", content);

        Assert.Equal(File.ReadAllBytes(path), FileText.ReadBytes(path));
    }

    [Fact]
    public void Decodes_utf8_and_drops_a_byte_order_mark()
    {
        var path = Write("f", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"é\":\"😀\"}"), 0xFF]);

        Assert.Equal(File.ReadAllText(path), FileText.Read(path));
    }

    [Fact]
    public void Reads_proc_files_whose_size_is_zero()
    {
        Assert.Equal(File.ReadAllText("/proc/self/mountinfo").Split('\n')[0], FileText.Read("/proc/self/mountinfo").Split('\n')[0]);
    }

    [Fact]
    public void Splits_lines_as_File_ReadLines_does()
    {
        var path = Write("f", Encoding.UTF8.GetBytes("a\nb\r\nc\r\n\nd\re\n"));

        Assert.Equal(File.ReadLines(path).ToArray(), FileText.ReadLines(path));
        Assert.Equal(File.ReadLines(Write("g", [])).ToArray(), FileText.ReadLines(Path.Combine(_dir.Path, "g")));
        Assert.Equal(File.ReadLines(Write("h", "x"u8.ToArray())).ToArray(), FileText.ReadLines(Path.Combine(_dir.Path, "h")));
    }

    [Fact]
    public void A_missing_file_is_FileNotFoundException_and_a_missing_directory_DirectoryNotFoundException_or_it()
    {
        Assert.Throws<FileNotFoundException>(() => FileText.Read(Path.Combine(_dir.Path, "absent")));
        var file = Write("file", []);
        Assert.Throws<DirectoryNotFoundException>(() => FileText.Read(Path.Combine(file, "below")));
    }

    [Fact]
    public void A_directory_is_UnauthorizedAccessException_as_for_File_ReadAllText()
    {
        Assert.Throws<UnauthorizedAccessException>(() => File.ReadAllText(_dir.Path));
        Assert.Throws<UnauthorizedAccessException>(() => FileText.Read(_dir.Path));
    }

    [Fact]
    public void Other_errors_are_IOException_carrying_the_errno()
    {
        const int ENXIO = 6;
        var socketPath = Path.Combine(_dir.Path, "socket");
        // A unix socket path: open(2) fails with ENXIO.
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, 0);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));

        var error = Assert.Throws<IOException>(() => FileText.Read(socketPath));
        Assert.Equal(ENXIO, error.HResult);
    }

    public void Dispose() => _dir.Dispose();
}
