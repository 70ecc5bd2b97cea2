namespace Ocirun.Commands;

/// <summary><c>ocirun info [--format text|json]</c>: what this host supports.</summary>
internal sealed class InfoOptions
{
    /// <summary><c>--format json</c>; text for people otherwise.</summary>
    public bool Json { get; set; }
}
