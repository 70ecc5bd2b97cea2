using Ocirun.Cli;
using Ocirun.Commands;
using Ocirun.Logging;
using Xunit;

namespace OciRuntime.Tests.Cli;

public class GlobalOptionsTests
{
    private static GlobalOptions Parse(params string[] args) => GlobalCommandLine.Parse(args).Options;

    [Fact]
    public void Defaults()
    {
        var options = Parse("state", "c1");
        Assert.Equal(("/run/ocirun", (string?)null, LogFormat.Text, false, false, (bool?)null, "criu"),
            (options.Root, options.LogPath, options.LogFormat, options.Debug, options.SystemdCgroup, options.Rootless, options.CriuPath));
    }

    [Fact]
    public void As_containerd_passes_them()
    {
        var options = Parse("--root", "/run/containerd/runc/k8s.io", "--log", "/run/x/log.json", "--log-format", "json",
            "--systemd-cgroup", "create", "--bundle", "/b", "c1");
        Assert.Equal(("/run/containerd/runc/k8s.io", "/run/x/log.json", LogFormat.Json, true),
            (options.Root, options.LogPath, options.LogFormat, options.SystemdCgroup));
    }

    [Fact]
    public void Every_flag_in_every_form()
    {
        var options = Parse("-debug", "--log=/l", "-log-format=text", "-root=/r", "--criu", "/usr/sbin/criu", "--systemd-cgroup=false", "--rootless", "true", "list");
        Assert.Equal(("/r", (string?)"/l", LogFormat.Text, true, false, (bool?)true, "/usr/sbin/criu"),
            (options.Root, options.LogPath, options.LogFormat, options.Debug, options.SystemdCgroup, options.Rootless, options.CriuPath));
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("AUTO", null)]
    [InlineData("", null)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    public void Rootless_is_true_false_or_auto(string text, bool? expected) => Assert.Equal(expected, Parse("--rootless", text, "list").Rootless);

    [Fact]
    public void Relative_root_and_log_paths_are_made_absolute()
    {
        var options = Parse("--root", "state-dir/", "--log", "logs/x.log", "list");
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "state-dir"), options.Root);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "logs", "x.log"), options.LogPath);
        Assert.Equal("/", Parse("--root", "/", "list").Root);
    }

    [Fact]
    public void An_empty_log_means_stderr() => Assert.Null(Parse("--log", "", "list").LogPath);

    [Theory]
    [InlineData("--log-format", "xml")]
    [InlineData("--rootless", "maybe")]
    [InlineData("--root", "")]
    [InlineData("--debug=yes", null)]
    public void Bad_values_are_usage_errors_of_the_global_flags(string flag, string? value)
    {
        var args = value == null ? new[] { flag, "list" } : new[] { flag, value, "list" };
        var error = Assert.Throws<UsageException>(() => GlobalCommandLine.Parse(args));
        Assert.Null(error.Command);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public void Global_flags_must_come_before_the_command()
    {
        var error = CommandLine.UsageError("state", "--debug", "c1");
        Assert.Equal(("unknown flag: --debug", "state"), (error.Message, error.Command));
    }

    [Fact]
    public void The_command_and_its_arguments_follow_the_global_flags()
    {
        var line = GlobalCommandLine.Parse(["--root", "/r", "kill", "--all", "c1", "KILL"]);
        Assert.Equal(["kill", "--all", "c1", "KILL"], line.CommandArguments);
    }

    [Fact]
    public void Double_dash_ends_the_global_flags() =>
        Assert.Equal(["state", "c1"], GlobalCommandLine.Parse(["--", "state", "c1"]).CommandArguments);
}
