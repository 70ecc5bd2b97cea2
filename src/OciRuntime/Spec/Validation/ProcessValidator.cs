using OciRuntime.Linux;

namespace OciRuntime.Spec.Validation;

/// <summary>"process" of config.json, or the whole document of <c>exec --process</c> (then <c>path</c> is empty).</summary>
internal static class ProcessValidator
{
    private static readonly HashSet<string> SchedulerPolicies =
        ["SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO", "SCHED_IDLE", "SCHED_DEADLINE"];

    private static readonly HashSet<string> SchedulerFlags =
    [
        "SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_POLICY",
        "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MAX",
    ];

    private static readonly HashSet<string> IOPriorityClasses = ["IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"];

    public static void Validate(Process process, string path, ConfigCheck check)
    {
        ValidateArgs(process, path, check);
        check.RequireAbsolute(SpecPath.Property(path, "cwd"), process.Cwd);
        ValidateEnv(process.Env, SpecPath.Property(path, "env"), check);
        if (process.User.Umask is > 0x1FF)
            throw check.Fail(SpecPath.Property(path, "user.umask"), $"{process.User.Umask} is not a permission mask (at most 0777 = 511)");
        ValidateRlimits(process.Rlimits, SpecPath.Property(path, "rlimits"), check);
        WarnAboutUnknownCapabilities(process.Capabilities, SpecPath.Property(path, "capabilities"), check);
        check.RequireRange(SpecPath.Property(path, "oomScoreAdj"), process.OomScoreAdj, -1000, 1000);
        if (process.Scheduler != null) ValidateScheduler(process.Scheduler, SpecPath.Property(path, "scheduler"), check);
        if (process.IOPriority != null) ValidateIOPriority(process.IOPriority, SpecPath.Property(path, "ioPriority"), check);
        if (process.ExecCpuAffinity != null) ValidateCpuAffinity(process.ExecCpuAffinity, SpecPath.Property(path, "execCPUAffinity"), check);
    }

    private static void ValidateArgs(Process process, string path, ConfigCheck check)
    {
        var argsPath = SpecPath.Property(path, "args");
        if (process.Args is not { Count: > 0 } args) throw check.Fail(argsPath, "must not be empty");
        if (args[0].Length == 0) throw check.Fail(SpecPath.Index(argsPath, 0), "must name the executable");
        for (var i = 0; i < args.Count; i++) check.RejectNul(SpecPath.Index(argsPath, i), args[i]);
    }

    private static void ValidateEnv(List<string>? env, string path, ConfigCheck check)
    {
        for (var i = 0; i < (env?.Count ?? 0); i++)
        {
            var entry = env![i];
            var entryPath = SpecPath.Index(path, i);
            var equals = entry.IndexOf('=');
            if (equals < 0) throw check.Fail(entryPath, $"\"{entry}\" is not in the form NAME=value");
            if (equals == 0) throw check.Fail(entryPath, $"\"{entry}\" has an empty variable name");
            check.RejectNul(entryPath, entry);
        }
    }

    private static void ValidateRlimits(List<PosixRlimit>? rlimits, string path, ConfigCheck check)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < (rlimits?.Count ?? 0); i++)
        {
            var rlimit = rlimits![i];
            var entryPath = SpecPath.Index(path, i);
            if (!Rlimit.TryParse(rlimit.Type, out _))
                throw check.Fail(SpecPath.Property(entryPath, "type"), $"unknown rlimit \"{rlimit.Type}\"");
            if (!seen.Add(rlimit.Type))
                throw check.Fail(SpecPath.Property(entryPath, "type"), $"duplicate rlimit \"{rlimit.Type}\"");
            if (rlimit.Soft > rlimit.Hard)
                throw check.Fail(entryPath, $"soft limit {rlimit.Soft} is above hard limit {rlimit.Hard}");
        }
    }

    /// <summary>runc 1.1 drops capabilities it does not know (a newer config on an older runtime) with a warning.</summary>
    private static void WarnAboutUnknownCapabilities(LinuxCapabilities? capabilities, string path, ConfigCheck check)
    {
        if (capabilities == null) return;
        var unknown = new[] { capabilities.Bounding, capabilities.Effective, capabilities.Inheritable, capabilities.Permitted, capabilities.Ambient }
            .SelectMany(set => set ?? [])
            .Where(name => !Capability.TryParse(name, out _))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0) check.Warn(path, "ignoring unknown capabilities: " + string.Join(", ", unknown));
    }

    private static void ValidateScheduler(Scheduler scheduler, string path, ConfigCheck check)
    {
        var policyPath = SpecPath.Property(path, "policy");
        if (scheduler.Policy.Length == 0) throw check.Fail(policyPath, "must be set");
        if (!SchedulerPolicies.Contains(scheduler.Policy)) throw check.Fail(policyPath, $"unknown policy \"{scheduler.Policy}\"");
        check.RequireRange(SpecPath.Property(path, "nice"), scheduler.Nice, -20, 19);
        var realtime = scheduler.Policy is "SCHED_FIFO" or "SCHED_RR";
        if (scheduler.Priority is not (null or 0) && !realtime)
            throw check.Fail(SpecPath.Property(path, "priority"), "only SCHED_FIFO and SCHED_RR take a priority");
        if (realtime) check.RequireRange(SpecPath.Property(path, "priority"), scheduler.Priority, 1, 99);
        if (scheduler.Policy != "SCHED_DEADLINE" && (scheduler.Runtime is not (null or 0) || scheduler.Deadline is not (null or 0) || scheduler.Period is not (null or 0)))
            throw check.Fail(path, "runtime, deadline and period are only for SCHED_DEADLINE");
        for (var i = 0; i < (scheduler.Flags?.Count ?? 0); i++)
        {
            if (!SchedulerFlags.Contains(scheduler.Flags![i]))
                throw check.Fail(SpecPath.Index(SpecPath.Property(path, "flags"), i), $"unknown flag \"{scheduler.Flags[i]}\"");
        }
    }

    private static void ValidateIOPriority(LinuxIOPriority priority, string path, ConfigCheck check)
    {
        if (!IOPriorityClasses.Contains(priority.Class))
            throw check.Fail(SpecPath.Property(path, "class"), $"unknown class \"{priority.Class}\", expected IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE");
        check.RequireRange(SpecPath.Property(path, "priority"), priority.Priority, 0, 7);
    }

    private static void ValidateCpuAffinity(CpuAffinity affinity, string path, ConfigCheck check)
    {
        foreach (var (name, value) in new[] { ("initial", affinity.Initial), ("final", affinity.Final) })
        {
            if (!string.IsNullOrEmpty(value) && !CpuList.IsValid(value))
                throw check.Fail(SpecPath.Property(path, name), $"\"{value}\" is not a CPU list like 0-3,7");
        }
    }
}
