namespace OciRuntime.Cgroups.Devices;

/// <summary>
/// Builds an instruction list with forward jumps to named labels, resolved when the program is finished.
/// </summary>
public sealed class BpfAssembler
{
    private readonly List<BpfInstruction> _instructions = [];
    private readonly List<(int Index, string Label)> _pendingJumps = [];
    private readonly Dictionary<string, int> _labels = [];

    public BpfAssembler LoadWord(byte dst, byte src, short offset) =>
        Emit(new BpfInstruction(BpfInstruction.LoadWord, dst, src, offset, 0));

    public BpfAssembler And32(byte dst, int immediate) =>
        Emit(new BpfInstruction(BpfInstruction.And32Imm, dst, 0, 0, immediate));

    public BpfAssembler RightShift32(byte dst, int immediate) =>
        Emit(new BpfInstruction(BpfInstruction.RightShift32Imm, dst, 0, 0, immediate));

    public BpfAssembler Move32(byte dst, byte src) =>
        Emit(new BpfInstruction(BpfInstruction.Move32Reg, dst, src, 0, 0));

    public BpfAssembler Move32(byte dst, int immediate) =>
        Emit(new BpfInstruction(BpfInstruction.Move32Imm, dst, 0, 0, immediate));

    public BpfAssembler JumpIfNotEqual(byte dst, int immediate, string label) =>
        Jump(new BpfInstruction(BpfInstruction.JumpNotEqualImm, dst, 0, 0, immediate), label);

    public BpfAssembler JumpIfNotEqual(byte dst, byte src, string label) =>
        Jump(new BpfInstruction(BpfInstruction.JumpNotEqualReg, dst, src, 0, 0), label);

    public BpfAssembler Exit() => Emit(new BpfInstruction(BpfInstruction.Exit, 0, 0, 0, 0));

    /// <summary>Names the position of the next instruction.</summary>
    public BpfAssembler Label(string name)
    {
        _labels.Add(name, _instructions.Count);
        return this;
    }

    public IReadOnlyList<BpfInstruction> Finish()
    {
        foreach (var (index, label) in _pendingJumps)
        {
            if (!_labels.TryGetValue(label, out var target))
                throw new InvalidOperationException($"BPF label {label} was never placed");
            _instructions[index] = _instructions[index] with { Offset = checked((short)(target - index - 1)) };
        }
        _pendingJumps.Clear();
        return _instructions.ToList();
    }

    private BpfAssembler Jump(BpfInstruction instruction, string label)
    {
        _pendingJumps.Add((_instructions.Count, label));
        return Emit(instruction);
    }

    private BpfAssembler Emit(BpfInstruction instruction)
    {
        _instructions.Add(instruction);
        return this;
    }
}
