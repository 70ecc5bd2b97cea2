using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// The one place a child process is made. No GC may start while the child is being made: the thread stays in
/// cooperative mode across the SuppressGCTransition call, and a no-GC region keeps other threads from triggering one.
/// The child runs <paramref name="childMain"/> on its pre-built native state and must end in exec or _exit.
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

    /// <summary>A raw child's report with one fd attached (SCM_RIGHTS); false if it could not be sent.</summary>
    public static bool ReportWithFd(int fd, ChildReport kind, int attached)
    {
        const int SOL_SOCKET = 1, SCM_RIGHTS = 1;
        var frame = stackalloc int[3];
        frame[0] = (int)kind;
        frame[1] = 0;
        frame[2] = 0;
        // CMSG_SPACE(sizeof(int)) on 64 bits: a 16-byte header, then the fd padded to 8.
        const int headerLength = 16, controlLength = 24;
        var control = stackalloc byte[controlLength];
        for (var i = 0; i < controlLength; i++) control[i] = 0;
        var cmsg = (Libc.CmsgHdr*)control;
        cmsg->Length = headerLength + sizeof(int);
        cmsg->Level = SOL_SOCKET;
        cmsg->Type = SCM_RIGHTS;
        *(int*)(control + headerLength) = attached;
        var iov = new Libc.IoVec { Base = frame, Length = 12 };
        var message = new Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = controlLength };
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
