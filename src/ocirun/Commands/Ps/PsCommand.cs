using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class PsCommand : CommandSyntax<PsOptions>
{
    public override string Name => "ps";
    public override string Summary => "show the processes running in a container";
    public override string ArgumentsUsage => "<container-id> [--] [ps options]";
    public override string Description =>
        "Runs ps(1) with the given options (default: -ef) and keeps the lines of the container's processes.\n" +
        "Flags for ocirun go before the container id; everything after it is for ps.";

    protected override IReadOnlyList<Flag<PsOptions>> Flags { get; } =
    [
        Flag<PsOptions>.Value("format", "f", "table or json", (o, v) => o.Format = ReportFormats.Parse(v), defaultText: "\"table\""),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.AtLeast(1);

    protected override bool FlagsOnlyBeforeArguments => true;

    protected override PsOptions NewOptions() => new();

    protected override void BindArguments(PsOptions options, IReadOnlyList<string> arguments)
    {
        options.ContainerId = arguments[0];
        var psArguments = PassThrough.After(arguments, 1);
        if (psArguments.Count > 0) options.PsArguments = psArguments;
    }

    protected override ICommandHandler<PsOptions> CreateHandler() => new PsHandler();
}
