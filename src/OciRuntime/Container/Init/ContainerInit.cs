using System.Text;
using System.Text.Json;
using OciRuntime.Container.Console;
using OciRuntime.Container.Hooks;
using OciRuntime.Container.Rootfs;
using OciRuntime.Container.Spawn;
using OciRuntime.Container.State;
using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Init;

/// <summary>
/// The init stage: `ocirun init`, exec'd by the raw child inside the container's namespaces. Builds the rootfs,
/// sets up the process, reports ready, waits on the exec fifo until `start`, then execs the user's program.
/// Every failure before ready goes back to the command as one line.
/// </summary>
public static class ContainerInit
{
    public const string SyncFdVariable = "_OCIRUN_SYNC_FD";
    private const int PR_SET_DUMPABLE = 4, PR_SET_NO_NEW_PRIVS = 38;
    private const int CLONE_NEWNS = 0x20000, CLONE_NEWUTS = 0x04000000, CLONE_NEWCGROUP = 0x02000000;

    /// <summary>Runs the stage; returns only on failure (the exit code to use).</summary>
    public static int Run()
    {
        // First act: nobody in the container may open our image through /proc/PID/exe (CVE-2019-5736).
        Libc.Prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        if (!int.TryParse(Environment.GetEnvironmentVariable(SyncFdVariable), out var syncFd)) return 1;
        using var socket = new SyncSocket(syncFd);
        try
        {
            var plan = Receive(socket, InitMessage.Plan, "plan");
            var config = Receive(socket, InitMessage.Plan, "config");
            var initPlan = InitPlanJson.Deserialize(plan.Payload);
            var spec = SpecSerializer.Deserialize(config.Payload);
            var bindSources = ReceiveBindSources(socket, initPlan.BindSources);
            using var seccomp = InitSeccomp.From(initPlan, spec.Process?.NoNewPrivileges == true);
            var program = Prepare(initPlan, spec, socket, seccomp, bindSources);
            socket.Send(InitMessage.Ready);
            WaitForStart(initPlan.ExecFifoFd, initPlan.ShrinkWhenIdle);
            if (spec.Hooks?.StartContainer is { Count: > 0 } startContainerHooks)
            {
                seccomp?.LoadBeforeStartContainerHooks();
                HookRunner.Run("startContainer", startContainerHooks, () => WithPid(initPlan.StateJson, "created"));
            }
            program.Exec(initPlan.PreserveFds, seccomp);
            return 127;
        }
        catch (RuntimeReportedFailure)
        {
            // The runtime reports this failure itself and is tearing us down: a second line would only race it.
            return 1;
        }
        catch (Exception e)
        {
            var message = e is OciRuntimeException ? e.Message : $"init: {e.GetType().Name}: {e.Message}";
            try
            {
                socket.Send(InitMessage.Error, message);
            }
            catch (OciRuntimeException)
            {
                System.Console.Error.WriteLine($"ocirun init: {message}");
            }
            return 1;
        }
    }

    private sealed class RuntimeReportedFailure : Exception;

    private static SyncFrame Receive(SyncSocket socket, InitMessage expected, string what)
    {
        var frame = socket.Receive() ?? throw new OciRuntimeException($"init: the runtime went away before sending the {what}");
        if (frame.IsChildReport || frame.Message != expected)
            throw new OciRuntimeException($"init: expected the {what}, got message {frame.Kind}");
        return frame;
    }

    /// <summary>The bind mount sources the command opened for us (BindSourceFds), keyed by mounts[] index.</summary>
    private static Dictionary<int, int> ReceiveBindSources(SyncSocket socket, IReadOnlyList<int> indices)
    {
        var received = new List<int>();
        while (received.Count < indices.Count) received.AddRange(Receive(socket, InitMessage.BindSources, "bind mount sources").Fds);
        if (received.Count != indices.Count)
            throw new OciRuntimeException($"init: expected {indices.Count} bind mount sources, got {received.Count}");
        return indices.Select((index, i) => (index, received[i])).ToDictionary(p => p.index, p => p.Item2);
    }

