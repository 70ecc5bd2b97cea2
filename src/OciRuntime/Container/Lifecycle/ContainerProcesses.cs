using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>`ps ID`: the host pids of every process in the container's cgroup, whatever its status (as runc).</summary>
public static class ContainerProcesses
{
    public static IReadOnlyList<int> Pids(string root, string id)
    {
        var record = new StateStore(root).Load(id);
        return ContainerCgroups.Open(record)?.Pids() ?? [];
    }
}
