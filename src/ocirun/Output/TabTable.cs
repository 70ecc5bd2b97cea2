using System.Text;

namespace Ocirun.Output;

/// <summary>
/// Lays out rows the way Go's text/tabwriter does with runc's settings for every row of the same shape:
/// each cell but the last is padded with spaces to its column's width, which is the widest cell (counted
/// in runes) plus the padding, and at least the minimum width. The last cell is written as is.
/// </summary>
internal sealed class TabTable(int minWidth, int padding)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var widths = ColumnWidths();
        var line = new StringBuilder();
        foreach (var row in _rows)
        {
            line.Clear();
            for (var column = 0; column < row.Length - 1; column++)
            {
                line.Append(row[column]).Append(' ', widths[column] - RuneCount(row[column]));
            }
            if (row.Length > 0) line.Append(row[^1]);
            output.Write(line.Append('\n').ToString());
        }
    }

    private int[] ColumnWidths()
    {
        var widths = new int[_rows.Count == 0 ? 0 : _rows.Max(row => row.Length)];
        Array.Fill(widths, minWidth);
        foreach (var row in _rows)
        {
            for (var column = 0; column < row.Length - 1; column++)
                widths[column] = Math.Max(widths[column], RuneCount(row[column]) + padding);
        }
        return widths;
    }

    private static int RuneCount(string text) => text.EnumerateRunes().Count();
}
