using OciRuntime.Cgroups;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class V2ResourcePlanTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private const string Dir = ContainerTrees.V2Dir;
    private readonly FakeCgroupFs _fs = new();
    private readonly CgroupManager _manager;

    public V2ResourcePlanTests() => _manager = CgroupManager.Open(ContainerTrees.V2(_fs), _fs);

    public void Dispose() => _fs.Dispose();

    private List<string> Plan(LinuxResources resources, PlanMode mode = PlanMode.Create) =>
        _manager.Plan(resources, mode).Select(w => w.ToString()).ToList();

    [Fact]
    public void Memory_swap_is_converted_to_swap_alone_and_written_before_memory_max()
    {
        Assert.Equal(
            ["unified/memory.swap.max=209715200", "unified/memory.max=104857600", "unified/memory.low=52428800"],
            Plan(new LinuxResources { Memory = new LinuxMemory { Limit = 100 * MiB, Swap = 300 * MiB, Reservation = 50 * MiB } }));
    }

    [Fact]
    public void Memory_swap_equal_to_memory_disables_swap()
    {
        Assert.Equal(
            ["unified/memory.swap.max=0", "unified/memory.max=104857600"],
            Plan(new LinuxResources { Memory = new LinuxMemory { Limit = 100 * MiB, Swap = 100 * MiB } }));
    }

    [Fact]
    public void Unlimited_memory_with_swap_unset_is_unlimited_swap()
    {
        Assert.Equal(
            ["unified/memory.swap.max=max", "unified/memory.max=max", "unified/memory.low=max"],
            Plan(new LinuxResources { Memory = new LinuxMemory { Limit = -1, Reservation = -1 } }));
    }

    [Fact]
    public void Without_swap_accounting_max_and_zero_swap_are_skipped_but_a_real_swap_limit_is_kept()
    {
        File.Delete(_fs.Real($"{Dir}/memory.swap.max"));

        Assert.Equal(["unified/memory.max=max"], Plan(new LinuxResources { Memory = new LinuxMemory { Limit = -1 } }));
        Assert.Equal(["unified/memory.max=104857600"], Plan(new LinuxResources { Memory = new LinuxMemory { Limit = 100 * MiB, Swap = 100 * MiB } }));
        Assert.Equal(
            ["unified/memory.swap.max=104857600", "unified/memory.max=104857600"],
            Plan(new LinuxResources { Memory = new LinuxMemory { Limit = 100 * MiB, Swap = 200 * MiB } }));
    }

    [Fact]
    public void Swap_without_memory_is_refused_at_create_and_uses_the_current_limit_on_update()
    {
        var swapOnly = new LinuxResources { Memory = new LinuxMemory { Swap = 300 * MiB } };
        Assert.Throws<OciRuntimeException>(() => Plan(swapOnly));

        _fs.With($"{Dir}/memory.max", "104857600\n");
        Assert.Equal(["unified/memory.swap.max=209715200"], Plan(swapOnly, PlanMode.Update));

        _fs.With($"{Dir}/memory.max", "max\n");
        var error = Assert.Throws<OciRuntimeException>(() => Plan(swapOnly, PlanMode.Update));
        Assert.Contains("a swap limit needs a memory limit", error.Message);
    }

    [Fact]
    public void Check_before_update_refuses_a_limit_below_usage()
    {
        _fs.With($"{Dir}/memory.current", "209715200\n");
        var below = new LinuxResources { Memory = new LinuxMemory { Limit = 100 * MiB, CheckBeforeUpdate = true } };

        var error = Assert.Throws<OciRuntimeException>(() => Plan(below, PlanMode.Update));

        Assert.Equal("linux.resources.memory.limit: rejecting memory limit 104857600 below usage 209715200", error.Message);
        Assert.Equal(["unified/memory.max=314572800"],
            Plan(new LinuxResources { Memory = new LinuxMemory { Limit = 300 * MiB, CheckBeforeUpdate = true } }, PlanMode.Update));
    }

    [Fact]
    public void V1_only_memory_knobs_write_nothing()
    {
        Assert.Empty(Plan(new LinuxResources
        {
            Memory = new LinuxMemory { Kernel = MiB, KernelTcp = MiB, Swappiness = 10, DisableOomKiller = true, UseHierarchy = true },
        }));
    }

    [Fact]
    public void Docker_style_zeros_write_nothing() => Assert.Empty(Plan(V1ResourcePlanTests.DockerZeros()));

    [Fact]
    public void Cpu_shares_become_weight_and_quota_period_become_cpu_max()
    {
        Assert.Equal(
        [
            "unified/cpu.weight=39",
            "unified/cpu.idle=1",
            "unified/cpu.max.burst=1000 (RetryAfterNext)",
            "unified/cpu.max=50000 100000",
            "unified/cpuset.cpus=0-1",
            "unified/cpuset.mems=0",
        ], Plan(new LinuxResources
        {
            Cpu = new LinuxCpu { Shares = 1024, Quota = 50000, Burst = 1000, Idle = 1, Cpus = "0-1", Mems = "0", RealtimePeriod = 1000000, RealtimeRuntime = 950000 },
        }));
    }

    [Fact]
    public void Cpu_period_alone_at_create_means_no_quota()
    {
        Assert.Equal(["unified/cpu.max=max 20000"], Plan(new LinuxResources { Cpu = new LinuxCpu { Period = 20000 } }));
        Assert.Equal(["unified/cpu.max=max 100000"], Plan(new LinuxResources { Cpu = new LinuxCpu { Quota = -1 } }));
    }

    [Theory]
    [InlineData("max 250000\n", 50000L, 0ul, "unified/cpu.max=50000 250000")]
    [InlineData("30000 100000\n", 0L, 50000ul, "unified/cpu.max=30000 50000")]
    [InlineData("max 100000\n", 0L, 50000ul, "unified/cpu.max=max 50000")]
    [InlineData("30000 100000\n", -1L, 0ul, "unified/cpu.max=max 100000")]
    public void Cpu_update_of_quota_or_period_keeps_the_other(string current, long quota, ulong period, string expected)
    {
        _fs.With($"{Dir}/cpu.max", current);

        Assert.Equal([expected], Plan(new LinuxResources { Cpu = new LinuxCpu { Quota = quota, Period = period } }, PlanMode.Update));
    }

    [Fact]
    public void Leaving_idle_comes_before_the_weight()
    {
        Assert.Equal(["unified/cpu.idle=0", "unified/cpu.weight=1"], Plan(new LinuxResources { Cpu = new LinuxCpu { Idle = 0, Shares = 2 } }));
    }

    [Theory]
    [InlineData(-1L, "unified/pids.max=max")]
    [InlineData(32L, "unified/pids.max=32")]
    [InlineData(0L, "unified/pids.max=1")]
    public void Pids_limit(long limit, string expected) =>
        Assert.Equal([expected], Plan(new LinuxResources { Pids = new LinuxPids { Limit = limit } }));

    [Fact]
    public void Io_without_bfq_converts_the_weight_and_cannot_set_device_weights()
    {
        Assert.Equal(
        [
            "unified/io.weight=4950",
            "unified/io.max=8:0 rbps=1048576",
            "unified/io.max=8:0 wbps=2097152",
            "unified/io.max=8:0 riops=100",
            "unified/io.max=8:16 wiops=0",
        ], Plan(new LinuxResources { BlockIO = V1ResourcePlanTests.FullBlockIo() }));
    }

    [Fact]
    public void Io_with_bfq_keeps_the_blkio_scale_and_sets_device_weights()
    {
        _fs.With($"{Dir}/io.bfq.weight", "default 100\n");

        Assert.Equal(
            ["unified/io.bfq.weight=500", "unified/io.bfq.weight=8:0 400", "unified/io.bfq.weight=8:16 100"],
            Plan(new LinuxResources { BlockIO = new LinuxBlockIO { Weight = 500, WeightDevice = V1ResourcePlanTests.FullBlockIo().WeightDevice } }));
    }

    [Fact]
    public void Hugetlb_and_rdma()
    {
        Assert.Equal(
            ["unified/hugetlb.2MB.max=2097152", "unified/hugetlb.2MB.rsvd.max=2097152", "unified/rdma.max=mlx5_0 hca_handle=2"],
            Plan(new LinuxResources
            {
                HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 2 * MiB }],
                Rdma = new Dictionary<string, LinuxRdma> { ["mlx5_0"] = new() { HcaHandles = 2 } },
            }));
    }

    [Fact]
    public void Network_has_no_cgroup2_controller_and_is_ignored() =>
        Assert.Empty(Plan(new LinuxResources { Network = new LinuxNetwork { ClassId = 7, Priorities = [new() { Name = "lo", Priority = 1 }] } }));

    [Fact]
    public void Unified_keys_come_last_in_name_order_and_override_converted_values()
    {
        _fs.WithFiles(Dir, "memory.high", "cgroup.max.depth");

        Assert.Equal(
            ["unified/pids.max=10", "unified/cgroup.max.depth=3", "unified/memory.high=1G", "unified/pids.max=20"],
            Plan(new LinuxResources
            {
                Pids = new LinuxPids { Limit = 10 },
                Unified = new Dictionary<string, string> { ["pids.max"] = "20", ["memory.high"] = "1G", ["cgroup.max.depth"] = "3" },
            }));
    }

    [Theory]
    [InlineData("../memory.max", "linux.resources.unified: \"../memory.max\" must be a file name (no slashes)")]
    [InlineData("memoryhigh", "linux.resources.unified: \"memoryhigh\" must be in the form CONTROLLER.PARAMETER")]
    [InlineData("misc.max", "linux.resources.unified: \"misc.max\" cannot be set: /sys/fs/cgroup/c1 has no such file")]
    [InlineData("foo.bar", "linux.resources.unified: \"foo.bar\" cannot be set: controller foo is not available (cgroup.controllers: cpuset cpu io memory hugetlb pids rdma misc)")]
    public void Unified_keys_are_validated_before_anything_is_written(string key, string message)
    {
        var error = Assert.Throws<OciRuntimeException>(() =>
            Plan(new LinuxResources { Pids = new LinuxPids { Limit = 10 }, Unified = new Dictionary<string, string> { [key] = "1" } }));

        Assert.Equal(message, error.Message);
    }
}
