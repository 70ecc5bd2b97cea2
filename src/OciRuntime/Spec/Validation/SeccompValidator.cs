using OciRuntime.Seccomp;

namespace OciRuntime.Spec.Validation;

internal static class SeccompValidator
{
    private const string Root = "linux.seccomp";

    /// <summary>The highest syscall argument index: syscalls take at most six arguments.</summary>
    private const uint MaxArgumentIndex = 5;

    public static void Validate(LinuxSeccomp? seccomp, ConfigCheck check)
    {
        // runc treats a profile with neither a default action nor rules as "no seccomp".
        if (seccomp == null || (seccomp.DefaultAction.Length == 0 && seccomp.Syscalls is not { Count: > 0 })) return;
        ValidateAction(seccomp.DefaultAction, seccomp.DefaultErrnoRet, $"{Root}.defaultAction", $"{Root}.defaultErrnoRet", check);
        // The notify fd is passed to the agent after the filter is loaded; with NOTIFY as default the process
        // could not even send it.
        if (seccomp.DefaultAction == "SCMP_ACT_NOTIFY") throw check.Fail($"{Root}.defaultAction", "SCMP_ACT_NOTIFY cannot be the default action");
        ValidateNames(seccomp.Architectures, $"{Root}.architectures", "architecture", name => SeccompNameTables.FindArchitecture(name) != null, check);
        ValidateNames(seccomp.Flags, $"{Root}.flags", "flag", name => SeccompNameTables.FindFlag(name) != null, check);
        var syscalls = seccomp.Syscalls ?? [];
        for (var i = 0; i < syscalls.Count; i++) ValidateSyscall(syscalls[i], SpecPath.Index($"{Root}.syscalls", i), check);
        if (syscalls.Any(syscall => syscall.Action == "SCMP_ACT_NOTIFY") && string.IsNullOrEmpty(seccomp.ListenerPath))
            throw check.Fail($"{Root}.listenerPath", "must be set when a rule uses SCMP_ACT_NOTIFY");
        if (!string.IsNullOrEmpty(seccomp.ListenerPath)) check.RequireAbsolute($"{Root}.listenerPath", seccomp.ListenerPath);
    }

    private static void ValidateAction(string action, uint? errnoRet, string actionPath, string errnoPath, ConfigCheck check)
    {
        if (action.Length == 0) throw check.Fail(actionPath, "must be set");
        var known = SeccompNameTables.FindAction(action) ?? throw check.Fail(actionPath, $"unknown action \"{action}\"");
        // runtime-spec: when the action does not take an errno, the runtime MUST fail.
        if (errnoRet != null && !known.TakesErrno)
            throw check.Fail(errnoPath, $"is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not {action}");
        if (errnoRet > 0xFFFF) throw check.Fail(errnoPath, $"{errnoRet} is outside 0..65535");
    }

    private static void ValidateNames(List<string>? names, string path, string kind, Func<string, bool> isKnown, ConfigCheck check)
    {
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            if (!isKnown(names![i])) throw check.Fail(SpecPath.Index(path, i), $"unknown {kind} \"{names[i]}\"");
        }
    }

    private static void ValidateSyscall(LinuxSyscall syscall, string path, ConfigCheck check)
    {
        var namesPath = SpecPath.Property(path, "names");
        if (syscall.Names.Count == 0) throw check.Fail(namesPath, "must not be empty");
        for (var i = 0; i < syscall.Names.Count; i++)
        {
            if (syscall.Names[i].Length == 0) throw check.Fail(SpecPath.Index(namesPath, i), "must not be empty");
        }
        ValidateAction(syscall.Action, syscall.ErrnoRet, SpecPath.Property(path, "action"), SpecPath.Property(path, "errnoRet"), check);
        // runc's own channel to its parent is a write(2) after the filter is loaded; a notify on it would hang.
        if (syscall.Action == "SCMP_ACT_NOTIFY" && syscall.Names.Contains("write"))
            throw check.Fail(namesPath, "SCMP_ACT_NOTIFY cannot be used for the write syscall");
        for (var i = 0; i < (syscall.Args?.Count ?? 0); i++)
        {
            var arg = syscall.Args![i];
            var argPath = SpecPath.Index(SpecPath.Property(path, "args"), i);
            if (arg.Index > MaxArgumentIndex) throw check.Fail(SpecPath.Property(argPath, "index"), $"{arg.Index} is outside 0..{MaxArgumentIndex}");
            if (SeccompNameTables.FindOperator(arg.Op) == null) throw check.Fail(SpecPath.Property(argPath, "op"), $"unknown operator \"{arg.Op}\"");
        }
    }
}
