namespace OciRuntime.Seccomp;

/// <summary>
/// The <c>linux.seccomp</c> part of the OCI features document, as lists the document builder copies. Each list
/// holds only what works here: names the parser accepts that the installed libseccomp can compile on this
/// architecture, and flags this libseccomp and kernel can load. Without libseccomp nothing works and every
/// list is empty.
/// </summary>
/// <param name="LibseccompVersion">For the <see cref="LibseccompVersionAnnotation"/> annotation; null without libseccomp.</param>
public sealed record SeccompFeatures(
    bool Enabled,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Operators,
    IReadOnlyList<string> Archs,
    IReadOnlyList<string> KnownFlags,
    IReadOnlyList<string> SupportedFlags,
    string? LibseccompVersion)
{
    /// <summary>The annotation runc puts the libseccomp version in (runtime-spec features, runc's features.go).</summary>
    public const string LibseccompVersionAnnotation = "io.github.seccomp.libseccomp.version";

    private const int EEXIST = 17;

    private static readonly SeccompFeatures Disabled = new(false, [], [], [], [], [], null);

    /// <summary>
    /// Loads libseccomp and asks it and the kernel; a few dozen filter allocations and one syscall, so call it
    /// for <c>features</c> only, not on every container start.
    /// </summary>
    public static SeccompFeatures Detect() => Detect(LibSeccompNative.IsAvailable ? LibSeccompNative.Instance : null);

    internal static SeccompFeatures Detect(ILibSeccomp? lib)
    {
        if (lib is null) return Disabled;
        List<string> actions = SeccompNameTables.Actions.Where(action => IsAtLeast(lib.Version, action.Since)).Select(action => action.Name).ToList();
        return new SeccompFeatures(
            Enabled: true,
            actions,
            SeccompNameTables.Operators.Select(op => op.Key).ToList(),
            SeccompNameTables.Architectures.Where(arch => CanAddArchitecture(lib, arch.Value)).Select(arch => arch.Key).ToList(),
            SeccompNameTables.Flags.Select(flag => flag.Key).ToList(),
            SeccompNameTables.Flags.Where(flag => CanLoadWith(lib, flag.Value, actions)).Select(flag => flag.Key).ToList(),
            lib.Version.ToString());
    }

    private static bool IsAtLeast(LibSeccompVersion version, LibSeccompVersion minimum) =>
        (version.Major, version.Minor, version.Micro).CompareTo((minimum.Major, minimum.Minor, minimum.Micro)) >= 0;

    // libseccomp refuses architectures it does not know (EINVAL) and, on this host, those of the other
    // endianness (EDOM): the compiler would fail on the same call.
    private static bool CanAddArchitecture(ILibSeccomp lib, uint token) =>
        WithFilter(lib, filter => lib.ArchAdd(filter, token) is 0 or -EEXIST);

    // The same checks the compiler makes before it accepts a requested flag.
    private static bool CanLoadWith(ILibSeccomp lib, SeccompFilterFlags flag, List<string> actions) => flag switch
    {
        SeccompFilterFlags.Tsync => true, // accepted and dropped, as in runc
        SeccompFilterFlags.Log => WithFilter(lib, filter => lib.AttrSet(filter, ScmpFilterAttribute.Log, 1) == 0),
        SeccompFilterFlags.SpecAllow => WithFilter(lib, filter => lib.AttrSet(filter, ScmpFilterAttribute.SpecStoreBypass, 1) == 0),
        // Only has an effect with a listener, so it needs SCMP_ACT_NOTIFY too.
        SeccompFilterFlags.WaitKillableRecv => actions.Contains("SCMP_ACT_NOTIFY")
            && lib.KernelAcceptsFlags(SeccompFilterFlags.NewListener | SeccompFilterFlags.WaitKillableRecv),
        _ => false,
    };

    private static bool WithFilter(ILibSeccomp lib, Func<IntPtr, bool> probe)
    {
        IntPtr filter = lib.Init(LibSeccompConstants.ActAllow);
        if (filter == IntPtr.Zero) return false;
        try
        {
            return probe(filter);
        }
        finally
        {
            lib.Release(filter);
        }
    }
}
