using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class PauseCommand : CommandSyntax<PauseOptions>
{
    public override string Name => "pause";
    public override string Summary => "suspend all processes of a container";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Freezes every process of the container through its cgroup freezer; 'ocirun resume' thaws them.";

    protected override IReadOnlyList<Flag<PauseOptions>> Flags { get; } = [];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override PauseOptions NewOptions() => new();

    protected override void BindArguments(PauseOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<PauseOptions> CreateHandler() => new PauseHandler();
}
