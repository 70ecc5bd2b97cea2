using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>linux.resources.memory in a v1 memory cgroup, as runc 1.1's fs driver writes it (kernel memory as crun).</summary>
public static class V1MemoryPlan
{
    public const string Limit = "memory.limit_in_bytes";
    public const string MemorySwapLimit = "memory.memsw.limit_in_bytes";
    public const string KernelLimit = "memory.kmem.limit_in_bytes";
    public const string KernelTcpLimit = "memory.kmem.tcp.limit_in_bytes";

    public static void Plan(LinuxMemory? memory, CgroupTarget target)
    {
        if (memory is null) return;
        PlanLimitAndSwap(memory.Limit ?? 0, memory.Swap ?? 0, target);
        PlanKernel(memory.Kernel ?? 0, KernelLimit, "kernel", target);
        PlanKernel(memory.KernelTcp ?? 0, KernelTcpLimit, "kernelTCP", target);
        if (memory.Reservation is { } reservation and not 0) target.Write("memory.soft_limit_in_bytes", reservation);
        if (memory.DisableOomKiller == true) target.Write("memory.oom_control", "1");
        PlanSwappiness(memory.Swappiness, target);
        // The kernel has only accepted 1 here since 5.x (hierarchy is always on); false is left alone.
        if (memory.UseHierarchy == true) target.Write("memory.use_hierarchy", "1");
        // checkBeforeUpdate needs nothing on v1: the kernel itself refuses a limit below usage (EBUSY).
    }

    private static void PlanLimitAndSwap(long limit, long swap, CgroupTarget target)
    {
        var swapAccounted = target.Has(MemorySwapLimit);
        // Unlimited memory with swap unset means unlimited swap too, where the kernel accounts swap at all.
        if (limit == -1 && swap == 0 && swapAccounted) swap = -1;
        // Without swap accounting (swapaccount=0) swap is unlimited anyway; only a real swap limit is an error.
        if (swap == -1 && !swapAccounted) swap = 0;
        if (limit != 0 && swap != 0 && V1MemoryWriteOrder.SwapFirst(target.ReadNumber(Limit) ?? 0, swap))
        {
            target.Write(MemorySwapLimit, swap);
            target.Write(Limit, limit, CgroupWriteOptions.ExplainBusyAsUsage);
            return;
        }
        if (limit != 0) target.Write(Limit, limit, CgroupWriteOptions.ExplainBusyAsUsage);
        if (swap != 0) target.Write(MemorySwapLimit, swap);
    }

    /// <summary>Deprecated by the spec and gone from newer kernels: written where the kernel still has the file.</summary>
    private static void PlanKernel(long value, string file, string field, CgroupTarget target)
    {
        if (value == 0) return;
        if (target.Has(file)) target.Write(file, value);
        else RuntimeLog.Warn($"linux.resources.memory.{field} ignored: this kernel has no {file}");
    }

    /// <summary>-1 (all bits set as an unsigned value) leaves the inherited swappiness, as runc.</summary>
    private static void PlanSwappiness(ulong? swappiness, CgroupTarget target)
    {
        if (swappiness is not { } value || value == ulong.MaxValue) return;
        if (value > 100)
            throw new OciRuntimeException($"linux.resources.memory.swappiness: invalid value {value}, the valid range is 0-100");
        target.Write("memory.swappiness", value);
    }
}