    private static UserProgram Prepare(InitPlan plan, RuntimeSpec spec, SyncSocket socket, InitSeccomp? seccomp,
        IReadOnlyDictionary<int, int> bindSources)
    {
        Errno.Check(Libc.SetSid(), "setsid");
        // Only now: the runtime placed us in the container's cgroups before it sent the plan (see ContainerCreate).
        if ((plan.NewNamespaces & CLONE_NEWCGROUP) != 0 && RawSyscalls.Unshare(CLONE_NEWCGROUP) < 0)
            throw Errno.Exception("unshare cgroup namespace", RawSyscalls.Errno);
        var process = spec.Process ?? throw new OciRuntimeException("config.json: process: required");
        var newMountNamespace = (plan.NewNamespaces & CLONE_NEWNS) != 0;
        var rootfs = new RootfsBuilder(spec, plan.Rootfs, plan.Bundle, plan.InUserNamespace, plan.Cgroups,
            (plan.NewNamespaces & CLONE_NEWCGROUP) != 0, plan.IdMappedTrees ?? new Dictionary<int, int>(), bindSources);
        if (newMountNamespace) rootfs.MountAll();
        FaultPoint.Reach("rootfs", plan.PauseAt);

        if (plan.HasRuntimeHooks)
        {
            socket.Send(InitMessage.RunRuntimeHooks);
            var reply = socket.Receive();
            if (reply == null) throw new OciRuntimeException("init: the runtime went away while running hooks");
            if (reply.Message == InitMessage.Error) throw new RuntimeReportedFailure();
        }
        Errno.Check(Mounts.Chdir(plan.Rootfs), $"chdir {plan.Rootfs}");
        HookRunner.Run("createContainer", spec.Hooks?.CreateContainer, () => WithPid(plan.StateJson, "creating"));

        if (newMountNamespace)
        {
            rootfs.SwitchRoot(plan.NoPivot);
            if (rootfs.SetsUpDev && DevNullStdio.Reopen() is var errno and not 0) throw Errno.Exception("reopen /dev/null inside the container", errno);
        }
        else
        {
            Errno.Check(Mounts.Chroot(plan.Rootfs), $"chroot {plan.Rootfs}");
            Errno.Check(Mounts.Chdir("/"), "chdir /");
        }

        if (process.Terminal == true)
        {
            if (plan.ConsoleSocketFd < 0) throw new OciRuntimeException("process.terminal is set but there is no console socket");
            ContainerConsole.Setup(plan.ConsoleSocketFd, (ushort?)process.ConsoleSize?.Height, (ushort?)process.ConsoleSize?.Width,
                process.User?.Uid ?? 0);
        }
        // Made as root and before a read-only root is sealed, as runc does; entered later as the user.
        if (!string.IsNullOrEmpty(process.Cwd)) Directory.CreateDirectory(process.Cwd);
        if ((plan.NewNamespaces & CLONE_NEWUTS) != 0 || spec.Hostname != null)
        {
            if (!string.IsNullOrEmpty(spec.Hostname)) Errno.Check(Host.SetHostname(spec.Hostname), "sethostname");
            if (!string.IsNullOrEmpty(spec.Domainname)) Errno.Check(Host.SetDomainname(spec.Domainname), "setdomainname");
        }
        // Before read-only and masked paths, which may cover /proc/sys (runc's order).
        Sysctl.WriteAll(spec.Linux?.Sysctl);
        if (newMountNamespace) rootfs.Finish();
        if (!plan.NoNewKeyring) Keyring.JoinNew(plan.Id);
        OomScore.Apply(process.OomScoreAdj);
        foreach (var limit in process.Rlimits ?? []) ProcessSettings.ApplyRlimit(limit);
        // On this thread, the one that execs the program, which inherits them: every CPU the cpuset allows (not
        // the caller's pinning, runc 1.3.1), and the memory policy.
        if (AffinityMask.Apply(AffinityMask.AllCpus) is var affinityErrno and not 0)
            throw Errno.Exception("setting the CPU affinity: sched_setaffinity", affinityErrno);
        if (MemoryPolicySetting.From(spec.Linux?.MemoryPolicy)?.Apply() is { } policyErrno and not 0)
            throw Errno.Exception("setting the memory policy (linux.memoryPolicy): set_mempolicy", policyErrno);
        SchedulingSettings.ApplyScheduler(process.Scheduler);
        SchedulingSettings.ApplyIoPriority(process.IOPriority);
        SchedulingSettings.ApplyPersonality(spec.Linux?.Personality);
        if (process.NoNewPrivileges == true) Errno.Check(Libc.Prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)");

        var program = UserProgram.Resolve(process, plan.ExtraEnvironment);
        SecurityLabels.ApplyForExec(SecurityLabels.AppArmorExecValue(process.ApparmorProfile), SecurityLabels.SelinuxExecValue(process.SelinuxLabel));
        seccomp?.LoadEarly(socket);
        ProcessSettings.ApplyIdentity(process, plan.SetGroupsAllowed);
        return program;
    }

    /// <summary>
    /// Blocks reading the exec fifo (inherited read-write, so it never sees end-of-file) until `start` writes
    /// its byte.
    /// </summary>
    private static unsafe void WaitForStart(int fifoFd, bool shrinkWhenIdle)
    {
        // A client that starts right after create never pays for shrinking, nor does `run` (however long a loaded
        // machine makes it take); a container left in `created` does, once, and then sits small.
        if (shrinkWhenIdle && !StartArrivesWithin(fifoFd, IdleAfterMilliseconds)) IdleFootprint.Drop(IdleFootprint.Prepare());
        byte b;
        nint n;
        do n = Libc.Read(fifoFd, &b, 1);
        while (n < 0 && Libc.LastErrno == Libc.EINTR);
        if (n != 1) throw Errno.Last("read exec.fifo");
        // Kept open, but not for hooks, until our exec closes it: `start` waits for the fifo to lose this last
        // reader before it runs poststart hooks, so they come after startContainer hooks and the program's start.
        const int F_SETFD = 2, FD_CLOEXEC = 1;
        Errno.Check(Libc.Fcntl(fifoFd, F_SETFD, FD_CLOEXEC), "fcntl exec.fifo");
    }

    private const int IdleAfterMilliseconds = 100;

    private static unsafe bool StartArrivesWithin(int fifoFd, int milliseconds)
    {
        const short POLLIN = 1;
        var poll = new Libc.PollFd { Fd = fifoFd, Events = POLLIN };
        int ready;
        while ((ready = Libc.Poll(&poll, 1, milliseconds)) < 0 && Libc.LastErrno == Libc.EINTR)
        {
        }
        return ready != 0;
    }

    /// <summary>The state a hook run by the init sees: its own pid (as runc gives) and the phase it runs in.</summary>
    private static string WithPid(string stateJson, string status) =>
        OciStateJson.Serialize(OciStateJson.Deserialize(stateJson) with { Pid = Environment.ProcessId, Status = status }, indented: false);
}
