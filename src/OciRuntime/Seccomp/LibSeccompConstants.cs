namespace OciRuntime.Seccomp;

/// <summary>Values from seccomp.h and linux/seccomp.h that the compiler and loader share.</summary>
internal static class LibSeccompConstants
{
    /// <summary>__NR_SCMP_ERROR: <c>seccomp_syscall_resolve_name</c> found no architecture with the name.</summary>
    public const int NrScmpError = -1;

    public const uint ActKillProcess = 0x80000000;
    public const uint ActKillThread = 0x00000000;
    public const uint ActTrap = 0x00030000;
    public const uint ActNotify = 0x7fc00000;
    public const uint ActErrnoBase = 0x00050000;
    public const uint ActTraceBase = 0x7ff00000;
    public const uint ActLog = 0x7ffc0000;
    public const uint ActAllow = 0x7fff0000;

    public static uint ActErrno(uint errno) => ActErrnoBase | (errno & 0xffff);
    public static uint ActTrace(uint msgNum) => ActTraceBase | (msgNum & 0xffff);
}
