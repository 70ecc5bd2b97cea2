using System.Buffers.Binary;

namespace OciRuntime.Seccomp;

/// <summary>
/// Writes a short classic BPF program (struct sock_filter: opcode u16, jt u8, jf u8, k u32, little-endian: the host
/// order seccomp(2) and libseccomp's export use on x86_64, ocirun's only target) with forward jumps to labels,
/// resolved when the program is done.
/// Only the few instructions the -ENOSYS stub needs are offered.
/// </summary>
internal sealed class ClassicBpfWriter
{
    public const ushort LoadWordAbsolute = 0x20; // BPF_LD | BPF_W | BPF_ABS
    public const ushort JumpAlways = 0x05;       // BPF_JMP | BPF_JA
    public const ushort JumpEqual = 0x15;        // BPF_JMP | BPF_JEQ | BPF_K
    public const ushort JumpGreater = 0x25;      // BPF_JMP | BPF_JGT | BPF_K
    public const ushort JumpBitsSet = 0x45;      // BPF_JMP | BPF_JSET | BPF_K
    public const ushort Return = 0x06;           // BPF_RET | BPF_K

    /// <summary>A jump target; <see cref="Next"/> is the following instruction.</summary>
    public readonly record struct Label(int Id)
    {
        public static readonly Label Next = new(-1);
    }

    private readonly record struct Instruction(ushort Code, Label True, Label False, uint K);

    private readonly List<Instruction> _instructions = [];
    private readonly List<int> _labelPositions = [];

    public Label NewLabel()
    {
        _labelPositions.Add(-1);
        return new Label(_labelPositions.Count - 1);
    }

    /// <summary>Places <paramref name="label"/> at the next instruction (or the end of the program).</summary>
    public void Mark(Label label) => _labelPositions[label.Id] = _instructions.Count;

    public void Load(uint offset) => _instructions.Add(new(LoadWordAbsolute, Label.Next, Label.Next, offset));

    public void Jump(Label target) => _instructions.Add(new(JumpAlways, target, Label.Next, 0));

    /// <summary>A conditional jump on the accumulator against <paramref name="k"/>.</summary>
    public void JumpIf(ushort condition, uint k, Label whenTrue, Label whenFalse) =>
        _instructions.Add(new(condition, whenTrue, whenFalse, k));

    public void Ret(uint value) => _instructions.Add(new(Return, Label.Next, Label.Next, value));

    public byte[] ToArray()
    {
        var program = new byte[_instructions.Count * SeccompProgram.InstructionSize];
        for (int i = 0; i < _instructions.Count; i++)
        {
            Instruction instruction = _instructions[i];
            Span<byte> slot = program.AsSpan(i * SeccompProgram.InstructionSize, SeccompProgram.InstructionSize);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, instruction.Code);
            if (instruction.Code == JumpAlways)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], (uint)Offset(i, instruction.True));
                continue;
            }
            if (IsConditional(instruction.Code))
            {
                slot[2] = ShortOffset(i, instruction.True);
                slot[3] = ShortOffset(i, instruction.False);
            }
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], instruction.K);
        }
        return program;
    }

    private static bool IsConditional(ushort code) => code is JumpEqual or JumpGreater or JumpBitsSet;

    // Jumps count instructions skipped after this one; BPF only jumps forwards.
    private int Offset(int from, Label target)
    {
        if (target == Label.Next) return 0;
        int position = _labelPositions[target.Id];
        if (position <= from) throw new InvalidOperationException($"classic BPF: label {target.Id} is not after instruction {from}");
        return position - from - 1;
    }

    private byte ShortOffset(int from, Label target)
    {
        int offset = Offset(from, target);
        return offset <= byte.MaxValue ? (byte)offset
            : throw new InvalidOperationException($"classic BPF: conditional jump of {offset} instructions from {from}");
    }
}
