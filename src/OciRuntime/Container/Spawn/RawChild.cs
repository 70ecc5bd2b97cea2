using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// The code a clone3'd child runs until it execs the init stage or becomes the init itself (<see cref="ChildPlan.Init"/>). Raw syscalls on the pre-built
/// <see cref="ChildPlan"/> only: no allocation, no exceptions, no managed logging (see process-model.md).
/// </summary>
internal static unsafe class RawChild
{
    private const int CLONE_NEWUSER = 0x10000000;

    public static void Run(ChildPlan* plan)
    {
        // Before any cgroup join (or anything that could stop us): no container process ever holds the state lock.
        if (plan->LockFd >= 0) RawSyscalls.Close(plan->LockFd);

        // First, so the init runs and allocates inside the container's cgroups from its first instruction.
        var failedTask = CgroupTasks.Join(plan->CgroupTaskFds, plan->CgroupTaskCount);
        var joinErrno = failedTask >= 0 ? RawSyscalls.Errno : 0;

        byte go;
        if (plan->WaitForGo != 0 && RawSyscalls.Read(plan->SyncFd, &go, 1) != 1) Fail(plan, ChildStep.WaitForParent, 0);
        // Reported only now: until its go is sent the parent may still be writing to us (id maps, the go itself),
        // and would see a broken pipe instead of this report.
        if (failedTask >= 0) Fail(plan, ChildStep.JoinCgroup, failedTask, joinErrno);

        // Joined namespaces first, the user namespace leading, while we still hold the host's capabilities.
        for (var i = 0; i < plan->JoinCount; i++)
        {
            if (RawSyscalls.Setns(plan->JoinFds[i], plan->JoinTypes[i]) < 0) Fail(plan, ChildStep.JoinNamespace, i);
        }

        if (plan->UnshareUserNamespace != 0)
        {
            if (RawSyscalls.Unshare(CLONE_NEWUSER) < 0) Fail(plan, ChildStep.UnshareUserNamespace, 0);
            Clone3.Report(plan->SyncFd, ChildReport.NeedIdMaps, 0, 0);
            if (RawSyscalls.Read(plan->SyncFd, &go, 1) != 1) Fail(plan, ChildStep.WaitForParent, 1);
        }

        if (plan->UnshareFlags != 0 && RawSyscalls.Unshare(plan->UnshareFlags) < 0)
            Fail(plan, ChildStep.UnshareNamespaces, 0);

        if (plan->WaitForTimeOffsets != 0)
        {
            Clone3.Report(plan->SyncFd, ChildReport.NeedTimeOffsets, 0, 0);
            if (RawSyscalls.Read(plan->SyncFd, &go, 1) != 1) Fail(plan, ChildStep.WaitForParent, 2);
        }

        if (plan->BecomeRoot != 0)
        {
            if (RawSyscalls.Syscall(SyscallNumbers.setresgid, 0, 0, 0) < 0) Fail(plan, ChildStep.BecomeRoot, 0);
            if (RawSyscalls.Syscall(SyscallNumbers.setresuid, 0, 0, 0) < 0) Fail(plan, ChildStep.BecomeRoot, 1);
        }

        if (plan->CloneIntoPidNamespace != 0)
        {
            // CLONE_PARENT: the container's init becomes a child of the ocirun command, not of this short-lived
            // process, so `run` can wait for it and nothing of ours stays between the caller and the init.
            // clone3 requires exit_signal 0 with CLONE_PARENT: the child inherits ours, SIGCHLD.
            var args = new CloneArgs { Flags = CloneArgs.CLONE_PARENT };
            var pid = RawSyscalls.Syscall(SyscallNumbers.clone3, (long)&args, sizeof(CloneArgs), 0);
            if (pid < 0) Fail(plan, ChildStep.CloneIntoPidNamespace, 0);
            if (pid > 0)
            {
                Clone3.Report(plan->SyncFd, ChildReport.InitPid, (int)pid, 0);
                RawSyscalls.Exit(0);
            }
        }

        // After the pid clone the parent already knows where the init is.
        else if (plan->ReportRelease != 0) Clone3.Report(plan->SyncFd, ChildReport.Released, 0, 0);
        if (plan->Init != null)
        {
            OciRuntime.Container.Init.RawInit.Run(plan->Init);
            RawSyscalls.Exit(1);
        }
        // The init starts with nothing blocked, whatever a foreground run blocks for its signal forwarding.
        RawSyscalls.UnblockAllSignals();
        byte empty = 0;
        RawSyscalls.Execveat(plan->BinaryFd, &empty, plan->Argv, plan->Envp, Libc.AT_EMPTY_PATH);
        Fail(plan, ChildStep.ExecInit, 0);
    }

    private static void Fail(ChildPlan* plan, ChildStep step, int detail) => Fail(plan, step, detail, RawSyscalls.Errno);

    private static void Fail(ChildPlan* plan, ChildStep step, int detail, int errno)
    {
        Clone3.Report(plan->SyncFd, ChildReport.Failed, (int)step | (detail << 8), errno);
        RawSyscalls.Exit(1);
    }

}
