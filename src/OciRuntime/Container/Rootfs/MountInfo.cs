using OciRuntime.Linux;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// Reads the calling thread's mountinfo: which mount holds a path, and whether it propagates (shared:N). The thread's:
/// a thread that entered a container's mount namespace sees that one, while /proc/self shows the process's.
/// </summary>
internal static class MountInfo
{
    /// <param name="Root">The path within its filesystem that is mounted ("/" for a whole filesystem).</param>
    public sealed record Entry(string Root, string MountPoint, string OptionalFields, string FsType);

    public static IEnumerable<Entry> Read(string path = "/proc/thread-self/mountinfo")
    {
        foreach (var line in FileText.ReadLines(path)) if (Parse(line) is { } entry) yield return entry;
    }

    /// <summary>One line: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER.</summary>
    public static Entry? Parse(string line)
    {
        var fields = line.Split(' ');
        if (fields.Length < 7) return null;
        var separator = Array.IndexOf(fields, "-", 6);
        if (separator < 0 || separator + 1 >= fields.Length) return null;
        return new Entry(Unescape(fields[3]), Unescape(fields[4]), string.Join(' ', fields[6..separator]), fields[separator + 1]);
    }

    /// <summary>The deepest mount point at or above <paramref name="path"/>.</summary>
    public static string MountPointOf(string path, IEnumerable<Entry>? entries = null) =>
        EntryOf(path, entries ?? Read())?.MountPoint ?? "/";

    /// <summary>The mount holding <paramref name="path"/> (the last of those stacked on its mount point); null when none covers it.</summary>
    public static Entry? EntryOf(string path, IEnumerable<Entry> entries)
    {
        Entry? best = null;
        foreach (var entry in entries)
        {
            var mp = entry.MountPoint;
            var covers = mp == "/" || path == mp || path.StartsWith(mp.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (covers && mp.Length >= (best?.MountPoint.Length ?? 0)) best = entry;
        }
        return best;
    }

    /// <summary>Mount points of whole (root "/") proc and sysfs filesystems that are not <paramref name="rootfs"/> or
    /// under it.</summary>
    public static IEnumerable<string> WholeProcAndSysfsOutside(string rootfs, IEnumerable<Entry> entries)
    {
        var root = rootfs.TrimEnd('/');
        return entries
            .Where(e => e.Root == "/" && e.FsType is "proc" or "sysfs")
            .Select(e => e.MountPoint)
            .Where(mp => mp != root && !mp.StartsWith(root + "/", StringComparison.Ordinal))
            .ToList();
    }

    public static bool IsShared(string mountPoint, IEnumerable<Entry>? entries = null) =>
        (entries ?? Read()).LastOrDefault(e => e.MountPoint == mountPoint)?.OptionalFields.Contains("shared:") ?? false;

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
