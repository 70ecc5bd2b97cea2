namespace OciRuntime.Container.Lifecycle;

/// <summary>The arguments of `run` beyond create's.</summary>
public sealed class RunOptions
{
    public required CreateOptions Create { get; init; }
    public bool Detach { get; init; }
    public bool Keep { get; init; }
    public bool NoSubreaper { get; init; }
}
