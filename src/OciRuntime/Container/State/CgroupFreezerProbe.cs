using OciRuntime.Cgroups;

namespace OciRuntime.Container.State;

/// <summary>Paused means frozen in the container's cgroup.</summary>
public sealed class CgroupFreezerProbe : IFreezerProbe
{
    public static readonly CgroupFreezerProbe Instance = new();

    public bool IsFrozen(ContainerRecord record) => record.Cgroups is { } paths && CgroupManager.Open(paths).IsFrozen();
}
