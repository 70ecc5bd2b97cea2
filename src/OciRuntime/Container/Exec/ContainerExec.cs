using System.Runtime.InteropServices;
using OciRuntime.Cgroups;
using OciRuntime.Container.Console;
using OciRuntime.Container.Init;
using OciRuntime.Container.Lifecycle;
using OciRuntime.Container.Rootfs;
using OciRuntime.Container.State;
using OciRuntime.Linux;
using OciRuntime.Seccomp;
using OciRuntime.Spec;

namespace OciRuntime.Container.Exec;

/// <summary>
/// `exec`: start another process in a running container. Everything is decided in this process, from the state
/// recorded at create (no bundle re-read, no rootfs or cgroup work); a raw-syscall child then enters the
/// container's namespaces and cgroup and execve's the program directly, so no ocirun image runs inside the
/// container. In the foreground the command forwards signals and leaves with the program's exit code (128+N for
/// signal N); detached it returns once the program runs.
/// </summary>
public static class ContainerExec
{
    private static T WhileInitLives<T>(InitProcess init, Func<T> step)
    {
        try
        {
            return step();
        }
        // Its /proc/PID/ns links go before its pidfd reports the exit: a failed step waits a moment for that.
        catch (OciRuntimeException) when (init.WaitForExit(TimeSpan.FromMilliseconds(200)))
        {
            throw new OciRuntimeException("cannot exec in a stopped container");
        }
    }

    public static int Run(ExecRequest request)
    {
        // From the start, so that a signal sent while the process is made is passed on once it runs, not lost.
        using var forwarder = request.Detach ? null : new SignalForwarder();
        var store = new StateStore(request.Root);
        var record = store.Load(request.Id);
        CheckStatus(new StatusResolver().Resolve(record, store.PathsOf(request.Id)), request.IgnorePaused);
        using var init = InitProcess.Open(record) ?? throw new OciRuntimeException("cannot exec in a stopped container");
        using var pidfdSocket = PidfdSocket.Connect(request.PidfdSocket);

        var process = BuildProcess(request, record);
        var terminal = process.Terminal == true;
        if (terminal && request.ConsoleSocket == null && request.Detach)
            throw new OciRuntimeException("cannot allocate tty if ocirun will detach without setting console socket");
        if (!terminal && request.ConsoleSocket != null)
            throw new OciRuntimeException("cannot use console socket if ocirun will not detach or allocate tty");

        // The init may die at any moment (a racing kill or delete): a step that then fails (its /proc/PID files, its
        // cgroups) met a stopped container.
        using var namespaces = WhileInitLives(init, () => ContainerNamespaces.Open(init.Pid));
        var profile = RecordedSpec.Seccomp(record);
        using var seccomp = profile != null ? SeccompSetup.Prepare(profile, store.Root) : null;
        var fds = new List<int>();
        try
        {
            var master = -1;
            var setup = WhileInitLives(init, () => Plan(request, record, process, init.Pid, namespaces, profile, seccomp, fds, out master));
            // From here on the namespaces we opened are known to be the init's: it has not exited, so its pid
            // was not reused while we opened /proc/PID/ns.
            if (init.WaitForExit(TimeSpan.Zero)) throw new OciRuntimeException("cannot exec in a stopped container");
            var pid = WhileInitLives(init, () => ExecSpawner.Spawn(setup));
            CloseAll(fds);
            pidfdSocket?.Send(pid, PidfdSocket.ExecKind);
            if (request.PidFile != null) PidFile.Write(request.PidFile, pid);
            if (request.Detach) return 0;
            // Without a console socket our own stdin and stdout are the process's terminal, as runc relays it.
            using var proxy = master >= 0 ? ConsoleProxy.Start(master) : null;
            var status = forwarder!.Wait(pid, proxy);
            proxy?.Drain();
            return ChildProcess.ShellExitCode(status);
        }
        finally
        {
            CloseAll(fds);
        }
    }

    private static void CheckStatus(ContainerStatus status, bool ignorePaused)
    {
        switch (status)
        {
            // As runc 1.1: a created container's namespaces and cgroups are complete while its init waits for
            // start, and the process runs next to it.
            case ContainerStatus.Running or ContainerStatus.Created:
                return;
            case ContainerStatus.Paused when ignorePaused:
                return;
            case ContainerStatus.Paused:
                throw new OciRuntimeException("cannot exec in a paused container (use --ignore-paused to override)");
            case ContainerStatus.Stopped:
                throw new OciRuntimeException("cannot exec in a stopped container");
            default:
                throw new OciRuntimeException($"cannot exec in a container in the {status.ToOciString()} state");
        }
    }

