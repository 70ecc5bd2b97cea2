namespace Ocirun.Commands;

/// <summary><c>ocirun create [options] ID</c>: set up a container from a bundle, its process waiting for <c>start</c>.</summary>
internal class CreateOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    /// <summary><c>--bundle/-b</c>; null: the current directory.</summary>
    public string? Bundle { get; set; }

    public string? ConsoleSocket { get; set; }
    public string? PidfdSocket { get; set; }

    public string? PidFile { get; set; }

    public bool NoPivot { get; set; }

    public bool NoNewKeyring { get; set; }

    /// <summary>Extra fds after stdio (and $LISTEN_FDS) passed into the container.</summary>
    public int PreserveFds { get; set; }
}
