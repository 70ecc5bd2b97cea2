namespace Ocirun.Commands;

/// <summary><c>ocirun resume ID</c>: thaw the container's processes.</summary>
internal sealed class ResumeOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";
}
