using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class StartCommand : CommandSyntax<StartOptions>
{
    public override string Name => "start";
    public override string Summary => "run the user process of a created container";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Lets the process of a container made by 'ocirun create' exec the program in process.args.";

    protected override IReadOnlyList<Flag<StartOptions>> Flags { get; } = [];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override StartOptions NewOptions() => new();

    protected override void BindArguments(StartOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<StartOptions> CreateHandler() => new StartHandler();
}
