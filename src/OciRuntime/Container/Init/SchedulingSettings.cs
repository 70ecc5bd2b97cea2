using System.Runtime.InteropServices;
using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Init;

/// <summary>process.scheduler, process.ioPriority and linux.personality, applied by the init stage while it still
/// has the capabilities raising them needs.</summary>
internal static unsafe partial class SchedulingSettings
{
    private const int IOPRIO_WHO_PROCESS = 1, IOPRIO_CLASS_SHIFT = 13;

    [LibraryImport("libc", EntryPoint = "personality", SetLastError = true)]
    private static partial int Personality(nuint persona);

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedAttr
    {
        public uint Size;
        public uint Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public ulong Runtime;
        public ulong Deadline;
        public ulong Period;
    }

    /// <param name="pid">The process to apply it to; 0 for the caller.</param>
    public static void ApplyIoPriority(LinuxIOPriority? priority, int pid = 0)
    {
        if (priority == null) return;
        var ioClass = priority.Class switch
        {
            "IOPRIO_CLASS_RT" => 1,
            "IOPRIO_CLASS_BE" => 2,
            "IOPRIO_CLASS_IDLE" => 3,
            var other => throw new OciRuntimeException($"config.json: process.ioPriority.class: unknown class \"{other}\""),
        };
        var value = (ioClass << IOPRIO_CLASS_SHIFT) | priority.Priority;
        Errno.Check(Libc.Syscall(SyscallNumbers.ioprio_set, IOPRIO_WHO_PROCESS, pid, value, 0, 0), "ioprio_set");
    }

    /// <param name="pid">The process to apply it to; 0 for the caller.</param>
    public static void ApplyScheduler(Scheduler? scheduler, int pid = 0)
    {
        if (scheduler == null) return;
        var attr = new SchedAttr
        {
            Size = (uint)sizeof(SchedAttr),
            Policy = scheduler.Policy switch
            {
                "SCHED_OTHER" => 0u, "SCHED_FIFO" => 1u, "SCHED_RR" => 2u, "SCHED_BATCH" => 3u,
                "SCHED_ISO" => 4u, "SCHED_IDLE" => 5u, "SCHED_DEADLINE" => 6u,
                var other => throw new OciRuntimeException($"config.json: process.scheduler.policy: unknown policy \"{other}\""),
            },
            Nice = scheduler.Nice ?? 0,
            Priority = (uint)(scheduler.Priority ?? 0),
            Runtime = scheduler.Runtime ?? 0,
            Deadline = scheduler.Deadline ?? 0,
            Period = scheduler.Period ?? 0,
        };
        foreach (var flag in scheduler.Flags ?? [])
        {
            attr.Flags |= flag switch
            {
                "SCHED_FLAG_RESET_ON_FORK" => 0x01UL, "SCHED_FLAG_RECLAIM" => 0x02UL, "SCHED_FLAG_DL_OVERRUN" => 0x04UL,
                "SCHED_FLAG_KEEP_POLICY" => 0x08UL, "SCHED_FLAG_KEEP_PARAMS" => 0x10UL,
                "SCHED_FLAG_UTIL_CLAMP_MIN" => 0x20UL, "SCHED_FLAG_UTIL_CLAMP_MAX" => 0x40UL,
                var other => throw new OciRuntimeException($"config.json: process.scheduler.flags: unknown flag \"{other}\""),
            };
        }
        Errno.Check(Libc.Syscall(SyscallNumbers.sched_setattr, pid, (long)&attr, 0, 0, 0), "sched_setattr");
    }

    public static void ApplyPersonality(LinuxPersonality? personality)
    {
        if (DomainOf(personality) is { } domain) Errno.Check(Personality(domain), "personality");
    }

    /// <summary>The personality(2) value of linux.personality, or null to leave it.</summary>
    public static uint? DomainOf(LinuxPersonality? personality) => personality == null ? null : personality.Domain switch
    {
        "LINUX" => 0x0000u,
        "LINUX32" => 0x0008u,
        var other => throw new OciRuntimeException($"config.json: linux.personality.domain: unknown domain \"{other}\""),
    };
}
