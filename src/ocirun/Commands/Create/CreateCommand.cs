using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class CreateCommand : CommandSyntax<CreateOptions>
{
    public override string Name => "create";
    public override string Summary => "create a container";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description =>
        "Creates a container from a bundle: a directory with config.json and the root filesystem it names.\n" +
        "The container's process is set up but waits until 'ocirun start' runs the program in process.args.";

    protected override IReadOnlyList<Flag<CreateOptions>> Flags { get; } =
    [
        Flag<CreateOptions>.Value("bundle", "b", SharedFlagUsage.Bundle, (o, v) => o.Bundle = v),
        Flag<CreateOptions>.Value("console-socket", null, SharedFlagUsage.ConsoleSocket, (o, v) => o.ConsoleSocket = v),
        Flag<CreateOptions>.Value("pidfd-socket", null, SharedFlagUsage.PidfdSocket, (o, v) => o.PidfdSocket = v),
        Flag<CreateOptions>.Value("pid-file", null, SharedFlagUsage.PidFile, (o, v) => o.PidFile = v),
        Flag<CreateOptions>.Switch("no-pivot", null, SharedFlagUsage.NoPivot, (o, v) => o.NoPivot = v),
        Flag<CreateOptions>.Switch("no-new-keyring", null, SharedFlagUsage.NoNewKeyring, (o, v) => o.NoNewKeyring = v),
        Flag<CreateOptions>.Integer("preserve-fds", null, SharedFlagUsage.PreserveFds, (o, v) => o.PreserveFds = PreservedFds.Count(v), defaultText: "0"),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override CreateOptions NewOptions() => new();

    protected override void BindArguments(CreateOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<CreateOptions> CreateHandler() => new CreateHandler();
}
