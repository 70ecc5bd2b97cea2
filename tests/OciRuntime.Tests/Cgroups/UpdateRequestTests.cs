using OciRuntime.Cgroups;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class UpdateRequestTests
{
    /// <summary>What Docker 20.10 pipes to <c>runc update --resources -</c>: every field, zeros meaning "unchanged".</summary>
    private const string DockerDocument = """
        {"devices":null,"memory":{"limit":0,"reservation":0,"swap":0,"kernel":0,"kernelTCP":0,"swappiness":null,"disableOOMKiller":null},
         "cpu":{"shares":0,"quota":0,"period":0,"realtimeRuntime":0,"realtimePeriod":0,"cpus":"","mems":""},
         "pids":{"limit":0},"blockIO":{"weight":0,"leafWeight":0,"weightDevice":null,"throttleReadBpsDevice":null,
         "throttleWriteBpsDevice":null,"throttleReadIOPSDevice":null,"throttleWriteIOPSDevice":null},
         "hugepageLimits":null,"network":null}
        """;

    [Fact]
    public void Every_flag_lands_on_its_field()
    {
        var request = UpdateRequest.From(new UpdateFlags
        {
            BlkioWeight = 300, CpuPeriod = 100000, CpuQuota = 50000, CpuShares = 512, CpuRealtimePeriod = 1000000,
            CpuRealtimeRuntime = 950000, CpusetCpus = "0-1", CpusetMems = "0", KernelMemory = 1 << 30, KernelMemoryTcp = 1 << 20,
            MemoryLimit = 1 << 29, MemoryReservation = 1 << 28, MemorySwap = 1 << 30, PidsLimit = 100,
            L3CacheSchema = "L3:0=ffff", MemBwSchema = "MB:0=70",
        }, resourcesJson: null);

        var r = request.Resources;
        Assert.Equal((ushort)300, r.BlockIO!.Weight);
        Assert.Equal((100000ul, 50000L, 512ul, 1000000ul, 950000L, "0-1", "0"),
            (r.Cpu!.Period, r.Cpu.Quota, r.Cpu.Shares, r.Cpu.RealtimePeriod, r.Cpu.RealtimeRuntime, r.Cpu.Cpus, r.Cpu.Mems));
        Assert.Equal((1L << 29, 1L << 28, 1L << 30, 1L << 30, 1L << 20),
            (r.Memory!.Limit, r.Memory.Reservation, r.Memory.Swap, r.Memory.Kernel, r.Memory.KernelTcp));
        Assert.Equal(100, r.Pids!.Limit);
        Assert.Equal(("L3:0=ffff", "MB:0=70"), (request.L3CacheSchema, request.MemBwSchema));
    }

    [Fact]
    public void No_flags_change_nothing()
    {
        using var fs = new FakeCgroupFs();
        var manager = CgroupManager.Open(ContainerTrees.V1(fs), fs);

        var request = UpdateRequest.From(new UpdateFlags(), resourcesJson: null);

        Assert.Empty(manager.Plan(request.Resources, PlanMode.Update));
    }

    /// <summary>runc 1.1's update keeps a pids limit of 0 as "unchanged"; only create's 0 is a limit (runtime-spec 1.3).</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("""{"pids":{"limit":0}}""")]
    public void A_zero_pids_limit_in_update_changes_nothing(string? document)
    {
        using var fs = new FakeCgroupFs();
        var request = UpdateRequest.From(new UpdateFlags { PidsLimit = 0 }, document, "stdin");

        Assert.Empty(CgroupManager.Open(ContainerTrees.V1(fs), fs).Plan(request.Resources, PlanMode.Update));
    }

    [Fact]
    public void Docker_document_of_zeros_changes_nothing_on_v1_or_v2()
    {
        using var fs = new FakeCgroupFs();
        var request = UpdateRequest.From(new UpdateFlags(), DockerDocument, "stdin");

        Assert.Empty(CgroupManager.Open(ContainerTrees.V1(fs), fs).Plan(request.Resources, PlanMode.Update));
        Assert.Empty(CgroupManager.Open(ContainerTrees.V2(fs), fs).Plan(request.Resources, PlanMode.Update));
    }

    [Fact]
    public void With_a_document_the_resource_flags_are_ignored_but_rdt_schemas_are_not()
    {
        var request = UpdateRequest.From(
            new UpdateFlags { MemoryLimit = 1 << 20, PidsLimit = 5, L3CacheSchema = "L3:0=f" },
            """{"memory":{"limit":536870912},"cpu":{"shares":256}}""");

        Assert.Equal(536870912L, request.Resources.Memory!.Limit);
        Assert.Equal(256ul, request.Resources.Cpu!.Shares);
        Assert.Null(request.Resources.Pids);
        Assert.Equal("L3:0=f", request.L3CacheSchema);
    }

    [Fact]
    public void Only_what_runc_update_passes_on_survives_from_the_document()
    {
        var request = UpdateRequest.From(new UpdateFlags(), """
            {"memory":{"limit":1048576,"swap":2097152,"reservation":524288,"kernel":1,"kernelTCP":2,"swappiness":10,
                       "disableOOMKiller":true,"useHierarchy":true,"checkBeforeUpdate":true},
             "cpu":{"shares":2,"quota":3,"burst":4,"period":5,"realtimeRuntime":6,"realtimePeriod":7,"cpus":"0","mems":"0","idle":1},
             "blockIO":{"weight":100,"leafWeight":50,"throttleReadBpsDevice":[{"major":8,"minor":0,"rate":1}]},
             "pids":{"limit":9},"unified":{"memory.high":"1G"},
             "hugepageLimits":[{"pageSize":"2MB","limit":0}],"network":{"classID":1},"rdma":{"mlx5_0":{"hcaHandles":1}},
             "devices":[{"allow":true,"access":"rwm"}]}
            """);

        var r = request.Resources;
        Assert.Equal((1048576L, 2097152L, 524288L, 1L, 2L, true),
            (r.Memory!.Limit, r.Memory.Swap, r.Memory.Reservation, r.Memory.Kernel, r.Memory.KernelTcp, r.Memory.CheckBeforeUpdate));
        Assert.Null(r.Memory.Swappiness);
        Assert.Null(r.Memory.DisableOomKiller);
        Assert.Null(r.Memory.UseHierarchy);
        Assert.Equal((2ul, 3L, 4ul, 5ul, 6L, 7ul, "0", "0", 1L),
            (r.Cpu!.Shares, r.Cpu.Quota, r.Cpu.Burst, r.Cpu.Period, r.Cpu.RealtimeRuntime, r.Cpu.RealtimePeriod, r.Cpu.Cpus, r.Cpu.Mems, r.Cpu.Idle));
        Assert.Equal((ushort)100, r.BlockIO!.Weight);
        Assert.Null(r.BlockIO.LeafWeight);
        Assert.Null(r.BlockIO.ThrottleReadBpsDevice);
        Assert.Equal(9, r.Pids!.Limit);
        Assert.Equal("1G", r.Unified!["memory.high"]);
        Assert.Null(r.HugepageLimits);
        Assert.Null(r.Network);
        Assert.Null(r.Rdma);
        Assert.Null(r.Devices);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"memory":{"limit":-1}}""")]
    public void Unlimited_memory_without_swap_means_unlimited_swap(string? document)
    {
        var request = UpdateRequest.From(new UpdateFlags { MemoryLimit = -1 }, document);

        Assert.Equal((-1L, -1L), (request.Resources.Memory!.Limit, request.Resources.Memory.Swap));
    }

    [Fact]
    public void Explicit_swap_with_unlimited_memory_is_kept()
    {
        var request = UpdateRequest.From(new UpdateFlags { MemoryLimit = -1, MemorySwap = 0 }, null);

        Assert.Equal(0L, request.Resources.Memory!.Swap);
    }

    [Fact]
    public void A_malformed_document_names_its_source()
    {
        var error = Assert.Throws<OciRuntimeException>(() => UpdateRequest.From(new UpdateFlags(), """{"memory":{"limit":"1g"}}""", "stdin"));

        Assert.StartsWith("stdin", error.Message);
        Assert.Contains("memory.limit", error.Message);
    }

    [Fact]
    public void The_document_comes_from_stdin_for_a_dash_and_from_the_file_otherwise()
    {
        Assert.Equal("{}", UpdateRequest.ReadDocument("-", new StringReader("{}")));

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"pids":{"limit":3}}""");
            Assert.Equal("""{"pids":{"limit":3}}""", UpdateRequest.ReadDocument(file, new StringReader("")));
        }
        finally
        {
            File.Delete(file);
        }

        var error = Assert.Throws<OciRuntimeException>(() => UpdateRequest.ReadDocument("/nonexistent/resources.json", new StringReader("")));
        Assert.StartsWith("--resources: ", error.Message);
    }
}
