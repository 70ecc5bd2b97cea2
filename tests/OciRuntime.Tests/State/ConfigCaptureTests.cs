using System.Text;
using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class ConfigCaptureTests
{
    private static ConfigCapture.Parts Capture(string json) => ConfigCapture.From(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Process_and_seccomp_are_kept_as_the_config_wrote_them()
    {
        var parts = Capture("""{"process":{"args":["sh"],"cwd":"/","x-extra":1},"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW"}}}""");

        Assert.Equal("""{"args":["sh"],"cwd":"/","x-extra":1}""", parts.Process!.Value.GetRawText());
        Assert.Equal("""{"defaultAction":"SCMP_ACT_ALLOW"}""", parts.Seccomp!.Value.GetRawText());
        Assert.Null(parts.Hooks);
    }

    [Fact]
    public void Only_the_hooks_that_run_after_create_are_kept()
    {
        var parts = Capture("""{"hooks":{"prestart":[{"path":"/a"}],"poststop":[{"path":"/b"}],"poststart":[]}}""");

        Assert.Equal("""{"poststart":[],"poststop":[{"path":"/b"}]}""", parts.Hooks!.Value.GetRawText());
    }

    [Theory]
    [InlineData("""{"hooks":{"prestart":[{"path":"/a"}],"poststart":[]}}""")]
    [InlineData("""{"hooks":null}""")]
    [InlineData("""{"hooks":{"poststop":null}}""")]
    public void Hooks_without_poststart_or_poststop_hooks_are_not_kept(string json) => Assert.Null(Capture(json).Hooks);

    [Fact]
    public void Names_match_as_the_config_reader_matches_them()
    {
        var parts = Capture("""{"Process":{"cwd":"/a"},"process":{"cwd":"/b"},"LINUX":{"Seccomp":null},"linux":{"seccomp":null}}""");

        Assert.Equal("""{"cwd":"/b"}""", parts.Process!.Value.GetRawText());
        Assert.Null(parts.Seccomp);
    }

    [Fact]
    public void Captured_parts_outlive_the_config_buffer()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"process":{"cwd":"/"}}""");
        var parts = ConfigCapture.From(bytes);
        Array.Clear(bytes);

        Assert.Equal("/", parts.Process!.Value.GetProperty("cwd").GetString());
    }
}
