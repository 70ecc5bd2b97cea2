using Ocirun.Cli;
using Ocirun.Cli.Values;

namespace Ocirun.Commands;

internal sealed class ExecCommand : CommandSyntax<ExecOptions>
{
    /// <summary>runc's exit status for an exec that could not start its process (otherwise: the process's status).</summary>
    public const int ExecFailedExitCode = 255;

    public override string Name => "exec";
    public override string Summary => "run a new process inside a running container";
    public override string ArgumentsUsage => "<container-id> [--] <command> [args...]  |  --process process.json <container-id>";
    public override string Description =>
        "Flags for ocirun go before the container id; everything after it is the command and its arguments.\n" +
        "Example: ocirun exec -t ubuntu01 sh";

    protected override IReadOnlyList<Flag<ExecOptions>> Flags { get; } =
    [
        Flag<ExecOptions>.Value("console-socket", null, SharedFlagUsage.ConsoleSocket, (o, v) => o.ConsoleSocket = v),
        Flag<ExecOptions>.Value("pidfd-socket", null, SharedFlagUsage.ExecPidfdSocket, (o, v) => o.PidfdSocket = v),
        Flag<ExecOptions>.Value("cwd", null, "working directory of the process in the container", (o, v) => o.Cwd = v),
        Flag<ExecOptions>.Value("env", "e", "set an environment variable (KEY=VALUE); repeatable", (o, v) => o.Env.Add(v)),
        Flag<ExecOptions>.Switch("tty", "t", "allocate a pseudo-TTY", (o, v) => o.Tty = v),
        Flag<ExecOptions>.Value("user", "u", "user and group ids: UID[:GID]", (o, v) => o.User = v.Length == 0 ? null : ExecUser.Parse(v)),
        Flag<ExecOptions>.Value("additional-gids", "g", "an additional group id; repeatable", (o, v) => o.AdditionalGids.Add(GroupId(v))),
        Flag<ExecOptions>.Value("process", "p", "path to a process.json with the process to run", (o, v) => o.ProcessPath = v),
        Flag<ExecOptions>.Switch("detach", "d", SharedFlagUsage.Detach, (o, v) => o.Detach = v),
        Flag<ExecOptions>.Value("pid-file", null, SharedFlagUsage.PidFile, (o, v) => o.PidFile = v),
        Flag<ExecOptions>.Value("process-label", null, "SELinux label for the process", (o, v) => o.ProcessLabel = v),
        Flag<ExecOptions>.Value("apparmor", null, "AppArmor profile for the process", (o, v) => o.AppArmorProfile = v),
        Flag<ExecOptions>.Switch("no-new-privs", null, "set no_new_privs for the process", (o, v) => o.NoNewPrivileges = v),
        Flag<ExecOptions>.Value("cap", "c", "add a capability to the process (e.g. CAP_NET_ADMIN); repeatable", (o, v) => o.Capabilities.Add(v)),
        Flag<ExecOptions>.Integer("preserve-fds", null, SharedFlagUsage.PreserveFds, (o, v) => o.PreserveFds = PreservedFds.Count(v), defaultText: "0"),
        Flag<ExecOptions>.Value("cgroup", null, "run the process in an existing sub-cgroup: [<controller>:]<cgroup>; repeatable", (o, v) => o.Cgroups.Add(v)),
        Flag<ExecOptions>.Switch("ignore-paused", null, "exec even if the container is paused", (o, v) => o.IgnorePaused = v),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.AtLeast(1);

    protected override bool FlagsOnlyBeforeArguments => true;

    protected override int FailureExitCode => ExecFailedExitCode;

    protected override ExecOptions NewOptions() => new();

    protected override void BindArguments(ExecOptions options, IReadOnlyList<string> arguments)
    {
        options.ContainerId = arguments[0];
        options.Command = PassThrough.After(arguments, 1);
        // runc reports this as a failed exec (255), not as wrong usage.
        if (options.Command.Count == 0 && options.ProcessPath == null)
            throw new UsageException("no command given: pass a command after the container id, or --process FILE", ExecFailedExitCode);
    }

    protected override ICommandHandler<ExecOptions> CreateHandler() => new ExecHandler();

    private static uint GroupId(string text)
    {
        var gid = GoInteger.ParseInt64(text, 0);
        return gid is >= 0 and <= uint.MaxValue ? (uint)gid : throw new InvalidValueException("must be a group id from 0 to 4294967295");
    }
}
