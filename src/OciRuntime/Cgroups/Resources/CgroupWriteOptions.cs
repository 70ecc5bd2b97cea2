namespace OciRuntime.Cgroups.Resources;

/// <summary>How the kernel may answer a write, and what the writer does about it.</summary>
[Flags]
public enum CgroupWriteOptions
{
    None = 0,

    /// <summary>
    /// EINVAL may only mean that a later write of the plan has not happened yet (a CFS period or burst the old
    /// quota does not fit), so the write is retried after the next one succeeds, as runc does.
    /// </summary>
    RetryAfterNext = 1,

    /// <summary>The kernel clamps the value silently (cpu.shares): read it back and report the allowed range.</summary>
    VerifyReadBack = 2,

    /// <summary>EBUSY means the new v1 memory limit is below what the cgroup uses: say so with the usage figures.</summary>
    ExplainBusyAsUsage = 4,
}
