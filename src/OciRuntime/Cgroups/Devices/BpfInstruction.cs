using System.Buffers.Binary;

namespace OciRuntime.Cgroups.Devices;

/// <summary>
/// One eBPF instruction (struct bpf_insn: opcode, dst/src registers in one byte, 16-bit offset, 32-bit
/// immediate). Only the handful of opcodes the device program needs are named.
/// </summary>
public readonly record struct BpfInstruction(byte OpCode, byte Dst, byte Src, short Offset, int Immediate)
{
    public const byte LoadWord = 0x61;        // BPF_LDX | BPF_MEM | BPF_W: dst = *(u32 *)(src + off)
    public const byte And32Imm = 0x54;        // BPF_ALU | BPF_AND | BPF_K
    public const byte RightShift32Imm = 0x74; // BPF_ALU | BPF_RSH | BPF_K
    public const byte Move32Reg = 0xbc;       // BPF_ALU | BPF_MOV | BPF_X
    public const byte Move32Imm = 0xb4;       // BPF_ALU | BPF_MOV | BPF_K
    public const byte JumpNotEqualImm = 0x55; // BPF_JMP | BPF_JNE | BPF_K: if dst != imm goto pc + 1 + off
    public const byte JumpNotEqualReg = 0x5d; // BPF_JMP | BPF_JNE | BPF_X: if dst != src goto pc + 1 + off
    public const byte Exit = 0x95;            // BPF_JMP | BPF_EXIT: return r0

    public const int Size = 8;

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = OpCode;
        destination[1] = (byte)((Src << 4) | (Dst & 0x0f));
        BinaryPrimitives.WriteInt16LittleEndian(destination[2..], Offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], Immediate);
    }

    public override string ToString() => OpCode switch
    {
        LoadWord => $"ldxw r{Dst}, [r{Src}{Offset:+0;-0}]",
        And32Imm => $"and32 r{Dst}, 0x{Immediate:x}",
        RightShift32Imm => $"rsh32 r{Dst}, {Immediate}",
        Move32Reg => $"mov32 r{Dst}, r{Src}",
        Move32Imm => $"mov32 r{Dst}, {Immediate}",
        JumpNotEqualImm => $"jne r{Dst}, {Immediate}, +{Offset}",
        JumpNotEqualReg => $"jne r{Dst}, r{Src}, +{Offset}",
        Exit => "exit",
        _ => $"op {OpCode:x2} r{Dst} r{Src} {Offset} {Immediate}",
    };
}
