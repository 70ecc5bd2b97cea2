using System.Runtime.InteropServices;
using OciRuntime.Linux;
using Tmds.Linux;

namespace OciRuntime.Seccomp;

/// <summary>The raw syscalls the loader needs that libc has no wrapper for.</summary>
internal static unsafe class SeccompSyscalls
{
    public const int SetModeFilter = 1;

    /// <returns>The syscall's result, or -errno.</returns>
    public static long Seccomp(int operation, uint flags, void* args) => Invoke(SyscallNumbers.seccomp, operation, flags, (long)args);

    /// <returns>The syscall's result, or -errno.</returns>
    public static long Invoke(long number, long arg1, long arg2, long arg3)
    {
        long rc = syscall(number, arg1, arg2, arg3);
        return rc < 0 ? -Marshal.GetLastPInvokeError() : rc;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, long arg1, long arg2, long arg3);

    /// <summary>Whether the running kernel accepts <paramref name="flags"/> for SECCOMP_SET_MODE_FILTER.</summary>
    /// <remarks>The kernel checks the flags before it reads the program, so a NULL program answers EFAULT for
    /// known flags and EINVAL for unknown ones without installing anything (libseccomp probes the same way).</remarks>
    public static bool KernelAcceptsFlags(SeccompFilterFlags flags) => Seccomp(SetModeFilter, (uint)flags, null) == -LibC.EFAULT;
}
