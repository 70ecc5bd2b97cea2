using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class FeaturesCommand : CommandSyntax<FeaturesOptions>
{
    public override string Name => "features";
    public override string Summary => "show the enabled features";
    public override string ArgumentsUsage => "";
    public override string Description => "Prints the OCI runtime features document (JSON): what this build of ocirun supports.";

    protected override IReadOnlyList<Flag<FeaturesOptions>> Flags { get; } = [];

    protected override ArgumentCount Arguments => ArgumentCount.None;

    protected override FeaturesOptions NewOptions() => new();

    protected override void BindArguments(FeaturesOptions options, IReadOnlyList<string> arguments) { }

    protected override ICommandHandler<FeaturesOptions> CreateHandler() => new FeaturesHandler();
}
