using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// Gives the user's program the signal state a freshly started process expects. exec resets handled signals to
/// their default but keeps ignored ones and the blocked mask, and the .NET runtime ignores SIGPIPE (so
/// <c>yes | head -1</c> would never end) and may block others on the exec'ing thread.
/// </summary>
internal static unsafe class ExecSignals
{
    private const int SIGKILL = 9, SIGSTOP = 19, LastSignal = 64, SIG_SETMASK = 2;

    // The kernel's struct sigaction (handler, flags, restorer, mask) on x86_64 and arm64; all zero = SIG_DFL.
    private const int KernelSigactionSize = 32;
    private const int KernelSigsetSize = 8;

    /// <summary>Every catchable signal to SIG_DFL, then none blocked. Call right before execve: from here on our
    /// own process dies of any signal it gets, as the program it becomes would.</summary>
    public static void ResetToDefaults()
    {
        byte* action = stackalloc byte[KernelSigactionSize];
        new Span<byte>(action, KernelSigactionSize).Clear();
        // Raw syscalls: glibc's wrappers refuse the signals it reserves (32, 33), which must be reset too.
        for (var signal = 1; signal <= LastSignal; signal++)
        {
            if (signal is SIGKILL or SIGSTOP) continue;
            if (Libc.Syscall(SyscallNumbers.rt_sigaction, signal, (long)action, 0, KernelSigsetSize, 0) < 0)
                throw Errno.Last($"rt_sigaction({signal}, SIG_DFL)");
        }
        ulong none = 0;
        if (Libc.Syscall(SyscallNumbers.rt_sigprocmask, SIG_SETMASK, (long)&none, 0, KernelSigsetSize, 0) < 0)
            throw Errno.Last("rt_sigprocmask(SIG_SETMASK, {})");
    }
}
