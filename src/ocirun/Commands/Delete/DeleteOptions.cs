namespace Ocirun.Commands;

/// <summary><c>ocirun delete [--force] ID</c>: remove a stopped container (with --force, kill it first).</summary>
internal sealed class DeleteOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    /// <summary><c>--force/-f</c>: SIGKILL a running container first; an unknown id is then not an error.</summary>
    public bool Force { get; set; }
}
