using System.Globalization;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.Resources;

/// <summary>linux.resources.rdma: one rdma.max line per device, the same in v1 and cgroup2.</summary>
public static class RdmaPlan
{
    public static void Plan(Dictionary<string, LinuxRdma>? rdma, CgroupTarget target)
    {
        if (rdma is null) return;
        foreach (var (device, limits) in rdma.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (limits.HcaHandles is null && limits.HcaObjects is null) continue;
            var line = device;
            if (limits.HcaHandles is { } handles) line += " hca_handle=" + handles.ToString(CultureInfo.InvariantCulture);
            if (limits.HcaObjects is { } objects) line += " hca_object=" + objects.ToString(CultureInfo.InvariantCulture);
            target.Write("rdma.max", line);
        }
    }
}
