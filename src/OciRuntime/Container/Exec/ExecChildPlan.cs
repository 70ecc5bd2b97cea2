using System.Runtime.InteropServices;

namespace OciRuntime.Container.Exec;

/// <summary>
/// Everything the raw-syscall exec child needs, in native memory, laid out by the parent before clone3: the
/// namespaces to enter, the credentials, limits and filter to take on, and the program to execve.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ExecChildPlan
{
    public int SyncFd;
    /// <summary>The container's v1 tasks files the child writes "0" to first (see CgroupTasks).</summary>
    public int CgroupTaskCount;
    public int* CgroupTaskFds;
    public int JoinCount;
    public int* JoinFds;
    public int* JoinTypes;
    /// <summary>O_PATH fd of the container's root to chroot into when its mount namespace is ours; else -1.</summary>
    public int RootFd;
    /// <summary>A pid namespace was joined: only a child of ours lands in it.</summary>
    public int CloneIntoPidNamespace;
    /// <summary>The pty slave to make the controlling terminal and stdio; -1 for none.</summary>
    public int ConsoleFd;
    /// <summary>Fds from here up are marked close-on-exec (3 + --preserve-fds).</summary>
    public int CloseFrom;
    /// <summary>Non-zero under --debug: the child reports its <see cref="ExecMilestone"/>s.</summary>
    public int ReportMilestones;

    public byte* Cwd;
    public uint Uid;
    public uint Gid;
    public int SetGroups;
    public int GroupCount;
    public uint* Groups;
    public uint Umask;

    public int LastCapability;
    public ulong CapBounding;
    public ulong CapEffective;
    public ulong CapPermitted;
    public ulong CapInheritable;
    public ulong CapAmbient;

    /// <summary>sched_setaffinity masks: the first thing (null: none), and once in the cgroups and namespaces.</summary>
    public byte* AffinityInitial;
    public int AffinityInitialLength;
    public byte* AffinityFinal;
    public int AffinityFinalLength;

    /// <summary>set_mempolicy's arguments: the mode with its flags (-1 leaves the policy alone), mask and maxnode.</summary>
    public int MemoryPolicyMode;
    public ulong* MemoryPolicyNodes;
    public ulong MemoryPolicyMaxNode;

    public int RlimitCount;
    /// <summary>Per limit: resource, soft, hard (three ulongs).</summary>
    public ulong* Rlimits;

    public int NoNewPrivileges;
    /// <summary>A <c>struct sock_fprog</c>, or null for no filter.</summary>
    public void* SeccompProgram;
    public uint SeccompFlags;
    public long SeccompSyscall;

    /// <summary>"exec PROFILE" for /proc/self/attr/apparmor/exec, or null.</summary>
    public byte* AppArmorExec;
    public int AppArmorExecLength;
    /// <summary>The SELinux label for /proc/self/attr/exec, or null.</summary>
    public byte* SelinuxExec;
    public int SelinuxExecLength;

    public byte* Path;
    public byte** Argv;
    public byte** Envp;
}

/// <summary>Points on an exec child's way that it reports under --debug (<see cref="Spawn.ChildReport.ExecMilestone"/>).</summary>
internal enum ExecMilestone
{
    /// <summary>The process that execs is in the container's cgroups and namespaces.</summary>
    InContainer = 1,
    /// <summary>Terminal, limits, labels, user and capabilities are taken on: only execve (and a late seccomp filter) is left.</summary>
    AboutToExec = 2,
}

/// <summary>Where the raw exec child (or a raw init) was when a syscall failed; the parent words the error from it.</summary>
internal enum ExecStep
{
    WaitForParent = 1,
    JoinNamespace = 2,
    EnterRoot = 3,
    CloneIntoPidNamespace = 4,
    Console = 5,
    Rlimit = 6,
    AppArmor = 7,
    SelinuxLabel = 8,
    NoNewPrivileges = 9,
    Seccomp = 10,
    BoundingSet = 11,
    SetGroups = 12,
    SetGid = 13,
    SetUid = 14,
    Capabilities = 15,
    Cwd = 16,
    Exec = 17,
    CwdOutsideRoot = 18,
    JoinCgroup = 19,
    SeccompNotifyFd = 20,
    Personality = 21,
    SessionKeyring = 22,
    Session = 23,
    ReopenDevNull = 24,
    MemoryPolicy = 25,
    CpuAffinity = 26,
}
