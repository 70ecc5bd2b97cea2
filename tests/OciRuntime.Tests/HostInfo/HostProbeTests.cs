using OciRuntime.HostInfo;
using OciRuntime.Seccomp;
using OciRuntime.Tests.Cgroups;
using Ocirun.Output;
using Xunit;

namespace OciRuntime.Tests.HostInfo;

/// <summary>
/// <c>ocirun info</c> on fake /proc, /sys and /run trees: one host of each cgroup mode, each with other answers
/// for seccomp, user namespaces, idmapped mounts, CRIU, systemd and the security modules. The text and the JSON
/// are golden files (Snapshots/info-*.txt, info-*.json).
/// </summary>
public class HostProbeTests
{
    private static readonly SeccompFeatures Libseccomp = new(true, ["SCMP_ACT_ALLOW"], ["SCMP_CMP_EQ"], ["SCMP_ARCH_X86_64"],
        ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG"], ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG"], "2.5.4");

    private static readonly SeccompFeatures NoLibseccomp = new(false, [], [], [], [], [], null);

    [Fact]
    public void A_hybrid_host_as_root_with_everything_but_systemd()
    {
        using var host = CommonHost(HostLayouts.HybridMountInfo, HostLayouts.HybridSelfCgroup, "6.1.0-18-amd64")
            .With("/sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n")
            .With("/sys/fs/cgroup/unified/user.slice/session-1.scope/cgroup.controllers", "\n")
            .With("/proc/sys/kernel/unprivileged_userns_clone", "1\n")
            .With("/sys/module/apparmor/parameters/enabled", "Y\n")
            .With("/run/ocirun/c1/state.json", "{}")
            .With("/run/ocirun/c2/state.json", "{}");
        var report = Probe(host, euid: 0, Libseccomp, criu: "3.17.1",
            idMap: (path, _) => path.StartsWith("/run", StringComparison.Ordinal)
                ? new IdMapAttempt(true, "") : new IdMapAttempt(false, "the filesystem does not support them"));
        Assert.Equal("hybrid", report.Cgroups.Mode);
        Assert.Equal(2, report.StateRoot.Containers);
        Match("hybrid", report);
    }

    [Fact]
    public void A_v1_host_without_libseccomp_and_unprivileged_user_namespaces_off()
    {
        using var host = CommonHost(HostLayouts.LegacyMountInfo, "4:memory:/\n3:cpu:/\n", "5.10.0-28-amd64")
            .With("/proc/sys/kernel/unprivileged_userns_clone", "0\n")
            .With("/sys/fs/selinux/enforce", "0\n")
            .WithDirectory("/run/systemd/system")
            .With("/run/dbus/system_bus_socket", "");
        var report = Probe(host, euid: 0, NoLibseccomp, criu: null, idMap: (_, _) => new IdMapAttempt(false, "the kernel lacks mount_setattr(2) (Linux 5.12)"));
        Assert.Equal("v1", report.Cgroups.Mode);
        Assert.False(report.UserNamespaces.Rootless);
        Assert.Contains("rootless containers: unavailable, because kernel.unprivileged_userns_clone is 0", report.UserNamespaces.Meaning);
        Assert.Contains("libseccomp.so.2", report.Seccomp.Meaning);
        Match("v1", report);
    }

    [Fact]
    public void A_v2_host_as_an_unprivileged_user_with_delegated_controllers()
    {
        using var host = CommonHost(HostLayouts.UnifiedMountInfo, HostLayouts.UnifiedSelfCgroup, "6.8.0-31-generic")
            .With("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n")
            .With("/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope/cgroup.controllers", "cpu memory pids\n")
            .With("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n")
            .With("/proc/self/uid_map", "         0       1000          1\n")
            .With("/sys/module/apparmor/parameters/enabled", "Y\n")
            .WithDirectory("/run/systemd/system");
        var report = Probe(host, euid: 1000, Libseccomp, criu: null, idMap: (_, euid) =>
            euid == 0 ? throw new InvalidOperationException("tried as root") : new IdMapAttempt(null, "only root can id-map a mount"));
        Assert.Equal("v2", report.Cgroups.Mode);
        Assert.Equal(["cpu", "memory", "pids"], report.Cgroups.DelegatedControllers);
        Assert.True(report.UserNamespaces.InUserNamespace);
        Match("v2", report);
    }

    [Fact]
    public void No_cgroup_mount_and_an_unreadable_proc_are_reported_not_thrown()
    {
        using var host = new FakeHost();
        var report = Probe(host, euid: 0, NoLibseccomp, criu: null, idMap: (_, _) => new IdMapAttempt(true, ""));
        Assert.Null(report.Cgroups.Mode);
        Assert.Contains("no cgroup or cgroup2 mount", report.Cgroups.Meaning);
        Assert.Null(report.Kernel.Release);
        Assert.False(report.StateRoot.Exists);
        Assert.All(report.IdmappedMounts, idMap => Assert.Null(idMap.Supported));
    }

    [Theory]
    [InlineData("6.1.0-18-amd64", "new enough")]
    [InlineData("5.10.0", "idmapped mounts need mount_setattr(2)")]
    [InlineData("4.19.0-26-amd64", "too old")]
    public void The_kernel_release_says_what_is_missing(string release, string meaning)
    {
        using var host = new FakeHost().With("/proc/sys/kernel/osrelease", release + "\n");
        Assert.Contains(meaning, Probe(host, 0, NoLibseccomp, null, (_, _) => new IdMapAttempt(true, "")).Kernel.Meaning);
    }

    [Fact]
    public void Criu_version_is_read_from_its_version_line() =>
        Assert.Equal("3.17.1", CriuVersion.Parse("Version: 3.17.1\nGitID: v3.17.1\n"));

    private static FakeHost CommonHost(string cgroupMountInfo, string selfCgroup, string release) => new FakeHost()
        .With("/proc/self/mountinfo", FakeHost.BaseMountInfo + cgroupMountInfo + "\n")
        .With("/proc/self/cgroup", selfCgroup)
        .With("/proc/sys/kernel/osrelease", release + "\n")
        .With("/proc/self/status", "Name:\tocirun\nSeccomp:\t0\nSeccomp_filters:\t0\n")
        .With("/proc/sys/kernel/seccomp/actions_avail", "kill_process kill_thread trap errno user_notif trace log allow\n")
        .With("/proc/sys/user/max_user_namespaces", "63457\n")
        .With("/proc/self/ns/user", "")
        .With("/proc/self/uid_map", "         0          0 4294967295\n")
        .WithDirectory("/var/lib/bundles");

    private static HostReport Probe(FakeHost host, uint euid, SeccompFeatures seccomp, string? criu, Func<string, uint, IdMapAttempt> idMap) =>
        new HostProbe(host.Files, "/run/ocirun", ["/run/ocirun", "/var/lib/bundles"], euid, seccomp,
            new FakeIdMapTester(idMap), "criu", binary => binary == "criu" ? criu : null).Probe();

    private static void Match(string mode, HostReport report)
    {
        Snapshot.Match($"info-{mode}.txt", InfoPrinter.Text(report));
        Snapshot.Match($"info-{mode}.json", InfoPrinter.Json(report));
    }
}
