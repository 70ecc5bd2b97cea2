using OciRuntime.Container.Rootfs;
using OciRuntime.Linux;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class RootedPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ocirun-rootedpath-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void MakeDirectories_creates_every_missing_component()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sys/fs"));
        using var rooted = new RootedPath(_root);

        Libc.Close(rooted.MakeDirectories("/sys/fs/cgroup/cpu"));
        Libc.Close(rooted.MakeDirectories("/a/b/c"));

        Assert.True(Directory.Exists(Path.Combine(_root, "sys/fs/cgroup/cpu")));
        Assert.True(Directory.Exists(Path.Combine(_root, "a/b/c")));
    }

    [Fact]
    public void MakeDirectories_of_an_existing_directory_returns_it()
    {
        Directory.CreateDirectory(Path.Combine(_root, "proc"));
        using var rooted = new RootedPath(_root);

        var fd = rooted.MakeDirectories("/proc");

        Assert.True(fd >= 0);
        Assert.Equal(Path.Combine(_root, "proc"), new DirectoryInfo($"/proc/self/fd/{fd}").ResolveLinkTarget(false)?.FullName);
        Libc.Close(fd);
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("../../../..")]
    public void MakeDirectories_through_a_symlink_stays_inside_the_root(string target)
    {
        // An absolute or climbing symlink means the same path seen from the container's root.
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.CreateSymbolicLink(Path.Combine(_root, "escape"), target);
        using var rooted = new RootedPath(_root);

        Libc.Close(rooted.MakeDirectories("/escape/ocirun-made-this"));

        var inside = target.StartsWith('/') ? Path.Combine(_root, "etc/ocirun-made-this") : Path.Combine(_root, "ocirun-made-this");
        Assert.True(Directory.Exists(inside), $"not created at {inside}");
        Assert.False(Directory.Exists("/etc/ocirun-made-this"));
        Assert.False(Directory.Exists("/ocirun-made-this"));
    }
}
