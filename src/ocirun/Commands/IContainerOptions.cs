namespace Ocirun.Commands;

/// <summary>Options of a command that acts on one container; the id goes into the error line.</summary>
internal interface IContainerOptions
{
    string ContainerId { get; }
}
