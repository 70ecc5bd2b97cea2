using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>The lifecycle's use of a container's cgroups, reopened from the paths its record keeps.</summary>
internal static class ContainerCgroups
{
    /// <summary>Signals every process of the container; false when it has no cgroup to enumerate them by.</summary>
    public static bool KillAll(ContainerRecord record, int signal) => false;

    public static void Thaw(ContainerRecord record)
    {
    }

    public static void Destroy(ContainerRecord record)
    {
    }
}
