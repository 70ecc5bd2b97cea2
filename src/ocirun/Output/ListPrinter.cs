using System.Globalization;
using OciRuntime.Container.State;

namespace Ocirun.Output;

/// <summary>Prints <c>ocirun list</c> in runc's three shapes: table, JSON (<c>--format json</c>) and IDs (<c>-q</c>).</summary>
public static class ListPrinter
{
    // runc: tabwriter.NewWriter(os.Stdout, 12, 1, 3, ' ', 0)
    private const int MinColumnWidth = 12;
    private const int ColumnPadding = 3;

    public static void PrintTable(IReadOnlyList<OciState> states, TextWriter output)
    {
        var table = new TabTable(MinColumnWidth, ColumnPadding);
        table.AddRow("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
        foreach (var state in states)
        {
            table.AddRow(
                state.Id,
                state.Pid.ToString(CultureInfo.InvariantCulture),
                state.Status,
                state.Bundle,
                Rfc3339Nano.Format(state.Created),
                state.Owner);
        }
        table.WriteTo(output);
    }

    /// <summary>One line of JSON; <c>null</c> when there are no containers, as runc prints it.</summary>
    public static void PrintJson(IReadOnlyList<OciState> states, TextWriter output) =>
        output.Write(OciStateJson.SerializeList(states, indented: false) + "\n");

    public static void PrintIds(IReadOnlyList<OciState> states, TextWriter output)
    {
        foreach (var state in states) output.Write(state.Id + "\n");
    }
}
