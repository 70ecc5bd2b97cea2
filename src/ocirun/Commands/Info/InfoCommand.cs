using Ocirun.Cli;
using Ocirun.Cli.Values;

namespace Ocirun.Commands;

internal sealed class InfoCommand : CommandSyntax<InfoOptions>
{
    public override string Name => "info";
    public override string Summary => "show what this host supports and why";
    public override string ArgumentsUsage => "";
    public override string Description =>
        "Reports the kernel, cgroup mode and controllers, seccomp, user namespaces, idmapped mounts, CRIU, systemd,\n" +
        "AppArmor, SELinux and the state root (--root), each with what it means for running containers here.";

    protected override IReadOnlyList<Flag<InfoOptions>> Flags { get; } =
    [
        Flag<InfoOptions>.Value("format", "f", "text or json", (o, v) => o.Json = ParseFormat(v), defaultText: "\"text\""),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.None;

    protected override InfoOptions NewOptions() => new();

    protected override void BindArguments(InfoOptions options, IReadOnlyList<string> arguments) { }

    protected override ICommandHandler<InfoOptions> CreateHandler() => new InfoHandler();

    private static bool ParseFormat(string text) => text switch
    {
        "text" => false,
        "json" => true,
        _ => throw new InvalidValueException("must be text or json"),
    };
}
