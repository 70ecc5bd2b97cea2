using Process = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using OciRuntime.Cgroups;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// The cgroup library against this host's real v1 (hybrid) hierarchies: a throwaway cgroup of its own, a child
/// process of the test's own in it, and nothing left behind. No other cgroup is written to, except that creating
/// the cgroup2 directory enables the controllers the cgroup2 root offers (hugetlb here) in its subtree_control.
/// </summary>
public class CgroupsHostTests
{
    private const long MiB = 1024 * 1024;

    [SkippableFact]
    public void Limits_are_applied_updated_frozen_killed_and_removed_on_the_real_hierarchy()
    {
        // No shared Root helper exists on main yet; the check is the same: skip without root.
        Skip.IfNot(Environment.IsPrivilegedProcess, "needs root");
        var hierarchy = CgroupHierarchy.DetectHost();
        Skip.If(hierarchy.Mode == CgroupMode.Unified, "this check reads cgroup v1 files; the host is cgroup v2 only");

        var id = "ocirun-hosttest-" + Guid.NewGuid().ToString("N")[..12];
        var hugePages = Directory.Exists("/sys/kernel/mm/hugepages/hugepages-2048kB");
        CgroupManager? manager = null;
        Process? sleeper = null;
        try
        {
            manager = CgroupManager.Create(new CgroupOptions(id, "/" + id));
            manager.Apply(new LinuxResources
            {
                Memory = new LinuxMemory { Limit = 64 * MiB, Swap = 128 * MiB, Reservation = 32 * MiB },
                Cpu = new LinuxCpu { Shares = 512, Quota = 50000, Period = 100000, Cpus = "0", Mems = "0" },
                Pids = new LinuxPids { Limit = 64 },
                HugepageLimits = hugePages ? [new LinuxHugepageLimit { PageSize = "2MB", Limit = 0 }] : null,
            });
            sleeper = Process.Start(new ProcessStartInfo("sleep", "30"))!;
            manager.AddProcess(sleeper.Id);

            Assert.Contains(sleeper.Id, manager.Pids());
            Assert.Contains($":memory:/{id}\n", File.ReadAllText($"/proc/{sleeper.Id}/cgroup"));
            Assert.Equal("67108864", Read(manager, "memory", "memory.limit_in_bytes"));
            Assert.Equal("134217728", Read(manager, "memory", "memory.memsw.limit_in_bytes"));
            Assert.Equal("33554432", Read(manager, "memory", "memory.soft_limit_in_bytes"));
            Assert.Equal("512", Read(manager, "cpu", "cpu.shares"));
            Assert.Equal("50000", Read(manager, "cpu", "cpu.cfs_quota_us"));
            Assert.Equal("100000", Read(manager, "cpu", "cpu.cfs_period_us"));
            Assert.Equal("0", Read(manager, "cpuset", "cpuset.cpus"));
            Assert.Equal("64", Read(manager, "pids", "pids.max"));
            var devices = Read(manager, "devices", "devices.list");
            Assert.Contains("c 1:3 rwm", devices);
            Assert.DoesNotContain("a *:* rwm", devices);
            if (hugePages)
            {
                Assert.Equal("0", manager.Paths.V1.ContainsKey("hugetlb")
                    ? Read(manager, "hugetlb", "hugetlb.2MB.limit_in_bytes")
                    : Read(manager, ProcessCgroups.UnifiedKey, "hugetlb.2MB.max"));
            }

            // Raising memory above the old limit needs memsw first, lowering needs memory first: both must pass.
            manager.Update(new LinuxResources { Memory = new LinuxMemory { Limit = 256 * MiB, Swap = 512 * MiB }, Pids = new LinuxPids { Limit = 128 } });
            Assert.Equal("268435456", Read(manager, "memory", "memory.limit_in_bytes"));
            Assert.Equal("536870912", Read(manager, "memory", "memory.memsw.limit_in_bytes"));
            Assert.Equal("128", Read(manager, "pids", "pids.max"));
            manager.Update(new LinuxResources { Memory = new LinuxMemory { Limit = 48 * MiB, Swap = 96 * MiB }, Cpu = new LinuxCpu { Quota = 20000 } });
            Assert.Equal("50331648", Read(manager, "memory", "memory.limit_in_bytes"));
            Assert.Equal("100663296", Read(manager, "memory", "memory.memsw.limit_in_bytes"));
            Assert.Equal("20000", Read(manager, "cpu", "cpu.cfs_quota_us"));

            manager.Freeze();
            Assert.True(manager.IsFrozen());
            Assert.Equal("FROZEN", Read(manager, "freezer", "freezer.state"));
            manager.Thaw();
            Assert.False(manager.IsFrozen());
            Assert.False(sleeper.HasExited, "the sleeper lives on after thaw");

            manager.KillAll(9);
            Assert.True(sleeper.WaitForExit(10_000), "SIGKILL through the cgroup ended the sleeper");
            WaitUntilEmpty(manager);

            manager.Destroy();
            foreach (var dir in manager.Paths.AllDirectories()) Assert.False(Directory.Exists(dir), $"{dir} was removed");
        }
        finally
        {
            if (sleeper is { HasExited: false })
            {
                sleeper.Kill();
                sleeper.WaitForExit();
            }
            if (manager != null)
            {
                try { manager.Destroy(); }
                catch (OciRuntimeException) { /* the assertion above reports what is left */ }
            }
        }
    }

    private static string Read(CgroupManager manager, string hierarchy, string file) =>
        File.ReadAllText(Path.Join(manager.Paths.DirectoryOf(hierarchy), file)).Trim();

    private static void WaitUntilEmpty(CgroupManager manager)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (manager.Pids().Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the cgroup emptied after kill");
            Thread.Sleep(20);
        }
    }
}
