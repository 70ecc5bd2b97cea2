using System.Text;
using OciRuntime.Cgroups;
using OciRuntime.Container.Console;
using OciRuntime.Container.Exec;
using OciRuntime.Container.Rootfs;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;
using OciRuntime.Seccomp;
using OciRuntime.Spec;
using Errno = OciRuntime.Linux.Errno;

namespace OciRuntime.Container.Init;

/// <summary>
/// Builds a container from `create` itself, so one .NET runtime serves the whole command: no init stage is exec'd.
/// The clone3'd child becomes the container's init (<see cref="RawInit"/>, raw syscalls only); the rootfs, the
/// terminal, the hostname, the sysctls and the program's lookup are done here by a thread that entered the init's
/// namespaces (<see cref="NamespaceThread"/>), with the init stage's own code. Proc is mounted by the init, the only
/// process in the container's pid namespace. Used when nothing needs the init stage (<see cref="Applies"/>).
/// </summary>
internal sealed unsafe class InProcessInit : IDisposable
{
    private const int CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000,
        CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWNET = 0x40000000;
    private const int F_DUPFD_CLOEXEC = 1030;

    private readonly RuntimeSpec _spec;
    private readonly Process _process;
    private readonly IReadOnlyList<string> _extraEnvironment;
    private readonly NativeExecPlan _native;
    private readonly InitLateArea _late;
    private readonly InitChildPlan* _plan;

    /// <summary>
    /// The cases the init stage keeps: a user namespace (this thread cannot join one, and files it makes would not
    /// belong to the container's root), no mount namespace of its own or --no-pivot (the root switch must then be
    /// the init's own), hooks that run inside the container, and a container that may ptrace: the init is a fork of
    /// this command, so its /proc/PID/exe is the host's binary, which only the init stage replaces by a read-only
    /// image; non-dumpable keeps everyone else from it.
    /// </summary>
    public static bool Applies(RuntimeSpec spec, int newNamespaces, IEnumerable<int> joinedTypes, bool noPivot, bool rootless) =>
        !rootless && !noPivot
        && (newNamespaces & CLONE_NEWNS) != 0 && (newNamespaces & CLONE_NEWUSER) == 0 && !joinedTypes.Contains(CLONE_NEWUSER)
        && spec.Hooks?.CreateContainer is not { Count: > 0 } && spec.Hooks?.StartContainer is not { Count: > 0 }
        && spec.Process?.Capabilities?.Bounding?.Contains("CAP_SYS_PTRACE") != true;

    /// <summary>Lays out the init's plan before the clone.</summary>
    /// <param name="newCgroupNamespace">The init makes it once the command has put it into the container's cgroups.</param>
    /// <param name="shrinkWhenIdle">`start` may be long in coming (not `run`): the init then drops its code pages
    /// once it has waited a while.</param>
    public InProcessInit(RuntimeSpec spec, string id, bool newKeyring, int fifoFd, int preserveFds,
        IReadOnlyList<string> extraEnvironment, SeccompProgram? seccomp, bool newCgroupNamespace, bool shrinkWhenIdle)
    {
        _spec = spec;
        _process = spec.Process!;
        _extraEnvironment = extraEnvironment;
        var user = _process.User ?? new User();
        _native = new NativeExecPlan(new ExecSetup
        {
            Path = "",
            Argv = _process.Args ?? [],
            Environment = [],
            Cwd = string.IsNullOrEmpty(_process.Cwd) ? "/" : _process.Cwd,
            Uid = user.Uid,
            Gid = user.Gid,
            AdditionalGids = user.AdditionalGids ?? [],
            Umask = user.Umask ?? 0b000_010_010,
            Capabilities = ProcessSettings.ToSets(_process.Capabilities),
            LastCapability = ProcessCredentials.LastCapability(),
            Rlimits = (_process.Rlimits ?? []).Select(ContainerExec.ToSetting).ToList(),
            MemoryPolicy = MemoryPolicySetting.From(spec.Linux?.MemoryPolicy),
            NoNewPrivileges = _process.NoNewPrivileges == true,
            Seccomp = seccomp,
            AppArmorExec = SecurityLabels.AppArmorExecValue(_process.ApparmorProfile),
            SelinuxExec = SecurityLabels.SelinuxExecValue(_process.SelinuxLabel),
            CloseFrom = 3 + preserveFds,
        }, syncFd: -1);
        try
        {
            _late = new InitLateArea(EnvironmentBytes([.. _process.Env ?? [], .. extraEnvironment]));
            var plan = (InitChildPlan*)_native.Block(sizeof(InitChildPlan));
            plan->Process = _native.Plan;
            plan->FifoFd = fifoFd;
            plan->NewCgroupNamespace = newCgroupNamespace ? 1 : 0;
            plan->ReopenDevNull = RootfsBuilder.SetsUpDevFor(spec) ? 1 : 0;
            plan->SessionKeyring = newKeyring ? _native.String($"_ses.{id}") : null;
            plan->Personality = SchedulingSettings.DomainOf(spec.Linux?.Personality) is { } persona ? persona : -1;
            plan->Late = _late.Data;
            var idle = shrinkWhenIdle ? CodeMappings() : [];
            plan->IdleRangeCount = idle.Length;
            plan->IdleRanges = idle.Length > 0 ? (long*)_native.Block(idle.Length * 2 * sizeof(long)) : null;
            for (var i = 0; i < idle.Length; i++)
            {
                plan->IdleRanges[2 * i] = idle[i].Start;
                plan->IdleRanges[2 * i + 1] = (long)idle[i].Length;
            }
            _plan = plan;
        }
        catch
        {
            _late?.Dispose();
            _native.Dispose();
            throw;
        }
    }

