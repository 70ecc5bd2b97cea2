namespace Ocirun.Commands;

/// <summary><c>ocirun list [--format table|json] [--quiet]</c>: the containers under --root.</summary>
internal sealed class ListOptions
{
    public ReportFormat Format { get; set; } = ReportFormat.Table;

    /// <summary><c>--quiet/-q</c>: ids only, one a line.</summary>
    public bool Quiet { get; set; }
}
