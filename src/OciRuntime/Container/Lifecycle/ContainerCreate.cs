using System.Text;
using System.Text.Json;
using OciRuntime.Cgroups;
using OciRuntime.Container.Hooks;
using OciRuntime.Container.Init;
using OciRuntime.Container.Rootfs;
using OciRuntime.Container.Spawn;
using OciRuntime.Container.State;
using OciRuntime.IntelRdt;
using OciRuntime.Linux;
using OciRuntime.Seccomp;
using Errno = OciRuntime.Linux.Errno;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `create`: validate the bundle, record the container, start its init inside new namespaces, let the init build
/// the container while this command runs the runtime-namespace hooks, and return once the init waits for `start`.
/// A failure at any step removes everything made so far.
/// </summary>
public static class ContainerCreate
{
    private const int F_DUPFD_CLOEXEC = 1030;

    /// <summary>A created container whose init is a child of this process (for `run`).</summary>
    public sealed record Created(string Id, int InitPid, ContainerRecord Record, bool Terminal);

    public static Created Run(CreateOptions options)
    {
        ContainerId.Validate(options.Id);
        var bundle = Path.GetFullPath(options.Bundle);
        var configBytes = Encoding.UTF8.GetBytes(SpecLoader.ReadText(bundle));
        var spec = SpecSerializer.Deserialize(configBytes, SpecLoader.ConfigFileName);
        SpecValidator.Validate(spec, options.SystemdCgroup);
        var process = spec.Process ?? throw new OciRuntimeException("config.json: process: required to create a container");
        if (process.Terminal == true && options.ConsoleSocket == null && !options.Foreground)
            throw new OciRuntimeException("cannot allocate tty if ocirun will detach without setting console socket");
        if (process.Terminal != true && options.ConsoleSocket != null)
            throw new OciRuntimeException("cannot use console socket if ocirun will not detach or allocate tty");
        // Checked before anything is made: a requested label the host cannot enforce is an error, not a no-op.
        SecurityLabels.AppArmorExecValue(process.ApparmorProfile);
        SecurityLabels.SelinuxExecValue(process.SelinuxLabel);
        SecurityLabels.CheckMountLabel(spec.Linux?.MountLabel);
        var rootfs = Path.GetFullPath(spec.Root!.Path, bundle);
        if (!Directory.Exists(rootfs)) throw new OciRuntimeException($"rootfs {rootfs}: no such directory");
        var namespaces = NamespacePlan.From(spec.Linux?.Namespaces);
        NetDevices.Check(spec.Linux?.NetDevices);
        if (spec.Linux?.MemoryPolicy is { } memoryPolicy) MemoryPolicySetting.CheckOnline(memoryPolicy, FileText.Read("/sys/devices/system/node/online"));
        // Refused before anything is made when this host cannot apply it, as runc does.
        var resctrl = spec.Linux?.IntelRdt is { } rdt ? ResctrlHost.Require(rdt, ResctrlHost.Detect(CgroupFileSystem.Host)) : null;
        // Compiled (or found in the cache) before anything exists, so a profile libseccomp rejects leaves nothing
        // behind; the init gets the bytes and loads them itself (see InitSeccomp for when).
        using var seccomp = SeccompSetup.Prepare(spec.Linux?.Seccomp, options.Root);

        using var pidfdSocket = PidfdSocket.Connect(options.PidfdSocket);
        var captured = ConfigCapture.From(configBytes);
        var store = new StateStore(options.Root);
        var record = new ContainerRecord
        {
            Id = options.Id,
            Bundle = bundle,
            Rootfs = rootfs,
            Created = DateTime.UtcNow,
            Owner = UserNames.OfCurrentUser(),
            Annotations = spec.Annotations ?? new(),
            Hooks = captured.Hooks,
            Process = captured.Process,
            Seccomp = captured.Seccomp,
        };
        using var containerLock = store.Create(record);
        var cleanup = new CreateCleanup(store, options.Id);
        try
        {
            var created = Build(options, store, containerLock, record, spec, configBytes, namespaces, seccomp, resctrl, cleanup);
            pidfdSocket?.Send(created.InitPid, PidfdSocket.InitKind);
            cleanup.Disarm();
            return created;
        }
        finally
        {
            cleanup.Dispose();
        }
    }

