using OciRuntime.Linux;
using OciRuntime.Seccomp;
using Xunit;

namespace OciRuntime.Tests.Spec;

public class NameTableTests
{
    [Theory]
    [InlineData("CAP_CHOWN", 0)]
    [InlineData("CAP_KILL", 5)]
    [InlineData("CAP_NET_BIND_SERVICE", 10)]
    [InlineData("CAP_SYS_ADMIN", 21)]
    [InlineData("CAP_AUDIT_WRITE", 29)]
    [InlineData("CAP_AUDIT_READ", 37)]
    [InlineData("CAP_PERFMON", 38)]
    [InlineData("CAP_BPF", 39)]
    [InlineData("CAP_CHECKPOINT_RESTORE", 40)]
    public void Capabilities_have_kernel_numbers(string name, int number)
    {
        Assert.True(Capability.TryParse(name, out var parsed));
        Assert.Equal(number, parsed);
        Assert.Equal(name, Capability.NameOf(number));
    }

    [Theory]
    [InlineData("cap_chown")]
    [InlineData("CHOWN")]
    [InlineData("CAP_FOO")]
    [InlineData("")]
    public void Capability_names_are_matched_exactly(string name)
    {
        Assert.False(Capability.TryParse(name, out _));
    }

    [Fact]
    public void Capability_table_covers_0_to_40_without_gaps_or_duplicates()
    {
        Assert.Equal(41, Capability.All.Count);
        Assert.Equal(40, Capability.Last);
        Assert.Equal(Capability.All.Count, Capability.All.Distinct().Count());
        Assert.All(Capability.All, name => Assert.StartsWith("CAP_", name));
        Assert.Null(Capability.NameOf(41));
        Assert.Null(Capability.NameOf(-1));
    }

    [Theory]
    [InlineData("RLIMIT_CPU", 0)]
    [InlineData("RLIMIT_CORE", 4)]
    [InlineData("RLIMIT_NPROC", 6)]
    [InlineData("RLIMIT_NOFILE", 7)]
    [InlineData("RLIMIT_MEMLOCK", 8)]
    [InlineData("RLIMIT_AS", 9)]
    [InlineData("RLIMIT_MSGQUEUE", 12)]
    [InlineData("RLIMIT_RTTIME", 15)]
    public void Rlimits_have_generic_linux_numbers(string name, int resource)
    {
        Assert.True(Rlimit.TryParse(name, out var parsed));
        Assert.Equal(resource, parsed);
    }

    [Fact]
    public void Rlimit_table_has_all_sixteen_resources_and_exact_names()
    {
        Assert.Equal(16, Rlimit.All.Count);
        Assert.False(Rlimit.TryParse("RLIMIT_nofile", out _));
        Assert.False(Rlimit.TryParse("NOFILE", out _));
    }

    [Theory]
    [InlineData("pid", 0x20000000UL, "pid")]
    [InlineData("network", 0x40000000UL, "net")]
    [InlineData("mount", 0x00020000UL, "mnt")]
    [InlineData("ipc", 0x08000000UL, "ipc")]
    [InlineData("uts", 0x04000000UL, "uts")]
    [InlineData("user", 0x10000000UL, "user")]
    [InlineData("cgroup", 0x02000000UL, "cgroup")]
    [InlineData("time", 0x00000080UL, "time")]
    public void Namespace_types_have_clone_flags_and_proc_names(string name, ulong flag, string procFile)
    {
        Assert.True(NamespaceType.TryParse(name, out var type));
        Assert.Equal(flag, type.CloneFlag);
        Assert.Equal(procFile, type.ProcFileName);
        Assert.Equal(name, type.ToString());
    }

    [Theory]
    [InlineData("net")]
    [InlineData("mnt")]
    [InlineData("PID")]
    public void Namespace_types_use_spec_names_not_proc_names(string name)
    {
        Assert.False(NamespaceType.TryParse(name, out _));
    }

    [Fact]
    public void Namespace_clone_flags_are_distinct_bits()
    {
        Assert.Equal(8, NamespaceType.All.Count);
        Assert.Equal(8, NamespaceType.All.Select(type => type.CloneFlag).Distinct().Count());
        Assert.All(NamespaceType.All, type => Assert.Equal(1, System.Numerics.BitOperations.PopCount(type.CloneFlag)));
    }