    /// <summary>The init is a fork of this process: our code mappings are its.</summary>
    private static (nint Start, nuint Length)[] CodeMappings()
    {
        try
        {
            return IdleFootprint.CodeMappings(FileText.Read("/proc/self/maps")).ToArray();
        }
        catch (IOException)
        {
            return []; // only a smaller footprint is lost
        }
    }

    /// <summary>For <see cref="SpawnRequest.InitChild"/>.</summary>
    public nint Plan => (nint)_plan;

    /// <summary>What the build needs from the command besides the config.</summary>
    public sealed class Context
    {
        public required string Rootfs { get; init; }
        /// <summary>A bind mount's relative source is relative to it.</summary>
        public required string Bundle { get; init; }
        /// <summary>CLONE_NEW* flags of the namespaces the container does not share with us (made or joined).</summary>
        public required int OwnNamespaces { get; init; }
        public required CgroupPaths Cgroups { get; init; }
        public required IReadOnlyDictionary<int, int> IdMappedTrees { get; init; }
        /// <summary>The console socket to send the terminal's master to, or -1.</summary>
        public int ConsoleSocket { get; init; } = -1;
        public required IReadOnlyList<CgroupTaskFile> CgroupTasks { get; init; }
        /// <summary>Runs once the mounts are made, before the root switch (the runtime-namespace hooks); argument: the init's pid.</summary>
        public Action<int>? AfterMounts { get; init; }
        /// <summary>Hands the init's seccomp notify fd on (arguments: the fd, the init's pid).</summary>
        public Action<int, int>? PassSeccompNotifyFd { get; init; }
        /// <summary>OCIRUN_TEST_PAUSE_AT, for the pause at "rootfs".</summary>
        public string? PauseAt { get; init; }
    }

    /// <summary>Builds the container around the spawned init; returns once it waits for `start`.</summary>
    public void Build(int pid, SyncSocket socket, Context context)
    {
        WaitFor(socket, ChildReport.NamespacesReady, context, pid, raw: true);
        var namespaces = OpenNamespaces(pid, context.OwnNamespaces);
        try
        {
            var rootfs = new RootfsBuilder(_spec, context.Rootfs, context.Bundle, inUserNamespace: false, context.Cgroups,
                (context.OwnNamespaces & CLONE_NEWCGROUP) != 0, context.IdMappedTrees, bindSources: new Dictionary<int, int>(),
                (source, target, flags, data) => MountProc(socket, context, source, target, flags, data));
            string? consolePath = null;
            UserProgram? program = null;
            void Finish()
            {
                rootfs.SwitchRoot(noPivot: false);
                if (_process.Terminal == true) consolePath = CreateConsole(context.ConsoleSocket);
                // Made as root and before a read-only root is sealed, as runc does; entered later as the user.
                if (!string.IsNullOrEmpty(_process.Cwd)) MakeCwd(_process.Cwd);
                if (!string.IsNullOrEmpty(_spec.Hostname)) Errno.Check(Host.SetHostname(_spec.Hostname), "sethostname");
                if (!string.IsNullOrEmpty(_spec.Domainname)) Errno.Check(Host.SetDomainname(_spec.Domainname), "setdomainname");
                // Before read-only and masked paths, which may cover /proc/sys (runc's order).
                Sysctl.WriteAll(_spec.Linux?.Sysctl);
                rootfs.Finish();
                program = UserProgram.Resolve(_process, _extraEnvironment);
            }

            var pauses = FaultPoint.IsRequested("rootfs", context.PauseAt);
            if (context.AfterMounts == null && !pauses)
            {
                NamespaceThread.Run(namespaces, () =>
                {
                    rootfs.MountAll();
                    Finish();
                });
            }
            else
            {
                NamespaceThread.Run(namespaces, rootfs.MountAll);
                if (pauses)
                {
                    // Until the init goes away (its end of the socket closes): the fault tests kill it, or us.
                    FaultPoint.Reach("rootfs", context.PauseAt, untilReadable: socket.Fd);
                    throw new OciRuntimeException("container init exited before it was ready");
                }
                context.AfterMounts?.Invoke(pid);
                NamespaceThread.Run(namespaces, Finish);
            }

            OomScore.Apply(_process.OomScoreAdj, pid);
            SchedulingSettings.ApplyScheduler(_process.Scheduler, pid);
            SchedulingSettings.ApplyIoPriority(_process.IOPriority, pid);
            if (_process.Terminal != true) StdioOwnership.GiveTo(_process.User?.Uid ?? 0, _process.User?.Gid ?? 0);
            _late.SetProgram(program!.Path, program.Environment, consolePath);
            socket.Send(InitMessage.Proceed);
            WaitFor(socket, ChildReport.Ready, context, pid, raw: false);
        }
        finally
        {
            foreach (var fd in namespaces) Libc.Close(fd);
        }
    }

