using Ocirun.Cli.Values;
using Xunit;

namespace OciRuntime.Tests.Cli.Values;

public class GoIntegerTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData("+3", 3)]
    [InlineData("-1", -1)]
    [InlineData("0x1f", 31)]
    [InlineData("0X1F", 31)]
    [InlineData("017", 15)]
    [InlineData("0o17", 15)]
    [InlineData("0b101", 5)]
    [InlineData("1_000", 1000)]
    [InlineData("0x_1f", 31)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Base0_reads_go_integer_literals(string text, long expected) =>
        Assert.Equal(expected, GoInteger.ParseInt64(text, 0));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    public void Base0_rejects_what_go_rejects(string text) =>
        Assert.Throws<InvalidValueException>(() => GoInteger.ParseInt64(text, 0));

    [Theory]
    [InlineData("100000", 100000)]
    [InlineData("-1", -1)]
    [InlineData("+7", 7)]
    [InlineData("010", 10)]
    public void Base10_is_plain_decimal(string text, long expected) =>
        Assert.Equal(expected, GoInteger.ParseInt64(text, 10));

    [Theory]
    [InlineData("0x10")]
    [InlineData("1_000")]
    public void Base10_takes_no_prefix_or_underscore(string text) =>
        Assert.Throws<InvalidValueException>(() => GoInteger.ParseInt64(text, 10));

    [Fact]
    public void Unsigned_takes_the_full_range_but_no_sign()
    {
        Assert.Equal(ulong.MaxValue, GoInteger.ParseUInt64("18446744073709551615", 10));
        Assert.Throws<InvalidValueException>(() => GoInteger.ParseUInt64("18446744073709551616", 10));
        Assert.Throws<InvalidValueException>(() => GoInteger.ParseUInt64("-1", 10));
        Assert.Throws<InvalidValueException>(() => GoInteger.ParseUInt64("+1", 10));
    }
}
