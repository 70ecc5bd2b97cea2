namespace OciRuntime.Seccomp;

/// <summary>
/// Gets the loadable program for a profile: from the cache when an entry for it verifies (libseccomp is not
/// even loaded then), otherwise compiled with libseccomp and stored for the next container.
/// </summary>
internal sealed class SeccompProgramProvider(SeccompProgramCache cache, Func<ILibSeccomp> library, Func<string> environmentIdentity)
{
    public SeccompProgram Get(SeccompProfile profile)
    {
        byte[] key = SeccompProfileKey.Compute(profile, environmentIdentity());
        SeccompProgram? cached = cache.TryLoad(key);
        if (cached is not null) return cached;

        CompiledSeccompFilter compiled = SeccompCompiler.Compile(profile, library());
        var program = new SeccompProgram(compiled.Program, compiled.Flags);
        try
        {
            cache.Store(key, compiled.Program, compiled.Flags);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full state root costs the next container a compile, nothing more.
            RuntimeLog.Debug($"seccomp: caching the compiled filter in {cache.Directory}: {e.Message}");
        }
        return program;
    }
}
