namespace Ocirun.Commands;

/// <summary><c>ocirun state ID</c>: print the container's OCI state JSON.</summary>
internal sealed class StateOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";
}
