using OciRuntime.Cgroups.Devices;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class DeviceFilterProgramTests
{
    private static readonly DeviceRule DenyAll = DeviceRule.FromSpec(false, null, null, null, "rwm");

    [Fact]
    public void Program_for_a_small_rule_set_is_exactly_these_instructions()
    {
        var program = DeviceFilterProgram.Compile(
            [DenyAll, DeviceRule.FromSpec(true, "c", 1, 3, "rwm"), DeviceRule.FromSpec(true, "b", 8, null, "r")]);

        Assert.Equal(
            [
                "ldxw r2, [r1+0]", "and32 r2, 0xffff", "ldxw r3, [r1+0]", "rsh32 r3, 16", "ldxw r4, [r1+4]", "ldxw r5, [r1+8]",
                // b 8:* r (sorted last by major, so checked first)
                "jne r2, 1, +6", "mov32 r1, r3", "and32 r1, 0x2", "jne r1, r3, +3", "jne r4, 8, +2", "mov32 r0, 1", "exit",
                // c 1:3 rwm
                "jne r2, 2, +4", "jne r4, 1, +3", "jne r5, 3, +2", "mov32 r0, 1", "exit",
                "mov32 r0, 0", "exit",
            ],
            program.Select(i => i.ToString()));
    }

    [Fact]
    public void Default_program_matches_its_golden_disassembly() =>
        Snapshot.Match("cgroups-default-device-program.txt",
            string.Join('\n', DeviceFilterProgram.Compile(DefaultDevices.WithConfig([DenyAll])).Select(i => i.ToString())) + "\n");

    [Theory]
    [InlineData('c', 1u, 3u, "rw", true)]     // /dev/null
    [InlineData('c', 1u, 9u, "r", true)]      // /dev/urandom
    [InlineData('c', 136u, 7u, "rw", true)]   // a pty
    [InlineData('c', 10u, 200u, "rw", true)]  // tun
    [InlineData('c', 4u, 1u, "m", true)]      // mknod of any char device
    [InlineData('b', 8u, 0u, "m", true)]      // mknod of any block device
    [InlineData('b', 8u, 0u, "r", false)]     // reading a disk
    [InlineData('c', 4u, 1u, "rw", false)]    // a tty not in the list
    [InlineData('c', 1u, 1u, "r", false)]     // /dev/mem
    [InlineData('c', 4u, 1u, "rm", false)]    // mknod plus read needs both from one rule
    public void Default_program_allows_exactly_the_default_devices(char type, uint major, uint minor, string access, bool allowed) =>
        Assert.Equal(allowed, BpfDeviceInterpreter.Allows(
            DeviceFilterProgram.Compile(DefaultDevices.WithConfig([DenyAll])), type, major, minor, access));

    [Fact]
    public void Last_matching_rule_wins_and_partial_access_is_checked()
    {
        var program = DeviceFilterProgram.Compile(
        [
            DenyAll,
            DeviceRule.FromSpec(true, "b", 8, null, "rw"),
            DeviceRule.FromSpec(false, "b", 8, null, "w"),
            DeviceRule.FromSpec(true, "c", null, null, "r"),
        ]);

        Assert.True(BpfDeviceInterpreter.Allows(program, 'b', 8, 16, "r"));
        Assert.False(BpfDeviceInterpreter.Allows(program, 'b', 8, 16, "w"));
        Assert.False(BpfDeviceInterpreter.Allows(program, 'b', 8, 16, "rw"));
        Assert.True(BpfDeviceInterpreter.Allows(program, 'c', 99, 1, "r"));
        Assert.False(BpfDeviceInterpreter.Allows(program, 'c', 99, 1, "w"));
        Assert.False(BpfDeviceInterpreter.Allows(program, 'b', 9, 0, "r"));
    }

    [Fact]
    public void Allow_all_compiles_to_a_program_that_allows_everything()
    {
        var program = DeviceFilterProgram.Compile([DeviceRule.FromSpec(true, null, null, null, null)]);

        Assert.Equal(8, program.Count);
        Assert.True(BpfDeviceInterpreter.Allows(program, 'b', 8, 0, "rwm"));
    }

    [Fact]
    public void Encoding_is_the_kernel_struct_bpf_insn_layout()
    {
        var bytes = DeviceFilterProgram.Encode([new BpfInstruction(BpfInstruction.JumpNotEqualImm, 4, 0, 3, 136)]);

        Assert.Equal(new byte[] { 0x55, 0x04, 0x03, 0x00, 0x88, 0x00, 0x00, 0x00 }, bytes);
    }
}
