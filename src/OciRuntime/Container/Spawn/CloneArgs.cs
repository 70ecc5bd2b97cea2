using System.Runtime.InteropServices;

namespace OciRuntime.Container.Spawn;

/// <summary>struct clone_args of clone3(2), version 2 (88 bytes, with cgroup).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CloneArgs
{
    public ulong Flags;
    public ulong PidFd;
    public ulong ChildTid;
    public ulong ParentTid;
    public ulong ExitSignal;
    public ulong Stack;
    public ulong StackSize;
    public ulong Tls;
    public ulong SetTid;
    public ulong SetTidSize;
    public ulong Cgroup;

    public const ulong CLONE_PIDFD = 0x1000, CLONE_PARENT = 0x8000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
        CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000, CLONE_INTO_CGROUP = 0x200000000;

    /// <summary>A child reported with SIGCHLD, born inside the v2 cgroup <paramref name="cgroupFd"/> unless it is -1.</summary>
    public static CloneArgs ForChild(ulong flags, int cgroupFd) => new()
    {
        Flags = flags | (cgroupFd >= 0 ? CLONE_INTO_CGROUP : 0),
        ExitSignal = SIGCHLD,
        Cgroup = cgroupFd >= 0 ? (ulong)cgroupFd : 0,
    };
    public const int SIGCHLD = 17;
}
