using System.Runtime.Versioning;
using OciRuntime.Seccomp;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Seccomp;

public class SeccompSetupTests
{
    private static readonly byte[] Bpf = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();

    private static ILibSeccomp Untouchable() => throw new InvalidOperationException("libseccomp touched");

    private static string CacheOf(TemporaryDirectory root) => Path.Combine(root.Path, SeccompSetup.CacheDirectoryName);

    [Fact]
    public void No_filter_asked_for_yields_null_and_leaves_the_state_root_alone()
    {
        using var root = new TemporaryDirectory();
        Assert.Null(SeccompSetup.Prepare(null, root.Path, Untouchable, () => "env"));
        Assert.Null(SeccompSetup.Prepare(new LinuxSeccomp(), root.Path, Untouchable, () => "env"));
        Assert.False(Directory.Exists(CacheOf(root)));
    }

    [Fact]
    public void First_container_compiles_and_caches_the_next_one_loads_without_libseccomp()
    {
        using var root = new TemporaryDirectory();
        var lib = new RecordingLibSeccomp { Exported = Bpf };
        byte[] compiled;

        using (SeccompProgram? first = SeccompSetup.Prepare(DockerLikeProfileJson.Seccomp(), root.Path, () => lib, () => "env"))
        {
            Assert.NotNull(first);
            compiled = first.ToArray();
            // The exported program, behind the -ENOSYS stub the EPERM default calls for.
            Assert.Equal(Bpf, compiled[^Bpf.Length..]);
        }
        Assert.Equal("init 0x00050001", lib.Calls[0]);
        Assert.Single(Directory.GetFiles(CacheOf(root), "*.bpf"));

        using SeccompProgram? second = SeccompSetup.Prepare(DockerLikeProfileJson.Seccomp(), root.Path, Untouchable, () => "env");
        Assert.Equal(compiled, second!.ToArray());
        Assert.Equal(SeccompFilterFlags.SpecAllow, second.Flags);
    }

    [Fact]
    public void Invalid_profile_fails_before_libseccomp_or_the_cache()
    {
        using var root = new TemporaryDirectory();
        var seccomp = new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Architectures = ["SCMP_ARCH_VAX"] };

        var error = Assert.Throws<OciRuntimeException>(() => SeccompSetup.Prepare(seccomp, root.Path, Untouchable, () => "env"));

        Assert.Equal("linux.seccomp.architectures[0]: unknown architecture \"SCMP_ARCH_VAX\"", error.Message);
        Assert.False(Directory.Exists(CacheOf(root)));
    }

    [Fact]
    public void Notify_profile_yields_a_program_that_opens_a_listener()
    {
        using var root = new TemporaryDirectory();
        var seccomp = new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ALLOW",
            ListenerPath = "/run/agent.sock",
            Syscalls = [new LinuxSyscall { Names = ["mkdir"], Action = "SCMP_ACT_NOTIFY" }],
        };

        using SeccompProgram? program = SeccompSetup.Prepare(seccomp, root.Path, () => new RecordingLibSeccomp { Exported = Bpf }, () => "env");

        Assert.True(program!.HasListener);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Real_libseccomp_compiles_the_docker_like_config_into_an_owner_only_cache()
    {
        using var dir = new TemporaryDirectory();
        string stateRoot = Path.Combine(dir.Path, "state");
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        using SeccompProgram? program = SeccompSetup.Prepare(DockerLikeProfileJson.Seccomp(), stateRoot);

        Assert.NotNull(program);
        Assert.InRange(program.InstructionCount, 100, SeccompProgram.MaxInstructions);
        Assert.Equal(ownerOnly, File.GetUnixFileMode(stateRoot));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(stateRoot, SeccompSetup.CacheDirectoryName)));
        using SeccompProgram? cached = SeccompSetup.Prepare(DockerLikeProfileJson.Seccomp(), stateRoot, Untouchable, LibSeccompIdentity.Describe);
        Assert.Equal(program.ToArray(), cached!.ToArray());
        Assert.Equal(program.Flags, cached.Flags);
    }
}
