using System.Runtime.InteropServices;

namespace OciRuntime.Linux;

/// <summary>
/// The only calls a freshly cloned child may make. The .NET runtime is multithreaded, so after clone3 the child
/// owns a copy of memory whose other threads (and their locks) are gone: it must not allocate, throw, take a lock
/// or enter the runtime. These imports are blittable and <see cref="SuppressGCTransitionAttribute"/>, so a call is
/// a plain native call; NativeAOT binds them at link time (DirectPInvoke libc), so no lazy resolution runs in the child.
/// Errno is read straight from libc's thread-local slot, never through the runtime's last-error machinery.
/// glibc wrappers that keep process-wide state (setresuid's all-threads broadcast, malloc) are avoided: those go
/// through <c>syscall</c>.
/// </summary>
internal static unsafe partial class RawSyscalls
{
    [DllImport("libc", EntryPoint = "syscall", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern long Syscall(long number, long a1, long a2, long a3);

    [DllImport("libc", EntryPoint = "syscall", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern long Syscall(long number, long a1, long a2, long a3, long a4);

    [DllImport("libc", EntryPoint = "read", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern nint Read(int fd, void* buffer, nuint count);

    [DllImport("libc", EntryPoint = "write", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern nint Write(int fd, void* buffer, nuint count);

    [DllImport("libc", EntryPoint = "setns", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Setns(int fd, int nstype);

    [DllImport("libc", EntryPoint = "unshare", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Unshare(int flags);

    [DllImport("libc", EntryPoint = "execveat", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Execveat(int dirfd, byte* path, byte** argv, byte** envp, int flags);

    [DllImport("libc", EntryPoint = "execve", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Execve(byte* path, byte** argv, byte** envp);

    [DllImport("libc", EntryPoint = "dup2", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Dup2(int oldFd, int newFd);

    [DllImport("libc", EntryPoint = "prctl", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [DllImport("libc", EntryPoint = "capset", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Capset(void* header, void* data);

    [DllImport("libc", EntryPoint = "prlimit64", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Prlimit(int pid, int resource, ulong* newLimit, ulong* oldLimit);

    [DllImport("libc", EntryPoint = "chdir", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Chdir(byte* path);

    /// <summary>glibc's getcwd: fails with ENOENT when the directory lies outside the current root.</summary>
    [DllImport("libc", EntryPoint = "getcwd", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern byte* Getcwd(byte* buffer, nuint size);

    [DllImport("libc", EntryPoint = "fchdir", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Fchdir(int fd);

    [DllImport("libc", EntryPoint = "chroot", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Chroot(byte* path);

    [DllImport("libc", EntryPoint = "setsid", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Setsid();

    [DllImport("libc", EntryPoint = "ioctl", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Ioctl(int fd, nuint request, nuint argument);

    [DllImport("libc", EntryPoint = "open", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Open(byte* path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "close", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "umask", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern uint Umask(uint mask);

    /// <summary>
    /// SIG_DFL (0) or SIG_IGN (1) through rt_sigaction itself: glibc's signal() refuses 32 and 33, which it keeps for
    /// its own use, yet whoever started us may have left them ignored, and an exec keeps an ignored signal.
    /// </summary>
    public static long SetSignalHandler(int signal, nint handler)
    {
        const int KernelSigsetSize = 8;
        var action = stackalloc ulong[4]; // struct kernel_sigaction: handler, flags, restorer, mask
        action[0] = (ulong)handler;
        action[1] = action[2] = action[3] = 0;
        return Syscall(SyscallNumbers.rt_sigaction, signal, (long)action, 0, KernelSigsetSize);
    }

    [DllImport("libc", EntryPoint = "sigprocmask", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int SigProcMask(int how, ulong* set, ulong* oldSet);

    /// <summary>Blocks no signal: a child inherits the mask of the thread that cloned it, which a foreground run or
    /// exec sets (SignalQueue), and exec keeps it.</summary>
    public static void UnblockAllSignals()
    {
        const int SIG_SETMASK = 2;
        var empty = stackalloc ulong[16]; // glibc's sigset_t
        for (var i = 0; i < 16; i++) empty[i] = 0;
        SigProcMask(SIG_SETMASK, empty, null);
    }

    [DllImport("libc", EntryPoint = "mount", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Mount(byte* source, byte* target, byte* type, ulong flags, byte* data);

    [DllImport("libc", EntryPoint = "recvmsg", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern nint RecvMsg(int fd, Libc.MsgHdr* message, int flags);

    [DllImport("libc", EntryPoint = "sendmsg", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern nint SendMsg(int fd, Libc.MsgHdr* message, int flags);

    [DllImport("libc", EntryPoint = "_exit", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern void Exit(int status);

    [DllImport("libc", EntryPoint = "__errno_location", ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int* ErrnoLocation();

    public static int Errno => *ErrnoLocation();
}
