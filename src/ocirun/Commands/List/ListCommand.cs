using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class ListCommand : CommandSyntax<ListOptions>
{
    public override string Name => "list";
    public override string Summary => "list the containers under the state root";
    public override string ArgumentsUsage => "";
    public override string Description => "Lists the containers whose state is under --root (default: \"" + GlobalOptions.DefaultRoot + "\").";

    protected override IReadOnlyList<Flag<ListOptions>> Flags { get; } =
    [
        Flag<ListOptions>.Value("format", "f", "table or json", (o, v) => o.Format = ReportFormats.Parse(v), defaultText: "\"table\""),
        Flag<ListOptions>.Switch("quiet", "q", "print only the container ids", (o, v) => o.Quiet = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.None;

    protected override ListOptions NewOptions() => new();

    protected override void BindArguments(ListOptions options, IReadOnlyList<string> arguments) { }

    protected override ICommandHandler<ListOptions> CreateHandler() => new ListHandler();
}
