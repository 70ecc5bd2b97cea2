namespace Ocirun.Commands;

/// <summary><c>ocirun start ID</c>: run the program of a created container.</summary>
internal sealed class StartOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";
}
