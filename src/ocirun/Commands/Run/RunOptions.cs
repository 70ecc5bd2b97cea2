namespace Ocirun.Commands;

/// <summary><c>ocirun run [options] ID</c>: create and start in one step, by default waiting for the process.</summary>
internal sealed class RunOptions : CreateOptions
{
    public bool Detach { get; set; }

    /// <summary><c>--keep</c>: leave the stopped container in place instead of deleting it.</summary>
    public bool Keep { get; set; }

    public bool NoSubreaper { get; set; }
}
