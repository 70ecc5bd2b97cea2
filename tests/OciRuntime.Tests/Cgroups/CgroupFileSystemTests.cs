using OciRuntime.Cgroups;
using OciRuntime.Tests.State;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

/// <summary>The real file operations under a root (a temp directory standing in for /).</summary>
public sealed class CgroupFileSystemTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    [Fact]
    public void TryWriteEach_makes_one_write_per_value_through_one_open()
    {
        var fs = new CgroupFileSystem(_root.Path);
        File.WriteAllText(Path.Combine(_root.Path, "devices.allow"), "old content");

        var errno = fs.TryWriteEach("/devices.allow", ["c 1:3 rwm", "c 1:5 rwm", "b *:* m"], out _);

        Assert.Equal(0, errno);
        // A regular file shows the writes one after the other; the kernel parses each write as one rule.
        Assert.Equal("c 1:3 rwmc 1:5 rwmb *:* m", File.ReadAllText(Path.Combine(_root.Path, "devices.allow")));
    }

    [Fact]
    public void TryWriteEach_reports_the_errno_of_a_file_it_cannot_open()
    {
        const int ENOENT = 2;
        var fs = new CgroupFileSystem(_root.Path);

        Assert.Equal(ENOENT, fs.TryWriteEach("/absent/devices.allow", ["a"], out var failed));
        Assert.Equal(0, failed);
    }

    public void Dispose() => _root.Dispose();
}
