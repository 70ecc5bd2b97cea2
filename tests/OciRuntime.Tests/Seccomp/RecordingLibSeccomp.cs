using OciRuntime.Seccomp;

namespace OciRuntime.Tests.Seccomp;

/// <summary>Records the libseccomp calls the compiler makes, one line each; answers from small tables.</summary>
internal sealed class RecordingLibSeccomp : ILibSeccomp
{
    private static readonly IntPtr Filter = 0x1000;

    public List<string> Calls { get; } = [];

    public Dictionary<string, int> Syscalls { get; } = new()
    {
        ["read"] = 0, ["write"] = 1, ["mkdir"] = 83, ["personality"] = 135, ["socket"] = 41, ["clone"] = 56,
    };

    /// <summary>Return codes per call kind ("arch_add", "attr_set Log", "rule_add mkdir") for failure paths.</summary>
    public Dictionary<string, int> Failures { get; } = [];

    public bool KernelHasWaitKillable { get; set; } = true;

    public byte[] Exported { get; set; } = new byte[16];

    public LibSeccompVersion Version { get; set; } = new(2, 5, 4);

    public uint NativeArch => 0xc000003e;

    public IntPtr Init(uint defaultAction)
    {
        Calls.Add($"init 0x{defaultAction:x8}");
        return Failures.ContainsKey("init") ? IntPtr.Zero : Filter;
    }

    public void Release(IntPtr filter) => Calls.Add("release");

    public int ArchAdd(IntPtr filter, uint archToken)
    {
        Calls.Add($"arch_add 0x{archToken:x8}");
        return Failures.GetValueOrDefault($"arch_add 0x{archToken:x8}");
    }

    public int ArchRemove(IntPtr filter, uint archToken)
    {
        Calls.Add($"arch_remove 0x{archToken:x8}");
        return 0;
    }

    public int ResolveSyscall(string name) => Syscalls.TryGetValue(name, out int nr) ? nr : LibSeccompConstants.NrScmpError;

    /// <summary>Numbers on architectures other than x86_64 (whose are <see cref="Syscalls"/>, and x32's the same
    /// with bit 30 set).</summary>
    public Dictionary<(uint Arch, string Name), int> ArchSyscalls { get; } = [];

    public int ResolveSyscall(string name, uint archToken)
    {
        if (ArchSyscalls.TryGetValue((archToken, name), out int number)) return number;
        int native = ResolveSyscall(name);
        return archToken switch
        {
            0xc000003e => native,
            0x4000003e => native >= 0 ? native | 0x40000000 : native,
            _ => LibSeccompConstants.NrScmpError,
        };
    }

    public int RuleAdd(IntPtr filter, uint action, int syscall, ReadOnlySpan<ScmpArgCmp> args)
    {
        string name = Syscalls.First(pair => pair.Value == syscall).Key;
        var text = new List<string>();
        foreach (ScmpArgCmp arg in args) text.Add($"arg{arg.Arg} {arg.Op} {arg.DatumA} {arg.DatumB}");
        Calls.Add($"rule_add 0x{action:x8} {name}" + (text.Count > 0 ? " [" + string.Join(", ", text) + "]" : ""));
        return Failures.GetValueOrDefault($"rule_add {name}");
    }

    public int AttrSet(IntPtr filter, ScmpFilterAttribute attribute, uint value)
    {
        Calls.Add($"attr_set {attribute} {value}");
        return Failures.GetValueOrDefault($"attr_set {attribute}");
    }

    public byte[] ExportBpf(IntPtr filter)
    {
        Calls.Add("export_bpf");
        return Exported;
    }

    public bool KernelAcceptsFlags(SeccompFilterFlags flags)
    {
        Calls.Add($"kernel_accepts {flags}");
        return KernelHasWaitKillable;
    }
}
