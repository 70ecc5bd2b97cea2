using OciRuntime.Container.Lifecycle;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class TimeOffsetsTests
{
    [Fact]
    public void Offsets_become_timens_offsets_lines()
    {
        var text = TimeOffsets.Format(new Dictionary<string, LinuxTimeOffset>
        {
            ["monotonic"] = new() { Secs = 10, Nanosecs = 5 },
            ["boottime"] = new() { Secs = -3 },
        });
        Assert.Equal("monotonic 10 5\nboottime -3 0\n", text);
    }

    [Fact]
    public void No_offsets_keep_the_one_clone_spawn()
    {
        Assert.Null(TimeOffsets.Writer(null));
        Assert.Null(TimeOffsets.Writer(new Dictionary<string, LinuxTimeOffset>()));
    }

    [Fact]
    public void An_unknown_clock_is_an_error()
    {
        var e = Assert.Throws<OciRuntimeException>(() => TimeOffsets.Format(new Dictionary<string, LinuxTimeOffset> { ["realtime"] = new() }));
        Assert.Equal("config.json: linux.timeOffsets: unknown clock \"realtime\"", e.Message);
    }
}
