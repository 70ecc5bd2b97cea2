using OciRuntime.Seccomp;
using OciRuntime.Spec;
using Xunit;
using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Tests.Seccomp;

public class SeccompProfileParserTests
{
    private static LinuxSeccomp FromJson(string json) =>
        SpecSerializer.DeserializeSeccomp(System.Text.Encoding.UTF8.GetBytes(json), "config.json");

    private static SeccompProfile Parse(string json) =>
        SeccompProfileParser.Parse(FromJson(json)) ?? throw new InvalidOperationException("no profile");

    private static string ErrorOf(string json) =>
        Assert.Throws<OciRuntimeException>(() => SeccompProfileParser.Parse(FromJson(json))).Message;

    private static LinuxSeccomp WithRule(string action, uint? errnoRet = null) => new()
    {
        DefaultAction = "SCMP_ACT_ALLOW",
        ListenerPath = "/run/agent.sock",
        Syscalls = [new LinuxSyscall { Names = ["mkdir"], Action = action, ErrnoRet = errnoRet }],
    };

    [Fact]
    public void No_section_or_neither_default_nor_syscalls_means_no_filter()
    {
        Assert.Null(SeccompProfileParser.Parse(null));
        Assert.Null(SeccompProfileParser.Parse(new LinuxSeccomp()));
        Assert.Null(SeccompProfileParser.Parse(FromJson("""{"defaultAction": "", "architectures": ["SCMP_ARCH_X86"], "syscalls": []}""")));
    }

    [Fact]
    public void Syscalls_without_a_default_action_are_an_error()
    {
        Assert.Equal("linux.seccomp.defaultAction: must be set when syscalls are listed",
            ErrorOf("""{"syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW"}]}"""));
    }

    [Fact]
    public void Default_action_alone_is_a_filter()
    {
        SeccompProfile profile = Parse("""{"defaultAction": "SCMP_ACT_LOG"}""");
        Assert.Equal(ActLog, profile.DefaultAction);
        Assert.Empty(profile.Rules);
        Assert.Empty(profile.Architectures);
    }

    [Fact]
    public void Each_name_becomes_its_own_rule_with_the_entry_index_and_shared_arguments()
    {
        SeccompProfile profile = Parse("""
            {
              "defaultAction": "SCMP_ACT_ERRNO",
              "syscalls": [
                {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["socket", "socketpair"], "action": "SCMP_ACT_ERRNO", "errnoRet": 97,
                 "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_EQ"}, {"index": 1, "value": 15, "valueTwo": 1, "op": "SCMP_CMP_MASKED_EQ"}]}
              ]
            }
            """);

        Assert.Equal(["read", "write", "socket", "socketpair"], profile.Rules.Select(rule => rule.Name));
        Assert.Equal([0, 0, 1, 1], profile.Rules.Select(rule => rule.SyscallsIndex));
        Assert.Equal([ActAllow, ActAllow, ActErrno(97), ActErrno(97)], profile.Rules.Select(rule => rule.Action));
        ScmpArgCmp[] expected = [new(0, ScmpCompare.Equal, 40, 0), new(1, ScmpCompare.MaskedEqual, 15, 1)];
        Assert.Equal(expected, profile.Rules[2].Args);
        Assert.Equal(expected, profile.Rules[3].Args);
        Assert.Empty(profile.Rules[0].Args);
    }

    [Fact]
    public void Empty_names_list_adds_no_rule()
    {
        SeccompProfile profile = Parse("""{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": [], "action": "SCMP_ACT_ERRNO"}]}""");
        Assert.Empty(profile.Rules);
    }

    [Fact]
    public void Empty_syscall_name_is_an_error()
    {
        Assert.Equal("linux.seccomp.syscalls[1].names[1]: a syscall name must not be empty", ErrorOf("""
            {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
              {"names": ["read"], "action": "SCMP_ACT_LOG"},
              {"names": ["mkdir", ""], "action": "SCMP_ACT_ERRNO"}]}
            """));
    }

    [Theory]
    [InlineData("SCMP_ACT_ALLOW", ActAllow)]
    [InlineData("SCMP_ACT_ERRNO", 0x00050001u)]
    [InlineData("SCMP_ACT_KILL", ActKillThread)]
    [InlineData("SCMP_ACT_KILL_THREAD", ActKillThread)]
    [InlineData("SCMP_ACT_KILL_PROCESS", ActKillProcess)]
    [InlineData("SCMP_ACT_TRAP", ActTrap)]
    [InlineData("SCMP_ACT_TRACE", 0x7ff00001u)]
    [InlineData("SCMP_ACT_LOG", ActLog)]
    [InlineData("SCMP_ACT_NOTIFY", ActNotify)]
    public void Every_action_resolves_to_its_libseccomp_value(string name, uint expected)
    {
        Assert.Equal(expected, SeccompProfileParser.Parse(WithRule(name))!.Rules.Single().Action);
    }

