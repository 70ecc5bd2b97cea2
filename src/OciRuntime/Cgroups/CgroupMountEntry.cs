namespace OciRuntime.Cgroups;

/// <summary>A cgroup or cgroup2 line of /proc/self/mountinfo.</summary>
/// <param name="Root">The cgroup of the hierarchy shown at the mount point (not "/" inside a cgroup namespace
/// or a bind mount of a sub-cgroup).</param>
/// <param name="SuperOptions">The per-superblock options; for v1 they name the controllers.</param>
public sealed record CgroupMountEntry(string MountPoint, string Root, string FileSystemType, IReadOnlyList<string> SuperOptions)
{
    /// <summary>
    /// Parses the cgroup and cgroup2 lines of mountinfo (proc(5): fields 4 and 5 are root and mount point, then
    /// optional fields up to "-", then the type, source and super options). Other lines are skipped.
    /// </summary>
    public static IReadOnlyList<CgroupMountEntry> ParseMountInfo(string mountInfo)
    {
        var result = new List<CgroupMountEntry>();
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (separator < 0 || fields.Length < separator + 4) continue;
            var type = fields[separator + 1];
            if (type != "cgroup" && type != "cgroup2") continue;
            result.Add(new CgroupMountEntry(
                Unescape(fields[4]), Unescape(fields[3]), type, fields[separator + 3].Split(',')));
        }
        return result;
    }

    /// <summary>The kernel writes space, tab, newline and backslash in paths as \ooo octal escapes.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var builder = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else builder.Append(field[i]);
        }
        return builder.ToString();
    }

    private static bool IsOctal(string s, int start) =>
        start + 3 <= s.Length && s.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}
