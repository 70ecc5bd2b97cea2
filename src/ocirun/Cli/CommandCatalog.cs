using Ocirun.Commands;

namespace Ocirun.Cli;

/// <summary>
/// Every subcommand by name. Only the one being run is constructed (its flag table with it); --help builds
/// them all to list them.
/// </summary>
internal static class CommandCatalog
{
    /// <summary>In the order --help lists them (runc's).</summary>
    public static readonly string[] Names =
    [
        "checkpoint", "create", "delete", "events", "exec", "kill", "list", "pause", "ps", "restore", "resume",
        "run", "spec", "start", "state", "update", "features", "info", "init", "docs",
    ];

    public static CommandSyntax? Find(string name) => name switch
    {
        "checkpoint" => new CheckpointCommand(),
        "create" => new CreateCommand(),
        "delete" => new DeleteCommand(),
        "events" => new EventsCommand(),
        "exec" => new ExecCommand(),
        "kill" => new KillCommand(),
        "list" => new ListCommand(),
        "pause" => new PauseCommand(),
        "ps" => new PsCommand(),
        "restore" => new RestoreCommand(),
        "resume" => new ResumeCommand(),
        "run" => new RunCommand(),
        "spec" => new SpecCommand(),
        "start" => new StartCommand(),
        "state" => new StateCommand(),
        "update" => new UpdateCommand(),
        "features" => new FeaturesCommand(),
        "info" => new InfoCommand(),
        "init" => new InitCommand(),
        "docs" => new DocsCommand(),
        _ => null,
    };
}
