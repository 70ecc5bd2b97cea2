using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class RunCommand : CommandSyntax<RunOptions>
{
    public override string Name => "run";
    public override string Summary => "create and run a container";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description =>
        "Creates a container from a bundle and runs the program in process.args. Without --detach, ocirun stays\n" +
        "in the foreground, forwards signals to the process, exits with its exit status and deletes the container.";

    protected override IReadOnlyList<Flag<RunOptions>> Flags { get; } =
    [
        Flag<RunOptions>.Value("bundle", "b", SharedFlagUsage.Bundle, (o, v) => o.Bundle = v),
        Flag<RunOptions>.Value("console-socket", null, SharedFlagUsage.ConsoleSocket, (o, v) => o.ConsoleSocket = v),
        Flag<RunOptions>.Value("pidfd-socket", null, SharedFlagUsage.PidfdSocket, (o, v) => o.PidfdSocket = v),
        Flag<RunOptions>.Switch("detach", "d", SharedFlagUsage.Detach, (o, v) => o.Detach = v),
        Flag<RunOptions>.Switch("keep", null, "do not delete the container after it exits", (o, v) => o.Keep = v),
        Flag<RunOptions>.Value("pid-file", null, SharedFlagUsage.PidFile, (o, v) => o.PidFile = v),
        Flag<RunOptions>.Switch("no-subreaper", null, SharedFlagUsage.NoSubreaper, (o, v) => o.NoSubreaper = v),
        Flag<RunOptions>.Switch("no-pivot", null, SharedFlagUsage.NoPivot, (o, v) => o.NoPivot = v),
        Flag<RunOptions>.Switch("no-new-keyring", null, SharedFlagUsage.NoNewKeyring, (o, v) => o.NoNewKeyring = v),
        Flag<RunOptions>.Integer("preserve-fds", null, SharedFlagUsage.PreserveFds, (o, v) => o.PreserveFds = PreservedFds.Count(v), defaultText: "0"),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override RunOptions NewOptions() => new();

    protected override void BindArguments(RunOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<RunOptions> CreateHandler() => new RunHandler();
}
