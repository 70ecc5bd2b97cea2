using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V2;

/// <summary>
/// linux.resources.memory in a cgroup2 directory, as runc's fs2 driver writes it: swap (converted from v1's
/// memory+swap) before memory.max, then memory.low. The v1-only knobs have no cgroup2 file and are ignored.
/// </summary>
public static class V2MemoryPlan
{
    public static void Plan(LinuxMemory? memory, CgroupTarget target)
    {
        if (memory is null) return;
        WarnIgnored(memory);
        var limit = memory.Limit ?? 0;
        var swap = memory.Swap ?? 0;
        var reservation = memory.Reservation ?? 0;
        if (limit == 0 && swap == 0 && reservation == 0) return;

        if (memory.CheckBeforeUpdate == true && limit > 0 && target.ReadNumber("memory.current") is { } usage && usage >= (ulong)limit)
            throw new OciRuntimeException($"linux.resources.memory.limit: rejecting memory limit {limit} below usage {usage}");

        var swapMax = V2Conversions.MemorySwapToSwapMax(swap, limit == 0 && swap > 0 ? CurrentLimit(target) : limit);
        var swapText = V2Conversions.Limit(swapMax);
        // memory+swap equal to memory: no swap at all, which is "0" (an empty write would mean the same, never do it).
        if (swapText is null && swapMax == 0 && swap > 0) swapText = "0";
        // Without swap accounting there is no memory.swap.max; "no limit" and "no swap" then hold anyway.
        if (swapText != null && (target.Has("memory.swap.max") || swapText is not ("max" or "0")))
            target.Write("memory.swap.max", swapText);

        if (V2Conversions.Limit(limit) is { } max) target.Write("memory.max", max);
        if (V2Conversions.Limit(reservation) is { } low) target.Write("memory.low", low);
    }

    /// <summary>
    /// An update that changes only the swap limit keeps the memory limit in force, which the conversion needs.
    /// At create there is no such limit yet (0: the conversion then refuses the swap limit, as runc).
    /// </summary>
    private static long CurrentLimit(CgroupTarget target)
    {
        if (target.Mode != PlanMode.Update || target.ReadNumber("memory.max") is not { } current) return 0;
        return current >= long.MaxValue ? -1 : (long)current;
    }

    private static void WarnIgnored(LinuxMemory memory)
    {
        if (memory.Kernel is not (null or 0)) RuntimeLog.Warn("linux.resources.memory.kernel ignored: cgroup v2 has no kernel memory limit");
        if (memory.KernelTcp is not (null or 0)) RuntimeLog.Warn("linux.resources.memory.kernelTCP ignored: cgroup v2 has no kernel TCP memory limit");
        if (memory.Swappiness is { } s && s != ulong.MaxValue) RuntimeLog.Warn("linux.resources.memory.swappiness ignored: cgroup v2 has no per-cgroup swappiness");
        if (memory.DisableOomKiller == true) RuntimeLog.Warn("linux.resources.memory.disableOOMKiller ignored: cgroup v2 cannot disable the OOM killer");
    }
}
