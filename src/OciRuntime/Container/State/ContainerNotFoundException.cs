namespace OciRuntime.Container.State;

/// <summary>The container has no state directory (never created, or deleted). runc exits 1 with this text.</summary>
public sealed class ContainerNotFoundException : OciRuntimeException
{
    public ContainerNotFoundException() : base("container does not exist") { }
}
