using System.Globalization;

namespace OciRuntime.Cgroups;

/// <summary>
/// The huge page sizes the kernel supports, named as the hugetlb controller names them ("2MB", "1GB"), read from
/// /sys/kernel/mm/hugepages/hugepages-SIZEkB.
/// </summary>
public static class HugePageSizes
{
    public const string SysfsDirectory = "/sys/kernel/mm/hugepages";

    public static IReadOnlyList<string> Read(CgroupFileSystem fs) =>
        fs.SubDirectories(SysfsDirectory)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith("hugepages-", StringComparison.Ordinal) && name.EndsWith("kB", StringComparison.Ordinal))
            .Select(name => FromKilobytes(ulong.Parse(name!["hugepages-".Length..^2], CultureInfo.InvariantCulture)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The kernel's own naming: the largest unit that divides the size (2048 kB → "2MB").</summary>
    public static string FromKilobytes(ulong kilobytes)
    {
        string[] units = ["KB", "MB", "GB", "TB"];
        var unit = 0;
        while (kilobytes >= 1024 && kilobytes % 1024 == 0 && unit < units.Length - 1)
        {
            kilobytes /= 1024;
            unit++;
        }
        return kilobytes.ToString(CultureInfo.InvariantCulture) + units[unit];
    }
}
