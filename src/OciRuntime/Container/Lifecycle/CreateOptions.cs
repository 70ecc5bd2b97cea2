namespace OciRuntime.Container.Lifecycle;

/// <summary>The arguments of `create` (and the create half of `run`).</summary>
public sealed record CreateOptions
{
    public required string Root { get; init; }
    public required string Id { get; init; }
    public required string Bundle { get; init; }
    public string? PidFile { get; init; }
    public string? ConsoleSocket { get; init; }
    /// <summary>--pidfd-socket: receives a pidfd of the init once it waits for start.</summary>
    public string? PidfdSocket { get; init; }
    /// <summary>A connected socket standing in for --console-socket (`run` in the foreground owns the terminal); -1 for none.</summary>
    internal int ConsoleSocketFd { get; init; } = -1;
    public bool NoPivot { get; init; }
    public bool NoNewKeyring { get; init; }
    public int PreserveFds { get; init; }
    public bool SystemdCgroup { get; init; }
    /// <summary>`run` in the foreground: the command stays the init's parent and may own its terminal.</summary>
    public bool Foreground { get; init; }
    /// <summary>`run`: start follows at once, so the init never shrinks itself for a long wait in `created`.</summary>
    public bool StartFollows { get; init; }
}
