using System.Globalization;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>linux.resources.network: v1 only, the class id in net_cls and interface priorities in net_prio.</summary>
public static class V1NetworkPlan
{
    public static void PlanClassId(LinuxNetwork? network, CgroupTarget target)
    {
        if (network?.ClassId is { } classId and not 0) target.Write("net_cls.classid", classId);
    }

    public static void PlanPriorities(LinuxNetwork? network, CgroupTarget target)
    {
        foreach (var priority in network?.Priorities ?? [])
            target.Write("net_prio.ifpriomap", $"{priority.Name} {priority.Priority.ToString(CultureInfo.InvariantCulture)}");
    }
}
