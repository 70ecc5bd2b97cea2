using Ocirun.Cli.Values;

namespace Ocirun.Commands;

/// <summary><c>list --format</c> and <c>ps --format</c>: a table for people or JSON for programs.</summary>
internal enum ReportFormat { Table, Json }

internal static class ReportFormats
{
    public static ReportFormat Parse(string text) => text switch
    {
        "table" => ReportFormat.Table,
        "json" => ReportFormat.Json,
        _ => throw new InvalidValueException("must be table or json"),
    };
}
