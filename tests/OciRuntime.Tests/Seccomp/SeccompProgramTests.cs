using System.Runtime.InteropServices;
using OciRuntime.Seccomp;
using Xunit;

namespace OciRuntime.Tests.Seccomp;

public class SeccompProgramTests
{
    [Fact]
    public unsafe void SockFprog_is_a_kernel_sock_fprog_over_the_instructions()
    {
        byte[] bpf = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using var program = new SeccompProgram(bpf, SeccompFilterFlags.SpecAllow);

        byte* fprog = (byte*)program.SockFprog;
        Assert.Equal(2, *(ushort*)fprog);
        byte* filter = *(byte**)(fprog + 8);
        Assert.Equal(bpf, new ReadOnlySpan<byte>(filter, 16).ToArray());
        Assert.Equal(2, program.InstructionCount);
        Assert.False(program.HasListener);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(8 * 4097)]
    public void Rejects_programs_the_kernel_would_reject(int length)
    {
        Assert.Throws<OciRuntimeException>(() => new SeccompProgram(new byte[length], SeccompFilterFlags.None));
    }

    [Fact]
    public void Syscall_number_matches_the_architecture()
    {
        long expected = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 277 : 317;
        Assert.Equal(expected, SeccompProgram.SyscallNumber);
    }

    [Fact]
    public void Disposed_program_refuses_use()
    {
        var program = new SeccompProgram(new byte[8], SeccompFilterFlags.None);
        program.Dispose();
        Assert.Throws<ObjectDisposedException>(() => program.SockFprog);
    }
}
