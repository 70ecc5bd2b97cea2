using System.Runtime.InteropServices;
using OciRuntime.Container.Exec;

namespace OciRuntime.Container.Init;

/// <summary>
/// What the container's raw init (<see cref="RawInit"/>) needs beyond an exec'd process's plan, in native memory
/// laid out before clone3. What the command learns only after the rootfs is built reaches it through
/// <see cref="Late"/>, a mapping shared with the command.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InitChildPlan
{
    /// <summary>The program's plan; its Path, Envp and ConsoleFd are filled in from <see cref="Late"/>.</summary>
    public ExecChildPlan* Process;
    /// <summary>The exec fifo, read until `start` writes its byte.</summary>
    public int FifoFd;
    /// <summary>The cgroup namespace is made here, once the command has put us into the container's cgroups.</summary>
    public int NewCgroupNamespace;
    /// <summary>Stdio that is /dev/null is reopened inside the finished root (<see cref="DevNullStdio"/>).</summary>
    public int ReopenDevNull;
    /// <summary>"_ses.ID" for a fresh session keyring, or null to keep the caller's.</summary>
    public byte* SessionKeyring;
    /// <summary>linux.personality's persona, or -1 to leave it.</summary>
    public long Personality;
    public InitLateData* Late;
    /// <summary>(start, length) pairs of the code mappings to drop once the init has waited for `start` a while
    /// (<see cref="IdleFootprint"/>); none when start follows at once.</summary>
    public long* IdleRanges;
    public int IdleRangeCount;
}

/// <summary>
/// A MAP_SHARED page run the command writes after the clone and the raw init reads: the operands of a proc mount it
/// asks for, and the program as resolved inside the finished root. Pointers point into the same mapping, at the
/// same address in both processes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InitLateData
{
    public byte* MountSource;
    public byte* MountData;
    public ulong MountFlags;
    public byte* Path;
    public byte** Envp;
    /// <summary>The pty slave (/dev/pts/N inside the container) to make stdio and the controlling terminal, or null.</summary>
    public byte* ConsolePath;
}
