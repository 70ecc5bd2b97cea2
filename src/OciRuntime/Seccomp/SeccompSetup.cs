using OciRuntime.Spec;

namespace OciRuntime.Seccomp;

/// <summary>The container lifecycle's one entry point into seccomp: config in, loadable program out.</summary>
public static class SeccompSetup
{
    /// <summary>Directory under the state root holding compiled filters shared by all containers.</summary>
    // Hidden, and never a container id ("~" is not allowed in one), so `list` and other tools skip it.
    public const string CacheDirectoryName = ".~seccomp-cache";

    /// <summary>
    /// Validates <paramref name="seccomp"/> and returns its compiled filter, from
    /// <c>&lt;stateRoot&gt;/seccomp-cache</c> when this profile was compiled before on this libseccomp and kernel.
    /// The caller loads it with <see cref="SeccompProgram.Install"/> (or raw seccomp(2)) right before exec,
    /// hands the notify fd to <c>listenerPath</c> when <see cref="SeccompProgram.HasListener"/>, and disposes it.
    /// </summary>
    /// <returns>Null when the config asks for no filter.</returns>
    /// <exception cref="OciRuntimeException">The profile is invalid, or it must be compiled and libseccomp is
    /// missing or rejects it.</exception>
    public static SeccompProgram? Prepare(LinuxSeccomp? seccomp, string stateRoot) =>
        Prepare(seccomp, stateRoot, () => LibSeccompNative.Instance, LibSeccompIdentity.Describe);

    internal static SeccompProgram? Prepare(LinuxSeccomp? seccomp, string stateRoot, Func<ILibSeccomp> library, Func<string> environmentIdentity)
    {
        SeccompProfile? profile = SeccompProfileParser.Parse(seccomp);
        if (profile is null) return null;
        var cache = new SeccompProgramCache(Path.Combine(stateRoot, CacheDirectoryName));
        return new SeccompProgramProvider(cache, library, environmentIdentity).Get(profile);
    }
}
