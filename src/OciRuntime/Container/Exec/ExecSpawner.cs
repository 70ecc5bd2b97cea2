using System.Runtime.InteropServices;
using System.Text;
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
        var taskFds = stackalloc int[Math.Max(setup.CgroupTasks.Count, 1)];
        for (var i = 0; i < setup.CgroupTasks.Count; i++) taskFds[i] = setup.CgroupTasks[i].Fd;
        var joins = setup.Namespaces.Joins;
        var joinFds = stackalloc int[Math.Max(joins.Count, 1)];
        var joinTypes = stackalloc int[Math.Max(joins.Count, 1)];
        for (var i = 0; i < joins.Count; i++)
        {
            joinFds[i] = joins[i].Fd;
            joinTypes[i] = joins[i].CloneFlag;
        }
        var groups = stackalloc uint[Math.Max(setup.AdditionalGids.Count, 1)];
        for (var i = 0; i < setup.AdditionalGids.Count; i++) groups[i] = setup.AdditionalGids[i];
        var rlimits = stackalloc ulong[Math.Max(setup.Rlimits.Count * 3, 1)];
        for (var i = 0; i < setup.Rlimits.Count; i++)
        {
            rlimits[3 * i] = (ulong)setup.Rlimits[i].Resource;
            rlimits[3 * i + 1] = setup.Rlimits[i].Soft;
            rlimits[3 * i + 2] = setup.Rlimits[i].Hard;
        }

        using var argv = new NativeStringArray(setup.Argv);
        using var envp = new NativeStringArray(setup.Environment);
        using var strings = new NativeStringArray([setup.Path, setup.Cwd, setup.AppArmorExec ?? "", setup.SelinuxExec ?? ""]);

        var plan = (ExecChildPlan*)NativeMemory.AllocZeroed((nuint)sizeof(ExecChildPlan));
        try
        {
            plan->SyncFd = syncFd;
            plan->CgroupTaskCount = setup.CgroupTasks.Count;
            plan->CgroupTaskFds = taskFds;
            plan->JoinCount = joins.Count;
            plan->JoinFds = joinFds;
            plan->JoinTypes = joinTypes;
            plan->RootFd = setup.Namespaces.RootFd;
            plan->CloneIntoPidNamespace = setup.Namespaces.JoinsPid ? 1 : 0;
            plan->ConsoleFd = setup.ConsoleFd;
            plan->CloseFrom = setup.CloseFrom;
            plan->Path = strings.Pointer[0];
            plan->Cwd = strings.Pointer[1];
            plan->Argv = argv.Pointer;
            plan->Envp = envp.Pointer;
            plan->Uid = setup.Uid;
            plan->Gid = setup.Gid;
            plan->SetGroups = setup.SetGroups ? 1 : 0;
            plan->GroupCount = setup.AdditionalGids.Count;
            plan->Groups = groups;
            plan->Umask = setup.Umask;
            plan->LastCapability = setup.LastCapability;
            plan->CapBounding = setup.Capabilities.Bounding;
            plan->CapEffective = setup.Capabilities.Effective;
            plan->CapPermitted = setup.Capabilities.Permitted;
            plan->CapInheritable = setup.Capabilities.Inheritable;
            plan->CapAmbient = setup.Capabilities.Ambient;
            plan->RlimitCount = setup.Rlimits.Count;
            plan->Rlimits = rlimits;
            plan->NoNewPrivileges = setup.NoNewPrivileges ? 1 : 0;
            if (setup.Seccomp is { } seccomp)
            {
                plan->SeccompProgram = (void*)seccomp.SockFprog;
                plan->SeccompFlags = (uint)seccomp.Flags;
                plan->SeccompSyscall = OciRuntime.Seccomp.SeccompProgram.SyscallNumber;
            }
            if (setup.AppArmorExec != null)
            {
                plan->AppArmorExec = strings.Pointer[2];
                plan->AppArmorExecLength = Encoding.UTF8.GetByteCount(setup.AppArmorExec);
            }
            if (setup.SelinuxExec != null)
            {
                plan->SelinuxExec = strings.Pointer[3];
                plan->SelinuxExecLength = Encoding.UTF8.GetByteCount(setup.SelinuxExec);
            }

            var args = CloneArgs.ForChild(0, setup.CgroupFd);
            return Clone3.Run(&args, &RunChild, plan);
        }
        finally
        {
            NativeMemory.Free(plan);
        }
    }

    private static int Release(ExecSetup setup, int firstPid, SyncSocket socket)
    {
        // Our children not reaped yet: killed and reaped if the exec fails (a reaped pid may belong to anyone).
        var unreaped = new List<int> { firstPid };
        var programPid = setup.Namespaces.JoinsPid ? 0 : firstPid;
        try
        {
            setup.BeforeStart?.Invoke(firstPid);
            socket.SendGo();
            while (socket.Receive() is { } frame)
            {
                if (!frame.IsChildReport) throw new OciRuntimeException($"sync socket: unexpected message {frame.Kind}");
                if (frame.Report == ChildReport.InitPid)
                {
                    programPid = frame.A;
                    unreaped.Add(programPid);
                    InitSpawner.Reap(firstPid);
                    unreaped.Remove(firstPid);
                    continue;
                }
                if (frame.Report == ChildReport.SeccompNotifyFd)
                {
                    try
                    {
                        if (frame.Fds.Length != 1 || setup.PassSeccompNotifyFd == null)
                            throw new OciRuntimeException($"seccomp: unexpected notify fd report ({frame.Fds.Length} fds)");
                        setup.PassSeccompNotifyFd(frame.Fds[0], programPid);
                    }
                    finally
                    {
                        foreach (var fd in frame.Fds) Libc.Close(fd);
                    }
                    socket.SendGo();
                    continue;
                }
                if (frame.Report == ChildReport.Failed) throw Failure(frame.A, frame.B, setup.Path, setup.CgroupTasks);
            }
            // End of stream: every copy of the child's end is gone, the last one closed by a successful exec.
            if (programPid <= 0) throw new OciRuntimeException("the exec'd process exited before it started");
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

    /// <summary>Words a raw exec child's failure report (the step in the low byte, a detail above it).</summary>
    public static SystemCallException Failure(int stepAndDetail, int errno, string path,
        IReadOnlyList<OciRuntime.Cgroups.CgroupTaskFile> cgroupTasks)
    {
        var step = (ExecStep)(stepAndDetail & 0xff);
        var detail = stepAndDetail >> 8;
        var what = step switch
        {
            ExecStep.WaitForParent => "waiting for the runtime",
            ExecStep.JoinCgroup => $"joining cgroup {OciRuntime.Cgroups.CgroupTaskFile.DirectoryAt(cgroupTasks, detail)}",
            ExecStep.JoinNamespace => $"joining the container's namespace #{detail}",
            ExecStep.EnterRoot => "entering the container's root",
            ExecStep.CloneIntoPidNamespace => "starting the process in the container's pid namespace",
            ExecStep.Console => "setting up the terminal",
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
