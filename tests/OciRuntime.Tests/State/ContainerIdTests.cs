using OciRuntime.Container;
using Xunit;

namespace OciRuntime.Tests.State;

public class ContainerIdTests
{
    [Theory]
    [InlineData("c1")]
    [InlineData("a-much-longer-container-id.1")]
    [InlineData("UPPER_lower_123")]
    [InlineData("a+b")]
    [InlineData("a,b")] // runc's [+-\.] is a range that includes ','
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("-leading-dash")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Accepts_what_runc_accepts(string id)
    {
        Assert.True(ContainerId.IsValid(id));
        ContainerId.Validate(id);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("a~b")]
    [InlineData("é")]
    [InlineData("tab\tid")]
    [InlineData("nul\0id")]
    public void Refuses_with_runcs_message(string id)
    {
        Assert.False(ContainerId.IsValid(id));
        var error = Assert.Throws<OciRuntimeException>(() => ContainerId.Validate(id));
        Assert.Equal("invalid container ID format", error.Message);
    }

    [Fact]
    public void Refuses_ids_longer_than_a_file_name()
    {
        Assert.True(ContainerId.IsValid(new string('x', 255)));
        Assert.False(ContainerId.IsValid(new string('x', 256)));
    }

    [Fact]
    public void Null_is_not_an_id() => Assert.False(ContainerId.IsValid(null));
}
