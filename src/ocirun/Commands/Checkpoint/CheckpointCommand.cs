using Ocirun.Cli;

namespace Ocirun.Commands;

internal sealed class CheckpointCommand : CommandSyntax<CheckpointOptions>
{
    public override string Name => "checkpoint";
    public override string Summary => "checkpoint a running container";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description => "Saves the state of a running container with criu, for 'ocirun restore'.";

    protected override IReadOnlyList<Flag<CheckpointOptions>> Flags { get; } =
    [
        Flag<CheckpointOptions>.Value("image-path", null, "directory for criu's image files", (o, v) => o.ImagePath = v),
        Flag<CheckpointOptions>.Value("work-path", null, "directory for criu's work files and logs", (o, v) => o.WorkPath = v),
        Flag<CheckpointOptions>.Value("parent-path", null, "directory of the images of a previous pre-dump", (o, v) => o.ParentPath = v),
        Flag<CheckpointOptions>.Switch("leave-running", null, "leave the process running after the checkpoint", (o, v) => o.LeaveRunning = v),
        Flag<CheckpointOptions>.Switch("tcp-established", null, "allow open TCP connections", (o, v) => o.TcpEstablished = v),
        Flag<CheckpointOptions>.Switch("ext-unix-sk", null, "allow external unix sockets", (o, v) => o.ExternalUnixSockets = v),
        Flag<CheckpointOptions>.Switch("shell-job", null, "allow shell jobs", (o, v) => o.ShellJob = v),
        Flag<CheckpointOptions>.Switch("lazy-pages", null, "use userfaultfd to restore memory pages lazily", (o, v) => o.LazyPages = v),
        Flag<CheckpointOptions>.Integer("status-fd", null, "criu writes \\0 to this fd once lazy-pages is ready", (o, v) => o.StatusFd = FileDescriptor(v), defaultText: "-1"),
        Flag<CheckpointOptions>.Value("page-server", null, "ADDRESS:PORT of the page server", (o, v) => o.PageServer = v),
        Flag<CheckpointOptions>.Switch("file-locks", null, "handle file locks", (o, v) => o.FileLocks = v),
        Flag<CheckpointOptions>.Switch("pre-dump", null, "dump the container's memory only and leave it running", (o, v) => o.PreDump = v),
        Flag<CheckpointOptions>.Value("manage-cgroups-mode", null, "cgroups mode: soft (default), full or strict", (o, v) => o.ManageCgroupsMode = CriuCgroupModes.Parse(v)),
        Flag<CheckpointOptions>.Value("empty-ns", null, "create this namespace, but do not save its properties; repeatable", (o, v) => o.EmptyNamespaces.Add(v)),
        Flag<CheckpointOptions>.Switch("auto-dedup", null, "enable auto deduplication of memory images", (o, v) => o.AutoDedup = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override CheckpointOptions NewOptions() => new();

    protected override void BindArguments(CheckpointOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<CheckpointOptions> CreateHandler() => new CheckpointHandler();

    private static int FileDescriptor(long value) =>
        value is >= -1 and <= int.MaxValue ? (int)value : throw new Cli.Values.InvalidValueException("must be a file descriptor, or -1 for none");
}