    private static Created Build(CreateOptions options, StateStore store, ContainerLock containerLock, ContainerRecord record, RuntimeSpec spec,
        byte[] configBytes, NamespacePlan namespaces, SeccompProgram? seccomp, ResctrlHost? resctrl, CreateCleanup cleanup)
    {
        var paths = store.PathsOf(options.Id);
        var fds = new List<int>();
        try
        {
            // Made first: a source or filesystem that cannot be id-mapped fails before anything else exists.
            var idMappedTrees = namespaces.Creates(NamespacePlan.CLONE_NEWNS)
                ? IdMappedTrees.Prepare(IdMappedMountPlanner.Plan(spec, record.Bundle, rootless: Libc.GetEuid() != 0), fds)
                : new Dictionary<int, int>();
            var cgroups = CgroupManager.Create(new CgroupOptions(options.Id, spec.Linux?.CgroupsPath, options.SystemdCgroup,
                Rootless: Libc.GetEuid() != 0));
            cleanup.Cgroups = cgroups;
            record.Cgroups = cgroups.Paths;
            if (resctrl != null) record.IntelRdt = cleanup.IntelRdt = IntelRdtGroup.Create(spec.Linux!.IntelRdt!, options.Id, resctrl, CgroupFileSystem.Host);
            // Saved before anything runs in it, so `delete --force` can clean up after a create that was killed.
            store.Save(record);
            cgroups.Apply(spec.Linux?.Resources);
            using var cgroupEntry = cgroups.PrepareEntry();
            record.IntelRdt?.AddTo(cgroupEntry, CgroupFileSystem.Host);

            Errno.Check(Libc.MkFifo(paths.ExecFifo, 0b110_010_010), "mkfifo exec.fifo");
            // Opened read-write here, so the open cannot block and the init inherits a reader without ever
            // reopening the fifo (a non-dumpable process that switched users cannot use /proc/self/fd).
            var fifo = Errno.Check(Libc.Open(paths.ExecFifo, Libc.O_RDWR | Libc.O_CLOEXEC, 0), "open exec.fifo");
            fds.Add(fifo);
            var consoleSocket = spec.Process?.Terminal != true ? -1
                : options.ConsoleSocket != null ? UnixSocketClient.Connect(options.ConsoleSocket, "console socket")
                : options.ConsoleSocketFd >= 0 ? Errno.Check(Libc.Fcntl(options.ConsoleSocketFd, F_DUPFD_CLOEXEC, 3), "dup console socket")
                : -1;
            if (consoleSocket >= 0) fds.Add(consoleSocket);
            var listenFds = ListenFds.Count();
            var linux = spec.Linux;
            var rootless = Libc.GetEuid() != 0;
            using var inProcess = InProcessInit.Applies(spec, namespaces.NewFlags, namespaces.Joins.Select(j => j.Flag), options.NoPivot, rootless)
                ? new InProcessInit(spec, options.Id, !options.NoNewKeyring, fifo, options.PreserveFds + listenFds,
                    ListenFds.ContainerEnvironment(listenFds), seccomp, namespaces.Creates(NamespacePlan.CLONE_NEWCGROUP),
                    shrinkWhenIdle: !options.StartFollows)
                : null;
            var binary = inProcess == null ? SelfBinary.Open() : -1;
            if (binary >= 0) fds.Add(binary);
            var joinFds = new List<int>();
            foreach (var (flag, path) in namespaces.Joins)
            {
                joinFds.Add(Errno.Check(Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0), $"open namespace {path}"));
                fds.Add(joinFds[^1]);
            }

            FaultPoint.Reach("before-clone");
            var spawned = InitSpawner.Spawn(new SpawnRequest
            {
                // A cgroup namespace is rooted where its creator is: the init makes it once it is in the container's
                // cgroups (a v1 host has no CLONE_INTO_CGROUP, so the clone happens before the move).
                NewNamespaces = namespaces.NewFlags & ~NamespacePlan.CLONE_NEWCGROUP,
                Joins = namespaces.Joins.Select((j, i) => new NamespaceJoin(j.Flag, joinFds[i])).ToList(),
                BinaryFd = binary,
                LockFd = containerLock.Fd,
                Argv = inProcess == null ? ["ocirun", "init"] : [],
                SyncFdVariable = inProcess == null ? ContainerInit.SyncFdVariable : null,
                InitChild = inProcess?.Plan ?? 0,
                InheritedFds = inProcess != null ? [] : [fifo, .. consoleSocket >= 0 ? [consoleSocket] : Array.Empty<int>(), .. idMappedTrees.Values],
                CgroupFd = cgroupEntry.CloneFd,
                CgroupTasks = cgroupEntry.TaskFiles,
                BeforeStart = pid =>
                {
                    cleanup.InitPid = pid;
                    cgroups.AddProcess(pid, cgroupEntry.ByPid);
                    if (namespaces.Joins.Count == 0 && namespaces.Creates(NamespacePlan.CLONE_NEWUSER))
                        IdMaps.Write(pid, linux?.UidMappings, linux?.GidMappings, denySetgroups: rootless);
                },
                WriteIdMaps = pid => IdMaps.Write(pid, linux?.UidMappings, linux?.GidMappings, denySetgroups: rootless),
                WriteTimeOffsets = TimeOffsets.Writer(linux?.TimeOffsets),
            });
            using var socket = spawned.Socket;
            cleanup.InitPid = spawned.Pid;
            FaultPoint.Reach("after-clone");
            if (linux?.NetDevices is { Count: > 0 } netDevices) MoveNetDevices(netDevices, spawned.Pid);

            if (inProcess != null)
            {
                inProcess.Build(spawned.Pid, socket, new InProcessInit.Context
                {
                    Rootfs = record.Rootfs,
                    Bundle = record.Bundle,
                    OwnNamespaces = namespaces.NewFlags | namespaces.Joins.Aggregate(0, (flags, join) => flags | join.Flag),
                    Cgroups = cgroups.Paths,
                    IdMappedTrees = idMappedTrees,
                    ConsoleSocket = consoleSocket,
                    CgroupTasks = cgroupEntry.TaskFiles,
                    AfterMounts = HasRuntimeHooks(spec) ? pid => RunRuntimeHooks(spec, record, pid) : null,
                    PassSeccompNotifyFd = seccomp is { HasListener: true }
                        ? (fd, pid) => SeccompNotifyFd.Pass(spec.Linux?.Seccomp, record, ContainerStatus.Creating, pid, pid, fd)
                        : null,
                    PauseAt = FaultPoint.Requested,
                });
            }
            else
            {
                var bindSources = BindSourceFds.Plan(spec, record.Bundle, namespaces, idMappedTrees, rootless);
                var bindSourceFds = BindSourceFds.Open(spawned.Pid, bindSources, fds);
                var plan = new InitPlan
                {
                    Id = options.Id,
                    Bundle = record.Bundle,
                    Rootfs = record.Rootfs,
                    NewNamespaces = namespaces.NewFlags,
                    InUserNamespace = namespaces.HasUserNamespace,
                    SetGroupsAllowed = !rootless,
                    NoPivot = options.NoPivot,
                    NoNewKeyring = options.NoNewKeyring,
                    ExecFifoFd = fifo,
                    ConsoleSocketFd = consoleSocket,
                    PreserveFds = options.PreserveFds + listenFds,
                    ExtraEnvironment = ListenFds.ContainerEnvironment(listenFds),
                    Cgroups = cgroups.Paths,
                    StateJson = spec.Hooks is { CreateContainer.Count: > 0 } or { StartContainer.Count: > 0 } ? StateJson(record, "creating", 0) : "",
                    HasRuntimeHooks = HasRuntimeHooks(spec),
                    SeccompFilter = seccomp?.ToArray(),
                    SeccompFlags = (uint)(seccomp?.Flags ?? 0),
                    IdMappedTrees = idMappedTrees.Count > 0 ? idMappedTrees : null,
                    BindSources = bindSources.Select(source => source.Index).ToList(),
                    ShrinkWhenIdle = !options.StartFollows,
                    PauseAt = FaultPoint.Requested,
                };
                SendToInit(() => socket.Send(InitMessage.Plan, InitPlanJson.Serialize(plan)));
                SendToInit(() => socket.Send(InitMessage.Plan, configBytes));
                SendToInit(() => BindSourceFds.Send(socket, bindSourceFds));
                WaitUntilReady(socket, spec, record, spawned.Pid, cgroupEntry.TaskFiles);
            }
            FaultPoint.Reach("ready");

            record.InitPid = spawned.Pid;
            record.InitStartTime = new ProcessIdentity().Read(spawned.Pid)?.StartTime
                                   ?? throw new OciRuntimeException("container init exited during create");
            record.Phase = LifecyclePhase.Created;
            store.Save(record);
            if (options.PidFile != null) PidFile.Write(options.PidFile, spawned.Pid);
            return new Created(options.Id, spawned.Pid, record, spec.Process?.Terminal == true);
        }
        finally
        {
            foreach (var fd in fds) Libc.Close(fd);
        }
    }

    /// <summary>Into the init's network namespace, which exists from its clone on (made or joined).</summary>
    private static void MoveNetDevices(Dictionary<string, LinuxNetDevice> devices, int initPid)
    {
        var netns = Errno.Check(Libc.Open($"/proc/{initPid}/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open the init's network namespace");
        try
        {
            NetDevices.Move(devices, netns);
        }
        finally
        {
            Libc.Close(netns);
        }
    }

    /// <summary>An init that failed before reading its plan (it cannot have joined its cgroups) left its report in
    /// the socket and is gone: the send meets a closed socket, and WaitUntilReady reads why.</summary>
    private static void SendToInit(Action send)
    {
        const int EPIPE = 32, ECONNRESET = 104;
        try
        {
            send();
        }
        catch (SystemCallException e) when (e.Errno is EPIPE or ECONNRESET)
        {
        }
    }

    private static void WaitUntilReady(SyncSocket socket, RuntimeSpec spec, ContainerRecord record, int pid,
        IReadOnlyList<CgroupTaskFile> cgroupTasks)
    {
        while (true)
        {
            var frame = socket.Receive() ?? throw new OciRuntimeException("container init exited before it was ready");
            if (frame.IsChildReport)
            {
                if (frame.Report == ChildReport.Failed) throw InitSpawner.ChildFailure(frame.A, frame.B, cgroupTasks);
                continue;
            }
            switch (frame.Message)
            {
                case InitMessage.Ready:
                    return;
                case InitMessage.Error:
                    throw new OciRuntimeException(frame.Text);
                case InitMessage.RunRuntimeHooks:
                    try
                    {
                        RunRuntimeHooks(spec, record, pid);
                        socket.Send(InitMessage.RuntimeHooksDone);
                    }
                    catch (OciRuntimeException e)
                    {
                        socket.Send(InitMessage.Error, e.Message);
                        throw;
                    }
                    break;
                case InitMessage.SeccompNotifyFd:
                    try
                    {
                        PassNotifyFd(frame, spec, record, pid);
                        socket.Send(InitMessage.SeccompNotifyFdDone);
                    }
                    catch (OciRuntimeException e)
                    {
                        socket.Send(InitMessage.Error, e.Message);
                        throw;
                    }
                    break;
                default:
                    throw new OciRuntimeException($"sync socket: unexpected message {frame.Kind}");
            }
        }
    }

    private static bool HasRuntimeHooks(RuntimeSpec spec) => spec.Hooks?.Prestart?.Count > 0 || spec.Hooks?.CreateRuntime?.Count > 0;

    private static void RunRuntimeHooks(RuntimeSpec spec, ContainerRecord record, int pid)
    {
        // The validation suite (and crun) give prestart hooks "created"; createRuntime runs while creating.
        HookRunner.Run("prestart", spec.Hooks?.Prestart, () => StateJson(record, "created", pid));
        HookRunner.Run("createRuntime", spec.Hooks?.CreateRuntime, () => StateJson(record, "creating", pid));
    }

    /// <summary>Hands the init's seccomp notify fd to the agent at listenerPath with the container's state, as
    /// runc does (status "creating": the agent learns of the container before it is created).</summary>
    private static void PassNotifyFd(SyncFrame frame, RuntimeSpec spec, ContainerRecord record, int pid)
    {
        try
        {
            if (frame.Fds.Length != 1) throw new OciRuntimeException($"seccomp: expected one notify fd from the init, got {frame.Fds.Length}");
            SeccompNotifyFd.Pass(spec.Linux?.Seccomp, record, ContainerStatus.Creating, pid, pid, frame.Fds[0]);
        }
        finally
        {
            foreach (var fd in frame.Fds) Libc.Close(fd);
        }
    }

    internal static string StateJson(ContainerRecord record, string status, int pid) =>
        OciStateJson.Serialize(OciState.From(record, ContainerStatus.Creating) with { Status = status, Pid = pid }, indented: false);
}
