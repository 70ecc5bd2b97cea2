using OciRuntime.Linux;
using OciRuntime.Seccomp;

namespace OciRuntime.Container.Exec;

/// <summary>One resource limit as setrlimit(2) takes it.</summary>
internal readonly record struct RlimitSetting(int Resource, ulong Soft, ulong Hard);

/// <summary>
/// Everything decided and opened in the parent for one exec, handed to <see cref="ExecSpawner"/>: after the clone
/// nothing is looked up any more.
/// </summary>
internal sealed class ExecSetup
{
    /// <summary>The running container's namespaces to enter; null for a container's own init, already in them.</summary>
    public ContainerNamespaces? Namespaces { get; init; }
    /// <summary>The executable as the container sees it (absolute, or relative to <see cref="Cwd"/>).</summary>
    public required string Path { get; init; }
    public required IReadOnlyList<string> Argv { get; init; }
    public required IReadOnlyList<string> Environment { get; init; }
    public required string Cwd { get; init; }
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    /// <summary>setgroups(2) is allowed (not denied in a rootless user namespace).</summary>
    public bool SetGroups { get; init; } = true;
    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];
    public uint Umask { get; init; } = 0b000_010_010;
    public required ProcessCredentials.CapabilitySets Capabilities { get; init; }
    public int LastCapability { get; init; } = Capability.Last;
    public IReadOnlyList<RlimitSetting> Rlimits { get; init; } = [];
    /// <summary>The affinity for the setup before the cgroups are joined (exec's execCPUAffinity.initial), or null.</summary>
    public byte[]? AffinityInitial { get; init; }
    /// <summary>The program's affinity: execCPUAffinity.final, else every CPU the cpuset allows (runc 1.3.1).</summary>
    public byte[] AffinityFinal { get; init; } = Init.AffinityMask.AllCpus;
    /// <summary>linux.memoryPolicy, for the container's init; null leaves the policy alone.</summary>
    public Init.MemoryPolicySetting? MemoryPolicy { get; init; }
    public bool NoNewPrivileges { get; init; }
    public SeccompProgram? Seccomp { get; init; }
    /// <summary>Hands the program's seccomp notify fd to the agent (arguments: the fd, the program's pid); set when
    /// <see cref="Seccomp"/> has a listener.</summary>
    public Action<int, int>? PassSeccompNotifyFd { get; init; }
    /// <summary>What to write to the AppArmor exec attribute ("exec PROFILE"), or null.</summary>
    public string? AppArmorExec { get; init; }
    public string? SelinuxExec { get; init; }
    /// <summary>The pty slave, or -1.</summary>
    public int ConsoleFd { get; init; } = -1;
    /// <summary>3 + the preserved fds: everything from here up is closed at exec.</summary>
    public int CloseFrom { get; init; } = 3;
    /// <summary>A v2 cgroup directory fd for CLONE_INTO_CGROUP, or -1.</summary>
    public int CgroupFd { get; init; } = -1;
    /// <summary>v1 tasks files the child writes "0" to before anything else (see CgroupEntry).</summary>
    public IReadOnlyList<OciRuntime.Cgroups.CgroupTaskFile> CgroupTasks { get; init; } = [];
    /// <summary>oom_score_adj, scheduler and I/O priority, given to the first child before it may go on: a process
    /// it clones into the pid namespace, and the program, inherit them. Null leaves the caller's.</summary>
    public int? OomScoreAdj { get; init; }
    public OciRuntime.Spec.Scheduler? Scheduler { get; init; }
    public OciRuntime.Spec.LinuxIOPriority? IoPriority { get; init; }
    /// <summary>Runs once the first child exists, before it may go on (v1 cgroup join). Argument: its pid.</summary>
    public Action<int>? BeforeStart { get; init; }
    /// <summary>The child reports its milestones for the debug log (--debug).</summary>
    public bool ReportMilestones { get; init; }
}