    private static Process BuildProcess(ExecRequest request, ContainerRecord record)
    {
        if (request.ProcessFile is { } file)
        {
            string text;
            try
            {
                text = FileText.Read(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OciRuntimeException($"--process {file}: {e.Message}");
            }
            var fromFile = SpecSerializer.DeserializeProcess(text, file);
            SpecValidator.ValidateProcess(fromFile, file);
            return fromFile;
        }
        var defaults = RecordedSpec.Process(record)
                       ?? throw new OciRuntimeException("the container's process was not recorded at create (an older ocirun made it): pass --process");
        var merged = ExecProcessPlanner.Merge(defaults, request.Overrides);
        SpecValidator.ValidateProcess(merged, "exec");
        return merged;
    }

    /// <param name="master">The pty master to relay when the process gets a terminal without a console socket, else -1.</param>
    private static ExecSetup Plan(ExecRequest request, ContainerRecord record, Process process, int initPid,
        ContainerNamespaces namespaces, LinuxSeccomp? profile, SeccompProgram? seccomp, List<int> fds, out int master)
    {
        master = -1;
        using var root = new RootedPath($"/proc/{initPid}/root");
        var user = process.User ?? new User();
        var cwd = string.IsNullOrEmpty(process.Cwd) ? "/" : process.Cwd;
        var env = ExecEnvironment.Complete(process.Env ?? [], process.Terminal == true, () => HomeOf(root, user.Uid));
        var args = process.Args!;
        var path = ExecutableLookup.Find(args[0], ExecEnvironment.Lookup(env, "PATH")!, cwd, candidate => Probe(root, candidate));

        var cgroups = record.Cgroups is { } recorded ? CgroupManager.Open(SubCgroups.Resolve(recorded, request.SubCgroups)) : null;
        if (cgroups == null && request.SubCgroups.Count > 0) throw new OciRuntimeException("--cgroup: the container has no cgroup");
        var cgroupEntry = cgroups?.PrepareEntry();
        if (record.IntelRdt is { } rdt) rdt.AddTo(cgroupEntry ??= new CgroupEntry(), CgroupFileSystem.Host);
        if (cgroupEntry != null) fds.AddRange(cgroupEntry.Fds);
        var consoleFd = -1;
        if (process.Terminal == true)
        {
            var ends = ExecConsole.Create(initPid, request.ConsoleSocket, process.ConsoleSize?.Height, process.ConsoleSize?.Width);
            consoleFd = ends.Slave;
            fds.Add(consoleFd);
            master = ends.Master;
        }

        return new ExecSetup
        {
            Namespaces = namespaces,
            Path = path,
            Argv = args,
            Environment = env,
            Cwd = cwd,
            Uid = user.Uid,
            Gid = user.Gid,
            SetGroups = Libc.GetEuid() == 0,
            AdditionalGids = user.AdditionalGids ?? [],
            Umask = user.Umask ?? 0b000_010_010,
            Capabilities = ProcessSettings.ToSets(process.Capabilities),
            LastCapability = ProcessCredentials.LastCapability(),
            Rlimits = (process.Rlimits ?? []).Select(ToSetting).ToList(),
            NoNewPrivileges = process.NoNewPrivileges == true,
            AffinityInitial = AffinityMask.Of(process.ExecCpuAffinity?.Initial),
            AffinityFinal = AffinityMask.Of(process.ExecCpuAffinity?.Final) ?? AffinityMask.AllCpus,
            Seccomp = seccomp,
            PassSeccompNotifyFd = seccomp is { HasListener: true }
                ? (fd, pid) => SeccompNotifyFd.Pass(profile, record, ContainerStatus.Running, initPid, pid, fd)
                : null,
            AppArmorExec = SecurityLabels.AppArmorExecValue(process.ApparmorProfile),
            SelinuxExec = SecurityLabels.SelinuxExecValue(process.SelinuxLabel),
            ConsoleFd = consoleFd,
            CloseFrom = 3 + request.PreserveFds,
            CgroupFd = cgroupEntry?.CloneFd ?? -1,
            CgroupTasks = cgroupEntry?.TaskFiles ?? [],
            // The process's own where it has them (runc 1.3 applies a --process file's), else the container's: an
            // exec without them (Kubernetes' probes through containerd) must not keep the caller's oom score.
            OomScoreAdj = process.OomScoreAdj ?? RecordedSpec.Process(record)?.OomScoreAdj,
            Scheduler = process.Scheduler,
            IoPriority = process.IOPriority,
            BeforeStart = cgroupEntry is { ByPid.Count: > 0 } ? pid => cgroups!.AddProcess(pid, cgroupEntry.ByPid) : null,
            ReportMilestones = RuntimeLog.DebugEnabled,
        };
    }

    internal static RlimitSetting ToSetting(PosixRlimit limit) => Rlimit.TryParse(limit.Type, out var resource)
        ? new RlimitSetting(resource, limit.Soft, limit.Hard)
        : throw new OciRuntimeException($"process.rlimits: unknown rlimit \"{limit.Type}\"");

    private static unsafe ExecutableLookup.Probe Probe(RootedPath root, string path)
    {
        var fd = root.Open(path, Libc.O_PATH, out _);
        if (fd < 0) return ExecutableLookup.Probe.Missing;
        try
        {
            Libc.Stat stat;
            if (Libc.FStat(fd, &stat) < 0) return ExecutableLookup.Probe.Missing;
            const uint S_IFMT = 0xF000, S_IFREG = 0x8000;
            return (stat.Mode & S_IFMT) == S_IFREG && (stat.Mode & 0b001_001_001) != 0
                ? ExecutableLookup.Probe.Executable
                : ExecutableLookup.Probe.NotExecutable;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static string? HomeOf(RootedPath root, uint uid)
    {
        var fd = root.Open("/etc/passwd", Libc.O_RDONLY, out _);
        if (fd < 0) return null;
        try
        {
            using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), FileAccess.Read, 1);
            using var reader = new StreamReader(stream);
            var buffer = new char[1 << 20];
            var length = reader.ReadBlock(buffer, 0, buffer.Length);
            return PasswdFile.HomeOf(new string(buffer, 0, length), uid);
        }
        catch (IOException)
        {
            return null;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static void CloseAll(List<int> fds)
    {
        foreach (var fd in fds) Libc.Close(fd);
        fds.Clear();
    }
}
