using Ocirun.Cli.Values;
using Xunit;

namespace OciRuntime.Tests.Cli.Values;

public class GoDurationTests
{
    [Theory]
    [InlineData("5s", 5_000_000_000)]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("1m30s", 90_000_000_000)]
    [InlineData("1.5h", 5_400_000_000_000)]
    [InlineData("300ms", 300_000_000)]
    [InlineData("2h45m", 9_900_000_000_000)]
    [InlineData("-1.5s", -1_500_000_000)]
    [InlineData("+10s", 10_000_000_000)]
    [InlineData(".5s", 500_000_000)]
    [InlineData("1.s", 1_000_000_000)]
    [InlineData("100us", 100_000)]
    [InlineData("100\u00b5s", 100_000)]
    [InlineData("100\u03bcs", 100_000)]
    [InlineData("1500ns", 1_500)]
    [InlineData("1h1m1s1ms", 3_661_001_000_000)]
    public void Parses_go_durations(string text, long nanoseconds) =>
        Assert.Equal(TimeSpan.FromTicks(nanoseconds / 100), GoDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("bogus")]
    [InlineData("5x")]
    [InlineData(".s")]
    [InlineData("s")]
    [InlineData("5 s")]
    [InlineData("1d")]
    [InlineData("3000000h")]
    public void Rejects_what_go_rejects(string text) =>
        Assert.Throws<InvalidValueException>(() => GoDuration.Parse(text));

    [Fact]
    public void A_number_without_unit_says_the_unit_is_missing() =>
        Assert.Contains("missing unit", Assert.Throws<InvalidValueException>(() => GoDuration.Parse("5")).Message);
}