    [Fact]
    public void Errno_ret_sets_the_errno_of_errno_and_trace_and_is_ignored_elsewhere()
    {
        Assert.Equal(ActErrno(38), SeccompProfileParser.Parse(WithRule("SCMP_ACT_ERRNO", 38))!.Rules[0].Action);
        Assert.Equal(ActTrace(5), SeccompProfileParser.Parse(WithRule("SCMP_ACT_TRACE", 5))!.Rules[0].Action);
        Assert.Equal(ActErrno(0), SeccompProfileParser.Parse(WithRule("SCMP_ACT_ERRNO", 0))!.Rules[0].Action);
        Assert.Equal(ActLog, SeccompProfileParser.Parse(WithRule("SCMP_ACT_LOG", 38))!.Rules[0].Action);
    }

    [Fact]
    public void Default_errno_ret_applies_to_the_default_action()
    {
        Assert.Equal(ActErrno(1), Parse("""{"defaultAction": "SCMP_ACT_ERRNO"}""").DefaultAction);
        Assert.Equal(ActErrno(38), Parse("""{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38}""").DefaultAction);
        Assert.Equal(ActTrace(1), Parse("""{"defaultAction": "SCMP_ACT_TRACE"}""").DefaultAction);
        Assert.Equal(ActKillProcess, Parse("""{"defaultAction": "SCMP_ACT_KILL_PROCESS", "defaultErrnoRet": 38}""").DefaultAction);
    }

    [Fact]
    public void Unknown_action_names_its_json_path()
    {
        Assert.Equal("linux.seccomp.syscalls[3].action: unknown action \"SCMP_ACT_FOO\"", ErrorOf("""
            {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
              {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
              {"names": ["write"], "action": "SCMP_ACT_ALLOW"},
              {"names": ["close"], "action": "SCMP_ACT_ALLOW"},
              {"names": ["mkdir"], "action": "SCMP_ACT_FOO"}]}
            """));
        Assert.Equal("linux.seccomp.defaultAction: unknown action \"SCMP_ACT_DENY\"", ErrorOf("""{"defaultAction": "SCMP_ACT_DENY"}"""));
    }

    [Fact]
    public void Names_are_case_sensitive_as_in_runc()
    {
        Assert.Equal("linux.seccomp.defaultAction: unknown action \"scmp_act_allow\"", ErrorOf("""{"defaultAction": "scmp_act_allow"}"""));
    }

