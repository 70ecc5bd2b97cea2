namespace OciRuntime.Cgroups.Resources;

/// <summary>Why resources are planned, which decides what a missing value means.</summary>
public enum PlanMode
{
    /// <summary>linux.resources at create: the whole configuration, devices included.</summary>
    Create,

    /// <summary>
    /// <c>update</c>: only the values given change. Where one file holds several values (cgroup2 cpu.max) or a
    /// conversion needs another value (cgroup2 swap needs the memory limit), the missing ones are read from the
    /// cgroup so they stay as they are. Devices are never changed (runc skips them too).
    /// </summary>
    Update,
}
