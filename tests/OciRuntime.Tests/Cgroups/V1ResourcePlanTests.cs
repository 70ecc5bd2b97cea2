using OciRuntime.Cgroups;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class V1ResourcePlanTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly FakeCgroupFs _fs = new();

    public void Dispose() => _fs.Dispose();

    private List<string> Plan(LinuxResources resources, PlanMode mode = PlanMode.Create, params string[] without) =>
        CgroupManager.Open(ContainerTrees.V1(_fs, without), _fs).Plan(resources, mode).Select(w => w.ToString()).ToList();

    [Fact]
    public void Memory_lowered_from_unlimited_writes_memory_first_then_the_rest_in_runcs_order()
    {
        var plan = Plan(new LinuxResources
        {
            Memory = new LinuxMemory
            {
                Limit = 100 * MiB, Swap = 200 * MiB, Reservation = 50 * MiB, Kernel = 300 * MiB, KernelTcp = 10 * MiB,
                DisableOomKiller = true, Swappiness = 60, UseHierarchy = true, CheckBeforeUpdate = true,
            },
        });

        Assert.Equal(
        [
            "memory/memory.limit_in_bytes=104857600 (ExplainBusyAsUsage)",
            "memory/memory.memsw.limit_in_bytes=209715200",
            "memory/memory.kmem.limit_in_bytes=314572800",
            "memory/memory.kmem.tcp.limit_in_bytes=10485760",
            "memory/memory.soft_limit_in_bytes=52428800",
            "memory/memory.oom_control=1",
            "memory/memory.swappiness=60",
            "memory/memory.use_hierarchy=1",
        ], plan);
    }

    [Fact]
    public void Memory_raised_above_the_current_limit_writes_swap_first()
    {
        var paths = ContainerTrees.V1(_fs);
        _fs.With("/sys/fs/cgroup/memory/c1/memory.limit_in_bytes", "104857600\n");

        var plan = CgroupManager.Open(paths, _fs)
            .Plan(new LinuxResources { Memory = new LinuxMemory { Limit = 300 * MiB, Swap = 600 * MiB } }, PlanMode.Update)
            .Select(w => w.ToString());

        Assert.Equal(
            ["memory/memory.memsw.limit_in_bytes=629145600", "memory/memory.limit_in_bytes=314572800 (ExplainBusyAsUsage)"],
            plan);
    }

    [Fact]
    public void Unlimited_memory_with_swap_unset_makes_swap_unlimited_too()
    {
        Assert.Equal(
            ["memory/memory.memsw.limit_in_bytes=-1", "memory/memory.limit_in_bytes=-1 (ExplainBusyAsUsage)"],
            Plan(new LinuxResources { Memory = new LinuxMemory { Limit = -1 } }));
    }

    [Fact]
    public void Without_swap_accounting_unlimited_swap_is_skipped_but_a_swap_limit_is_kept()
    {
        var paths = ContainerTrees.V1(_fs);
        File.Delete(_fs.Real("/sys/fs/cgroup/memory/c1/memory.memsw.limit_in_bytes"));

        var manager = CgroupManager.Open(paths, _fs);

        Assert.Equal(["memory/memory.limit_in_bytes=-1 (ExplainBusyAsUsage)"],
            manager.Plan(new LinuxResources { Memory = new LinuxMemory { Limit = -1 } }, PlanMode.Create).Select(w => w.ToString()));
        Assert.Equal(["memory/memory.limit_in_bytes=1048576 (ExplainBusyAsUsage)"],
            manager.Plan(new LinuxResources { Memory = new LinuxMemory { Limit = MiB, Swap = -1 } }, PlanMode.Create).Select(w => w.ToString()));
        Assert.Equal(["memory/memory.limit_in_bytes=1048576 (ExplainBusyAsUsage)", "memory/memory.memsw.limit_in_bytes=2097152"],
            manager.Plan(new LinuxResources { Memory = new LinuxMemory { Limit = MiB, Swap = 2 * MiB } }, PlanMode.Create).Select(w => w.ToString()));
    }

    [Fact]
    public void Kernel_memory_is_skipped_where_the_kernel_lacks_the_file()
    {
        var paths = ContainerTrees.V1(_fs);
        File.Delete(_fs.Real("/sys/fs/cgroup/memory/c1/memory.kmem.limit_in_bytes"));
        File.Delete(_fs.Real("/sys/fs/cgroup/memory/c1/memory.kmem.tcp.limit_in_bytes"));

        var plan = CgroupManager.Open(paths, _fs)
            .Plan(new LinuxResources { Memory = new LinuxMemory { Kernel = 1 * MiB, KernelTcp = 1 * MiB } }, PlanMode.Create);

        Assert.Empty(plan);
    }

    [Fact]
    public void Swappiness_minus_one_is_left_alone_and_above_100_refused()
    {
        Assert.Empty(Plan(new LinuxResources { Memory = new LinuxMemory { Swappiness = ulong.MaxValue } }));
        Assert.Equal(["memory/memory.swappiness=0"], Plan(new LinuxResources { Memory = new LinuxMemory { Swappiness = 0 } }));

        var error = Assert.Throws<OciRuntimeException>(() => Plan(new LinuxResources { Memory = new LinuxMemory { Swappiness = 101 } }));
        Assert.Equal("linux.resources.memory.swappiness: invalid value 101, the valid range is 0-100", error.Message);
    }

    [Fact]
    public void Docker_style_zeros_write_nothing()
    {
        var plan = Plan(DockerZeros());

        Assert.Empty(plan);
    }

    /// <summary>What Docker sends for create and update: every field present, zero meaning "unset" (but pids: Docker
    /// maps a limit of 0 or less to -1 and sends none when unset; a 0 limit is a real one since runtime-spec 1.3).</summary>
    internal static LinuxResources DockerZeros() => new()
    {
        Memory = new LinuxMemory { Limit = 0, Reservation = 0, Swap = 0, Kernel = 0, KernelTcp = 0, DisableOomKiller = false },
        Cpu = new LinuxCpu { Shares = 0, Quota = 0, Period = 0, RealtimeRuntime = 0, RealtimePeriod = 0, Cpus = "", Mems = "" },
        Pids = new LinuxPids(),
        BlockIO = new LinuxBlockIO { Weight = 0, LeafWeight = 0 },
        Network = new LinuxNetwork { ClassId = 0 },
    };

    [Fact]
    public void Cpu_writes_cpuset_first_then_shares_period_burst_quota_idle_and_realtime()
    {
        var plan = Plan(new LinuxResources
        {
            Cpu = new LinuxCpu
            {
                Shares = 512, Period = 50000, Quota = 25000, Burst = 1000, RealtimePeriod = 1000000, RealtimeRuntime = 950000,
                Idle = 1, Cpus = "0-1", Mems = "0",
            },
        });

        Assert.Equal(
        [
            "cpuset/cpuset.cpus=0-1",
            "cpuset/cpuset.mems=0",
            "cpu/cpu.shares=512 (VerifyReadBack)",
            "cpu/cpu.cfs_period_us=50000 (RetryAfterNext)",
            "cpu/cpu.cfs_burst_us=1000 (RetryAfterNext)",
            "cpu/cpu.cfs_quota_us=25000",
            "cpu/cpu.idle=1",
            "cpu/cpu.rt_period_us=1000000",
            "cpu/cpu.rt_runtime_us=950000",
        ], plan);
    }

    [Fact]
    public void Leaving_idle_comes_before_the_shares_and_needs_the_file()
    {
        Assert.Equal(
            ["cpu/cpu.idle=0", "cpu/cpu.shares=1024 (VerifyReadBack)", "cpu/cpu.cfs_period_us=100000"],
            Plan(new LinuxResources { Cpu = new LinuxCpu { Idle = 0, Shares = 1024, Period = 100000 } }));

        var paths = ContainerTrees.V1(_fs);
        File.Delete(_fs.Real("/sys/fs/cgroup/cpu/c1/cpu.idle"));
        File.Delete(_fs.Real("/sys/fs/cgroup/cpu/c1/cpu.cfs_burst_us"));
        Assert.Empty(CgroupManager.Open(paths, _fs).Plan(new LinuxResources { Cpu = new LinuxCpu { Idle = 0, Burst = 0 } }, PlanMode.Create));
    }

    [Theory]
    [InlineData(100L, "pids/pids.max=100")]
    [InlineData(-1L, "pids/pids.max=max")]
    [InlineData(-2L, "pids/pids.max=max")]
    [InlineData(0L, "pids/pids.max=1")]
    public void Pids_limit_negative_is_max_and_zero_a_limit(long limit, string expected) =>
        Assert.Equal([expected], Plan(new LinuxResources { Pids = new LinuxPids { Limit = limit } }));

    [Fact]
    public void An_absent_pids_limit_writes_nothing() =>
        Assert.Empty(Plan(new LinuxResources { Pids = new LinuxPids() }));

    [Fact]
    public void Blkio_uses_the_cfq_files_where_present()
    {
        var plan = Plan(new LinuxResources { BlockIO = FullBlockIo() });

        Assert.Equal(
        [
            "blkio/blkio.weight=500",
            "blkio/blkio.leaf_weight=300",
            "blkio/blkio.weight_device=8:0 400",
            "blkio/blkio.leaf_weight_device=8:0 200",
            "blkio/blkio.weight_device=8:16 100",
            "blkio/blkio.throttle.read_bps_device=8:0 1048576",
            "blkio/blkio.throttle.write_bps_device=8:0 2097152",
            "blkio/blkio.throttle.read_iops_device=8:0 100",
            "blkio/blkio.throttle.write_iops_device=8:16 0",
        ], plan);
    }

    [Fact]
    public void Blkio_weights_go_to_bfq_when_the_kernel_has_no_cfq()
    {
        var paths = ContainerTrees.V1(_fs);
        File.Delete(_fs.Real("/sys/fs/cgroup/blkio/c1/blkio.weight"));
        File.Delete(_fs.Real("/sys/fs/cgroup/blkio/c1/blkio.weight_device"));

        var plan = CgroupManager.Open(paths, _fs).Plan(new LinuxResources
        {
            BlockIO = new LinuxBlockIO { Weight = 500, WeightDevice = [new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 400 }] },
        }, PlanMode.Create);

        Assert.Equal(["blkio/blkio.bfq.weight=500", "blkio/blkio.bfq.weight_device=8:0 400"], plan.Select(w => w.ToString()));
    }

    internal static LinuxBlockIO FullBlockIo() => new()
    {
        Weight = 500,
        LeafWeight = 300,
        WeightDevice =
        [
            new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 400, LeafWeight = 200 },
            new LinuxWeightDevice { Major = 8, Minor = 16, Weight = 100 },
        ],
        ThrottleReadBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 }],
        ThrottleWriteBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 2097152 }],
        ThrottleReadIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 100 }],
        ThrottleWriteIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 16, Rate = 0 }],
    };

    [Fact]
    public void Hugetlb_limits_and_reservations_are_written_even_when_zero()
    {
        var plan = Plan(new LinuxResources
        {
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 4 * 2 * MiB }, new LinuxHugepageLimit { PageSize = "1GB", Limit = 0 }],
        });

        Assert.Equal(
        [
            "hugetlb/hugetlb.2MB.limit_in_bytes=8388608", "hugetlb/hugetlb.2MB.rsvd.limit_in_bytes=8388608",
            "hugetlb/hugetlb.1GB.limit_in_bytes=0", "hugetlb/hugetlb.1GB.rsvd.limit_in_bytes=0",
        ], plan);
    }

    [Fact]
    public void Network_class_id_and_priorities()
    {
        var plan = Plan(new LinuxResources
        {
            Network = new LinuxNetwork
            {
                ClassId = 1048577,
                Priorities = [new LinuxInterfacePriority { Name = "eth0", Priority = 5 }, new LinuxInterfacePriority { Name = "lo", Priority = 2 }],
            },
        });

        Assert.Equal(["net_cls/net_cls.classid=1048577", "net_prio/net_prio.ifpriomap=eth0 5", "net_prio/net_prio.ifpriomap=lo 2"], plan);
    }

    [Fact]
    public void Rdma_limits_one_line_per_device_in_name_order()
    {
        var plan = Plan(new LinuxResources
        {
            Rdma = new Dictionary<string, LinuxRdma>
            {
                ["mlx5_1"] = new() { HcaObjects = 1000 },
                ["mlx5_0"] = new() { HcaHandles = 3, HcaObjects = 10000 },
                ["mlx5_2"] = new(),
            },
        });

        Assert.Equal(["rdma/rdma.max=mlx5_0 hca_handle=3 hca_object=10000", "rdma/rdma.max=mlx5_1 hca_object=1000"], plan);
    }

    [Fact]
    public void Unified_keys_are_refused_on_v1()
    {
        var error = Assert.Throws<OciRuntimeException>(() =>
            Plan(new LinuxResources { Unified = new Dictionary<string, string> { ["memory.high"] = "1G" } }));

        Assert.Equal("invalid configuration: linux.resources.unified: cgroup v2 settings cannot be used on a cgroup v1 host", error.Message);
    }

    [Fact]
    public void A_missing_controller_is_an_error_only_when_a_value_must_go_there()
    {
        Assert.Empty(Plan(new LinuxResources { Network = new LinuxNetwork { ClassId = 0 } }, PlanMode.Create, "net_cls", "net_prio"));

        var error = Assert.Throws<OciRuntimeException>(() =>
            Plan(new LinuxResources { Network = new LinuxNetwork { ClassId = 7 } }, PlanMode.Create, "net_cls"));

        Assert.Equal("linux.resources.network: cannot be applied: the net_cls cgroup controller is not available on this host", error.Message);
    }

    [Fact]
    public void Hybrid_host_puts_hugetlb_limits_in_the_cgroup2_directory()
    {
        var paths = ContainerTrees.V1(_fs, "hugetlb");
        paths = new CgroupPaths { Mode = CgroupMode.Hybrid, V1 = paths.V1, Unified = "/sys/fs/cgroup/unified/c1" };
        _fs.With("/sys/fs/cgroup/unified/c1/cgroup.controllers", "hugetlb\n")
           .WithFiles("/sys/fs/cgroup/unified/c1", "hugetlb.2MB.max", "hugetlb.2MB.rsvd.max");

        var plan = CgroupManager.Open(paths, _fs).Plan(
            new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 0 }], Pids = new LinuxPids { Limit = 10 } },
            PlanMode.Create);

        Assert.Equal(["pids/pids.max=10", "unified/hugetlb.2MB.max=0", "unified/hugetlb.2MB.rsvd.max=0"], plan.Select(w => w.ToString()));
    }
}
