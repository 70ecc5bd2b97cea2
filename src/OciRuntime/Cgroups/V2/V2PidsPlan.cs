using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V2;

/// <summary>linux.resources.pids in a cgroup2 directory: pids.max, -1 being "max".</summary>
public static class V2PidsPlan
{
    public static void Plan(LinuxPids? pids, CgroupTarget target)
    {
        if (V2Conversions.Limit(pids?.Limit ?? 0) is { } max) target.Write("pids.max", max);
    }
}
