using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class DeleteCommand : CommandSyntax<DeleteOptions>
{
    public override string Name => "delete";
    public override string Summary => "delete a container and the resources it holds";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Removes a stopped container: its state, cgroups and anything else ocirun keeps for it.";

    protected override IReadOnlyList<Flag<DeleteOptions>> Flags { get; } =
    [
        Flag<DeleteOptions>.Switch("force", "f", "delete the container even if it is still running (kills it with SIGKILL)", (o, v) => o.Force = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override DeleteOptions NewOptions() => new();

    protected override void BindArguments(DeleteOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<DeleteOptions> CreateHandler() => new DeleteHandler();
}
