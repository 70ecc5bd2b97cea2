using System.Buffers.Binary;

namespace OciRuntime.Tests.Seccomp;

/// <summary>
/// Runs a seccomp classic BPF program on one <c>struct seccomp_data</c>, as the kernel does, so a test can ask what
/// a compiled filter answers for a syscall without loading it. Knows the instructions libseccomp and the -ENOSYS
/// stub emit; any other one fails the test.
/// </summary>
internal static class ClassicBpfInterpreter
{
    public static uint Run(byte[] program, uint nr, uint arch, params ulong[] args)
    {
        // struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }
        var data = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(data, nr);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), arch);
        for (int i = 0; i < args.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16 + 8 * i), args[i]);

        uint a = 0, x = 0;
        var memory = new uint[16];
        for (int pc = 0; pc * 8 < program.Length; pc++)
        {
            var insn = program.AsSpan(pc * 8, 8);
            ushort code = BinaryPrimitives.ReadUInt16LittleEndian(insn);
            byte jt = insn[2], jf = insn[3];
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(insn[4..]);
            switch (code)
            {
                case 0x20: a = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)k)); break; // ld [k]
                case 0x00: a = k; break;                                                              // ld #k
                case 0x60: a = memory[k]; break;                                                      // ld M[k]
                case 0x61: x = memory[k]; break;                                                      // ldx M[k]
                case 0x01: x = k; break;                                                              // ldx #k
                case 0x02: memory[k] = a; break;                                                      // st M[k]
                case 0x03: memory[k] = x; break;                                                      // stx M[k]
                case 0x54: a &= k; break;                                                             // and #k
                case 0x87: a = x; break;                                                              // txa
                case 0x07: x = a; break;                                                              // tax
                case 0x05: pc += (int)k; break;                                                       // ja
                case 0x15: pc += a == k ? jt : jf; break;                                             // jeq #k
                case 0x25: pc += a > k ? jt : jf; break;                                              // jgt #k
                case 0x35: pc += a >= k ? jt : jf; break;                                             // jge #k
                case 0x45: pc += (a & k) != 0 ? jt : jf; break;                                       // jset #k
                case 0x1d: pc += a == x ? jt : jf; break;                                             // jeq x
                case 0x2d: pc += a > x ? jt : jf; break;                                              // jgt x
                case 0x3d: pc += a >= x ? jt : jf; break;                                             // jge x
                case 0x06: return k;                                                                  // ret #k
                default: throw new InvalidOperationException($"instruction {pc}: opcode 0x{code:x2} not interpreted");
            }
        }
        throw new InvalidOperationException("the program ran off its end");
    }
}
