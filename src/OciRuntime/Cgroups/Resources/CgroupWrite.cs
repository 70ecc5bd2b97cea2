namespace OciRuntime.Cgroups.Resources;

/// <summary>
/// One planned write of a control file.
/// </summary>
/// <param name="Hierarchy">Where the file lives, as <see cref="CgroupPaths.DirectoryOf"/> names it: a v1 controller
/// ("memory", "cpu", ...) or <see cref="ProcessCgroups.UnifiedKey"/> for the container's cgroup2 directory.</param>
/// <param name="File">The control file, relative to that directory ("memory.limit_in_bytes").</param>
/// <param name="Value">Exactly what is written, in one write(2).</param>
public readonly record struct CgroupWrite(string Hierarchy, string File, string Value, CgroupWriteOptions Options = CgroupWriteOptions.None)
{
    public override string ToString() =>
        $"{(Hierarchy.Length == 0 ? "unified" : Hierarchy)}/{File}={Value}{(Options == CgroupWriteOptions.None ? "" : $" ({Options})")}";
}
