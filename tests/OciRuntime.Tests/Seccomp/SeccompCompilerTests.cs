using OciRuntime.Seccomp;
using Xunit;
using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Tests.Seccomp;

[Collection(RuntimeLogCollection.Name)]
public class SeccompCompilerTests
{
    private const uint X86 = 0x40000003;
    private const uint X32 = 0x4000003e;
    private const uint X86_64 = 0xc000003e;

    private static SeccompRule Rule(string name, uint action, params ScmpArgCmp[] args) => new(0, name, action, args);

    private static SeccompProfile Profile(uint defaultAction, params SeccompRule[] rules) =>
        new(defaultAction, [], new SeccompFlagRequest(SeccompFilterFlags.None, false), rules);

    private static (List<string> Calls, CompiledSeccompFilter Result) Compile(SeccompProfile profile, RecordingLibSeccomp? lib = null)
    {
        lib ??= new RecordingLibSeccomp();
        CompiledSeccompFilter result = SeccompCompiler.Compile(profile, lib);
        return (lib.Calls, result);
    }

    [Fact]
    public void Allowlist_with_errno_default()
    {
        var (calls, result) = Compile(Profile(ActErrno(1), Rule("read", ActAllow), Rule("write", ActAllow)));
        Assert.Equal(["init 0x00050001", "rule_add 0x7fff0000 read", "rule_add 0x7fff0000 write", "export_bpf", "release"], calls);
        Assert.Equal(SeccompFilterFlags.None, result.Flags);
    }

    [Theory]
    [InlineData(ActKillThread)]
    [InlineData(ActKillProcess)]
    [InlineData(ActTrap)]
    [InlineData(0x00050026u)] // ERRNO(ENOSYS)
    [InlineData(0x7ff00001u)] // TRACE(EPERM)
    [InlineData(ActLog)]
    [InlineData(ActNotify)]
    public void Every_action_reaches_the_rule(uint action)
    {
        var (calls, _) = Compile(Profile(ActAllow, Rule("mkdir", action)));
        Assert.Contains($"rule_add 0x{action:x8} mkdir", calls);
    }

    [Fact]
    public void Notify_rule_asks_for_a_listener()
    {
        var (_, result) = Compile(Profile(ActAllow, Rule("mkdir", ActNotify)));
        Assert.Equal(SeccompFilterFlags.NewListener, result.Flags);
    }

    [Fact]
    public void Rule_with_the_default_action_is_skipped()
    {
        var (calls, _) = Compile(Profile(ActErrno(1), Rule("read", ActErrno(1)), Rule("write", ActErrno(2))));
        Assert.DoesNotContain(calls, call => call.EndsWith(" read"));
        Assert.Contains("rule_add 0x00050002 write", calls);
    }

    [Fact]
    public void Unknown_syscall_is_skipped_and_logged()
    {
        var logged = new List<string>();
        var (calls, _) = WithDebugLog(logged, () => Compile(Profile(ActErrno(1), Rule("no_such_call", ActAllow), Rule("read", ActAllow))));
        Assert.Equal(["init 0x00050001", "rule_add 0x7fff0000 read", "export_bpf", "release"], calls);
        Assert.Contains(logged, line => line.Contains("\"no_such_call\""));
    }

    [Fact]
    public void Architectures_are_added_next_to_the_native_one_and_existing_ones_are_fine()
    {
        var lib = new RecordingLibSeccomp();
        lib.Failures["arch_add 0xc000003e"] = -17; // EEXIST: native
        var profile = Profile(ActErrno(1)) with { Architectures = [X86_64, X86, X32] };
        var (calls, _) = Compile(profile, lib);
        Assert.Equal(["init 0x00050001", "arch_add 0xc000003e", "arch_add 0x40000003", "arch_add 0x4000003e", "export_bpf", "release"], calls);
    }

