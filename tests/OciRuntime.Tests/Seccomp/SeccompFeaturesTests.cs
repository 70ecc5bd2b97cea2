using System.Runtime.InteropServices;
using OciRuntime.Seccomp;
using Xunit;

namespace OciRuntime.Tests.Seccomp;

public class SeccompFeaturesTests
{
    private const int EINVAL = 22;
    private const int EDOM = 33;
    private const int EOPNOTSUPP = 95;

    private static readonly string[] AllFlags =
        ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"];

    [Fact]
    public void Without_libseccomp_seccomp_is_disabled_and_every_list_is_empty()
    {
        SeccompFeatures features = SeccompFeatures.Detect(null);

        Assert.False(features.Enabled);
        Assert.Empty(features.Actions);
        Assert.Empty(features.Operators);
        Assert.Empty(features.Archs);
        Assert.Empty(features.KnownFlags);
        Assert.Empty(features.SupportedFlags);
        Assert.Null(features.LibseccompVersion);
    }

    [Fact]
    public void Current_libseccomp_and_kernel_support_everything_the_parser_knows()
    {
        var lib = new RecordingLibSeccomp();

        SeccompFeatures features = SeccompFeatures.Detect(lib);

        Assert.True(features.Enabled);
        Assert.Equal(
            ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG",
             "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP"],
            features.Actions);
        Assert.Equal(["SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE", "SCMP_CMP_LT", "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE"], features.Operators);
        Assert.Equal(20, features.Archs.Count);
        Assert.Equal(features.Archs.Order(StringComparer.Ordinal), features.Archs);
        Assert.Equal(AllFlags, features.KnownFlags);
        Assert.Equal(AllFlags, features.SupportedFlags);
        Assert.Equal("2.5.4", features.LibseccompVersion);
    }

    [Fact]
    public void Every_probe_filter_is_released()
    {
        var lib = new RecordingLibSeccomp();
        SeccompFeatures.Detect(lib);
        Assert.Equal(lib.Calls.Count(call => call.StartsWith("init ")), lib.Calls.Count(call => call == "release"));
    }

    [Fact]
    public void Architectures_libseccomp_refuses_here_are_left_out()
    {
        var lib = new RecordingLibSeccomp();
        lib.Failures["arch_add 0xc000003e"] = -17; // EEXIST: the native one is in every filter already
        lib.Failures["arch_add 0x80000016"] = -EDOM; // s390x: other endianness
        lib.Failures["arch_add 0xc0000102"] = -EINVAL; // loongarch64: older libseccomp

        SeccompFeatures features = SeccompFeatures.Detect(lib);

        Assert.Contains("SCMP_ARCH_X86_64", features.Archs);
        Assert.DoesNotContain("SCMP_ARCH_S390X", features.Archs);
        Assert.DoesNotContain("SCMP_ARCH_LOONGARCH64", features.Archs);
        Assert.Equal(18, features.Archs.Count);
    }

    [Fact]
    public void Actions_newer_than_libseccomp_are_left_out()
    {
        SeccompFeatures older = SeccompFeatures.Detect(new RecordingLibSeccomp { Version = new(2, 4, 4) });
        Assert.DoesNotContain("SCMP_ACT_NOTIFY", older.Actions);
        Assert.Contains("SCMP_ACT_LOG", older.Actions);
        Assert.DoesNotContain("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", older.SupportedFlags);

        SeccompFeatures oldest = SeccompFeatures.Detect(new RecordingLibSeccomp { Version = new(2, 3, 3) });
        Assert.Equal(["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP"], oldest.Actions);
    }

    [Fact]
    public void Supported_flags_follow_libseccomp_and_the_kernel()
    {
        var lib = new RecordingLibSeccomp { KernelHasWaitKillable = false };
        lib.Failures["attr_set Log"] = -EOPNOTSUPP;
        lib.Failures["attr_set SpecStoreBypass"] = -EOPNOTSUPP;

        SeccompFeatures features = SeccompFeatures.Detect(lib);

        Assert.Equal(["SECCOMP_FILTER_FLAG_TSYNC"], features.SupportedFlags);
        Assert.Equal(AllFlags, features.KnownFlags);
        Assert.Contains("kernel_accepts NewListener, WaitKillableRecv", lib.Calls);
    }

    [Fact]
    public void Every_listed_name_is_accepted_by_the_parser()
    {
        SeccompFeatures features = SeccompFeatures.Detect(new RecordingLibSeccomp());
        var seccomp = new OciRuntime.Spec.LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ERRNO",
            ListenerPath = "/run/agent.sock",
            Architectures = [.. features.Archs],
            Flags = [.. features.KnownFlags],
            Syscalls = features.Actions.Select(action => new OciRuntime.Spec.LinuxSyscall
            {
                Names = ["read"],
                Action = action,
                Args = features.Operators.Select(op => new OciRuntime.Spec.LinuxSeccompArg { Index = 1, Op = op }).ToList(),
            }).ToList(),
        };

        SeccompProfile profile = SeccompProfileParser.Parse(seccomp)!;

        Assert.Equal(features.Actions.Count, profile.Rules.Count);
        Assert.Equal(features.Archs.Count, profile.Architectures.Count);
    }

    [Fact]
    public void This_host_supports_seccomp_for_its_own_architecture()
    {
        SeccompFeatures features = SeccompFeatures.Detect();

        Assert.True(features.Enabled);
        Assert.NotNull(features.LibseccompVersion);
        Assert.Contains("SCMP_ACT_ERRNO", features.Actions);
        Assert.Equal(7, features.Operators.Count);
        Assert.Contains(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "SCMP_ARCH_AARCH64" : "SCMP_ARCH_X86_64", features.Archs);
        Assert.Contains("SECCOMP_FILTER_FLAG_TSYNC", features.SupportedFlags);
        Assert.Subset(features.KnownFlags.ToHashSet(), features.SupportedFlags.ToHashSet());
    }
}
