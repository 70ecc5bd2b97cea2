namespace OciRuntime.Container.State;

/// <summary>Creating a container whose ID is already taken in this root. runc exits 1 with this text.</summary>
public sealed class ContainerExistsException : OciRuntimeException
{
    public ContainerExistsException() : base("container with given ID already exists") { }
}