    [Fact]
    public void Failing_architecture_names_its_json_path()
    {
        var lib = new RecordingLibSeccomp();
        lib.Failures["arch_add 0x40000003"] = -22;
        var error = Assert.Throws<OciRuntimeException>(() => Compile(Profile(ActErrno(1)) with { Architectures = [X86_64, X86] }, lib));
        Assert.StartsWith("linux.seccomp.architectures[1]: ", error.Message);
        Assert.Equal("release", lib.Calls[^1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Every_operator_reaches_the_rule(int scmpCompare)
    {
        var op = (ScmpCompare)scmpCompare;
        var (calls, _) = Compile(Profile(ActErrno(1), Rule("personality", ActAllow, new ScmpArgCmp(0, op, 0xff, 8))));
        Assert.Contains($"rule_add 0x7fff0000 personality [arg0 {op} 255 8]", calls);
    }

    [Fact]
    public void Comparisons_of_different_arguments_share_one_rule()
    {
        var (calls, _) = Compile(Profile(ActErrno(1), Rule("socket", ActAllow,
            new ScmpArgCmp(0, ScmpCompare.Equal, 1, 0), new ScmpArgCmp(1, ScmpCompare.MaskedEqual, 0xf, 1))));
        Assert.Contains("rule_add 0x7fff0000 socket [arg0 Equal 1 0, arg1 MaskedEqual 15 1]", calls);
    }

    [Fact]
    public void Comparisons_of_the_same_argument_become_one_rule_each()
    {
        var (calls, _) = Compile(Profile(ActErrno(1), Rule("personality", ActAllow,
            new ScmpArgCmp(0, ScmpCompare.Equal, 0, 0), new ScmpArgCmp(0, ScmpCompare.Equal, 8, 0), new ScmpArgCmp(1, ScmpCompare.Equal, 3, 0))));
        Assert.Equal(
            ["rule_add 0x7fff0000 personality [arg0 Equal 0 0]", "rule_add 0x7fff0000 personality [arg0 Equal 8 0]", "rule_add 0x7fff0000 personality [arg1 Equal 3 0]"],
            calls.Where(call => call.StartsWith("rule_add")));
    }

    [Fact]
    public void Long_profiles_enable_the_binary_tree()
    {
        var rules = Enumerable.Range(0, 33).Select(_ => Rule("read", ActAllow)).ToArray();
        var (calls, _) = Compile(Profile(ActErrno(1), rules));
        Assert.Equal("attr_set Optimize 2", calls[1]);
        var (shortCalls, _) = Compile(Profile(ActErrno(1), rules[..32]));
        Assert.DoesNotContain("attr_set Optimize 2", shortCalls);
    }

    [Fact]
    public void Log_and_spec_allow_flags_are_checked_with_libseccomp_and_kept_for_loading()
    {
        var profile = Profile(ActErrno(1)) with { Flags = new(SeccompFilterFlags.Log | SeccompFilterFlags.SpecAllow, false) };
        var (calls, result) = Compile(profile);
        Assert.Equal(["init 0x00050001", "attr_set Log 1", "attr_set SpecStoreBypass 1", "export_bpf", "release"], calls);
        Assert.Equal(SeccompFilterFlags.Log | SeccompFilterFlags.SpecAllow, result.Flags);
    }

    [Fact]
    public void Unsupported_explicit_flag_is_an_error()
    {
        var lib = new RecordingLibSeccomp();
        lib.Failures["attr_set Log"] = -95;
        var profile = Profile(ActErrno(1)) with { Flags = new(SeccompFilterFlags.Log, false) };
        var error = Assert.Throws<OciRuntimeException>(() => Compile(profile, lib));
        Assert.StartsWith("linux.seccomp.flags: SECCOMP_FILTER_FLAG_LOG is not supported", error.Message);
    }

    [Fact]
    public void Absent_flags_default_to_spec_allow_when_supported()
    {
        var profile = Profile(ActErrno(1)) with { Flags = new(SeccompFilterFlags.None, SpecAllowIfSupported: true) };
        Assert.Equal(SeccompFilterFlags.SpecAllow, Compile(profile).Result.Flags);

        var lib = new RecordingLibSeccomp();
        lib.Failures["attr_set SpecStoreBypass"] = -95;
        Assert.Equal(SeccompFilterFlags.None, Compile(profile, lib).Result.Flags);
    }

    [Fact]
    public void Wait_killable_recv_needs_a_listener_and_kernel_support()
    {
        var flags = new SeccompFlagRequest(SeccompFilterFlags.WaitKillableRecv, false);
        var withNotify = Profile(ActAllow, Rule("mkdir", ActNotify)) with { Flags = flags };
        var (calls, result) = Compile(withNotify);
        Assert.Contains("kernel_accepts NewListener, WaitKillableRecv", calls);
        Assert.Equal(SeccompFilterFlags.NewListener | SeccompFilterFlags.WaitKillableRecv, result.Flags);

        Assert.Equal(SeccompFilterFlags.None, Compile(Profile(ActAllow) with { Flags = flags }).Result.Flags);

        var oldKernel = new RecordingLibSeccomp { KernelHasWaitKillable = false };
        var error = Assert.Throws<OciRuntimeException>(() => Compile(withNotify, oldKernel));
        Assert.Contains("WAIT_KILLABLE_RECV", error.Message);
    }

    [Fact]
    public void Rejected_rule_names_its_json_path_and_syscall()
    {
        var lib = new RecordingLibSeccomp();
        lib.Failures["rule_add mkdir"] = -22;
        var profile = Profile(ActErrno(1), new SeccompRule(3, "mkdir", ActAllow, []));
        var error = Assert.Throws<OciRuntimeException>(() => Compile(profile, lib));
        Assert.StartsWith("linux.seccomp.syscalls[3]: adding a rule for \"mkdir\": ", error.Message);
        Assert.Equal("release", lib.Calls[^1]);
    }

    [Fact]
    public void Rejected_default_action_is_an_error()
    {
        var lib = new RecordingLibSeccomp();
        lib.Failures["init"] = -22;
        var error = Assert.Throws<OciRuntimeException>(() => Compile(Profile(0x12345678), lib));
        Assert.StartsWith("linux.seccomp.defaultAction: ", error.Message);
    }

    [Fact]
    public void Notify_cannot_be_the_default_nor_trap_write()
    {
        var lib = new RecordingLibSeccomp();
        var error = Assert.Throws<OciRuntimeException>(() => Compile(Profile(ActNotify), lib));
        Assert.StartsWith("linux.seccomp.defaultAction: ", error.Message);
        error = Assert.Throws<OciRuntimeException>(() => Compile(Profile(ActAllow, new SeccompRule(2, "write", ActNotify, [])), lib));
        Assert.StartsWith("linux.seccomp.syscalls[2]: SCMP_ACT_NOTIFY cannot be used for the write syscall", error.Message);
        Assert.Empty(lib.Calls);
    }

    private static T WithDebugLog<T>(List<string> lines, Func<T> action)
    {
        var (sink, enabled) = (RuntimeLog.Sink, RuntimeLog.DebugEnabled);
        RuntimeLog.Sink = (_, message) => { lock (lines) lines.Add(message); };
        RuntimeLog.DebugEnabled = true;
        try
        {
            return action();
        }
        finally
        {
            (RuntimeLog.Sink, RuntimeLog.DebugEnabled) = (sink, enabled);
        }
    }
}
