using OciRuntime.Spec;

namespace OciRuntime.Seccomp;

/// <summary>
/// Validates <c>linux.seccomp</c> and resolves its names into a <see cref="SeccompProfile"/>, with runc's
/// semantics: each name of a <c>names</c> list becomes its own rule, ERRNO and TRACE without <c>errnoRet</c>
/// return EPERM, SCMP_ACT_KILL kills the thread. Everything wrong is an <see cref="OciRuntimeException"/> naming
/// the JSON path; syscall names are left to the compiler (unknown ones are skipped there, as runc does).
/// </summary>
internal static class SeccompProfileParser
{
    private const string Root = "linux.seccomp";

    // Linux system calls take at most six arguments.
    private const uint MaxArguments = 6;

    /// <returns>Null when there is no filter to load: no <c>linux.seccomp</c>, or neither a default action nor
    /// syscalls (runc treats that as seccomp disabled).</returns>
    public static SeccompProfile? Parse(LinuxSeccomp? seccomp)
    {
        if (seccomp is null) return null;
        bool hasSyscalls = seccomp.Syscalls is { Count: > 0 };
        if (seccomp.DefaultAction.Length == 0 && !hasSyscalls) return null;
        if (seccomp.DefaultAction.Length == 0)
            throw new OciRuntimeException($"{Root}.defaultAction: must be set when syscalls are listed");

        uint defaultAction = ParseAction(seccomp.DefaultAction, seccomp.DefaultErrnoRet, $"{Root}.defaultAction");
        var profile = new SeccompProfile(
            defaultAction,
            ParseArchitectures(seccomp.Architectures),
            ParseFlags(seccomp.Flags),
            ParseRules(seccomp.Syscalls));
        // runc only notices at create time, after the init has loaded the filter; failing here is cheaper.
        if (profile.HasNotify && string.IsNullOrEmpty(seccomp.ListenerPath))
            throw new OciRuntimeException($"{Root}.listenerPath: must be set when a rule uses SCMP_ACT_NOTIFY");
        return profile;
    }

    private static uint ParseAction(string name, uint? errnoRet, string path)
    {
        SeccompActionName action = SeccompNameTables.FindAction(name)
            ?? throw new OciRuntimeException($"{path}: unknown action \"{name}\"");
        if (errnoRet is not null && !action.TakesErrno)
            RuntimeLog.Debug($"seccomp: {path}: errnoRet is ignored for {name}");
        return action.WithErrno(errnoRet);
    }

    private static List<uint> ParseArchitectures(List<string>? names)
    {
        var tokens = new List<uint>();
        if (names is null) return tokens;
        for (int i = 0; i < names.Count; i++)
        {
            uint token = SeccompNameTables.FindArchitecture(names[i] ?? "")
                ?? throw new OciRuntimeException($"{Root}.architectures[{i}]: unknown architecture \"{names[i]}\"");
            tokens.Add(token);
        }
        return tokens;
    }

    private static SeccompFlagRequest ParseFlags(List<string>? names)
    {
        // Absent (not merely empty) lets the runtime choose, and runc chooses SPEC_ALLOW where supported.
        if (names is null) return new SeccompFlagRequest(SeccompFilterFlags.None, SpecAllowIfSupported: true);
        var requested = SeccompFilterFlags.None;
        for (int i = 0; i < names.Count; i++)
        {
            SeccompFilterFlags flag = SeccompNameTables.FindFlag(names[i] ?? "")
                ?? throw new OciRuntimeException($"{Root}.flags[{i}]: unknown flag \"{names[i]}\"");
            requested |= flag;
        }
        return new SeccompFlagRequest(requested & ~SeccompFilterFlags.Tsync, SpecAllowIfSupported: false);
    }

    private static List<SeccompRule> ParseRules(List<LinuxSyscall>? syscalls)
    {
        var rules = new List<SeccompRule>();
        if (syscalls is null) return rules;
        for (int i = 0; i < syscalls.Count; i++)
        {
            string path = $"{Root}.syscalls[{i}]";
            LinuxSyscall syscall = syscalls[i] ?? throw new OciRuntimeException($"{path}: must be an object, not null");
            uint action = ParseAction(syscall.Action, syscall.ErrnoRet, $"{path}.action");
            IReadOnlyList<ScmpArgCmp> args = ParseArgs(syscall.Args, path);
            for (int j = 0; j < syscall.Names.Count; j++)
            {
                string? name = syscall.Names[j];
                if (string.IsNullOrEmpty(name)) throw new OciRuntimeException($"{path}.names[{j}]: a syscall name must not be empty");
                rules.Add(new SeccompRule(i, name, action, args));
            }
        }
        return rules;
    }

    private static ScmpArgCmp[] ParseArgs(List<LinuxSeccompArg>? args, string syscallPath)
    {
        if (args is null) return [];
        var comparisons = new ScmpArgCmp[args.Count];
        for (int k = 0; k < args.Count; k++)
        {
            string path = $"{syscallPath}.args[{k}]";
            LinuxSeccompArg arg = args[k] ?? throw new OciRuntimeException($"{path}: must be an object, not null");
            if (arg.Index >= MaxArguments)
                throw new OciRuntimeException($"{path}.index: {arg.Index} is out of range (a syscall has arguments 0 to {MaxArguments - 1})");
            ScmpCompare op = SeccompNameTables.FindOperator(arg.Op)
                ?? throw new OciRuntimeException($"{path}.op: unknown operator \"{arg.Op}\"");
            comparisons[k] = new ScmpArgCmp(arg.Index, op, arg.Value, arg.ValueTwo ?? 0);
        }
        return comparisons;
    }
}
