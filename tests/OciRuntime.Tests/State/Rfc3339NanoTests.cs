using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public class Rfc3339NanoTests
{
    private static readonly DateTime Second = new(2026, 11, 23, 12, 17, 41, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "2026-11-23T12:17:41Z")]
    [InlineData(787190, "2026-11-23T12:17:41.078719Z")]
    [InlineData(1000000, "2026-11-23T12:17:41.1Z")]
    [InlineData(1, "2026-11-23T12:17:41.0000001Z")]
    [InlineData(9999999, "2026-11-23T12:17:41.9999999Z")]
    public void Formats_like_go_trimming_trailing_zeros(long ticks, string expected) =>
        Assert.Equal(expected, Rfc3339Nano.Format(Second.AddTicks(ticks)));

    [Fact]
    public void Formats_local_times_in_utc()
    {
        var utc = Second.AddTicks(5);
        Assert.Equal(Rfc3339Nano.Format(utc), Rfc3339Nano.Format(utc.ToLocalTime()));
    }

    [Theory]
    [InlineData("2026-11-23T12:17:41.078719011Z", 787190)]
    [InlineData("2026-11-23T12:17:41Z", 0)]
    [InlineData("2026-11-23T14:17:41.5+02:00", 5000000)]
    public void Parses_runcs_timestamps_to_utc(string text, long ticks)
    {
        var parsed = Rfc3339Nano.Parse(text);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
        Assert.Equal(Second.AddTicks(ticks), parsed);
    }
}
