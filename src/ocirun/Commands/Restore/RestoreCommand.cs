using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class RestoreCommand : CommandSyntax<RestoreOptions>
{
    public override string Name => "restore";
    public override string Summary => "restore a container from a previous checkpoint";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Recreates a container from the images 'ocirun checkpoint' saved, with criu.";

    protected override IReadOnlyList<Flag<RestoreOptions>> Flags { get; } =
    [
        Flag<RestoreOptions>.Value("console-socket", null, SharedFlagUsage.ConsoleSocket, (o, v) => o.ConsoleSocket = v),
        Flag<RestoreOptions>.Value("image-path", null, "directory of criu's image files", (o, v) => o.ImagePath = v),
        Flag<RestoreOptions>.Value("work-path", null, "directory for criu's work files and logs", (o, v) => o.WorkPath = v),
        Flag<RestoreOptions>.Switch("tcp-established", null, "allow open TCP connections", (o, v) => o.TcpEstablished = v),
        Flag<RestoreOptions>.Switch("ext-unix-sk", null, "allow external unix sockets", (o, v) => o.ExternalUnixSockets = v),
        Flag<RestoreOptions>.Switch("shell-job", null, "allow shell jobs", (o, v) => o.ShellJob = v),
        Flag<RestoreOptions>.Switch("file-locks", null, "handle file locks", (o, v) => o.FileLocks = v),
        Flag<RestoreOptions>.Value("manage-cgroups-mode", null, "cgroups mode: soft (default), full or strict", (o, v) => o.ManageCgroupsMode = CriuCgroupModes.Parse(v)),
        Flag<RestoreOptions>.Value("bundle", "b", SharedFlagUsage.Bundle, (o, v) => o.Bundle = v),
        Flag<RestoreOptions>.Switch("detach", "d", SharedFlagUsage.Detach, (o, v) => o.Detach = v),
        Flag<RestoreOptions>.Value("pid-file", null, SharedFlagUsage.PidFile, (o, v) => o.PidFile = v),
        Flag<RestoreOptions>.Switch("no-subreaper", null, SharedFlagUsage.NoSubreaper, (o, v) => o.NoSubreaper = v),
        Flag<RestoreOptions>.Switch("no-pivot", null, SharedFlagUsage.NoPivot, (o, v) => o.NoPivot = v),
        Flag<RestoreOptions>.Value("empty-ns", null, "create this namespace, but do not restore its properties; repeatable", (o, v) => o.EmptyNamespaces.Add(v)),
        Flag<RestoreOptions>.Switch("auto-dedup", null, "enable auto deduplication of memory images", (o, v) => o.AutoDedup = v),
        Flag<RestoreOptions>.Switch("lazy-pages", null, "use userfaultfd to restore memory pages lazily", (o, v) => o.LazyPages = v),
        Flag<RestoreOptions>.Value("lsm-profile", null, "LSM profile to restore with, as TYPE:NAME", (o, v) => o.LsmProfile = v),
        Flag<RestoreOptions>.Value("lsm-mount-context", null, "LSM mount context to restore with", (o, v) => o.LsmMountContext = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override RestoreOptions NewOptions() => new();

    protected override void BindArguments(RestoreOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<RestoreOptions> CreateHandler() => new RestoreHandler();
}
