using OciRuntime.Container.Rootfs;
using OciRuntime.Linux;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed unsafe class TreeCopyTests : IDisposable
{
    private readonly string _source = Directory.CreateTempSubdirectory("treecopy-src-").FullName;
    private readonly string _destination = Directory.CreateTempSubdirectory("treecopy-dst-").FullName;

    [Fact]
    public void Files_directories_links_and_fifos_are_copied_with_their_modes()
    {
        File.WriteAllText(Path.Combine(_source, "hosts"), "127.0.0.1 localhost\n");
        File.SetUnixFileMode(Path.Combine(_source, "hosts"), (UnixFileMode)0b110_100_000);
        File.WriteAllText(Path.Combine(_source, ".hidden"), "dot");
        Directory.CreateDirectory(Path.Combine(_source, "sub", "deeper"));
        File.WriteAllText(Path.Combine(_source, "sub", "deeper", "f"), "nested");
        File.SetUnixFileMode(Path.Combine(_source, "sub"), (UnixFileMode)0b111_000_000);
        File.CreateSymbolicLink(Path.Combine(_source, "abs-link"), "/etc/does-not-exist-on-purpose");
        File.CreateSymbolicLink(Path.Combine(_source, "rel-link"), "sub/deeper/f");
        Assert.Equal(0, Mounts.Mknod(Path.Combine(_source, "fifo"), 0x1000 | 0b110_100_100, 0));
        File.SetUnixFileMode(_source, (UnixFileMode)0b111_101_000);

        TreeCopy.CopyDirectory(_source, _destination);

        Assert.Equal("127.0.0.1 localhost\n", File.ReadAllText(Path.Combine(_destination, "hosts")));
        Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(Path.Combine(_destination, "hosts")));
        Assert.Equal("dot", File.ReadAllText(Path.Combine(_destination, ".hidden")));
        Assert.Equal("nested", File.ReadAllText(Path.Combine(_destination, "sub", "deeper", "f")));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(Path.Combine(_destination, "sub")));
        Assert.Equal("/etc/does-not-exist-on-purpose", new FileInfo(Path.Combine(_destination, "abs-link")).LinkTarget);
        Assert.Equal("sub/deeper/f", new FileInfo(Path.Combine(_destination, "rel-link")).LinkTarget);
        Assert.Equal("nested", File.ReadAllText(Path.Combine(_destination, "rel-link")));
        Assert.Equal(0x1000u | 0b110_100_100, ModeOf(Path.Combine(_destination, "fifo")));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(_destination));
    }

    private static uint ModeOf(string path)
    {
        Libc.Stat st;
        Assert.Equal(0, Libc.StatPath(path, &st));
        return st.Mode;
    }

    public void Dispose()
    {
        Directory.Delete(_source, recursive: true);
        Directory.Delete(_destination, recursive: true);
    }
}
