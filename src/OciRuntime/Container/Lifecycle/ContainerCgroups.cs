using OciRuntime.Cgroups;
using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>The lifecycle's use of a container's cgroups, reopened from the paths its record keeps.</summary>
internal static class ContainerCgroups
{
    public static CgroupManager? Open(ContainerRecord record) =>
        record.Cgroups is { } paths ? CgroupManager.Open(paths) : null;

    /// <summary>For commands that act on the cgroup itself (pause, update, events): a container without one is an error.</summary>
    public static CgroupManager Require(ContainerRecord record) =>
        Open(record) ?? throw new OciRuntimeException("container has no cgroup");

    /// <summary>Signals every process of the container; false when it has no cgroup to enumerate them by.</summary>
    public static bool KillAll(ContainerRecord record, int signal)
    {
        var manager = Open(record);
        if (manager == null) return false;
        manager.KillAll(signal);
        return true;
    }

    /// <summary>A frozen container cannot die of SIGKILL until thawed.</summary>
    public static void Thaw(ContainerRecord record)
    {
        var manager = Open(record);
        if (manager != null && manager.IsFrozen()) manager.Thaw();
    }

    /// <summary>Kills whatever is left in the cgroups (processes the init left behind) and removes them.</summary>
    public static void Destroy(ContainerRecord record)
    {
        var manager = Open(record);
        if (manager == null) return;
        if (manager.Pids().Count > 0) manager.KillAll(9);
        manager.Destroy();
    }
}
