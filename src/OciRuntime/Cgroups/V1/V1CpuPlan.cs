using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>linux.resources.cpu (all but cpus/mems) in a v1 cpu cgroup, in runc's order.</summary>
public static class V1CpuPlan
{
    public static void Plan(LinuxCpu? cpu, CgroupTarget target)
    {
        if (cpu is null) return;
        var quota = cpu.Quota ?? 0;
        // The kernel refuses to change the weight of an idle group, so leaving idle comes before the shares and
        // entering it after them.
        if (cpu.Idle == 0) PlanIdle(0, target);
        if (cpu.Shares is { } shares and not 0) target.Write("cpu.shares", shares, CgroupWriteOptions.VerifyReadBack);
        // A new period (or burst) may not fit the old quota; with a new quota coming it is retried after it.
        var untilQuota = quota != 0 ? CgroupWriteOptions.RetryAfterNext : CgroupWriteOptions.None;
        if (cpu.Period is { } period and not 0) target.Write("cpu.cfs_period_us", period, untilQuota);
        if (cpu.Burst is { } burst && (burst != 0 || target.Has("cpu.cfs_burst_us")))
            target.Write("cpu.cfs_burst_us", burst, untilQuota);
        if (quota != 0) target.Write("cpu.cfs_quota_us", quota);
        if (cpu.Idle is { } idle and not 0) PlanIdle(idle, target);
        PlanRealtime(cpu, target);
    }

    /// <summary>
    /// The realtime budget; also needed before the init joins the cgroup when it runs SCHED_RR/FIFO, which is why
    /// resources are applied before processes are added.
    /// </summary>
    private static void PlanRealtime(LinuxCpu cpu, CgroupTarget target)
    {
        if (cpu.RealtimePeriod is { } period and not 0) target.Write("cpu.rt_period_us", period);
        if (cpu.RealtimeRuntime is { } runtime and not 0) target.Write("cpu.rt_runtime_us", runtime);
    }

    /// <summary>0 is the default; it is only written where the kernel (5.15+) has cpu.idle.</summary>
    private static void PlanIdle(long idle, CgroupTarget target)
    {
        if (idle == 0 && !target.Has("cpu.idle")) return;
        target.Write("cpu.idle", idle);
    }
}
