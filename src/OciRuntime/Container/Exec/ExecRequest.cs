namespace OciRuntime.Container.Exec;

/// <summary>The arguments of `exec`.</summary>
public sealed class ExecRequest
{
    public required string Root { get; init; }
    public required string Id { get; init; }
    /// <summary><c>--process</c>: a runtime-spec process document; null builds the process from <see cref="Overrides"/>.</summary>
    public string? ProcessFile { get; init; }
    /// <summary>The command line and flags, applied over the container's process (ignored with <see cref="ProcessFile"/>, as runc).</summary>
    public ExecOverrides Overrides { get; init; } = new();
    public string? ConsoleSocket { get; init; }
    /// <summary>--pidfd-socket: receives a pidfd of the exec'd process.</summary>
    public string? PidfdSocket { get; init; }
    public bool Detach { get; init; }
    public string? PidFile { get; init; }
    public int PreserveFds { get; init; }
    /// <summary><c>--cgroup [CONTROLLERS:]PATH</c> values: sub-cgroups of the container's to run in.</summary>
    public IReadOnlyList<string> SubCgroups { get; init; } = [];
    public bool IgnorePaused { get; init; }
}

/// <summary>What `exec`'s command line sets on top of the container's process (runc 1.1's getProcess).</summary>
public sealed record ExecOverrides
{
    public IReadOnlyList<string> Args { get; init; } = [];
    public string? Cwd { get; init; }
    /// <summary>Appended to the container's environment, in order (a later entry wins).</summary>
    public IReadOnlyList<string> Env { get; init; } = [];
    public bool Terminal { get; init; }
    public uint? Uid { get; init; }
    /// <summary>Only with <see cref="Uid"/>: null keeps the container's group.</summary>
    public uint? Gid { get; init; }
    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];
    public string? ApparmorProfile { get; init; }
    public string? SelinuxLabel { get; init; }
    /// <summary>True sets no_new_privs; false keeps the container's setting.</summary>
    public bool NoNewPrivileges { get; init; }
    /// <summary>Added to the bounding, effective and permitted sets (and ambient when inheritable is configured).</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];
}
