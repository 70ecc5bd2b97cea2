using System.Globalization;
using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// The init may wait in `created` for a long time, one per container. Once it is clearly waiting, it gives back what it can
/// get again on demand: the managed heap's garbage, and the clean file pages it mapped (code and read-only data of
/// ours and of the libraries, refaulted from the page cache when it resumes). A mapping with private copies in it
/// (data written since it was mapped) is left alone: dropping those would lose the writes.
/// </summary>
internal static unsafe class IdleFootprint
{
    private const int MADV_DONTNEED = 4;

    /// <summary>Collects the heap and finds the mappings to drop; <see cref="Drop"/> drops them.</summary>
    public static (nint Start, nuint Length)[] Prepare()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            return CleanFileMappings(FileText.Read("/proc/self/smaps")).ToArray();
        }
        catch (IOException)
        {
            return []; // only a smaller footprint is lost
        }
    }

    /// <summary>Called right before blocking: whatever code runs after this faults its pages back in.</summary>
    public static void Drop((nint Start, nuint Length)[] mappings)
    {
        foreach (var (start, length) in mappings) Libc.Madvise(start, length, MADV_DONTNEED);
    }

    /// <summary>
    /// Read-only private file mappings without anonymous (copied-on-write) pages, from a /proc/PID/smaps text.
    /// </summary>
    internal static IEnumerable<(nint Start, nuint Length)> CleanFileMappings(string smaps)
    {
        (ulong Start, ulong End)? candidate = null;
        foreach (var line in smaps.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                if (candidate is { } mapping && line.AsSpan(10).Trim() is "0 kB")
                    yield return ((nint)mapping.Start, (nuint)(mapping.End - mapping.Start));
                candidate = null;
                continue;
            }
            // A mapping's header starts "start-end "; its field lines ("Rss:", "AnonHugePages:") have no '-' there.
            var dash = line.IndexOf('-');
            if (dash > 0 && dash < line.IndexOf(' ')) candidate = ParseHeader(line);
        }
    }

    /// <summary>
    /// The executable private file mappings (code) of a /proc/PID/maps text: for a raw init, which cannot read its own
    /// smaps, these are the ones known to hold no private copies (a read-only mapping may: relocations, RELRO).
    /// </summary>
    internal static IEnumerable<(nint Start, nuint Length)> CodeMappings(string maps)
    {
        foreach (var line in maps.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (ParseHeader(line, ["r-xp"]) is { } mapping) yield return ((nint)mapping.Start, (nuint)(mapping.End - mapping.Start));
    }

    private static (ulong Start, ulong End)? ParseHeader(string line) => ParseHeader(line, ["r-xp", "r--p"]);

    private static (ulong Start, ulong End)? ParseHeader(string line, ReadOnlySpan<string> permissions)
    {
        // start-end perms offset dev inode [path]
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || !permissions.Contains(fields[1]) || fields[4] == "0") return null;
        var range = fields[0].Split('-');
        if (range.Length != 2
            || !ulong.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
            || end <= start) return null;
        return (start, end);
    }
}
