namespace Ocirun.Commands;

/// <summary><c>ocirun kill [--all] ID [SIGNAL]</c>: signal the container's init process (or all its processes).</summary>
internal sealed class KillOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    /// <summary>The signal number; SIGTERM when none is given. Any number parses (the kernel refuses bad ones).</summary>
    public int Signal { get; set; } = OciRuntime.Linux.Signal.SIGTERM;

    /// <summary><c>--all/-a</c>: every process in the container, not just its init process.</summary>
    public bool All { get; set; }
}
