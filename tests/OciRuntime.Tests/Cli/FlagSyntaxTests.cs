using Ocirun.Commands;
using Xunit;

namespace OciRuntime.Tests.Cli;

/// <summary>The flag forms runc 1.1 (Go's flag package under urfave/cli v1) accepts, and the ones it refuses.</summary>
public class FlagSyntaxTests
{
    [Theory]
    [InlineData("--bundle", "/b")]
    [InlineData("-bundle", "/b")]
    [InlineData("-b", "/b")]
    [InlineData("--b", "/b")]
    public void Value_flags_take_the_next_argument(string flag, string value) =>
        Assert.Equal("/b", CommandLine.Options<CreateOptions>("create", flag, value, "id").Bundle);

    [Theory]
    [InlineData("--bundle=/b")]
    [InlineData("-bundle=/b")]
    [InlineData("-b=/b")]
    public void Value_flags_take_an_attached_value(string flag) =>
        Assert.Equal("/b", CommandLine.Options<CreateOptions>("create", flag, "id").Bundle);

    [Fact]
    public void An_attached_value_may_contain_equals_signs_and_be_empty()
    {
        Assert.Equal(["A=1=2"], CommandLine.Options<ExecOptions>("exec", "--env=A=1=2", "id", "sh").Env);
        Assert.Equal("", CommandLine.Options<CreateOptions>("create", "--bundle=", "id").Bundle);
    }

    [Fact]
    public void A_value_flag_takes_the_next_argument_even_if_it_looks_like_a_flag() =>
        Assert.Equal("--pid-file", CommandLine.Options<CreateOptions>("create", "--bundle", "--pid-file", "id").Bundle);

    [Theory]
    [InlineData("--detach", true)]
    [InlineData("-d", true)]
    [InlineData("--detach=true", true)]
    [InlineData("-d=1", true)]
    [InlineData("--detach=false", false)]
    [InlineData("--detach=F", false)]
    public void Switches_are_set_alone_or_with_an_attached_boolean(string flag, bool expected) =>
        Assert.Equal(expected, CommandLine.Options<RunOptions>("run", flag, "id").Detach);

    [Fact]
    public void A_switch_does_not_take_the_next_argument_as_its_value() =>
        Assert.Equal("true", CommandLine.Options<KillOptions>("kill", "--all", "true").ContainerId);

    [Fact]
    public void The_last_of_a_repeated_scalar_flag_wins() =>
        Assert.Equal("/second", CommandLine.Options<CreateOptions>("create", "-b", "/first", "--bundle", "/second", "id").Bundle);

    [Fact]
    public void Repeatable_flags_collect_every_value_in_order_in_both_forms()
    {
        var options = CommandLine.Options<ExecOptions>("exec", "-e", "A=1", "--env", "B=2", "--env=C=3,D=4", "id", "sh");
        Assert.Equal(["A=1", "B=2", "C=3,D=4"], options.Env);
    }

    [Fact]
    public void Flags_may_follow_the_container_id_of_most_commands()
    {
        var kill = CommandLine.Options<KillOptions>("kill", "id", "KILL", "--all");
        Assert.True(kill.All);
        Assert.Equal(9, kill.Signal);
        Assert.Equal("/b", CommandLine.Options<CreateOptions>("create", "id", "--bundle", "/b").Bundle);
    }

    [Fact]
    public void After_an_argument_an_unknown_dash_word_is_an_argument()
    {
        var kill = CommandLine.Options<KillOptions>("kill", "id", "-9");
        Assert.Equal(-9, kill.Signal);
    }

    [Fact]
    public void Double_dash_ends_the_flags()
    {
        var options = CommandLine.Options<CreateOptions>("create", "--", "--bundle");
        Assert.Equal("--bundle", options.ContainerId);
        Assert.Null(options.Bundle);
    }

    [Fact]
    public void A_lone_dash_is_an_argument() =>
        Assert.Equal("-", CommandLine.Options<StateOptions>("state", "-").ContainerId);

    [Theory]
    [InlineData("-td")]          // no bundling of short switches, as in runc 1.1
    [InlineData("-eA=1")]        // no short flag with its value attached
    [InlineData("--bogus")]
    [InlineData("-x")]
    public void Unknown_flags_before_the_arguments_are_usage_errors(string flag)
    {
        var error = CommandLine.UsageError("exec", flag, "id", "sh");
        Assert.Equal($"unknown flag: {flag.Split('=')[0]}", error.Message);
        Assert.Equal("exec", error.Command);
        Assert.Equal(1, error.ExitCode);
    }

    [Theory]
    [InlineData("---bundle")]
    [InlineData("-=x")]
    [InlineData("--=x")]
    public void Malformed_flags_are_usage_errors(string flag) =>
        Assert.StartsWith("bad flag syntax", CommandLine.UsageError("create", flag, "id").Message);

    [Fact]
    public void A_value_flag_at_the_end_needs_its_value() =>
        Assert.Equal("flag needs an argument: --pid-file", CommandLine.UsageError("create", "id", "--pid-file").Message);

    [Fact]
    public void A_bad_boolean_names_the_flag() =>
        Assert.StartsWith("invalid value \"yes\" for flag --detach:", CommandLine.UsageError("run", "--detach=yes", "id").Message);

    [Fact]
    public void A_bad_integer_names_the_flag() =>
        Assert.StartsWith("invalid value \"abc\" for flag --preserve-fds:", CommandLine.UsageError("create", "--preserve-fds", "abc", "id").Message);

    [Fact]
    public void Integer_flags_read_go_literals() =>
        Assert.Equal(16, CommandLine.Options<CreateOptions>("create", "--preserve-fds=0x10", "id").PreserveFds);
}
