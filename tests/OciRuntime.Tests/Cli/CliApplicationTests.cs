using Ocirun;
using Ocirun.Cli;
using Ocirun.Logging;
using Xunit;

namespace OciRuntime.Tests.Cli;

/// <summary>Whole runs of ocirun: exit codes, what lands on stdout and stderr, and the --log file.</summary>
[Collection(RuntimeLogCollection.Name)]
public sealed class CliApplicationTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly Action<LogLevel, string>? previousSink = RuntimeLog.Sink;
    private readonly bool previousDebug = RuntimeLog.DebugEnabled;
    private readonly string logPath = Path.Combine(Path.GetTempPath(), $"ocirun-cli-test-{Guid.NewGuid():N}.log");
    private readonly MemoryOutput stdout = new();
    private readonly MemoryOutput stderr = new();

    public void Dispose()
    {
        RuntimeLog.Sink = previousSink;
        RuntimeLog.DebugEnabled = previousDebug;
        File.Delete(logPath);
    }

    private int Run(params string[] args) => new CliApplication(stdout, stderr, () => Noon).Run(args);

    [Theory]
    [InlineData("--version")]
    [InlineData("-v")]
    [InlineData("--version=true")]
    public void Version_prints_three_lines(string flag)
    {
        Assert.Equal(0, Run(flag));
        var lines = stdout.Text.Split('\n');
        Assert.Equal("ocirun version 0.1.0", lines[0]);
        Assert.Matches("^commit: ([0-9a-f]{40}|unknown)$", lines[1]);
        Assert.Equal("spec: 1.3.0", lines[2]);
        Assert.Equal("", stderr.Text);
    }

    [Fact]
    public void Version_commit_is_the_stamped_one() => Assert.Contains($"commit: {BuildInfo.Commit}\n", VersionText.Text);

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("h")]
    public void Help_lists_the_commands_on_stdout(params string[] args)
    {
        Assert.Equal(0, Run(args));
        Assert.Equal(HelpWriter.AppHelp(), stdout.Text);
        Assert.Equal("", stderr.Text);
    }

    [Theory]
    [InlineData("kill", "--help")]
    [InlineData("kill", "-h")]
    [InlineData("kill", "c1", "--help")]
    [InlineData("help", "kill")]
    [InlineData("h", "kill")]
    public void Command_help_goes_to_stdout(params string[] args)
    {
        Assert.Equal(0, Run(args));
        Assert.StartsWith("NAME:\n   ocirun kill - ", stdout.Text);
    }

    [Fact]
    public void Help_false_is_no_help() => Assert.Equal(1, Run("kill", "--help=false"));

    [Fact]
    public void A_usage_error_is_one_line_on_stderr_with_exit_1()
    {
        Assert.Equal(1, Run("state"));
        Assert.Equal("ocirun: state: expects exactly 1 argument (<container-id>), got 0 (see 'ocirun state --help')\n", stderr.Text);
        Assert.Equal("", stdout.Text);
    }

    [Fact]
    public void A_global_usage_error_points_to_the_global_help()
    {
        Assert.Equal(1, Run("--bogus", "state", "c1"));
        Assert.Equal("ocirun: unknown flag: --bogus (see 'ocirun --help')\n", stderr.Text);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("help", "bogus")]
    [InlineData("bogus", "-h")]
    public void An_unknown_command_exits_3_as_runc_does(params string[] args)
    {
        Assert.Equal(3, Run(args));
        Assert.Equal("ocirun: unknown command: No help topic for 'bogus' (see 'ocirun --help')\n", stderr.Text);
    }

    [Fact]
    public void Usage_errors_are_logged_too()
    {
        Assert.Equal(1, Run("--log", logPath, "--log-format", "json", "kill", "c1", "BOGUS"));
        Assert.Equal(
            "{\"level\":\"error\",\"msg\":\"ocirun: kill: unknown signal \\\"BOGUS\\\" (see 'ocirun kill --help')\",\"time\":\"2026-11-23T12:00:00Z\"}\n",
            File.ReadAllText(logPath));
    }

    [Fact]
    public void A_runtime_error_is_one_line_with_command_and_id_and_exit_1()
    {
        var invocation = new Invocation("kill", null, () => throw new OciRuntimeException("container does not exist")) { ContainerId = "c1" };
        Assert.Equal(1, CliApplication.Execute(invocation, new ErrorReporter(stderr, null), debug: false));
        Assert.Equal("ocirun: kill c1: container does not exist\n", stderr.Text);
    }

    [Fact]
    public void A_command_decides_its_failure_exit_code()
    {
        var invocation = new Invocation("exec", null, () => throw new OciRuntimeException("container is paused")) { ContainerId = "c1", FailureExitCode = 255 };
        Assert.Equal(255, CliApplication.Execute(invocation, new ErrorReporter(stderr, null), debug: false));
        Assert.Equal("ocirun: exec c1: container is paused\n", stderr.Text);
    }

    [Fact]
    public void A_handler_returns_the_exit_code() =>
        Assert.Equal(7, CliApplication.Execute(new Invocation("run", null, () => 7), new ErrorReporter(stderr, null), debug: false));

    [Fact]
    public void Any_other_exception_is_one_line_that_says_it_is_a_bug_without_a_stack_trace()
    {
        var invocation = new Invocation("state", null, () => throw new InvalidOperationException("boom")) { ContainerId = "c1" };
        Assert.Equal(1, CliApplication.Execute(invocation, new ErrorReporter(stderr, null), debug: false));
        Assert.Equal("ocirun: state c1: boom (unexpected InvalidOperationException: this is a bug in ocirun)\n", stderr.Text);
    }

    [Fact]
    public void Debug_adds_the_exception_details()
    {
        var invocation = new Invocation("state", null, () => throw new InvalidOperationException("boom"));
        CliApplication.Execute(invocation, new ErrorReporter(stderr, null), debug: true);
        var lines = stderr.Text.Split('\n');
        Assert.Equal("ocirun: state: boom (unexpected InvalidOperationException: this is a bug in ocirun)", lines[0]);
        Assert.StartsWith("System.InvalidOperationException: boom", lines[1]);
    }

    [Fact]
    public void With_a_log_file_the_error_goes_to_stderr_and_the_log()
    {
        var sink = new LogSink(new Ocirun.Logging.LazyLogFile(logPath, stderr), LogFormat.Json, LogLevel.Info, () => Noon);
        var invocation = new Invocation("delete", null, () => throw new OciRuntimeException("cannot delete container c1 that is not stopped: running")) { ContainerId = "c1" };
        CliApplication.Execute(invocation, new ErrorReporter(stderr, sink), debug: false);
        Assert.Equal("ocirun: delete c1: cannot delete container c1 that is not stopped: running\n", stderr.Text);
        Assert.Equal("{\"level\":\"error\",\"msg\":\"ocirun: delete c1: cannot delete container c1 that is not stopped: running\",\"time\":\"2026-11-23T12:00:00Z\"}\n",
            File.ReadAllText(logPath));
    }

    [Fact]
    public void A_command_that_logs_nothing_does_not_create_the_log_file()
    {
        Assert.Equal(0, Run("--log", logPath, "--version"));
        Assert.False(File.Exists(logPath));
    }

    [Fact]
    public void Running_installs_the_log_sink_with_the_debug_setting()
    {
        Run("--log", logPath, "--debug", "--version");
        Assert.True(RuntimeLog.DebugEnabled);
        RuntimeLog.Debug("seen");
        Assert.Equal("time=\"2026-11-23T12:00:00Z\" level=debug msg=seen\n", File.ReadAllText(logPath));
    }
}
