using OciRuntime.Container.Init;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;

namespace OciRuntime.Container.Exec;

/// <summary>
/// Starts an exec'd process: marshals an <see cref="ExecSetup"/> into native memory, clone3s the raw child
/// (into the container's v2 cgroup, or joined to the v1 ones before it may go on), and waits until the program
/// was exec'd (the sync socket closes on exec) or the child reported the step that failed.
/// </summary>
internal static unsafe class ExecSpawner
{
    private const int F_DUPFD_CLOEXEC = 1030;

    /// <summary>Returns the host pid of the running program, a child of this process.</summary>
    public static int Spawn(ExecSetup setup)
    {
        var (parentEnd, childEnd) = SyncSocket.CreatePair();
        using var parent = parentEnd;
        // Above every fd the program keeps, so close_range marks it close-on-exec and its end of file tells the
        // parent the exec happened.
        var childFd = Errno.Check(Libc.Fcntl(childEnd.Fd, F_DUPFD_CLOEXEC, setup.CloseFrom), "fcntl(F_DUPFD_CLOEXEC)");
        childEnd.Dispose();
        int firstPid;
        try
        {
            firstPid = CloneChild(setup, childFd);
        }
        finally
        {
            Libc.Close(childFd);
        }
        return Release(setup, firstPid, parent);
    }

    private static int CloneChild(ExecSetup setup, int syncFd)
    {
        using var plan = new NativeExecPlan(setup, syncFd);
        RuntimeLog.Debug(ExecDebugLog.CloningChild(setup));
        var args = CloneArgs.ForChild(0, setup.CgroupFd);
        return Clone3.Run(&args, &RunChild, plan.Plan);
    }

    private static int Release(ExecSetup setup, int firstPid, SyncSocket socket)
    {
        // Our children not reaped yet: killed and reaped if the exec fails (a reaped pid may belong to anyone).
        var unreaped = new List<int> { firstPid };
        var programPid = setup.Namespaces?.JoinsPid == true ? 0 : firstPid;
        try
        {
            setup.BeforeStart?.Invoke(firstPid);
            OomScore.Apply(setup.OomScoreAdj, firstPid);
            SchedulingSettings.ApplyScheduler(setup.Scheduler, firstPid);
            SchedulingSettings.ApplyIoPriority(setup.IoPriority, firstPid);
            socket.SendGo();
            while (socket.Receive() is { } frame)
            {
                if (!frame.IsChildReport) throw new OciRuntimeException($"sync socket: unexpected message {frame.Kind}");
                if (frame.Report == ChildReport.InitPid)
                {
                    programPid = frame.A;
                    RuntimeLog.Debug(ExecDebugLog.ClonedIntoPidNamespace(programPid));
                    unreaped.Add(programPid);
                    InitSpawner.Reap(firstPid);
                    unreaped.Remove(firstPid);
                    continue;
                }
                if (frame.Report == ChildReport.ExecMilestone)
                {
                    RuntimeLog.Debug(ExecDebugLog.Milestone((ExecMilestone)frame.A, frame.B, setup));
                    continue;
                }
                if (frame.Report == ChildReport.SeccompNotifyFd)
                {
                    HandOverNotifyFd(socket, frame, setup.PassSeccompNotifyFd, programPid);
                    continue;
                }
                if (frame.Report == ChildReport.Failed) throw Failure(frame.A, frame.B, setup.Path, setup.CgroupTasks);
            }
            // End of stream: every copy of the child's end is gone, the last one closed by a successful exec.
            if (programPid <= 0) throw new OciRuntimeException("the exec'd process exited before it started");
            RuntimeLog.Debug(ExecDebugLog.Started(setup, programPid));
            return programPid;
        }
        catch
        {
            foreach (var pid in unreaped)
            {
                Libc.Kill(pid, 9);
                InitSpawner.Reap(pid);
            }
            throw;
        }
    }

    /// <summary>
    /// A raw child's seccomp notify fd goes on to the agent (<paramref name="pass"/>: the fd, the process's pid) and
    /// the child gets its go; our copy of the fd is closed either way.
    /// </summary>
    internal static void HandOverNotifyFd(SyncSocket socket, SyncFrame frame, Action<int, int>? pass, int pid)
    {
        try
        {
            if (frame.Fds.Length != 1 || pass == null)
                throw new OciRuntimeException($"seccomp: unexpected notify fd report ({frame.Fds.Length} fds)");
            pass(frame.Fds[0], pid);
        }
        finally
        {
            foreach (var fd in frame.Fds) Libc.Close(fd);
        }
        socket.SendGo();
    }

    /// <summary>Words a raw exec child's failure report (the step in the low byte, a detail above it).</summary>
    public static SystemCallException Failure(int stepAndDetail, int errno, string path,
        IReadOnlyList<OciRuntime.Cgroups.CgroupTaskFile> cgroupTasks)
    {
        var step = (ExecStep)(stepAndDetail & 0xff);
        var detail = stepAndDetail >> 8;
        var what = step switch
        {
            ExecStep.WaitForParent => "waiting for the runtime",
            ExecStep.Personality => "setting the personality",
            ExecStep.MemoryPolicy => "setting the memory policy (linux.memoryPolicy)",
            ExecStep.CpuAffinity => detail == 0 ? "setting the initial CPU affinity (execCPUAffinity.initial)" : "setting the CPU affinity",
            ExecStep.SessionKeyring => "joining a new session keyring",
            ExecStep.Session => "starting a session",
            ExecStep.ReopenDevNull => "reopening /dev/null inside the container",
            ExecStep.JoinCgroup => $"joining cgroup {OciRuntime.Cgroups.CgroupTaskFile.DirectoryAt(cgroupTasks, detail)}",
            ExecStep.JoinNamespace => $"joining the container's namespace #{detail}",
            ExecStep.EnterRoot => "entering the container's root",
            ExecStep.CloneIntoPidNamespace => "starting the process in the container's pid namespace",
            ExecStep.Console => detail == 3 ? "opening the terminal" : "setting up the terminal",
            ExecStep.Rlimit => $"setting {Rlimit.All.ElementAtOrDefault(detail) ?? $"rlimit {detail}"}",
            ExecStep.AppArmor => "applying the AppArmor profile",
            ExecStep.SelinuxLabel => "applying the SELinux label",
            ExecStep.NoNewPrivileges => "setting no_new_privs",
            ExecStep.Seccomp => "loading the seccomp filter",
            ExecStep.SeccompNotifyFd => "passing the seccomp notify fd",
            ExecStep.BoundingSet => $"dropping {Capability.NameOf(detail) ?? $"capability {detail}"} from the bounding set",
            ExecStep.SetGroups => "setting the additional groups",
            ExecStep.SetGid => "setting the group id",
            ExecStep.SetUid => "setting the user id",
            ExecStep.Capabilities => "setting the capabilities",
            ExecStep.Cwd => "entering the working directory",
            ExecStep.Exec => $"exec {path}",
            ExecStep.CwdOutsideRoot => "the working directory is outside of the container's root, possible container breakout detected",
            _ => $"step {(int)step}",
        };
        return Errno.Exception(what, errno);
    }

    private static void RunChild(void* plan) => ExecRawChild.Run((ExecChildPlan*)plan);
}
