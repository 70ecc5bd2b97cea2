using Ocirun.Cli.Values;
using Xunit;

namespace OciRuntime.Tests.Cli.Values;

public class MemorySizeTests
{
    [Theory]
    [InlineData("4096", 4096)]
    [InlineData("512m", 512L << 20)]
    [InlineData("512M", 512L << 20)]
    [InlineData("512mb", 512L << 20)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("512 m", 512L << 20)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("1k", 1024)]
    [InlineData("2t", 2L << 40)]
    [InlineData("1p", 1L << 50)]
    [InlineData("10b", 10)]
    [InlineData("512i", 512)] // go-units 0.4's pattern allows i without a unit; runc 1.1 accepts it
    [InlineData("0.5k", 512)]
    [InlineData("1.9", 1)]
    public void Parses_sizes_as_runc_1_1_does(string text, long expected) => Assert.Equal(expected, MemorySize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("bogus")]
    [InlineData("-2")]
    [InlineData("0x10")]
    [InlineData("1.2.3m")]
    [InlineData(".5m")]
    [InlineData("5.m")]
    [InlineData("5mm")]
    [InlineData("5  m")]
    [InlineData("5e3")]
    [InlineData("5kx")]
    [InlineData("8192p")]
    public void Rejects_what_runc_rejects(string text) => Assert.Throws<InvalidValueException>(() => MemorySize.Parse(text));
}
