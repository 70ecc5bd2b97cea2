namespace Ocirun.Commands;

/// <summary><c>ocirun checkpoint [options] ID</c>: save a running container's state with criu.</summary>
internal sealed class CheckpointOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    /// <summary><c>--image-path</c> for criu's image files; null: ./checkpoint.</summary>
    public string? ImagePath { get; set; }

    /// <summary><c>--work-path</c> for criu's work files and logs; null: the image path.</summary>
    public string? WorkPath { get; set; }

    /// <summary><c>--parent-path</c>: images of a previous pre-dump.</summary>
    public string? ParentPath { get; set; }

    public bool LeaveRunning { get; set; }

    public bool TcpEstablished { get; set; }

    /// <summary><c>--ext-unix-sk</c>: allow external unix sockets.</summary>
    public bool ExternalUnixSockets { get; set; }

    public bool ShellJob { get; set; }

    /// <summary><c>--lazy-pages</c>: leave memory pages to be restored on demand through userfaultfd.</summary>
    public bool LazyPages { get; set; }

    /// <summary><c>--status-fd</c>: criu writes \0 to this fd once lazy pages are ready; -1 for none.</summary>
    public int StatusFd { get; set; } = -1;

    /// <summary><c>--page-server ADDRESS:PORT</c>.</summary>
    public string? PageServer { get; set; }

    public bool FileLocks { get; set; }

    /// <summary><c>--pre-dump</c>: dump memory only and leave the container running.</summary>
    public bool PreDump { get; set; }

    /// <summary>null: criu's default (soft).</summary>
    public CriuCgroupMode? ManageCgroupsMode { get; set; }

    /// <summary><c>--empty-ns</c>, repeatable: namespaces to create but not restore (runc supports "network").</summary>
    public List<string> EmptyNamespaces { get; } = [];

    public bool AutoDedup { get; set; }
}
