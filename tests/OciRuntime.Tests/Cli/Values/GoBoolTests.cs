using Ocirun.Cli.Values;
using Xunit;

namespace OciRuntime.Tests.Cli.Values;

public class GoBoolTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("False", false)]
    public void Parses_go_booleans(string text, bool expected) => Assert.Equal(expected, GoBool.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("tRUE")]
    [InlineData("2")]
    public void Rejects_anything_else(string text) => Assert.Throws<InvalidValueException>(() => GoBool.Parse(text));
}
