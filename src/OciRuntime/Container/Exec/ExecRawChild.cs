using OciRuntime.Container.Console;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;

namespace OciRuntime.Container.Exec;

/// <summary>
/// The code a clone3'd exec child runs until it execve's the user's program: raw syscalls on the pre-built
/// <see cref="ExecChildPlan"/> only (no allocation, no exceptions, no managed logging: process-model.md), so no
/// ocirun image ever runs inside the container. The order follows runc's setns init: namespaces, then (in the pid
/// namespace) terminal, limits, labels, no_new_privs, the bounding set, ids, capabilities, cwd, and the seccomp
/// filter as late as it can be loaded.
/// </summary>
internal static unsafe class ExecRawChild
{
    private const int PR_SET_DUMPABLE = 4, PR_SET_KEEPCAPS = 8, PR_CAPBSET_DROP = 24, PR_SET_NO_NEW_PRIVS = 38, PR_CAP_AMBIENT = 47,
        PR_CAP_AMBIENT_RAISE = 2, PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private const nuint TIOCSCTTY = 0x540E;
    private const uint CLOSE_RANGE_CLOEXEC = 4;
    private const int O_WRONLY = 1, O_CLOEXEC = 0x80000;

    public static void Run(ExecChildPlan* plan)
    {
        // Until the execve a process in the container could otherwise open /proc/PID/exe, which is the host's ocirun
        // binary, and write it once we are gone (CVE-2019-5736). The exec makes the program dumpable again.
        RawSyscalls.Prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        if (plan->AffinityInitial != null
            && RawSyscalls.Syscall(SyscallNumbers.sched_setaffinity, 0, plan->AffinityInitialLength, (long)plan->AffinityInitial) < 0)
            Fail(plan, ExecStep.CpuAffinity, 0);
        // Then: the process cloned into the pid namespace below inherits these cgroups, and everything from here on
        // runs inside them.
        var failedTask = CgroupTasks.Join(plan->CgroupTaskFds, plan->CgroupTaskCount);
        var joinErrno = failedTask >= 0 ? RawSyscalls.Errno : 0;

        byte go;
        if (RawSyscalls.Read(plan->SyncFd, &go, 1) != 1) Fail(plan, ExecStep.WaitForParent, 0);
        // Reported only now, when the parent listens (before its go, it would see a broken pipe instead).
        if (failedTask >= 0) Fail(plan, ExecStep.JoinCgroup, failedTask, joinErrno);

        // The user namespace leads (the parent ordered them), while we still hold the host's capabilities.
        for (var i = 0; i < plan->JoinCount; i++)
        {
            if (RawSyscalls.Setns(plan->JoinFds[i], plan->JoinTypes[i]) < 0) Fail(plan, ExecStep.JoinNamespace, i);
        }
        if (plan->RootFd >= 0)
        {
            byte dot = (byte)'.';
            var here = stackalloc byte[2] { dot, 0 };
            if (RawSyscalls.Fchdir(plan->RootFd) < 0 || RawSyscalls.Chroot(here) < 0) Fail(plan, ExecStep.EnterRoot, 0);
        }

        if (plan->CloneIntoPidNamespace != 0)
        {
            // CLONE_PARENT: the process becomes the exec command's child, which waits for it; this one leaves.
            var args = new CloneArgs { Flags = CloneArgs.CLONE_PARENT };
            var pid = RawSyscalls.Syscall(SyscallNumbers.clone3, (long)&args, sizeof(CloneArgs), 0);
            if (pid < 0) Fail(plan, ExecStep.CloneIntoPidNamespace, 0);
            if (pid > 0)
            {
                Clone3.Report(plan->SyncFd, ChildReport.InitPid, (int)pid, 0);
                RawSyscalls.Exit(0);
            }
        }

        ResetSignals();
        // Nothing of the runtime's (state dir, host cwd, cgroup fds) may reach the program (CVE-2024-21626). Done
        // before the filter, which might refuse close_range; the sync socket stays open until the exec succeeds.
        RawSyscalls.Syscall(SyscallNumbers.close_range, plan->CloseFrom, uint.MaxValue, CLOSE_RANGE_CLOEXEC);
        ReportMilestone(plan, ExecMilestone.InContainer);
        Prepare(plan);
        // Not under the container's filter: a profile could fail or kill the report's write, or send it to its agent.
        if (plan->SeccompProgram == null || plan->NoNewPrivileges != 0) ReportMilestone(plan, ExecMilestone.AboutToExec);
        LoadLateSeccomp(plan);
        RawSyscalls.Execve(plan->Path, plan->Argv, plan->Envp);
        Fail(plan, ExecStep.Exec, 0);
    }

