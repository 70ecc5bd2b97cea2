namespace OciRuntime.Container.State;

/// <summary>The runtime-spec statuses, plus <see cref="Paused"/> as runc reports it.</summary>
public enum ContainerStatus
{
    Creating,
    Created,
    Running,
    Stopped,
    Paused,
}

public static class ContainerStatusText
{
    /// <summary>The word the spec and runc use in state documents and listings.</summary>
    public static string ToOciString(this ContainerStatus status) => status switch
    {
        ContainerStatus.Creating => "creating",
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Stopped => "stopped",
        ContainerStatus.Paused => "paused",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
