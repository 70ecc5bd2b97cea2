namespace Ocirun.Commands;

/// <summary><c>ocirun restore [options] ID</c>: recreate a container from a criu checkpoint.</summary>
internal sealed class RestoreOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    public string? ConsoleSocket { get; set; }

    /// <summary><c>--image-path</c> of criu's image files; null: ./checkpoint.</summary>
    public string? ImagePath { get; set; }

    public string? WorkPath { get; set; }

    public bool TcpEstablished { get; set; }

    /// <summary><c>--ext-unix-sk</c>: allow external unix sockets.</summary>
    public bool ExternalUnixSockets { get; set; }

    public bool ShellJob { get; set; }

    public bool FileLocks { get; set; }

    /// <summary>null: criu's default (soft).</summary>
    public CriuCgroupMode? ManageCgroupsMode { get; set; }

    /// <summary><c>--bundle/-b</c>; null: the current directory.</summary>
    public string? Bundle { get; set; }

    public bool Detach { get; set; }

    public string? PidFile { get; set; }

    public bool NoSubreaper { get; set; }

    public bool NoPivot { get; set; }

    /// <summary><c>--empty-ns</c>, repeatable: namespaces to create but not restore.</summary>
    public List<string> EmptyNamespaces { get; } = [];

    public bool AutoDedup { get; set; }

    public bool LazyPages { get; set; }

    /// <summary><c>--lsm-profile TYPE:NAME</c>: the LSM profile to restore with.</summary>
    public string? LsmProfile { get; set; }

    /// <summary><c>--lsm-mount-context</c>: the LSM mount context to restore with.</summary>
    public string? LsmMountContext { get; set; }
}
