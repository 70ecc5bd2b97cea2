using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// The one place a child process is made. No GC may start while the child is being made: the thread stays in
/// cooperative mode across the SuppressGCTransition call, and a no-GC region keeps other threads from triggering one.
/// The child runs <paramref name="childMain"/> on its pre-built native state and must end in exec or _exit.
/// Where clone3 answers ENOSYS (a seccomp filter such as Docker's default refuses it, because BPF cannot read its
/// flags) a child that needs nothing only clone3 has falls back to clone(2): the startContainer hooks run under
/// the container's filter, as in runc.
/// </summary>
internal static unsafe class Clone3
{
    public static int Run(CloneArgs* args, delegate*<void*, void> childMain, void* state)
    {
        var noGc = GC.TryStartNoGCRegion(256 * 1024);
        long pid;
        try
        {
            pid = RawSyscalls.Syscall(SyscallNumbers.clone3, (long)args, sizeof(CloneArgs), 0);
            if (pid < 0 && RawSyscalls.Errno == Libc.ENOSYS && FitsLegacyClone(args)) pid = LegacyClone(args);
            if (pid == 0)
            {
                childMain(state);
                RawSyscalls.Exit(127);
            }
        }
        finally
        {
            if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        if (pid < 0) throw Errno.Exception("clone3", RawSyscalls.Errno);
        return (int)pid;
    }

    // clone(2) has no cgroup, set_tid or separate pidfd field, and its flags are 32 bits wide.
    private static bool FitsLegacyClone(CloneArgs* args) =>
        args->Flags <= uint.MaxValue && args->SetTid == 0 && args->Stack == 0
        && (args->Flags & (CloneArgs.CLONE_PARENT_SETTID | CloneArgs.CLONE_CHILD_SETTID | CloneArgs.CLONE_CHILD_CLEARTID | CloneArgs.CLONE_SETTLS)) == 0;

    // x86_64's clone(flags | exit signal, stack, parent_tid, child_tid, tls): child_tid and tls are only read with
    // the flags excluded above; with CLONE_PIDFD the pidfd is stored at parent_tid, as clone3 stores it at pidfd.
    private static long LegacyClone(CloneArgs* args) =>
        RawSyscalls.Syscall(SyscallNumbers.clone, (long)(args->Flags | args->ExitSignal), 0,
            (args->Flags & CloneArgs.CLONE_PIDFD) != 0 ? (long)args->PidFd : 0);

    /// <summary>A raw child's report with one fd attached (SCM_RIGHTS); false if it could not be sent.</summary>
    public static bool ReportWithFd(int fd, ChildReport kind, int attached)
    {
        var frame = stackalloc int[3];
        frame[0] = (int)kind;
        frame[1] = 0;
        frame[2] = 0;
        var control = stackalloc byte[SyncSocket.ControlSpace(1)];
        var iov = new Libc.IoVec { Base = frame, Length = 12 };
        var message = SyncSocket.RightsMessage(&iov, control, new ReadOnlySpan<int>(&attached, 1));
        return RawSyscalls.SendMsg(fd, &message, 0) == 12;
    }

    /// <summary>A raw child's 12-byte report to its parent (see <see cref="ChildReport"/>).</summary>
    public static void Report(int fd, ChildReport kind, int a, int b)
    {
        var frame = stackalloc int[3];
        frame[0] = (int)kind;
        frame[1] = a;
        frame[2] = b;
        RawSyscalls.Write(fd, frame, 12);
    }
}
