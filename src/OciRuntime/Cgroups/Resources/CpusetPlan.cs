using OciRuntime.Spec;

namespace OciRuntime.Cgroups.Resources;

/// <summary>linux.resources.cpu.cpus/mems: the same two files in a v1 cpuset cgroup and a cgroup2 one.</summary>
public static class CpusetPlan
{
    public static void Plan(LinuxCpu? cpu, CgroupTarget target)
    {
        if (!string.IsNullOrEmpty(cpu?.Cpus)) target.Write("cpuset.cpus", cpu.Cpus);
        if (!string.IsNullOrEmpty(cpu?.Mems)) target.Write("cpuset.mems", cpu.Mems);
    }
}