    [Theory]
    [InlineData("SCMP_ARCH_X86", 0x40000003u)]
    [InlineData("SCMP_ARCH_X86_64", 0xc000003eu)]
    [InlineData("SCMP_ARCH_X32", 0x4000003eu)]
    [InlineData("SCMP_ARCH_ARM", 0x40000028u)]
    [InlineData("SCMP_ARCH_AARCH64", 0xc00000b7u)]
    [InlineData("SCMP_ARCH_MIPS", 0x00000008u)]
    [InlineData("SCMP_ARCH_MIPS64", 0x80000008u)]
    [InlineData("SCMP_ARCH_MIPS64N32", 0xa0000008u)]
    [InlineData("SCMP_ARCH_MIPSEL", 0x40000008u)]
    [InlineData("SCMP_ARCH_MIPSEL64", 0xc0000008u)]
    [InlineData("SCMP_ARCH_MIPSEL64N32", 0xe0000008u)]
    [InlineData("SCMP_ARCH_PPC", 0x00000014u)]
    [InlineData("SCMP_ARCH_PPC64", 0x80000015u)]
    [InlineData("SCMP_ARCH_PPC64LE", 0xc0000015u)]
    [InlineData("SCMP_ARCH_S390", 0x00000016u)]
    [InlineData("SCMP_ARCH_S390X", 0x80000016u)]
    [InlineData("SCMP_ARCH_PARISC", 0x0000000fu)]
    [InlineData("SCMP_ARCH_PARISC64", 0x8000000fu)]
    [InlineData("SCMP_ARCH_RISCV64", 0xc00000f3u)]
    [InlineData("SCMP_ARCH_LOONGARCH64", 0xc0000102u)]
    public void Every_architecture_resolves_to_its_audit_arch_token(string name, uint token)
    {
        SeccompProfile profile = SeccompProfileParser.Parse(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Architectures = [name] })!;
        Assert.Equal([token], profile.Architectures);
    }

    [Fact]
    public void Architectures_keep_their_order()
    {
        SeccompProfile profile = Parse("""{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]}""");
        Assert.Equal([0xc000003eu, 0x40000003u, 0x4000003eu], profile.Architectures);
    }

    [Fact]
    public void Unknown_architecture_names_its_json_path()
    {
        Assert.Equal("linux.seccomp.architectures[1]: unknown architecture \"SCMP_ARCH_Z80\"",
            ErrorOf("""{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86", "SCMP_ARCH_Z80"]}"""));
    }

    [Theory]
    [InlineData("SCMP_CMP_NE", 1)]
    [InlineData("SCMP_CMP_LT", 2)]
    [InlineData("SCMP_CMP_LE", 3)]
    [InlineData("SCMP_CMP_EQ", 4)]
    [InlineData("SCMP_CMP_GE", 5)]
    [InlineData("SCMP_CMP_GT", 6)]
    [InlineData("SCMP_CMP_MASKED_EQ", 7)]
    public void Every_operator_resolves_to_its_scmp_compare(string name, int scmpCompare)
    {
        SeccompProfile profile = Parse($$"""
            {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ERRNO",
              "args": [{"index": 5, "value": 18446744073709551615, "valueTwo": 7, "op": "{{name}}"}]}]}
            """);
        Assert.Equal(new ScmpArgCmp(5, (ScmpCompare)scmpCompare, ulong.MaxValue, 7), profile.Rules[0].Args.Single());
    }

    [Fact]
    public void Unknown_operator_names_its_json_path()
    {
        Assert.Equal("linux.seccomp.syscalls[0].args[1].op: unknown operator \"SCMP_CMP_BETWEEN\"", ErrorOf("""
            {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ERRNO",
              "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 1, "value": 1, "op": "SCMP_CMP_BETWEEN"}]}]}
            """));
    }

    [Fact]
    public void Argument_index_beyond_the_sixth_is_an_error()
    {
        Assert.Equal("linux.seccomp.syscalls[0].args[0].index: 6 is out of range (a syscall has arguments 0 to 5)", ErrorOf("""
            {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ERRNO",
              "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]}
            """));
    }

    [Fact]
    public void Absent_flags_let_the_runtime_choose_spec_allow_and_empty_flags_do_not()
    {
        Assert.Equal(new SeccompFlagRequest(SeccompFilterFlags.None, true), Parse("""{"defaultAction": "SCMP_ACT_ALLOW"}""").Flags);
        Assert.Equal(new SeccompFlagRequest(SeccompFilterFlags.None, false), Parse("""{"defaultAction": "SCMP_ACT_ALLOW", "flags": []}""").Flags);
    }

    [Fact]
    public void Every_flag_is_requested_and_tsync_is_dropped()
    {
        SeccompProfile profile = Parse("""
            {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
              "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]}
            """);
        Assert.Equal(new SeccompFlagRequest(SeccompFilterFlags.Log | SeccompFilterFlags.SpecAllow | SeccompFilterFlags.WaitKillableRecv, false), profile.Flags);
        Assert.Equal(SeccompFilterFlags.None, Parse("""{"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_TSYNC"]}""").Flags.Requested);
    }

    [Fact]
    public void Unknown_flag_names_its_json_path()
    {
        Assert.Equal("linux.seccomp.flags[1]: unknown flag \"SECCOMP_FILTER_FLAG_NEW_LISTENER\"",
            ErrorOf("""{"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_NEW_LISTENER"]}"""));
    }

    [Fact]
    public void Notify_rule_needs_a_listener_path()
    {
        const string json = """{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]}""";
        Assert.Equal("linux.seccomp.listenerPath: must be set when a rule uses SCMP_ACT_NOTIFY", ErrorOf(json));

        LinuxSeccomp withListener = FromJson(json);
        withListener.ListenerPath = "/run/agent.sock";
        Assert.True(SeccompProfileParser.Parse(withListener)!.HasNotify);
    }

    [Fact]
    public void Null_entries_in_lists_are_errors_with_their_path()
    {
        Assert.Equal("linux.seccomp.syscalls[1]: must be an object, not null",
            ErrorOf("""{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_LOG"}, null]}"""));
        Assert.Equal("linux.seccomp.syscalls[0].args[0]: must be an object, not null",
            ErrorOf("""{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_LOG", "args": [null]}]}"""));
    }

    [Fact]
    public void Docker_like_default_profile_parses_to_the_profile_the_compiler_is_tested_with()
    {
        SeccompProfile parsed = SeccompProfileParser.Parse(DockerLikeProfileJson.Seccomp())!;
        SeccompProfile expected = DockerLikeProfile.Build();

        Assert.Equal(ActErrno(1), parsed.DefaultAction);
        Assert.Equal(expected.Architectures, parsed.Architectures);
        Assert.Equal(expected.Flags, parsed.Flags);
        Assert.Equal(expected.Rules.Count, parsed.Rules.Count);
        // The cache key covers everything that shapes the compiled program.
        Assert.Equal(SeccompProfileKey.Compute(expected, "env"), SeccompProfileKey.Compute(parsed, "env"));
        Assert.All(parsed.Rules.Where(rule => rule.Name == "personality"), rule => Assert.InRange(rule.SyscallsIndex, 1, 5));
        Assert.Equal(ActErrno(38), parsed.Rules.Single(rule => rule.Name == "clone3").Action);
    }
}
