using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("1.2.0", "1")]
    [InlineData("0.0.0", "0")]
    [InlineData("10.20.30", "10")]
    [InlineData("1.0.2-dev", "1")]
    [InlineData("1.1.0-rc.1+build.5", "1")]
    [InlineData("1.0.0+20130313144700", "1")]
    [InlineData("1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay", "1")]
    [InlineData("1.0.0-0A.is.legal", "1")]
    [InlineData("2.0.0", "2")]
    public void A_valid_version_gives_its_major(string version, string major) => Assert.Equal(major, SemanticVersion.Major(version));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.03")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3-a.")]
    [InlineData("1.2.3+b_c")]
    [InlineData("1.2.3 ")]
    [InlineData("1.2.3\n")]
    [InlineData("v1.2.3")]
    [InlineData("1.2.-3")]
    [InlineData("\u0661.2.3")]
    public void Anything_else_is_not_a_version(string version) => Assert.Null(SemanticVersion.Major(version));
}
