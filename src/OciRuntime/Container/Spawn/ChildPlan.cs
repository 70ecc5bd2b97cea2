using System.Runtime.InteropServices;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// Everything the raw-syscall child needs, in native memory, laid out by the parent before clone3.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ChildPlan
{
    public int SyncFd;
    public int BinaryFd;
    /// <summary>The command's container lock (-1 for none), closed before anything else: flock belongs to the open file
    /// description the clone copied, and a child that froze in a frozen cgroup while holding it would block `delete
    /// --force` and every other command on the container forever.</summary>
    public int LockFd;
    public int JoinCount;
    /// <summary>The child waits for the parent's go before anything else (see SpawnRequest.ChildStartsAtOnce).</summary>
    public int WaitForGo;
    /// <summary>CLONE_NEW* flags created by unshare after joining namespaces (empty on the one-clone path).</summary>
    public int UnshareFlags;
    /// <summary>The user namespace is made by unshare, so the child must ask the parent for its id maps.</summary>
    public int UnshareUserNamespace;
    /// <summary>A pid namespace was joined or unshared: only a child of ours lands in it.</summary>
    public int CloneIntoPidNamespace;
    /// <summary>The child runs in a new user namespace and must become its root before exec to keep capabilities.</summary>
    public int BecomeRoot;
    /// <summary>A new time namespace was unshared: the parent writes its offsets before anyone enters it.</summary>
    public int WaitForTimeOffsets;
    /// <summary>Two-pass spawn: the child reports where its init is (InitPid) or that it goes on itself (Released).</summary>
    public int ReportRelease;
    /// <summary>The container's v1 tasks files the child writes "0" to first (see CgroupTasks).</summary>
    public int CgroupTaskCount;
    public int* CgroupTaskFds;
    public int* JoinFds;
    public int* JoinTypes;
    public byte** Argv;
    public byte** Envp;
    /// <summary>The container's init is this child (<see cref="OciRuntime.Container.Init.RawInit"/>); null: it execs
    /// the init stage from <see cref="BinaryFd"/>.</summary>
    public OciRuntime.Container.Init.InitChildPlan* Init;
}

/// <summary>Fixed 12-byte reports from the raw child to the parent: kind and two values.</summary>
internal enum ChildReport
{
    Failed = 1,
    NeedIdMaps = 2,
    InitPid = 3,
    NeedTimeOffsets = 4,
    Released = 5,
    /// <summary>An exec child's seccomp notify fd rides along (SCM_RIGHTS); it waits for a go once it is passed on.</summary>
    SeccompNotifyFd = 6,
    /// <summary>A raw init is in all its namespaces and waits for the command's requests.</summary>
    NamespacesReady = 7,
    /// <summary>A raw init mounted proc as asked; A is the errno, 0 on success.</summary>
    MountDone = 8,
    /// <summary>A raw init is set up and waits for `start`.</summary>
    Ready = 9,
    /// <summary>Under --debug, an exec child passed a milestone for the parent to log (A: an
    /// <see cref="OciRuntime.Container.Exec.ExecMilestone"/>, B: its pid in the container's pid namespace).</summary>
    ExecMilestone = 10,
}

/// <summary>Where the raw child was when a syscall failed; the parent words the error from it.</summary>
internal enum ChildStep
{
    WaitForParent = 1,
    JoinNamespace = 2,
    UnshareUserNamespace = 3,
    UnshareNamespaces = 4,
    CloneIntoPidNamespace = 5,
    BecomeRoot = 6,
    ExecInit = 7,
    JoinCgroup = 8,
}
