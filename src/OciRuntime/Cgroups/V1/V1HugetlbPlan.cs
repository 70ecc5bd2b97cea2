using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>
/// linux.resources.hugepageLimits in a v1 hugetlb cgroup. Each limit is a page count in bytes and 0 is a real limit
/// (no huge pages), so every entry is written; the reservation limit too where the kernel (5.7+) has it.
/// </summary>
public static class V1HugetlbPlan
{
    public static void Plan(List<LinuxHugepageLimit>? limits, CgroupTarget target)
    {
        foreach (var limit in limits ?? [])
        {
            var prefix = "hugetlb." + limit.PageSize;
            target.Write(prefix + ".limit_in_bytes", limit.Limit);
            if (target.Has(prefix + ".rsvd.limit_in_bytes")) target.Write(prefix + ".rsvd.limit_in_bytes", limit.Limit);
        }
    }
}
