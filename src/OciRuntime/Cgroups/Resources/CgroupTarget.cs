using System.Globalization;

namespace OciRuntime.Cgroups.Resources;

/// <summary>
/// One cgroup directory as a resource planner sees it: which control files the kernel offers there and what they
/// hold now, and the writes planned for it. <see cref="Directory"/> is null when the host has no such hierarchy;
/// planning still runs, so the caller can tell whether anything needed it.
/// </summary>
public sealed class CgroupTarget(CgroupFileSystem fs, string hierarchy, string? directory, PlanMode mode)
{
    private readonly List<CgroupWrite> _writes = [];

    public string Hierarchy { get; } = hierarchy;

    public string? Directory { get; } = directory;

    public PlanMode Mode { get; } = mode;

    public IReadOnlyList<CgroupWrite> Writes => _writes;

    public bool Has(string file) => Directory != null && fs.FileExists(Path.Join(Directory, file));

    public string? Read(string file) => Directory == null ? null : fs.TryReadFile(Path.Join(Directory, file));

    /// <summary>A number file; null when absent. "max" and v1's huge "unlimited" values read as ulong.MaxValue.</summary>
    public ulong? ReadNumber(string file) => Read(file) is { } text ? CgroupFileParsers.ParseUInt(text) : null;

    public void Write(string file, string value, CgroupWriteOptions options = CgroupWriteOptions.None) =>
        _writes.Add(new CgroupWrite(Hierarchy, file, value, options));

    public void Write(string file, long value, CgroupWriteOptions options = CgroupWriteOptions.None) =>
        Write(file, value.ToString(CultureInfo.InvariantCulture), options);

    public void Write(string file, ulong value, CgroupWriteOptions options = CgroupWriteOptions.None) =>
        Write(file, value.ToString(CultureInfo.InvariantCulture), options);
}
