namespace Ocirun.Commands;

/// <summary><c>ocirun spec [--bundle DIR] [--rootless]</c>: write a starter config.json.</summary>
internal sealed class SpecOptions
{
    /// <summary><c>--bundle/-b</c>: where to write config.json; null: the current directory.</summary>
    public string? Bundle { get; set; }

    /// <summary><c>--rootless</c>: a config for an unprivileged user (user namespace, no cgroup limits).</summary>
    public bool Rootless { get; set; }
}
