using System.Buffers.Binary;
using OciRuntime.Seccomp;
using Xunit;
using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Tests.Seccomp;

/// <summary>
/// runc's -ENOSYS stub: what the compiled program answers, run through a classic BPF interpreter (the seccomp
/// filter's semantics, without loading it).
/// </summary>
public class SeccompEnosysStubTests
{
    private const uint X86_64 = 0xc000003e, X32 = 0x4000003e, X86 = 0x40000003, AARCH64 = 0xc00000b7, ARM = 0x40000028;
    private const uint S390X = 0x80000016, RISCV64 = 0xc00000f3;
    private const uint X32Bit = 0x40000000;
    private static readonly uint Eperm = ActErrno(1), Enosys = ActErrno(38);

    private static SeccompProfile Profile(uint defaultAction, uint[] architectures, params SeccompRule[] rules) =>
        new(defaultAction, architectures, new SeccompFlagRequest(SeccompFilterFlags.None, false), rules);

    private static SeccompRule Rule(string name, uint action) => new(0, name, action, []);

    /// <summary>The shape of runc's seccomp_syscall_test1: an EPERM default and a few rules.</summary>
    private static SeccompProfile RuncTestProfile(params uint[] architectures) => Profile(Eperm, architectures,
        Rule("write", ActAllow), Rule("exit_group", ActAllow), Rule("unshare", Eperm), Rule("kcmp", ActErrno(55)));

    // A stand-in for libseccomp's program: everything gets the default action.
    private static byte[] ReturnOnly(uint action)
    {
        var program = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(program, 0x06);
        BinaryPrimitives.WriteUInt32LittleEndian(program.AsSpan(4), action);
        return program;
    }

    private static byte[] CompileReal(SeccompProfile profile) => SeccompCompiler.Compile(profile, LibSeccompNative.Instance).Program;

    [Fact]
    public void Syscalls_past_the_highest_one_named_get_ENOSYS_on_every_listed_architecture()
    {
        byte[] program = CompileReal(RuncTestProfile(X86, X32, X86_64, AARCH64, ARM));

        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 1000, X86_64));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 1000 | X32Bit, X86_64));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 1000, X86));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 1000, AARCH64));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 1000, ARM));
    }

    [Fact]
    public void Syscalls_up_to_the_highest_one_named_keep_their_rule_or_the_default()
    {
        byte[] program = CompileReal(RuncTestProfile(X86, X32, X86_64, AARCH64, ARM));
        const uint write = 1, getpid = 39, kcmp = 312;

        Assert.Equal(ActAllow, ClassicBpfInterpreter.Run(program, write, X86_64));
        Assert.Equal(ActAllow, ClassicBpfInterpreter.Run(program, write | X32Bit, X86_64));
        Assert.Equal(ActAllow, ClassicBpfInterpreter.Run(program, 4, X86)); // i386 write
        Assert.Equal(Eperm, ClassicBpfInterpreter.Run(program, getpid, X86_64));
        Assert.Equal(ActErrno(55), ClassicBpfInterpreter.Run(program, kcmp, X86_64));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, kcmp + 1, X86_64));
    }

    [Fact]
    public void An_architecture_not_listed_gets_libseccomps_bad_architecture_action()
    {
        byte[] program = CompileReal(RuncTestProfile(X86_64));

        Assert.Equal(ActKillThread, ClassicBpfInterpreter.Run(program, 1000, RISCV64));
    }

    [Fact]
    public void X32_alone_leaves_x86_64_numbers_to_the_filter_as_runc_does()
    {
        var lib = new RecordingLibSeccomp { Exported = ReturnOnly(Eperm) };
        byte[] program = SeccompCompiler.Compile(Profile(Eperm, [X32], Rule("mkdir", ActAllow)), lib).Program;

        Assert.Equal(Eperm, ClassicBpfInterpreter.Run(program, 1000, X86_64));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 1000 | X32Bit, X86_64));
        Assert.Equal(Eperm, ClassicBpfInterpreter.Run(program, 83 | X32Bit, X86_64));
    }

    [Fact]
    public void S390_syscall_0_is_an_unknown_number_and_gets_ENOSYS()
    {
        var lib = new RecordingLibSeccomp { Exported = ReturnOnly(Eperm) };
        lib.ArchSyscalls[(S390X, "mkdir")] = 39;
        byte[] program = SeccompCompiler.Compile(Profile(Eperm, [S390X], Rule("mkdir", ActAllow)), lib).Program;

        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 0, S390X));
        Assert.Equal(Eperm, ClassicBpfInterpreter.Run(program, 39, S390X));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 40, S390X));
    }

    [Theory]
    [InlineData(ActAllow)]
    [InlineData(ActLog)]
    [InlineData(0x7ff00001u)] // TRACE(1): a tracer handles new syscalls itself
    [InlineData(0x00050026u)] // ERRNO(ENOSYS) answers the same without a stub
    public void Permissive_or_ENOSYS_defaults_get_no_stub(uint defaultAction)
    {
        byte[] exported = ReturnOnly(defaultAction);
        var lib = new RecordingLibSeccomp { Exported = exported };

        byte[] program = SeccompCompiler.Compile(Profile(defaultAction, [X86_64], Rule("mkdir", ActKillThread)), lib).Program;

        Assert.Equal(exported, program);
    }

    [Theory]
    [InlineData(new uint[0], "mkdir")]  // runc covers the listed architectures only
    [InlineData(new[] { X86_64 }, "read")] // the highest number is 0: runc drops the architecture
    [InlineData(new[] { AARCH64 }, "mkdir")] // no aarch64 number known for the name
    public void Nothing_to_cover_means_no_stub(uint[] architectures, string name)
    {
        byte[] exported = ReturnOnly(Eperm);
        var lib = new RecordingLibSeccomp { Exported = exported };

        byte[] program = SeccompCompiler.Compile(Profile(Eperm, architectures, Rule(name, ActAllow)), lib).Program;

        Assert.Equal(exported, program);
    }

    [Fact]
    public void The_native_architecture_is_dispatched_first()
    {
        var lib = new RecordingLibSeccomp { Exported = ReturnOnly(Eperm) };
        lib.ArchSyscalls[(X86, "mkdir")] = 39;
        byte[] program = SeccompCompiler.Compile(Profile(Eperm, [X86, X86_64], Rule("mkdir", ActAllow)), lib).Program;

        // ld [4]; jeq NATIVE, ...
        Assert.Equal(0x20, BinaryPrimitives.ReadUInt16LittleEndian(program));
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(program.AsSpan(4)));
        Assert.Equal(0x15, BinaryPrimitives.ReadUInt16LittleEndian(program.AsSpan(8)));
        Assert.Equal(X86_64, BinaryPrimitives.ReadUInt32LittleEndian(program.AsSpan(12)));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 40, X86));
        Assert.Equal(Enosys, ClassicBpfInterpreter.Run(program, 84, X86_64));
        Assert.Equal(Eperm, ClassicBpfInterpreter.Run(program, 83, X86_64));
    }
}
