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

    public const ulong CLONE_PIDFD = 0x1000, CLONE_PARENT = 0x8000, CLONE_INTO_CGROUP = 0x200000000;
    public const int SIGCHLD = 17;
}