    [Theory]
    [InlineData("SCMP_ACT_KILL", null, 0x00000000u)]
    [InlineData("SCMP_ACT_KILL_THREAD", null, 0x00000000u)]
    [InlineData("SCMP_ACT_KILL_PROCESS", null, 0x80000000u)]
    [InlineData("SCMP_ACT_TRAP", null, 0x00030000u)]
    [InlineData("SCMP_ACT_ERRNO", null, 0x00050001u)]
    [InlineData("SCMP_ACT_ERRNO", 38u, 0x00050026u)]
    [InlineData("SCMP_ACT_TRACE", null, 0x7ff00001u)]
    [InlineData("SCMP_ACT_TRACE", 1234u, 0x7ff004d2u)]
    [InlineData("SCMP_ACT_NOTIFY", null, 0x7fc00000u)]
    [InlineData("SCMP_ACT_LOG", null, 0x7ffc0000u)]
    [InlineData("SCMP_ACT_ALLOW", null, 0x7fff0000u)]
    public void Seccomp_actions_have_libseccomp_values(string name, uint? errnoRet, uint value)
    {
        Assert.Equal(value, SeccompNameTables.FindAction(name)!.WithErrno(errnoRet));
    }

    [Fact]
    public void Seccomp_errno_is_truncated_to_the_16_bit_data_field()
    {
        Assert.Equal(0x00052345u, SeccompNameTables.FindAction("SCMP_ACT_ERRNO")!.WithErrno(0x12345u));
    }

    [Theory]
    [InlineData("SCMP_ARCH_X86", 0x40000003u)]
    [InlineData("SCMP_ARCH_X86_64", 0xC000003Eu)]
    [InlineData("SCMP_ARCH_X32", 0x4000003Eu)]
    [InlineData("SCMP_ARCH_ARM", 0x40000028u)]
    [InlineData("SCMP_ARCH_AARCH64", 0xC00000B7u)]
    [InlineData("SCMP_ARCH_MIPSEL64N32", 0xE0000008u)]
    [InlineData("SCMP_ARCH_PPC64LE", 0xC0000015u)]
    [InlineData("SCMP_ARCH_S390X", 0x80000016u)]
    [InlineData("SCMP_ARCH_RISCV64", 0xC00000F3u)]
    [InlineData("SCMP_ARCH_LOONGARCH64", 0xC0000102u)]
    public void Seccomp_architectures_have_audit_arch_values(string name, uint auditArch)
    {
        Assert.Equal(auditArch, SeccompNameTables.FindArchitecture(name));
    }

    [Theory]
    [InlineData("SCMP_CMP_NE", 1)]
    [InlineData("SCMP_CMP_LT", 2)]
    [InlineData("SCMP_CMP_LE", 3)]
    [InlineData("SCMP_CMP_EQ", 4)]
    [InlineData("SCMP_CMP_GE", 5)]
    [InlineData("SCMP_CMP_GT", 6)]
    [InlineData("SCMP_CMP_MASKED_EQ", 7)]
    public void Seccomp_operators_have_libseccomp_enum_values(string name, int op)
    {
        Assert.Equal(op, (int?)SeccompNameTables.FindOperator(name));
    }

    [Theory]
    [InlineData("SECCOMP_FILTER_FLAG_TSYNC", 1u)]
    [InlineData("SECCOMP_FILTER_FLAG_LOG", 2u)]
    [InlineData("SECCOMP_FILTER_FLAG_SPEC_ALLOW", 4u)]
    [InlineData("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", 32u)]
    public void Seccomp_filter_flags_have_kernel_values(string name, uint flag)
    {
        Assert.Equal(flag, (uint?)SeccompNameTables.FindFlag(name));
    }

    [Fact]
    public void Seccomp_names_are_matched_exactly()
    {
        Assert.Null(SeccompNameTables.FindAction("scmp_act_allow"));
        Assert.Null(SeccompNameTables.FindArchitecture("x86_64"));
        Assert.Null(SeccompNameTables.FindOperator("SCMP_CMP_XX"));
        Assert.Null(SeccompNameTables.FindFlag("SECCOMP_FILTER_FLAG_NEW_LISTENER"));
        Assert.True(SeccompNameTables.FindAction("SCMP_ACT_ERRNO")!.TakesErrno);
        Assert.False(SeccompNameTables.FindAction("SCMP_ACT_KILL")!.TakesErrno);
    }
}
