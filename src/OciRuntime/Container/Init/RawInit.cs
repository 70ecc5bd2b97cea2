using OciRuntime.Container.Exec;
using OciRuntime.Container.Spawn;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// The container's init when the command builds the container itself (<see cref="InProcessInit"/>): what the
/// clone3'd child runs inside its namespaces instead of exec'ing an init stage. Raw syscalls on pre-built native
/// state only (process-model.md). It makes the cgroup namespace, mounts proc for the command (a proc mount shows
/// the pid namespace of whoever mounts it, and only this process is in the container's), waits while the command
/// builds the root around it, takes on the process as an exec'd one does, reports ready, waits for `start` on the
/// exec fifo and execs the program.
/// </summary>
internal static unsafe class RawInit
{
    private const int CLONE_NEWCGROUP = 0x02000000;
    private const int KEYCTL_JOIN_SESSION_KEYRING = 1;
    private const uint CLOSE_RANGE_CLOEXEC = 4;
    private const int O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000;
    private const int SOL_SOCKET = 1, SCM_RIGHTS = 1, MSG_CMSG_CLOEXEC = 0x40000000;

    public static void Run(InitChildPlan* init)
    {
        var plan = init->Process;
        // No handler of the runtime we were forked from may ever run here, and nothing of the caller's stays blocked.
        ExecRawChild.ResetSignals();
        // Nothing of the runtime's reaches the program (CVE-2024-21626), and nothing the command held at the clone
        // outlives it here: its lock on the state directory among them, which `start` takes next.
        CloseAllBut(plan->CloseFrom, plan->SyncFd, init->FifoFd);
        // Both were handed over inheritable: the program must not get them either.
        RawSyscalls.Syscall(SyscallNumbers.close_range, plan->SyncFd, (uint)plan->SyncFd, CLOSE_RANGE_CLOEXEC);
        RawSyscalls.Syscall(SyscallNumbers.close_range, init->FifoFd, (uint)init->FifoFd, CLOSE_RANGE_CLOEXEC);
        // Reported as the namespace step of the raw child that came before: until NamespacesReady the command words
        // failures as those.
        if (init->NewCgroupNamespace != 0 && RawSyscalls.Unshare(CLONE_NEWCGROUP) < 0)
        {
            Clone3.Report(plan->SyncFd, ChildReport.Failed, (int)ChildStep.UnshareNamespaces | (1 << 8), RawSyscalls.Errno);
            RawSyscalls.Exit(1);
        }
        Clone3.Report(plan->SyncFd, ChildReport.NamespacesReady, 0, 0);
        ServeUntilBuilt(init);
        if (init->ReopenDevNull != 0 && DevNullStdio.Reopen() is var errno and not 0)
            ExecRawChild.Fail(plan, ExecStep.ReopenDevNull, 0, errno);

        var late = init->Late;
        if (init->Personality >= 0 && RawSyscalls.Syscall(SyscallNumbers.personality, init->Personality, 0, 0) < 0)
            ExecRawChild.Fail(plan, ExecStep.Personality, 0);
        // Kernels without keyrings, or a seccomp'ed caller, refuse: runc ignores ENOSYS there.
        if (init->SessionKeyring != null && RawSyscalls.Syscall(SyscallNumbers.keyctl, KEYCTL_JOIN_SESSION_KEYRING, (long)init->SessionKeyring, 0) < 0
            && RawSyscalls.Errno != Libc.ENOSYS)
            ExecRawChild.Fail(plan, ExecStep.SessionKeyring, 0);
        plan->Path = late->Path;
        plan->Envp = late->Envp;
        if (late->ConsolePath != null)
        {
            plan->ConsoleFd = RawSyscalls.Open(late->ConsolePath, O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
            if (plan->ConsoleFd < 0) ExecRawChild.Fail(plan, ExecStep.Console, 3);
        }
        // A session of its own, as every container's init (with a terminal, Prepare makes it and takes the tty).
        else if (RawSyscalls.Setsid() < 0) ExecRawChild.Fail(plan, ExecStep.Session, 0);
        ExecRawChild.Prepare(plan);
        if (plan->ConsoleFd >= 0) RawSyscalls.Close(plan->ConsoleFd);
        // A filter that would wait for start (noNewPrivileges) but has a notify fd for the agent is loaded now, while
        // the command that hands the fd over still listens (runc does the same before its fifo).
        var loadedForListener = plan->NoNewPrivileges != 0 && ExecRawChild.HasListener(plan);
        if (loadedForListener) ExecRawChild.LoadSeccomp(plan);
        Clone3.Report(plan->SyncFd, ChildReport.Ready, 0, 0);

        WaitForStart(init);
        if (!loadedForListener) ExecRawChild.LoadLateSeccomp(plan);
        RawSyscalls.Execve(plan->Path, plan->Argv, plan->Envp);
        ReportExecFailure(plan->Path, RawSyscalls.Errno);
        RawSyscalls.Exit(1);
    }

    /// <summary>Closes every descriptor from <paramref name="from"/> up except the two the init still works with.</summary>
    private static void CloseAllBut(int from, int keep1, int keep2)
    {
        var low = Math.Min(keep1, keep2);
        var high = Math.Max(keep1, keep2);
        CloseRange(from, low - 1);
        CloseRange(Math.Max(from, low + 1), high - 1);
        CloseRange(Math.Max(from, high + 1), int.MaxValue);
    }

    private static void CloseRange(int first, int last)
    {
        if (first <= last) RawSyscalls.Syscall(SyscallNumbers.close_range, first, (uint)last, 0);
    }

    /// <summary>Mounts proc where the command asks, until it says the root is built.</summary>
    private static void ServeUntilBuilt(InitChildPlan* init)
    {
        var plan = init->Process;
        var frame = stackalloc int[3];
        var control = stackalloc byte[SyncSocket.ControlSpace(1)];
        var target = stackalloc byte[32];
        var proc = stackalloc byte[5] { (byte)'p', (byte)'r', (byte)'o', (byte)'c', 0 };
        while (true)
        {
            var fd = ReceiveCommand(plan->SyncFd, frame, control);
            if (fd == -2) ExecRawChild.Fail(plan, ExecStep.WaitForParent, 3);
            if (frame[0] == (int)InitMessage.Proceed) return;
            if (frame[0] != (int)InitMessage.MountProc || fd < 0) ExecRawChild.Fail(plan, ExecStep.WaitForParent, 4);
            FdPath(target, fd);
            var late = init->Late;
            var errno = RawSyscalls.Mount(late->MountSource, target, proc, late->MountFlags, late->MountData) < 0 ? RawSyscalls.Errno : 0;
            RawSyscalls.Close(fd);
            Clone3.Report(plan->SyncFd, ChildReport.MountDone, errno, 0);
        }
    }

    /// <summary>Reads one 12-byte command frame; returns the fd it carried, -1 for none, -2 when the command is gone.</summary>
    private static int ReceiveCommand(int socket, int* frame, byte* control)
    {
        var controlLength = SyncSocket.ControlSpace(1);
        for (var i = 0; i < controlLength; i++) control[i] = 0;
        var iov = new Libc.IoVec { Base = frame, Length = 12 };
        var message = new Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)controlLength };
        nint n;
        do n = RawSyscalls.RecvMsg(socket, &message, MSG_CMSG_CLOEXEC);
        while (n < 0 && RawSyscalls.Errno == Libc.EINTR);
        if (n <= 0) return -2;
        while (n < 12)
        {
            var more = RawSyscalls.Read(socket, (byte*)frame + n, (nuint)(12 - n));
            if (more < 0 && RawSyscalls.Errno == Libc.EINTR) continue;
            if (more <= 0) return -2;
            n += more;
        }
        var cmsg = (Libc.CmsgHdr*)control;
        if (message.ControlLength < (nuint)sizeof(Libc.CmsgHdr) || cmsg->Level != SOL_SOCKET || cmsg->Type != SCM_RIGHTS) return -1;
        return *(int*)(control + SyncSocket.ControlSpace(0));
    }

    /// <summary>"/proc/self/fd/N" into a 32-byte buffer.</summary>
    private static void FdPath(byte* buffer, int fd)
    {
        var prefix = "/proc/self/fd/"u8;
        var length = 0;
        for (; length < prefix.Length; length++) buffer[length] = prefix[length];
        length += WriteNumber(buffer + length, fd);
        buffer[length] = 0;
    }

    private static int WriteNumber(byte* buffer, int value)
    {
        var digits = stackalloc byte[12];
        var count = 0;
        var rest = (uint)value;
        do
        {
            digits[count++] = (byte)('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        for (var i = 0; i < count; i++) buffer[i] = digits[count - 1 - i];
        return count;
    }

    /// <summary>
    /// Blocks reading the exec fifo (inherited read-write, so it never sees end-of-file) until `start` writes its
    /// byte. The fifo stays open until the exec closes it: `start` waits for it to lose this last reader before it
    /// runs poststart hooks. After 100 ms without `start` the init drops its code pages (refaulted from the page
    /// cache when it resumes), as the init stage does (<see cref="IdleFootprint"/>).
    /// </summary>
    private static void WaitForStart(InitChildPlan* init)
    {
        const short POLLIN = 1;
        const int MADV_DONTNEED = 4, IdleMilliseconds = 100;
        if (init->IdleRangeCount > 0)
        {
            var poll = stackalloc int[2] { init->FifoFd, POLLIN };
            long ready;
            do ready = RawSyscalls.Syscall(SyscallNumbers.poll, (long)poll, 1, IdleMilliseconds);
            while (ready < 0 && RawSyscalls.Errno == Libc.EINTR);
            if (ready == 0)
            {
                for (var i = 0; i < init->IdleRangeCount; i++)
                    RawSyscalls.Syscall(SyscallNumbers.madvise, init->IdleRanges[2 * i], init->IdleRanges[2 * i + 1], MADV_DONTNEED);
            }
        }
        byte b;
        nint n;
        do n = RawSyscalls.Read(init->FifoFd, &b, 1);
        while (n < 0 && RawSyscalls.Errno == Libc.EINTR);
        if (n != 1) RawSyscalls.Exit(1);
    }

    /// <summary>After `start` nobody listens on the sync socket any more: the line goes to the program's stderr.</summary>
    private static void ReportExecFailure(byte* path, int errno)
    {
        var line = stackalloc byte[4200];
        var length = Append(line, 0, "ocirun init: exec "u8);
        for (var i = 0; path[i] != 0 && length < 4150; i++) line[length++] = path[i];
        length = Append(line, length, ": errno "u8);
        length += WriteNumber(line + length, errno);
        line[length++] = (byte)'\n';
        RawSyscalls.Write(2, line, (nuint)length);
    }

    private static int Append(byte* buffer, int at, ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < text.Length; i++) buffer[at + i] = text[i];
        return at + text.Length;
    }
}
