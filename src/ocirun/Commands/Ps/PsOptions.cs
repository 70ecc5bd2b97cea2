namespace Ocirun.Commands;

/// <summary><c>ocirun ps [--format table|json] ID [PS-ARGS...]</c>: the container's processes.</summary>
internal sealed class PsOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    /// <summary>Table: ps(1)'s output filtered to the container; JSON: an array of host pids.</summary>
    public ReportFormat Format { get; set; } = ReportFormat.Table;

    /// <summary>Arguments for ps(1) in table format; <c>-ef</c> when none are given.</summary>
    public IReadOnlyList<string> PsArguments { get; set; } = ["-ef"];
}
