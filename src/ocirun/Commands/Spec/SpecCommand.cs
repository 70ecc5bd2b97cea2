using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class SpecCommand : CommandSyntax<SpecOptions>
{
    public override string Name => "spec";
    public override string Summary => "create a new specification file";
    public override string ArgumentsUsage => "";
    public override string Description =>
        "Writes a starter config.json into the bundle directory. It runs \"sh\" in a terminal; edit process.args\n" +
        "and the rest to suit the root filesystem. For example, with a busybox root filesystem in ./rootfs:\n" +
        "\n" +
        "    ocirun spec\n" +
        "    ocirun run demo\n" +
        "\n" +
        "--rootless writes a config an unprivileged user can run.";

    protected override IReadOnlyList<Flag<SpecOptions>> Flags { get; } =
    [
        Flag<SpecOptions>.Value("bundle", "b", "path to the bundle directory", (o, v) => o.Bundle = v),
        Flag<SpecOptions>.Switch("rootless", null, "generate a configuration for a rootless container", (o, v) => o.Rootless = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.None;

    protected override SpecOptions NewOptions() => new();

    protected override void BindArguments(SpecOptions options, IReadOnlyList<string> arguments) { }

    protected override ICommandHandler<SpecOptions> CreateHandler() => new SpecHandler();
}
