namespace Ocirun.Cli;

/// <summary>
/// The command line itself is wrong (unknown flag, missing argument, bad value): reported as one line with a
/// pointer to --help, exit 1 as runc does (3 for an unknown command, as runc's urfave/cli does).
/// </summary>
internal sealed class UsageException(string message, int exitCode = 1) : Exception(message)
{
    public const int UnknownCommandExitCode = 3;

    public int ExitCode { get; } = exitCode;

    /// <summary>The subcommand whose arguments are wrong; null for the global flags or the command name.</summary>
    public string? Command { get; init; }
}
