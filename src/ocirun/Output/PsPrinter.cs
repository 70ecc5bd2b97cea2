using System.Globalization;

namespace Ocirun.Output;

/// <summary>Prints <c>ocirun ps</c>: a JSON array of host pids, or ps(1)'s output cut down to the container's processes.</summary>
public static class PsPrinter
{
    public static void PrintJson(IReadOnlyList<int> pids, TextWriter output) =>
        output.Write("[" + string.Join(",", pids.Select(p => p.ToString(CultureInfo.InvariantCulture))) + "]\n");

    /// <summary>
    /// runc's filter: the header line, then each line whose PID column (found by the header's "PID" title) is one
    /// of <paramref name="pids"/>.
    /// </summary>
    public static void PrintTable(string psOutput, IReadOnlyCollection<int> pids, TextWriter output)
    {
        var lines = psOutput.Split('\n');
        var pidColumn = Array.IndexOf(Fields(lines[0]), "PID");
        if (pidColumn < 0) throw new OciRuntime.OciRuntimeException("couldn't find PID field in ps output");
        var wanted = pids.ToHashSet();
        output.Write(lines[0] + "\n");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var fields = Fields(line);
            if (pidColumn >= fields.Length || !int.TryParse(fields[pidColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                throw new OciRuntime.OciRuntimeException($"unable to parse pid: {line}");
            if (wanted.Contains(pid)) output.Write(line + "\n");
        }
    }

    private static string[] Fields(string line) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
