using System.Globalization;

namespace OciRuntime.Cgroups;

/// <summary>The shapes cgroup files come in: one number, "max", "key value" lines, "key=value" fields.</summary>
public static class CgroupFileParsers
{
    public static ulong ParseUInt(string text)
    {
        var trimmed = text.Trim();
        if (trimmed == "max") return ulong.MaxValue;
        // Some v1 files report "unlimited" as a huge negative-looking value or -1.
        if (trimmed.StartsWith('-')) return ulong.MaxValue;
        return ulong.Parse(trimmed, CultureInfo.InvariantCulture);
    }

    /// <summary>"key value" per line (memory.stat, cpu.stat, memory.events, cgroup.events, ...).</summary>
    public static Dictionary<string, ulong> ParseKeyValues(string text)
    {
        var result = new Dictionary<string, ulong>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = line.IndexOf(' ');
            if (space < 0) continue;
            if (ulong.TryParse(line.AsSpan(space + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                result[line[..space]] = value;
        }
        return result;
    }

    /// <summary>Whitespace-separated numbers on one line (cpuacct.usage_percpu).</summary>
    public static List<ulong> ParseNumberList(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(n => ulong.Parse(n, CultureInfo.InvariantCulture)).ToList();

    /// <summary>cgroup.procs: one pid per line.</summary>
    public static List<int> ParsePids(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();

    /// <summary>"MAJOR:MINOR" of a device line.</summary>
    public static (ulong Major, ulong Minor) ParseDevice(string text)
    {
        var colon = text.IndexOf(':');
        return (ulong.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture),
            ulong.Parse(text.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }
}
