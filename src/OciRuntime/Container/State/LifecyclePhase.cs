namespace OciRuntime.Container.State;

/// <summary>What the lifecycle last did to the container; the observable status is derived, not stored.</summary>
public enum LifecyclePhase
{
    Created,
    Running,
}