    /// <summary>
    /// Takes on the process's terminal, limits, labels, no_new_privs, user and capabilities, and enters its cwd;
    /// a filter that cannot wait for <see cref="LoadLateSeccomp"/> is loaded on the way. The container's init
    /// (<see cref="OciRuntime.Container.Init.RawInit"/>) runs the same steps.
    /// </summary>
    internal static void Prepare(ExecChildPlan* plan)
    {
        if (plan->ConsoleFd >= 0)
        {
            if (RawSyscalls.Setsid() < 0) Fail(plan, ExecStep.Console, 0);
            for (var fd = 0; fd < 3; fd++)
                if (RawSyscalls.Dup2(plan->ConsoleFd, fd) < 0) Fail(plan, ExecStep.Console, 1);
            if (RawSyscalls.Ioctl(0, TIOCSCTTY, 0) < 0) Fail(plan, ExecStep.Console, 2);
            // The process's user gets its terminal, the group stays the devpts's (ContainerConsole.KeepGroup): done
            // here, inside the container's user namespace, so that the uid is the container's. A user or owner the
            // namespace does not map (EINVAL, EPERM) leaves the terminal as it is, as runc does.
            if (RawSyscalls.Syscall(SyscallNumbers.fchown, plan->ConsoleFd, plan->Uid, ContainerConsole.KeepGroup) < 0
                && RawSyscalls.Errno is not (Libc.EINVAL or Libc.EPERM))
                Fail(plan, ExecStep.Console, 4);
        }

        // In the container's cgroups now: the program's affinity, narrowed by the kernel to what its cpuset allows.
        if (RawSyscalls.Syscall(SyscallNumbers.sched_setaffinity, 0, plan->AffinityFinalLength, (long)plan->AffinityFinal) < 0)
            Fail(plan, ExecStep.CpuAffinity, 1);
        // Before the filter goes on: Docker's default profile allows set_mempolicy only with CAP_SYS_NICE.
        if (plan->MemoryPolicyMode >= 0 && RawSyscalls.Syscall(SyscallNumbers.set_mempolicy, plan->MemoryPolicyMode,
                (long)plan->MemoryPolicyNodes, (long)plan->MemoryPolicyMaxNode) < 0)
            Fail(plan, ExecStep.MemoryPolicy, 0);
        for (var i = 0; i < plan->RlimitCount; i++)
        {
            var limit = plan->Rlimits + 3 * i;
            if (RawSyscalls.Prlimit(0, (int)limit[0], limit + 1, null) < 0) Fail(plan, ExecStep.Rlimit, (int)limit[0]);
        }
        if (plan->AppArmorExec != null && !WriteAttr(plan, "/proc/self/attr/apparmor/exec"u8, plan->AppArmorExec, plan->AppArmorExecLength)
                                       && !WriteAttr(plan, "/proc/self/attr/exec"u8, plan->AppArmorExec, plan->AppArmorExecLength))
            Fail(plan, ExecStep.AppArmor, 0);
        if (plan->SelinuxExec != null && !WriteAttr(plan, "/proc/self/attr/exec"u8, plan->SelinuxExec, plan->SelinuxExecLength))
            Fail(plan, ExecStep.SelinuxLabel, 0);

        if (plan->NoNewPrivileges != 0 && RawSyscalls.Prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
            Fail(plan, ExecStep.NoNewPrivileges, 0);
        // Without no_new_privs, loading a filter needs CAP_SYS_ADMIN: before the capabilities go (as runc).
        if (plan->SeccompProgram != null && plan->NoNewPrivileges == 0) LoadSeccomp(plan);

        // A cwd only the user can enter is retried after the switch (runc 1.1.12).
        var cwdEntered = RawSyscalls.Chdir(plan->Cwd) == 0;
        SwitchUser(plan);
        if (!cwdEntered && RawSyscalls.Chdir(plan->Cwd) < 0) Fail(plan, ExecStep.Cwd, 0);
        // A cwd reached through an fd still open here (/proc/self/fd/N of a directory the caller left us, close-on-exec
        // but not yet closed) would hand the program the host's filesystem (CVE-2024-21626): refused, as runc does.
        var cwd = stackalloc byte[4096];
        if (RawSyscalls.Getcwd(cwd, 4096) == null && RawSyscalls.Errno == Libc.ENOENT) Fail(plan, ExecStep.CwdOutsideRoot, 0);
        RawSyscalls.Umask(plan->Umask);
    }

    private static void ReportMilestone(ExecChildPlan* plan, ExecMilestone milestone)
    {
        // Our pid as the container sees it: the host pid may not have reached the parent yet (the clone that made us
        // reports it, racing with us).
        if (plan->ReportMilestones != 0)
            Clone3.Report(plan->SyncFd, ChildReport.ExecMilestone, (int)milestone, (int)RawSyscalls.Syscall(SyscallNumbers.getpid, 0, 0, 0));
    }

    /// <summary>With no_new_privs the filter comes last, right before execve: none of our own steps run under it.</summary>
    internal static void LoadLateSeccomp(ExecChildPlan* plan)
    {
        if (plan->SeccompProgram != null && plan->NoNewPrivileges != 0) LoadSeccomp(plan);
    }

    private static void SwitchUser(ExecChildPlan* plan)
    {
        for (var cap = 0; cap <= plan->LastCapability; cap++)
        {
            if ((plan->CapBounding & (1UL << cap)) != 0) continue;
            if (RawSyscalls.Prctl(PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0) < 0) Fail(plan, ExecStep.BoundingSet, cap);
        }
        // Permitted capabilities survive the uid change; capset below sets the final sets.
        if (RawSyscalls.Prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) Fail(plan, ExecStep.Capabilities, 0);
        if (plan->SetGroups != 0 && RawSyscalls.Syscall(SyscallNumbers.setgroups, plan->GroupCount, (long)plan->Groups, 0) < 0)
            Fail(plan, ExecStep.SetGroups, 0);
        if (RawSyscalls.Syscall(SyscallNumbers.setresgid, plan->Gid, plan->Gid, plan->Gid) < 0) Fail(plan, ExecStep.SetGid, 0);
        if (RawSyscalls.Syscall(SyscallNumbers.setresuid, plan->Uid, plan->Uid, plan->Uid) < 0) Fail(plan, ExecStep.SetUid, 0);
        RawSyscalls.Prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);

        var header = stackalloc uint[2] { LINUX_CAPABILITY_VERSION_3, 0 };
        var data = stackalloc uint[6];
        data[0] = (uint)plan->CapEffective;
        data[1] = (uint)plan->CapPermitted;
        data[2] = (uint)plan->CapInheritable;
        data[3] = (uint)(plan->CapEffective >> 32);
        data[4] = (uint)(plan->CapPermitted >> 32);
        data[5] = (uint)(plan->CapInheritable >> 32);
        if (RawSyscalls.Capset(header, data) < 0) Fail(plan, ExecStep.Capabilities, 1);
        RawSyscalls.Prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        for (var cap = 0; cap <= plan->LastCapability; cap++)
        {
            // As runc: an ambient capability the kernel refuses (not permitted and inheritable) is skipped.
            if ((plan->CapAmbient & (1UL << cap)) != 0) RawSyscalls.Prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (nuint)cap, 0, 0);
        }
    }

    private const uint SECCOMP_FILTER_FLAG_NEW_LISTENER = 1 << 3;

    /// <summary>A filter whose notify fd goes to an agent through the parent.</summary>
    internal static bool HasListener(ExecChildPlan* plan) =>
        plan->SeccompProgram != null && (plan->SeccompFlags & SECCOMP_FILTER_FLAG_NEW_LISTENER) != 0;

    internal static void LoadSeccomp(ExecChildPlan* plan)
    {
        const int SECCOMP_SET_MODE_FILTER = 1;
        var listener = RawSyscalls.Syscall(plan->SeccompSyscall, SECCOMP_SET_MODE_FILTER, plan->SeccompFlags, (long)plan->SeccompProgram);
        if (listener < 0) Fail(plan, ExecStep.Seccomp, 0);
        if ((plan->SeccompFlags & SECCOMP_FILTER_FLAG_NEW_LISTENER) == 0) return;
        // The notify fd goes to the parent, which hands it to the agent at listenerPath (as runc does): the program
        // starts only once the agent has it.
        byte passed;
        if (!Clone3.ReportWithFd(plan->SyncFd, ChildReport.SeccompNotifyFd, (int)listener)
            || RawSyscalls.Read(plan->SyncFd, &passed, 1) != 1)
            Fail(plan, ExecStep.SeccompNotifyFd, 0);
        RawSyscalls.Close((int)listener);
    }

    /// <summary>
    /// The runtime ignores some signals (SIGPIPE) and may block others; an exec keeps ignored dispositions and the
    /// mask, so the program would inherit them.
    /// </summary>
    internal static void ResetSignals()
    {
        for (var signal = 1; signal <= 64; signal++)
        {
            if (signal is 9 or 19) continue;
            RawSyscalls.SetSignalHandler(signal, 0);
        }
        RawSyscalls.UnblockAllSignals();
    }

    private static bool WriteAttr(ExecChildPlan* plan, ReadOnlySpan<byte> path, byte* value, int length)
    {
        int fd;
        fixed (byte* p = path) fd = RawSyscalls.Open(p, O_WRONLY | O_CLOEXEC, 0);
        if (fd < 0) return false;
        var written = RawSyscalls.Write(fd, value, (nuint)length);
        RawSyscalls.Close(fd);
        return written == length;
    }

    internal static void Fail(ExecChildPlan* plan, ExecStep step, int detail) => Fail(plan, step, detail, RawSyscalls.Errno);

    internal static void Fail(ExecChildPlan* plan, ExecStep step, int detail, int errno)
    {
        Clone3.Report(plan->SyncFd, ChildReport.Failed, (int)step | (detail << 8), errno);
        RawSyscalls.Exit(1);
    }

}
