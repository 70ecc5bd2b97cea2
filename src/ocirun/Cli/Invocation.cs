namespace Ocirun.Cli;

/// <summary>
/// A parsed command line, ready to run: which command, its typed options (for tests and error context), and
/// what failure exits with (exec exits 255 when it fails, as runc does; everything else 1).
/// </summary>
internal sealed class Invocation(string? command, object? options, Func<int> run)
{
    public const int DefaultFailureExitCode = 1;

    /// <summary>The subcommand, or null for the global <c>--help</c> and <c>--version</c>.</summary>
    public string? Command { get; } = command;

    public object? Options { get; } = options;

    /// <summary>Shown in the error line <c>ocirun: COMMAND ID: MESSAGE</c>.</summary>
    public string? ContainerId { get; init; }

    public int FailureExitCode { get; init; } = DefaultFailureExitCode;

    /// <summary>Runs the command; returns the process exit code (run and exec: the container process's).</summary>
    public int Run() => run();
}
