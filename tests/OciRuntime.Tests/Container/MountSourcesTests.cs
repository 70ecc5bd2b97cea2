using OciRuntime.Container.Rootfs;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class MountSourcesTests
{
    private static string? HostPath(string? source, string type, params string[] options)
    {
        var mount = new Mount { Destination = "/mnt", Type = type, Source = source, Options = [.. options] };
        return MountSources.HostPath(mount, MountOptions.Parse(mount.Options, mount.Type), "/run/bundle");
    }

    [Theory]
    [InlineData(".", "/run/bundle")]
    [InlineData("data/dir", "/run/bundle/data/dir")]
    [InlineData("../shared", "/run/shared")]
    [InlineData("/srv/data", "/srv/data")]
    public void A_bind_source_is_taken_relative_to_the_bundle(string source, string expected)
    {
        Assert.Equal(expected, HostPath(source, "none", "rbind"));
        Assert.Equal(expected, HostPath(source, "bind"));
    }

    [Fact]
    public void Other_sources_are_names_and_stay_as_they_are()
    {
        Assert.Equal("tmpfs", HostPath("tmpfs", "tmpfs", "nosuid"));
        Assert.Null(HostPath(null, "proc"));
    }
}
