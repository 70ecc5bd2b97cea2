using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V2;

/// <summary>
/// linux.resources → the writes for the container's cgroup2 directory, in runc's fs2 order (pids, memory, io, cpu,
/// cpuset, hugetlb, rdma, unified). net_cls/net_prio have no cgroup2 controller and are ignored, as runc does.
/// </summary>
public static class V2ResourcePlanner
{
    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources resources, string directory, CgroupFileSystem fs, PlanMode mode)
    {
        var target = new CgroupTarget(fs, ProcessCgroups.UnifiedKey, directory, mode);
        PidsPlan.Plan(resources.Pids, target);
        V2MemoryPlan.Plan(resources.Memory, target);
        V2IoPlan.Plan(resources.BlockIO, target);
        V2CpuPlan.Plan(resources.Cpu, target);
        CpusetPlan.Plan(resources.Cpu, target);
        V2HugetlbPlan.Plan(resources.HugepageLimits, target);
        RdmaPlan.Plan(resources.Rdma, target);
        if (resources.Network is { } network && (network.ClassId is not (null or 0) || network.Priorities is { Count: > 0 }))
            RuntimeLog.Warn("linux.resources.network ignored: cgroup v2 has no net_cls or net_prio controller");
        V2UnifiedPlan.Plan(resources.Unified, target);
        return target.Writes;
    }
}
