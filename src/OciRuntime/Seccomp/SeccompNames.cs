namespace OciRuntime.Seccomp;

/// <summary>
/// libseccomp's vocabulary as config.json uses it, with the numbers the kernel and libseccomp use
/// (seccomp.h of libseccomp 2.5, linux/seccomp.h, linux/audit.h). Names are matched exactly.
/// </summary>
public static class SeccompNames
{
    /// <summary>EPERM: the errno of SCMP_ACT_ERRNO and SCMP_ACT_TRACE when config.json gives none, as runc does.</summary>
    public const uint DefaultErrno = 1;

    /// <summary>SECCOMP_RET_* action values; ERRNO and TRACE carry a 16-bit datum in their low bits.</summary>
    public static IReadOnlyDictionary<string, uint> Actions { get; } = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["SCMP_ACT_KILL"] = 0x00000000,
        ["SCMP_ACT_KILL_THREAD"] = 0x00000000,
        ["SCMP_ACT_KILL_PROCESS"] = 0x80000000,
        ["SCMP_ACT_TRAP"] = 0x00030000,
        ["SCMP_ACT_ERRNO"] = 0x00050000,
        ["SCMP_ACT_TRACE"] = 0x7ff00000,
        ["SCMP_ACT_NOTIFY"] = 0x7fc00000,
        ["SCMP_ACT_LOG"] = 0x7ffc0000,
        ["SCMP_ACT_ALLOW"] = 0x7fff0000,
    };

    /// <summary>AUDIT_ARCH_* values, the seccomp_data.arch a filter compares against.</summary>
    public static IReadOnlyDictionary<string, uint> Architectures { get; } = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["SCMP_ARCH_X86"] = 0x40000003,
        ["SCMP_ARCH_X86_64"] = 0xC000003E,
        ["SCMP_ARCH_X32"] = 0x4000003E,
        ["SCMP_ARCH_ARM"] = 0x40000028,
        ["SCMP_ARCH_AARCH64"] = 0xC00000B7,
        ["SCMP_ARCH_MIPS"] = 0x00000008,
        ["SCMP_ARCH_MIPS64"] = 0x80000008,
        ["SCMP_ARCH_MIPS64N32"] = 0xA0000008,
        ["SCMP_ARCH_MIPSEL"] = 0x40000008,
        ["SCMP_ARCH_MIPSEL64"] = 0xC0000008,
        ["SCMP_ARCH_MIPSEL64N32"] = 0xE0000008,
        ["SCMP_ARCH_PPC"] = 0x00000014,
        ["SCMP_ARCH_PPC64"] = 0x80000015,
        ["SCMP_ARCH_PPC64LE"] = 0xC0000015,
        ["SCMP_ARCH_S390"] = 0x00000016,
        ["SCMP_ARCH_S390X"] = 0x80000016,
        ["SCMP_ARCH_PARISC"] = 0x0000000F,
        ["SCMP_ARCH_PARISC64"] = 0x8000000F,
        ["SCMP_ARCH_RISCV64"] = 0xC00000F3,
        ["SCMP_ARCH_LOONGARCH64"] = 0xC0000102,
    };

    /// <summary>libseccomp's enum scmp_compare.</summary>
    public static IReadOnlyDictionary<string, int> Operators { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["SCMP_CMP_NE"] = 1,
        ["SCMP_CMP_LT"] = 2,
        ["SCMP_CMP_LE"] = 3,
        ["SCMP_CMP_EQ"] = 4,
        ["SCMP_CMP_GE"] = 5,
        ["SCMP_CMP_GT"] = 6,
        ["SCMP_CMP_MASKED_EQ"] = 7,
    };

    /// <summary>
    /// SECCOMP_FILTER_FLAG_* a config may ask for. TSYNC is not in runtime-spec but runc accepts it (and has
    /// nothing to do: the filter is loaded by a single-threaded process).
    /// </summary>
    public static IReadOnlyDictionary<string, uint> FilterFlags { get; } = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["SECCOMP_FILTER_FLAG_TSYNC"] = 1u << 0,
        ["SECCOMP_FILTER_FLAG_LOG"] = 1u << 1,
        ["SECCOMP_FILTER_FLAG_SPEC_ALLOW"] = 1u << 2,
        ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"] = 1u << 5,
    };

    /// <summary>Whether an action carries an errno (errnoRet / defaultErrnoRet are only valid for these).</summary>
    public static bool TakesErrno(string action) => action is "SCMP_ACT_ERRNO" or "SCMP_ACT_TRACE";

    /// <summary>
    /// The filter return value for an action name; ERRNO and TRACE get <paramref name="errnoRet"/> (EPERM when
    /// null) in their data bits. False for an unknown name.
    /// </summary>
    public static bool TryGetAction(string name, uint? errnoRet, out uint value)
    {
        if (!Actions.TryGetValue(name, out value)) return false;
        if (TakesErrno(name)) value |= (errnoRet ?? DefaultErrno) & 0xFFFF;
        return true;
    }

    public static bool TryGetArchitecture(string name, out uint auditArch) => Architectures.TryGetValue(name, out auditArch);

    public static bool TryGetOperator(string name, out int op) => Operators.TryGetValue(name, out op);

    public static bool TryGetFilterFlag(string name, out uint flag) => FilterFlags.TryGetValue(name, out flag);
}