    /// <summary>
    /// One this thread cannot make is left for the lookup's chdir to refuse: a path through /proc/self/fd (the
    /// CVE-2024-21626 trick) names nothing here, since this thread is outside the container's pid namespace and the
    /// init has closed every descriptor it inherited.
    /// </summary>
    private static void MakeCwd(string cwd)
    {
        try
        {
            Directory.CreateDirectory(cwd);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The init's namespaces this thread must enter, in setns order (the mount namespace last).</summary>
    private static List<int> OpenNamespaces(int pid, int own)
    {
        var fds = new List<int>();
        try
        {
            foreach (var (flag, name) in new[] { (CLONE_NEWNET, "net"), (CLONE_NEWIPC, "ipc"), (CLONE_NEWUTS, "uts"), (CLONE_NEWCGROUP, "cgroup"), (CLONE_NEWNS, "mnt") })
            {
                if ((own & flag) == 0) continue;
                var path = $"/proc/{pid}/ns/{name}";
                fds.Add(Errno.Check(Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0), $"open {path}"));
            }
            return fds;
        }
        catch
        {
            foreach (var fd in fds) Libc.Close(fd);
            throw;
        }
    }

    private void MountProc(SyncSocket socket, Context context, string? source, int target, ulong flags, string data)
    {
        _late.SetMount(source, flags, data);
        socket.Send(InitMessage.MountProc, [], [target]);
        var frame = socket.Receive() ?? throw new OciRuntimeException("container init exited before it was ready");
        if (frame.IsChildReport && frame.Report == ChildReport.Failed) throw ExecSpawner.Failure(frame.A, frame.B, "", context.CgroupTasks);
        if (!frame.IsChildReport || frame.Report != ChildReport.MountDone) throw new OciRuntimeException($"sync socket: unexpected message {frame.Kind}");
        if (frame.A != 0) throw Errno.Exception("mount proc", frame.A);
    }

    /// <summary>The terminal, made from the container's devpts on this thread; the console socket gets a copy of the
    /// command's fd, which the hand-over closes.</summary>
    private string CreateConsole(int consoleSocket)
    {
        if (consoleSocket < 0) throw new OciRuntimeException("process.terminal is set but there is no console socket");
        var copy = Errno.Check(Libc.Fcntl(consoleSocket, F_DUPFD_CLOEXEC, 3), "dup console socket");
        return ContainerConsole.Create(copy, (ushort?)_process.ConsoleSize?.Height, (ushort?)_process.ConsoleSize?.Width,
            _process.User?.Uid ?? 0);
    }

    /// <param name="raw">Until NamespacesReady a failure is the raw child's (<see cref="ChildStep"/>), then the init's
    /// (<see cref="ExecStep"/>).</param>
    private static void WaitFor(SyncSocket socket, ChildReport expected, Context context, int pid, bool raw)
    {
        while (true)
        {
            var frame = socket.Receive() ?? throw new OciRuntimeException("container init exited before it was ready");
            if (!frame.IsChildReport) throw new OciRuntimeException($"sync socket: unexpected message {frame.Kind}");
            if (frame.Report == expected) return;
            switch (frame.Report)
            {
                case ChildReport.Failed when raw:
                    throw InitSpawner.ChildFailure(frame.A, frame.B, context.CgroupTasks);
                case ChildReport.Failed:
                    throw ExecSpawner.Failure(frame.A, frame.B, "", context.CgroupTasks);
                case ChildReport.SeccompNotifyFd:
                    ExecSpawner.HandOverNotifyFd(socket, frame, context.PassSeccompNotifyFd, pid);
                    break;
                default:
                    throw new OciRuntimeException($"sync socket: unexpected report {frame.Kind}");
            }
        }
    }

    private static int EnvironmentBytes(IReadOnlyList<string> environment)
    {
        var bytes = (environment.Count + 2) * sizeof(nint);
        foreach (var variable in environment) bytes += (Encoding.UTF8.GetByteCount(variable) + 1 + 7) & ~7;
        return bytes;
    }

    public void Dispose()
    {
        _late.Dispose();
        _native.Dispose();
    }
}
