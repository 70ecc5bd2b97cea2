namespace Ocirun.Commands;

/// <summary>
/// Runs one subcommand. Returns the exit code (0, or the container process's status for run and exec).
/// Failures the user can act on are <see cref="OciRuntime.OciRuntimeException"/>s: the CLI prints
/// <c>ocirun: COMMAND ID: MESSAGE</c> and exits 1 (exec: 255).
/// </summary>
internal interface ICommandHandler<in TOptions>
{
    int Run(GlobalOptions global, TOptions options);
}
