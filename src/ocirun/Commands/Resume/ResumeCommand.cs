using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class ResumeCommand : CommandSyntax<ResumeOptions>
{
    public override string Name => "resume";
    public override string Summary => "resume the processes of a paused container";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Thaws every process of a container that 'ocirun pause' froze.";

    protected override IReadOnlyList<Flag<ResumeOptions>> Flags { get; } = [];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override ResumeOptions NewOptions() => new();

    protected override void BindArguments(ResumeOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<ResumeOptions> CreateHandler() => new ResumeHandler();
}
