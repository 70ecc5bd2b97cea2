using OciRuntime.Cgroups.Resources;
using OciRuntime.Cgroups.V2;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>
/// linux.resources → the writes for a legacy or hybrid host, controller by controller in runc's order (cpuset,
/// memory, cpu, pids, blkio, hugetlb, net_cls, net_prio, rdma). On a hybrid host a controller that no v1 hierarchy
/// has but the container's cgroup2 directory offers (hugetlb on this kind of host) is planned there, with cgroup2
/// files. A controller that is nowhere is an error only when something must be written to it.
/// </summary>
public static class V1ResourcePlanner
{
    private sealed record Group(
        string Controller, string Section, string? UnifiedController,
        Action<LinuxResources, CgroupTarget> PlanV1, Action<LinuxResources, CgroupTarget>? PlanV2);

    private static readonly Group[] Groups =
    [
        new("cpuset", "cpu", "cpuset", (r, t) => CpusetPlan.Plan(r.Cpu, t), (r, t) => CpusetPlan.Plan(r.Cpu, t)),
        new("memory", "memory", "memory", (r, t) => V1MemoryPlan.Plan(r.Memory, t), (r, t) => V2MemoryPlan.Plan(r.Memory, t)),
        new("cpu", "cpu", "cpu", (r, t) => V1CpuPlan.Plan(r.Cpu, t), (r, t) => V2CpuPlan.Plan(r.Cpu, t)),
        new("pids", "pids", "pids", (r, t) => PidsPlan.Plan(r.Pids, t), (r, t) => PidsPlan.Plan(r.Pids, t)),
        new("blkio", "blockIO", "io", (r, t) => V1BlkioPlan.Plan(r.BlockIO, t), (r, t) => V2IoPlan.Plan(r.BlockIO, t)),
        new("hugetlb", "hugepageLimits", "hugetlb", (r, t) => V1HugetlbPlan.Plan(r.HugepageLimits, t), (r, t) => V2HugetlbPlan.Plan(r.HugepageLimits, t)),
        new("net_cls", "network", null, (r, t) => V1NetworkPlan.PlanClassId(r.Network, t), null),
        new("net_prio", "network", null, (r, t) => V1NetworkPlan.PlanPriorities(r.Network, t), null),
        new("rdma", "rdma", "rdma", (r, t) => RdmaPlan.Plan(r.Rdma, t), (r, t) => RdmaPlan.Plan(r.Rdma, t)),
    ];

    public static IReadOnlyList<CgroupWrite> Plan(LinuxResources resources, CgroupPaths paths, CgroupFileSystem fs, PlanMode mode)
    {
        // As runc: unified keys are cgroup2 file names and mean nothing to a v1 driver, even on a hybrid host. Worded
        // as runc's configuration errors are ("invalid configuration: ..."), which clients match.
        if (resources.Unified is { Count: > 0 })
            throw new OciRuntimeException("invalid configuration: linux.resources.unified: cgroup v2 settings cannot be used on a cgroup v1 host");

        var unifiedControllers = UnifiedControllers(paths, fs);
        var writes = new List<CgroupWrite>();
        foreach (var group in Groups)
        {
            CgroupTarget target;
            if (paths.V1.TryGetValue(group.Controller, out var dir))
            {
                target = new CgroupTarget(fs, group.Controller, dir, mode);
                group.PlanV1(resources, target);
            }
            else if (group.PlanV2 != null && unifiedControllers.Contains(group.UnifiedController))
            {
                target = new CgroupTarget(fs, ProcessCgroups.UnifiedKey, paths.Unified, mode);
                group.PlanV2(resources, target);
            }
            else
            {
                target = new CgroupTarget(fs, group.Controller, null, mode);
                group.PlanV1(resources, target);
                if (target.Writes.Count > 0)
                    throw new OciRuntimeException(
                        $"linux.resources.{group.Section}: cannot be applied: the {group.Controller} cgroup controller is not available on this host");
            }
            writes.AddRange(target.Writes);
        }
        return writes;
    }

    private static string[] UnifiedControllers(CgroupPaths paths, CgroupFileSystem fs) =>
        paths.Unified is { } unified && fs.TryReadFile(Path.Join(unified, "cgroup.controllers")) is { } text
            ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
