using OciRuntime.Cgroups;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

/// <summary>How a plan meets the kernel: retries, read-backs, explained refusals, nothing written when a file is missing.</summary>
public class CgroupWriterTests : IDisposable
{
    private const int EINVAL = 22, EBUSY = 16;
    private readonly FakeCgroupFs _fs = new();
    private readonly CgroupManager _manager;

    public CgroupWriterTests() => _manager = CgroupManager.Open(ContainerTrees.V1(_fs), _fs);

    public void Dispose() => _fs.Dispose();

    private List<string> Writes() => _fs.WritesUnder(ContainerTrees.V1Root);

    [Fact]
    public void A_period_the_old_quota_does_not_fit_is_retried_after_the_quota()
    {
        var refused = false;
        _fs.OnWrite = (path, _) => path.EndsWith("cpu.cfs_period_us", StringComparison.Ordinal) && !refused && (refused = true) ? EINVAL : null;

        _manager.Update(new LinuxResources { Cpu = new LinuxCpu { Period = 10000, Quota = 5000 } });

        Assert.Equal(["cpu/c1/cpu.cfs_period_us=10000", "cpu/c1/cpu.cfs_quota_us=5000", "cpu/c1/cpu.cfs_period_us=10000"], Writes());
        Assert.Equal("10000", _fs.Content("/sys/fs/cgroup/cpu/c1/cpu.cfs_period_us"));
    }

    [Fact]
    public void A_period_refused_without_a_quota_to_wait_for_fails()
    {
        _fs.OnWrite = (path, _) => path.EndsWith("cpu.cfs_period_us", StringComparison.Ordinal) ? EINVAL : null;

        var error = Assert.Throws<OciRuntimeException>(() => _manager.Update(new LinuxResources { Cpu = new LinuxCpu { Period = 10000 } }));

        Assert.Equal("cgroup: write 10000 to /sys/fs/cgroup/cpu/c1/cpu.cfs_period_us: invalid argument", error.Message);
    }

    [Fact]
    public void Shares_clamped_by_the_kernel_are_reported_with_the_allowed_range()
    {
        _fs.OnWrite = (path, _) =>
        {
            if (!path.EndsWith("cpu.shares", StringComparison.Ordinal)) return null;
            File.WriteAllText(_fs.Real(path), "262144\n");
            return 0;
        };

        var error = Assert.Throws<OciRuntimeException>(() => _manager.Update(new LinuxResources { Cpu = new LinuxCpu { Shares = 500000 } }));

        Assert.Equal("cgroup: cpu.shares 500000 is out of range: the maximum allowed is 262144", error.Message);
    }

    [Fact]
    public void A_memory_limit_below_usage_is_explained()
    {
        _fs.With("/sys/fs/cgroup/memory/c1/memory.usage_in_bytes", "5000000\n")
           .With("/sys/fs/cgroup/memory/c1/memory.max_usage_in_bytes", "6000000\n");
        _fs.OnWrite = (path, _) => path.EndsWith("memory.limit_in_bytes", StringComparison.Ordinal) ? EBUSY : null;

        var error = Assert.Throws<OciRuntimeException>(() => _manager.Update(new LinuxResources { Memory = new LinuxMemory { Limit = 1000000 } }));

        Assert.Equal("cgroup: unable to set memory limit to 1000000 (current usage: 5000000, peak usage: 6000000)", error.Message);
    }

    [Fact]
    public void A_file_the_kernel_lacks_fails_the_plan_before_anything_is_written()
    {
        File.Delete(_fs.Real("/sys/fs/cgroup/hugetlb/c1/hugetlb.1GB.limit_in_bytes"));

        var error = Assert.Throws<OciRuntimeException>(() => _manager.Update(new LinuxResources
        {
            Pids = new LinuxPids { Limit = 5 },
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "1GB", Limit = 0 }],
        }));

        Assert.Equal(
            "cgroup: cannot set hugetlb.1GB.limit_in_bytes: /sys/fs/cgroup/hugetlb/c1 has no such file (the hugetlb controller is not enabled there, or this kernel lacks the file)",
            error.Message);
        Assert.Empty(_fs.Writes);
    }
}
