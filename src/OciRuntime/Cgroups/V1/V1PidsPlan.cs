using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>linux.resources.pids in a v1 pids cgroup: any negative limit is "max", as runc's fs driver writes it.</summary>
public static class V1PidsPlan
{
    public static void Plan(LinuxPids? pids, CgroupTarget target)
    {
        if (pids is null || pids.Limit == 0) return;
        if (pids.Limit > 0) target.Write("pids.max", pids.Limit);
        else target.Write("pids.max", "max");
    }
}
