using OciRuntime.Seccomp;
using Xunit;
using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Tests.Seccomp;

/// <summary>Compiles with the libseccomp installed on the build host.</summary>
public class RealLibSeccompCompileTests
{
    [Fact]
    public void Small_profile_compiles_to_a_program()
    {
        var profile = new SeccompProfile(ActAllow, [], new SeccompFlagRequest(SeccompFilterFlags.None, false),
            [new SeccompRule(0, "mkdir", ActErrno(1), []), new SeccompRule(1, "mkdirat", ActErrno(1), [])]);

        CompiledSeccompFilter compiled = SeccompCompiler.Compile(profile, LibSeccompNative.Instance);

        Assert.NotEmpty(compiled.Program);
        Assert.Equal(0, compiled.Program.Length % SeccompProgram.InstructionSize);
        Assert.Equal(SeccompFilterFlags.None, compiled.Flags);
    }

    [Fact]
    public void Docker_like_profile_with_three_architectures_compiles()
    {
        CompiledSeccompFilter compiled = SeccompCompiler.Compile(DockerLikeProfile.Build(), LibSeccompNative.Instance);

        int instructions = compiled.Program.Length / SeccompProgram.InstructionSize;
        Assert.Equal(0, compiled.Program.Length % SeccompProgram.InstructionSize);
        Assert.InRange(instructions, 100, SeccompProgram.MaxInstructions);
        Assert.Equal(SeccompFilterFlags.SpecAllow, compiled.Flags);
    }

    [Fact]
    public void Same_profile_compiles_to_the_same_bytes()
    {
        byte[] first = SeccompCompiler.Compile(DockerLikeProfile.Build(), LibSeccompNative.Instance).Program;
        byte[] second = SeccompCompiler.Compile(DockerLikeProfile.Build(), LibSeccompNative.Instance).Program;
        Assert.Equal(first, second);
    }
}
