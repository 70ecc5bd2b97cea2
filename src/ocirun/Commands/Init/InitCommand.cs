using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class InitCommand : CommandSyntax<InitOptions>
{
    public override string Name => "init";
    public override string Summary => "initialize the container's namespaces and run its process (internal)";
    public override string ArgumentsUsage => "";
    public override bool Hidden => true;

    protected override IReadOnlyList<Flag<InitOptions>> Flags { get; } = [];

    protected override ArgumentCount Arguments => ArgumentCount.None;

    protected override InitOptions NewOptions() => new();

    protected override void BindArguments(InitOptions options, IReadOnlyList<string> arguments) { }

    protected override ICommandHandler<InitOptions> CreateHandler() => new InitHandler();
}
