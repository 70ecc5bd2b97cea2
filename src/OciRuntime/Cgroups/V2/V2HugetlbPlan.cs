using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V2;

/// <summary>
/// linux.resources.hugepageLimits in a cgroup2 directory: hugetlb.SIZE.max for each entry (0 is a real limit),
/// and hugetlb.SIZE.rsvd.max too where the kernel (5.7+) has it.
/// </summary>
public static class V2HugetlbPlan
{
    public static void Plan(List<LinuxHugepageLimit>? limits, CgroupTarget target)
    {
        foreach (var limit in limits ?? [])
        {
            var prefix = "hugetlb." + limit.PageSize;
            target.Write(prefix + ".max", limit.Limit);
            if (target.Has(prefix + ".rsvd.max")) target.Write(prefix + ".rsvd.max", limit.Limit);
        }
    }
}
