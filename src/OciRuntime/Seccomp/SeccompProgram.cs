using System.Runtime.InteropServices;
using Tmds.Linux;
using OciRuntime.Linux;

namespace OciRuntime.Seccomp;

/// <summary>
/// A compiled BPF filter held in native memory as a ready <c>struct sock_fprog</c>, so either the managed init
/// stage (<see cref="Install"/>) or a raw-syscall child after fork (no managed code: <c>syscall(SyscallNumber,
/// SECCOMP_SET_MODE_FILTER, Flags, SockFprog)</c>) can load it. The memory lives until <see cref="Dispose"/>; a
/// forked child has its own copy.
/// </summary>
public sealed unsafe class SeccompProgram : IDisposable
{
    /// <summary>Size of one <c>struct sock_filter</c>.</summary>
    public const int InstructionSize = 8;

    /// <summary>BPF_MAXINSNS: the kernel rejects longer programs.</summary>
    public const int MaxInstructions = 4096;

    // struct sock_fprog { unsigned short len; struct sock_filter *filter; } on LP64: 16 bytes, the program follows.
    private const int FprogSize = 16;

    private byte* _memory;

    public SeccompProgram(ReadOnlySpan<byte> bpf, SeccompFilterFlags flags)
    {
        if (bpf.Length == 0 || bpf.Length % InstructionSize != 0 || bpf.Length / InstructionSize > MaxInstructions)
            throw new OciRuntimeException($"seccomp: invalid BPF program of {bpf.Length} bytes");
        InstructionCount = bpf.Length / InstructionSize;
        Flags = flags;
        _memory = (byte*)NativeMemory.AlignedAlloc((nuint)(FprogSize + bpf.Length), 8);
        byte* program = _memory + FprogSize;
        bpf.CopyTo(new Span<byte>(program, bpf.Length));
        *(ulong*)_memory = (ushort)InstructionCount;
        *(byte**)(_memory + 8) = program;
    }

    public int InstructionCount { get; }

    /// <summary>The SECCOMP_FILTER_FLAG_* to load with; <see cref="SeccompFilterFlags.NewListener"/> when the
    /// profile has SCMP_ACT_NOTIFY rules.</summary>
    public SeccompFilterFlags Flags { get; }

    public bool HasListener => (Flags & SeccompFilterFlags.NewListener) != 0;

    /// <summary>Address of the <c>struct sock_fprog</c>, the third argument of seccomp(2).</summary>
    public IntPtr SockFprog => (IntPtr)Live;

    /// <summary>__NR_seccomp for this architecture.</summary>
    public static long SyscallNumber => SyscallNumbers.seccomp;

    /// <summary>SECCOMP_SET_MODE_FILTER, the first argument of seccomp(2).</summary>
    public const int SetModeFilter = SeccompSyscalls.SetModeFilter;

    /// <summary>A copy of the BPF instructions.</summary>
    public byte[] ToArray() => new ReadOnlySpan<byte>(Live + FprogSize, InstructionCount * InstructionSize).ToArray();

    /// <summary>
    /// Loads the filter for the calling thread (and what it execs). The caller must have no_new_privs set or
    /// CAP_SYS_ADMIN. Call it as late as possible: every later syscall of ours is filtered too.
    /// </summary>
    /// <returns>The notify fd when <see cref="HasListener"/>, otherwise -1.</returns>
    public int Install()
    {
        long rc = SeccompSyscalls.Seccomp(SetModeFilter, (uint)Flags, Live);
        if (rc < 0)
        {
            string hint = rc == -LibC.EACCES ? " (needs no_new_privs or CAP_SYS_ADMIN)" : "";
            throw new OciRuntimeException($"seccomp: loading the filter (flags 0x{(uint)Flags:x}): {Errno.Describe((int)-rc)}{hint}");
        }
        return HasListener ? (int)rc : -1;
    }

    public void Dispose()
    {
        if (_memory is null) return;
        NativeMemory.AlignedFree(_memory);
        _memory = null;
    }

    private byte* Live => _memory is not null ? _memory : throw new ObjectDisposedException(nameof(SeccompProgram));
}
