using OciRuntime.Linux;
using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class KillCommand : CommandSyntax<KillOptions>
{
    public override string Name => "kill";
    public override string Summary => "send a signal (default: SIGTERM) to the container's init process";
    public override string ArgumentsUsage => "<container-id> [signal]";
    public override string Description =>
        "The signal is a name, with or without SIG and in any case (KILL, SIGKILL, sigkill), or a number (9).\n" +
        "Example: ocirun kill ubuntu01 KILL";

    protected override IReadOnlyList<Flag<KillOptions>> Flags { get; } =
    [
        Flag<KillOptions>.Switch("all", "a", "send the signal to every process in the container", (o, v) => o.All = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Between(1, 2);

    protected override KillOptions NewOptions() => new();

    protected override void BindArguments(KillOptions options, IReadOnlyList<string> arguments)
    {
        options.ContainerId = arguments[0];
        if (arguments.Count < 2) return;
        if (!Signal.TryParse(arguments[1], out var signal)) throw new UsageException($"unknown signal \"{arguments[1]}\"");
        options.Signal = signal;
    }

    protected override ICommandHandler<KillOptions> CreateHandler() => new KillHandler();
}
