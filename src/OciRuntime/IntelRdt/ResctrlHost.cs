using OciRuntime.Cgroups;
using OciRuntime.Linux;

namespace OciRuntime.IntelRdt;

/// <summary>
/// The host's resctrl filesystem, where Intel RDT is exposed: its mount point and which of its features the
/// kernel and CPU offer (an info/ directory each). Looked for only when a config asks for intelRdt, or by `features`.
/// </summary>
public sealed record ResctrlHost(string MountPoint, bool Cat, bool Mba, bool Monitoring)
{
    /// <summary>The host's resctrl, or null when none is mounted (no RDT, or nobody mounted it).</summary>
    public static ResctrlHost? Detect(CgroupFileSystem fs) =>
        fs.TryReadFile("/proc/self/mountinfo") is { } mountinfo && FindMount(mountinfo) is { } mountPoint
            ? new ResctrlHost(mountPoint,
                Cat: fs.DirectoryExists(Path.Join(mountPoint, "info/L3")),
                Mba: fs.DirectoryExists(Path.Join(mountPoint, "info/MB")),
                Monitoring: fs.DirectoryExists(Path.Join(mountPoint, "info/L3_MON")))
            : null;

    /// <summary>The mount point of the first resctrl line of a mountinfo text.</summary>
    public static string? FindMount(string mountinfo)
    {
        foreach (var line in mountinfo.Split('\n'))
        {
            var halves = line.Split(" - ", 2);
            if (halves.Length == 2 && halves[1].StartsWith("resctrl ", StringComparison.Ordinal))
            {
                var fields = halves[0].Split(' ');
                if (fields.Length > 4) return fields[4].Replace("\\040", " ");
            }
        }
        return null;
    }

    /// <summary>
    /// Refuses, before anything is made, what this host cannot apply, as runc does; returns the host to use.
    /// </summary>
    public static ResctrlHost Require(Spec.LinuxIntelRdt rdt, ResctrlHost? host)
    {
        if (host == null)
            throw new OciRuntimeException("linux.intelRdt: Intel RDT is not supported or enabled on this host (no resctrl filesystem is mounted)");
        if (!string.IsNullOrEmpty(rdt.L3CacheSchema) && !host.Cat)
            throw new OciRuntimeException("linux.intelRdt.l3CacheSchema: Intel RDT/CAT is not enabled on this host");
        if (!string.IsNullOrEmpty(rdt.MemBwSchema) && !host.Mba)
            throw new OciRuntimeException("linux.intelRdt.memBwSchema: Intel RDT/MBA is not enabled on this host");
        if (rdt.EnableMonitoring == true && !host.Monitoring)
            throw new OciRuntimeException("linux.intelRdt.enableMonitoring: resctrl monitoring is not enabled on this host");
        return host;
    }
}
