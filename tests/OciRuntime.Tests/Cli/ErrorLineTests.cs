using Ocirun.Cli;
using Xunit;

namespace OciRuntime.Tests.Cli;

public class ErrorLineTests
{
    [Theory]
    [InlineData("kill", "c1", "container does not exist", "ocirun: kill c1: container does not exist")]
    [InlineData("list", null, "permission denied", "ocirun: list: permission denied")]
    [InlineData("state", "", "container id cannot be empty", "ocirun: state: container id cannot be empty")]
    [InlineData(null, null, "boom", "ocirun: boom")]
    public void Names_the_command_and_container(string? command, string? id, string message, string expected) =>
        Assert.Equal(expected, ErrorLine.Format(command, id, message));

    [Fact]
    public void Folds_a_multi_line_message_onto_one_line() =>
        Assert.Equal("ocirun: ps c1: exit status 1; error: garbage option; Usage: ps [options]",
            ErrorLine.Format("ps", "c1", "exit status 1\nerror: garbage option\r\nUsage: ps [options]\n\n"));

    [Fact]
    public void Usage_errors_point_to_help()
    {
        Assert.Equal("ocirun: kill: unknown signal \"X\" (see 'ocirun kill --help')",
            ErrorLine.ForUsage(new UsageException("unknown signal \"X\"") { Command = "kill" }));
        Assert.Equal("ocirun: unknown flag: --x (see 'ocirun --help')", ErrorLine.ForUsage(new UsageException("unknown flag: --x")));
    }
}
