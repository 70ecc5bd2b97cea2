namespace OciRuntime.Seccomp;

/// <summary>
/// A validated <c>linux.seccomp</c> with every name resolved to its libseccomp value: the input of the compiler
/// and of the cache key. Rules keep their order and the index of the <c>syscalls</c> entry they came from (for
/// error messages); a <c>names</c> list of N names becomes N rules, as in runc.
/// </summary>
internal sealed record SeccompProfile(
    uint DefaultAction,
    IReadOnlyList<uint> Architectures,
    SeccompFlagRequest Flags,
    IReadOnlyList<SeccompRule> Rules)
{
    public bool HasNotify => Rules.Any(rule => rule.Action == LibSeccompConstants.ActNotify);
}

/// <param name="Requested">The flags the profile names (TSYNC is accepted and dropped, as in runc).</param>
/// <param name="SpecAllowIfSupported">The profile has no <c>flags</c> at all: use SPEC_ALLOW when the kernel and
/// libseccomp support it (runc's default since it learnt the flags).</param>
internal readonly record struct SeccompFlagRequest(SeccompFilterFlags Requested, bool SpecAllowIfSupported);

internal sealed record SeccompRule(int SyscallsIndex, string Name, uint Action, IReadOnlyList<ScmpArgCmp> Args);
