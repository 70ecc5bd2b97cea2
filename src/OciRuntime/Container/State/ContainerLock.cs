namespace OciRuntime.Container.State;

/// <summary>
/// An exclusive flock on one container's directory, held until disposed. Commands that change a
/// container take it first, so two of them on the same container run one after the other.
/// flock belongs to the open file description, so two locks taken in one process exclude each other too:
/// never take a second lock on a container you already hold.
/// </summary>
public sealed class ContainerLock : IDisposable
{
    private readonly FileDescriptor _directory;

    internal ContainerLock(string id, FileDescriptor directory)
    {
        Id = id;
        _directory = directory;
    }

    public string Id { get; }

    /// <summary>The locked fd, for a child the command clones to close before anything else: flock belongs to the
    /// open file description, which the clone shares, so a child that kept it would hold the lock.</summary>
    internal int Fd => _directory.Value;

    public void Dispose() => _directory.Dispose();
}
