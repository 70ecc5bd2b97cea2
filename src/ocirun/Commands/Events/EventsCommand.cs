using Ocirun.Cli;
using Ocirun.Cli.Values;

namespace Ocirun.Commands;

internal sealed class EventsCommand : CommandSyntax<EventsOptions>
{
    public override string Name => "events";
    public override string Summary => "display container events such as OOM notifications and resource usage statistics";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Prints the container's events as JSON lines: OOM notifications, and statistics every --interval.";

    protected override IReadOnlyList<Flag<EventsOptions>> Flags { get; } =
    [
        Flag<EventsOptions>.Value("interval", null, "time between statistics events, like 5s, 1m30s or 500ms", (o, v) => o.Interval = PositiveDuration(v), defaultText: "5s"),
        Flag<EventsOptions>.Switch("stats", null, "print the container's statistics once and exit", (o, v) => o.Stats = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override EventsOptions NewOptions() => new();

    protected override void BindArguments(EventsOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<EventsOptions> CreateHandler() => new EventsHandler();

    private static TimeSpan PositiveDuration(string text)
    {
        var interval = GoDuration.Parse(text);
        return interval > TimeSpan.Zero ? interval : throw new InvalidValueException("the interval must be greater than 0");
    }
}
