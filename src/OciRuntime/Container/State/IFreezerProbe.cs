namespace OciRuntime.Container.State;

/// <summary>Tells whether a container's processes are frozen (paused); the cgroup code provides the real one.</summary>
public interface IFreezerProbe
{
    bool IsFrozen(ContainerRecord record);
}

/// <summary>For hosts or tests without a freezer: nothing is ever paused.</summary>
public sealed class NeverFrozen : IFreezerProbe
{
    public static readonly NeverFrozen Instance = new();

    private NeverFrozen() { }

    public bool IsFrozen(ContainerRecord record) => false;
}
