namespace OciRuntime.Container.State;

/// <summary>Where one container's files live inside the state root.</summary>
public sealed record ContainerPaths(string Directory)
{
    public const string StateFileName = "state.json";
    public const string ExecFifoName = "exec.fifo";

    public string StateFile => Path.Combine(Directory, StateFileName);

    /// <summary>The fifo init blocks on until <c>start</c>; its presence is what makes a live container "created".</summary>
    public string ExecFifo => Path.Combine(Directory, ExecFifoName);
}
