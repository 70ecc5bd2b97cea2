using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V2;

/// <summary>
/// linux.resources.cpu (all but cpus/mems) in a cgroup2 directory: shares become cpu.weight, quota and period
/// become cpu.max (runc's conversions); realtime settings have no cgroup2 equivalent and are ignored.
/// </summary>
public static class V2CpuPlan
{
    public static void Plan(LinuxCpu? cpu, CgroupTarget target)
    {
        if (cpu is null) return;
        if (cpu.RealtimePeriod is not (null or 0) || cpu.RealtimeRuntime is not (null or 0))
            RuntimeLog.Warn("linux.resources.cpu.realtimePeriod/realtimeRuntime ignored: cgroup v2 has no realtime group scheduling");
        var quota = cpu.Quota ?? 0;
        var period = cpu.Period ?? 0;

        // The kernel refuses to change the weight of an idle group: leaving idle comes first, entering it last.
        if (cpu.Idle == 0) PlanIdle(0, target);
        if (V2Conversions.CpuSharesToWeight(cpu.Shares ?? 0) is var weight and not 0) target.Write("cpu.weight", weight);
        if (cpu.Idle is { } idle and not 0) PlanIdle(idle, target);

        var cpuMaxChanges = quota != 0 || period != 0;
        // A larger burst may not fit the old quota; with a new cpu.max coming it is retried after it.
        if (cpu.Burst is { } burst && (burst != 0 || target.Has("cpu.max.burst")))
            target.Write("cpu.max.burst", burst, cpuMaxChanges ? CgroupWriteOptions.RetryAfterNext : CgroupWriteOptions.None);
        if (!cpuMaxChanges) return;
        if (target.Mode == PlanMode.Update) KeepCurrent(target, ref quota, ref period);
        target.Write("cpu.max", V2Conversions.CpuMax(quota, period)!);
    }

    /// <summary>
    /// cpu.max holds quota and period together; an update of one keeps the other as it is (runc gets the same
    /// from the saved config) instead of resetting it to "max" or the default period.
    /// </summary>
    private static void KeepCurrent(CgroupTarget target, ref long quota, ref ulong period)
    {
        var fields = target.Read("cpu.max")?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields is not { Length: 2 }) return;
        if (quota == 0) quota = fields[0] == "max" ? -1 : long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
        if (period == 0) period = ulong.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>0 is the default; it is only written where the kernel (5.15+) has cpu.idle.</summary>
    private static void PlanIdle(long idle, CgroupTarget target)
    {
        if (idle == 0 && !target.Has("cpu.idle")) return;
        target.Write("cpu.idle", idle);
    }
}
