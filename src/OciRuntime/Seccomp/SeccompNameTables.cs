using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Seccomp;

/// <param name="Since">The first libseccomp release that can put the action into a filter.</param>
/// <param name="TakesErrno">SCMP_ACT_ERRNO and SCMP_ACT_TRACE carry <c>errnoRet</c> in their low 16 bits.</param>
internal sealed record SeccompActionName(string Name, uint Action, bool TakesErrno, LibSeccompVersion Since)
{
    private const uint EPERM = 1;

    /// <summary>The action value for a rule; without <c>errnoRet</c> ERRNO and TRACE return EPERM, as in runc.</summary>
    public uint WithErrno(uint? errnoRet) => TakesErrno ? Action | ((errnoRet ?? EPERM) & 0xffff) : Action;
}

/// <summary>
/// The names config.json uses for seccomp (libseccomp's SCMP_ACT_*, SCMP_ARCH_*, SCMP_CMP_* and the kernel's
/// SECCOMP_FILTER_FLAG_*) with their libseccomp values: the vocabulary the parser accepts and, sorted as runc
/// lists them, the candidates <see cref="SeccompFeatures"/> reports.
/// </summary>
internal static class SeccompNameTables
{
    private static readonly LibSeccompVersion Any = new(2, 0, 0);

    public static readonly IReadOnlyList<SeccompActionName> Actions =
    [
        new("SCMP_ACT_ALLOW", ActAllow, false, Any),
        new("SCMP_ACT_ERRNO", ActErrnoBase, true, Any),
        // runc maps the plain KILL to KILL_THREAD (libseccomp's SCMP_ACT_KILL is the same value).
        new("SCMP_ACT_KILL", ActKillThread, false, Any),
        new("SCMP_ACT_KILL_PROCESS", ActKillProcess, false, new(2, 4, 0)),
        new("SCMP_ACT_KILL_THREAD", ActKillThread, false, Any),
        new("SCMP_ACT_LOG", ActLog, false, new(2, 4, 0)),
        new("SCMP_ACT_NOTIFY", ActNotify, false, new(2, 5, 0)),
        new("SCMP_ACT_TRACE", ActTraceBase, true, Any),
        new("SCMP_ACT_TRAP", ActTrap, false, Any),
    ];

    /// <summary>AUDIT_ARCH_* tokens: the runtime-spec's list plus LoongArch, which runc also accepts.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, uint>> Architectures =
    [
        new("SCMP_ARCH_AARCH64", 0xc00000b7),
        new("SCMP_ARCH_ARM", 0x40000028),
        new("SCMP_ARCH_LOONGARCH64", 0xc0000102),
        new("SCMP_ARCH_MIPS", 0x00000008),
        new("SCMP_ARCH_MIPS64", 0x80000008),
        new("SCMP_ARCH_MIPS64N32", 0xa0000008),
        new("SCMP_ARCH_MIPSEL", 0x40000008),
        new("SCMP_ARCH_MIPSEL64", 0xc0000008),
        new("SCMP_ARCH_MIPSEL64N32", 0xe0000008),
        new("SCMP_ARCH_PARISC", 0x0000000f),
        new("SCMP_ARCH_PARISC64", 0x8000000f),
        new("SCMP_ARCH_PPC", 0x00000014),
        new("SCMP_ARCH_PPC64", 0x80000015),
        new("SCMP_ARCH_PPC64LE", 0xc0000015),
        new("SCMP_ARCH_RISCV64", 0xc00000f3),
        new("SCMP_ARCH_S390", 0x00000016),
        new("SCMP_ARCH_S390X", 0x80000016),
        new("SCMP_ARCH_X32", 0x4000003e),
        new("SCMP_ARCH_X86", 0x40000003),
        new("SCMP_ARCH_X86_64", 0xc000003e),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, ScmpCompare>> Operators =
    [
        new("SCMP_CMP_EQ", ScmpCompare.Equal),
        new("SCMP_CMP_GE", ScmpCompare.GreaterOrEqual),
        new("SCMP_CMP_GT", ScmpCompare.GreaterThan),
        new("SCMP_CMP_LE", ScmpCompare.LessOrEqual),
        new("SCMP_CMP_LT", ScmpCompare.LessThan),
        new("SCMP_CMP_MASKED_EQ", ScmpCompare.MaskedEqual),
        new("SCMP_CMP_NE", ScmpCompare.NotEqual),
    ];

    /// <summary>In runc's order. TSYNC is not in the runtime-spec; runc accepts it and ignores it (the filter only
    /// ever needs the thread that execs).</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, SeccompFilterFlags>> Flags =
    [
        new("SECCOMP_FILTER_FLAG_TSYNC", SeccompFilterFlags.Tsync),
        new("SECCOMP_FILTER_FLAG_SPEC_ALLOW", SeccompFilterFlags.SpecAllow),
        new("SECCOMP_FILTER_FLAG_LOG", SeccompFilterFlags.Log),
        new("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", SeccompFilterFlags.WaitKillableRecv),
    ];

    private static readonly Dictionary<string, SeccompActionName> ActionsByName = Actions.ToDictionary(action => action.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, uint> ArchitecturesByName = new(Architectures, StringComparer.Ordinal);
    private static readonly Dictionary<string, ScmpCompare> OperatorsByName = new(Operators, StringComparer.Ordinal);
    private static readonly Dictionary<string, SeccompFilterFlags> FlagsByName = new(Flags, StringComparer.Ordinal);

    public static SeccompActionName? FindAction(string name) => ActionsByName.GetValueOrDefault(name);

    public static uint? FindArchitecture(string name) => ArchitecturesByName.TryGetValue(name, out uint token) ? token : null;

    public static ScmpCompare? FindOperator(string name) => OperatorsByName.TryGetValue(name, out ScmpCompare op) ? op : null;

    public static SeccompFilterFlags? FindFlag(string name) => FlagsByName.TryGetValue(name, out SeccompFilterFlags flag) ? flag : null;
}
