using OciRuntime.Seccomp;
using Xunit;
using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Tests.Seccomp;

public class SeccompProgramProviderTests
{
    private static readonly SeccompProfile Profile = new(ActErrno(1), [], new SeccompFlagRequest(SeccompFilterFlags.None, false),
        [new SeccompRule(0, "read", ActAllow, []), new SeccompRule(0, "mkdir", ActNotify, [])]);

    private static readonly byte[] Bpf = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Cache_hit_returns_the_same_program_without_touching_libseccomp()
    {
        using var dir = new TemporaryDirectory();
        var cache = new SeccompProgramCache(dir.Path);
        var lib = new RecordingLibSeccomp { Exported = Bpf };
        using (SeccompProgram compiled = new SeccompProgramProvider(cache, () => lib, () => "env").Get(Profile))
        {
            Assert.Equal(Bpf, compiled.ToArray());
            Assert.Equal(SeccompFilterFlags.NewListener, compiled.Flags);
        }

        var offline = new SeccompProgramProvider(cache, () => throw new InvalidOperationException("libseccomp touched"), () => "env");
        using SeccompProgram cached = offline.Get(Profile);

        Assert.Equal(Bpf, cached.ToArray());
        Assert.Equal(SeccompFilterFlags.NewListener, cached.Flags);
    }

    [Fact]
    public void Different_environment_or_profile_is_a_miss()
    {
        using var dir = new TemporaryDirectory();
        var cache = new SeccompProgramCache(dir.Path);
        int compiles = 0;
        Func<ILibSeccomp> lib = () => { compiles++; return new RecordingLibSeccomp { Exported = Bpf }; };

        new SeccompProgramProvider(cache, lib, () => "libseccomp A").Get(Profile).Dispose();
        new SeccompProgramProvider(cache, lib, () => "libseccomp B").Get(Profile).Dispose();
        new SeccompProgramProvider(cache, lib, () => "libseccomp B").Get(Profile with { DefaultAction = ActErrno(2) }).Dispose();
        new SeccompProgramProvider(cache, lib, () => "libseccomp B").Get(Profile).Dispose();

        Assert.Equal(3, compiles);
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void Corrupt_entry_is_recompiled_and_replaced()
    {
        using var dir = new TemporaryDirectory();
        var cache = new SeccompProgramCache(dir.Path);
        var lib = new RecordingLibSeccomp { Exported = Bpf };
        var provider = new SeccompProgramProvider(cache, () => lib, () => "env");
        provider.Get(Profile).Dispose();
        string entry = Directory.GetFiles(dir.Path).Single();
        File.WriteAllBytes(entry, File.ReadAllBytes(entry)[..^8]);
        lib.Calls.Clear();

        using SeccompProgram program = provider.Get(Profile);

        Assert.Contains("export_bpf", lib.Calls);
        Assert.Equal(Bpf, program.ToArray());
        using SeccompProgram? reloaded = cache.TryLoad(SeccompProfileKey.Compute(Profile, "env"));
        Assert.NotNull(reloaded);
    }

    [Fact]
    public void Unwritable_cache_still_yields_the_program()
    {
        using var dir = new TemporaryDirectory();
        string blocker = Path.Combine(dir.Path, "file");
        File.WriteAllText(blocker, "");
        var provider = new SeccompProgramProvider(new SeccompProgramCache(Path.Combine(blocker, "cache")),
            () => new RecordingLibSeccomp { Exported = Bpf }, () => "env");

        using SeccompProgram program = provider.Get(Profile);

        Assert.Equal(Bpf, program.ToArray());
    }

    [Fact]
    public void Real_libseccomp_round_trip_through_the_cache()
    {
        using var dir = new TemporaryDirectory();
        var cache = new SeccompProgramCache(dir.Path);
        SeccompProfile profile = DockerLikeProfile.Build();
        byte[] compiled;
        using (SeccompProgram first = new SeccompProgramProvider(cache, () => LibSeccompNative.Instance, LibSeccompIdentity.Describe).Get(profile))
            compiled = first.ToArray();

        using SeccompProgram second = new SeccompProgramProvider(cache, () => throw new InvalidOperationException("libseccomp touched"), LibSeccompIdentity.Describe).Get(profile);

        Assert.Equal(compiled, second.ToArray());
    }
}
