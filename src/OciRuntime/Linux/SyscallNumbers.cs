namespace OciRuntime.Linux;

/// <summary>
/// Numbers of the system calls ocirun makes through syscall(2), for the calls glibc has no wrapper for or whose
/// wrapper must be avoided (see <see cref="RawSyscalls"/>). These are x86_64's: ocirun is published for linux-x64
/// only (Makefile), and every number below 424 differs on other architectures, so a port starts here.
/// </summary>
internal static class SyscallNumbers
{
    public const long fstat = 5;
    public const long poll = 7;
    public const long rt_sigaction = 13;
    public const long rt_sigprocmask = 14;
    public const long madvise = 28;
    public const long getpid = 39;
    public const long clone = 56;
    public const long fcntl = 72;
    public const long fchown = 93;
    public const long setgroups = 116;
    public const long setresuid = 117;
    public const long setresgid = 119;
    public const long capset = 126;
    public const long personality = 135;
    public const long sched_setaffinity = 203;
    public const long set_mempolicy = 238;
    public const long pivot_root = 155;
    public const long keyctl = 250;
    public const long ioprio_set = 251;
    public const long signalfd4 = 289;
    public const long dup3 = 292;
    public const long sched_setattr = 314;
    public const long seccomp = 317;
    public const long bpf = 321;
    public const long pidfd_send_signal = 424;
    public const long open_tree = 428;
    public const long move_mount = 429;
    public const long pidfd_open = 434;
    public const long clone3 = 435;
    public const long close_range = 436;
    public const long openat2 = 437;
    public const long pidfd_getfd = 438;
    public const long mount_setattr = 442;
}
