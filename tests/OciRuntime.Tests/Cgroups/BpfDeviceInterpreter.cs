using OciRuntime.Cgroups.Devices;

namespace OciRuntime.Tests.Cgroups;

/// <summary>
/// Runs a device program the way the kernel would against one access (bpf_cgroup_dev_ctx), for the opcodes the
/// compiler emits; anything else fails the test.
/// </summary>
internal static class BpfDeviceInterpreter
{
    public static bool Allows(IReadOnlyList<BpfInstruction> program, char type, uint major, uint minor, string access)
    {
        var accessBits = (access.Contains('m') ? DeviceFilterProgram.AccessMknod : 0) |
                         (access.Contains('r') ? DeviceFilterProgram.AccessRead : 0) |
                         (access.Contains('w') ? DeviceFilterProgram.AccessWrite : 0);
        var typeBits = type == 'b' ? DeviceFilterProgram.TypeBlock : DeviceFilterProgram.TypeChar;
        uint[] context = [(uint)(accessBits << 16 | typeBits), major, minor];

        var registers = new ulong[11];
        var pc = 0;
        for (var steps = 0; steps < 10_000; steps++)
        {
            var insn = program[pc++];
            switch (insn.OpCode)
            {
                case BpfInstruction.LoadWord:
                    if (insn.Src != 1 || insn.Offset % 4 != 0) throw new InvalidOperationException($"bad load {insn}");
                    registers[insn.Dst] = context[insn.Offset / 4];
                    break;
                case BpfInstruction.And32Imm:
                    registers[insn.Dst] = (uint)registers[insn.Dst] & (uint)insn.Immediate;
                    break;
                case BpfInstruction.RightShift32Imm:
                    registers[insn.Dst] = (uint)registers[insn.Dst] >> insn.Immediate;
                    break;
                case BpfInstruction.Move32Reg:
                    registers[insn.Dst] = (uint)registers[insn.Src];
                    break;
                case BpfInstruction.Move32Imm:
                    registers[insn.Dst] = (uint)insn.Immediate;
                    break;
                case BpfInstruction.JumpNotEqualImm:
                    if (registers[insn.Dst] != (ulong)(long)insn.Immediate) pc += insn.Offset;
                    break;
                case BpfInstruction.JumpNotEqualReg:
                    if (registers[insn.Dst] != registers[insn.Src]) pc += insn.Offset;
                    break;
                case BpfInstruction.Exit:
                    return registers[0] switch
                    {
                        1 => true,
                        0 => false,
                        var r0 => throw new InvalidOperationException($"program returned {r0}"),
                    };
                default:
                    throw new InvalidOperationException($"unexpected instruction {insn}");
            }
        }
        throw new InvalidOperationException("program did not exit");
    }
}
