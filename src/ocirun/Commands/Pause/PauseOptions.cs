namespace Ocirun.Commands;

/// <summary><c>ocirun pause ID</c>: freeze the container's processes.</summary>
internal sealed class PauseOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";
}
