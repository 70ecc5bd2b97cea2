using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class StateCommand : CommandSyntax<StateOptions>
{
    public override string Name => "state";
    public override string Summary => "print the state of a container";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Prints the container's state as OCI state JSON (id, status, pid, bundle, annotations, ...).";

    protected override IReadOnlyList<Flag<StateOptions>> Flags { get; } = [];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override StateOptions NewOptions() => new();

    protected override void BindArguments(StateOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<StateOptions> CreateHandler() => new StateHandler();
}
