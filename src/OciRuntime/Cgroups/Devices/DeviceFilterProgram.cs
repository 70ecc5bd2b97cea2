namespace OciRuntime.Cgroups.Devices;

/// <summary>
/// Compiles device rules to a BPF_PROG_TYPE_CGROUP_DEVICE program. The rules are first normalised with
/// <see cref="DeviceRuleSet"/> (so v2 grants exactly what v1 would), then each exception becomes a block that
/// returns its verdict when the device matches, later rules first so the last matching rule wins; a device no
/// block matches gets the default. The context (struct bpf_cgroup_dev_ctx) is three u32: access_type
/// (access &lt;&lt; 16 | type), major, minor.
/// </summary>
public static class DeviceFilterProgram
{
    public const string License = "Apache";

    // bpf_cgroup_dev_ctx encodings (include/uapi/linux/bpf.h).
    public const int TypeBlock = 1;
    public const int TypeChar = 2;
    public const int AccessMknod = 1;
    public const int AccessRead = 2;
    public const int AccessWrite = 4;

    private const byte R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5;

    public static IReadOnlyList<BpfInstruction> Compile(IEnumerable<DeviceRule> rules)
    {
        var set = DeviceRuleSet.From(rules);
        var asm = new BpfAssembler()
            .LoadWord(R2, R1, 0).And32(R2, 0xffff)     // r2 = device type
            .LoadWord(R3, R1, 0).RightShift32(R3, 16)  // r3 = requested access
            .LoadWord(R4, R1, 4)                       // r4 = major
            .LoadWord(R5, R1, 8);                      // r5 = minor

        var exceptions = set.Exceptions;
        for (var i = exceptions.Count - 1; i >= 0; i--)
        {
            var rule = exceptions[i];
            var next = $"block-{exceptions.Count - i}";
            asm.JumpIfNotEqual(R2, rule.Type == 'b' ? TypeBlock : TypeChar, next);
            if (rule.Access != DeviceAccess.All)
            {
                // Matches only if every requested access bit is among the rule's.
                asm.Move32(R1, R3).And32(R1, ToBpfAccess(rule.Access)).JumpIfNotEqual(R1, R3, next);
            }
            if (rule.Major != DeviceRule.Wildcard) asm.JumpIfNotEqual(R4, checked((int)rule.Major), next);
            if (rule.Minor != DeviceRule.Wildcard) asm.JumpIfNotEqual(R5, checked((int)rule.Minor), next);
            asm.Move32(R0, rule.Allow ? 1 : 0).Exit().Label(next);
        }
        return asm.Move32(R0, set.DefaultAllow ? 1 : 0).Exit().Finish();
    }

    public static byte[] Encode(IReadOnlyList<BpfInstruction> program)
    {
        var bytes = new byte[program.Count * BpfInstruction.Size];
        for (var i = 0; i < program.Count; i++) program[i].WriteTo(bytes.AsSpan(i * BpfInstruction.Size));
        return bytes;
    }

    private static int ToBpfAccess(DeviceAccess access) =>
        ((access & DeviceAccess.Read) != 0 ? AccessRead : 0) |
        ((access & DeviceAccess.Write) != 0 ? AccessWrite : 0) |
        ((access & DeviceAccess.Mknod) != 0 ? AccessMknod : 0);
}
