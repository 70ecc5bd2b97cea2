namespace OciRuntime.Container.State;

/// <summary>
/// Derives a container's status from what can be observed now, not from what was last written: the
/// init process may have exited at any time since.
/// </summary>
public sealed class StatusResolver(ProcessIdentity processes, IFreezerProbe freezer)
{
    public StatusResolver() : this(new ProcessIdentity(), CgroupFreezerProbe.Instance) { }

    public ContainerStatus Resolve(ContainerRecord record, ContainerPaths paths)
    {
        if (record.InitPid == 0) return ContainerStatus.Creating;
        if (!processes.IsAlive(record.InitPid, record.InitStartTime)) return ContainerStatus.Stopped;
        if (freezer.IsFrozen(record)) return ContainerStatus.Paused;
        // init blocks opening exec.fifo until start; start removes it once init is released.
        return File.Exists(paths.ExecFifo) ? ContainerStatus.Created : ContainerStatus.Running;
    }
}
