using OciRuntime.Cgroups;
using OciRuntime.IntelRdt;
using OciRuntime.Spec;
using OciRuntime.Tests.Cgroups;
using Xunit;

namespace OciRuntime.Tests.IntelRdt;

/// <summary>Intel RDT on a fake resctrl tree: what runc's intelrdt manager makes and writes, and what it refuses.</summary>
public sealed class IntelRdtTests : IDisposable
{
    private const string Resctrl = "/sys/fs/resctrl";
    private readonly FakeCgroupFs _fs = new();

    private const string MountInfo = """
        22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
        40 22 0:35 / /sys/fs/resctrl rw,relatime shared:20 - resctrl resctrl rw
        """;

    public IntelRdtTests()
    {
        // The kernel makes schemata and tasks in every new class; the fake lets writes to them through.
        _fs.OnWrite = (path, _) => path.EndsWith("/schemata", StringComparison.Ordinal) || path.EndsWith("/tasks", StringComparison.Ordinal) ? 0 : null;
    }

    private ResctrlHost Host(bool cat = true, bool mba = true, bool monitoring = true)
    {
        _fs.With("/proc/self/mountinfo", MountInfo);
        if (cat) _fs.With($"{Resctrl}/info/L3/cbm_mask", "fff");
        if (mba) _fs.With($"{Resctrl}/info/MB/min_bandwidth", "10");
        if (monitoring) _fs.With($"{Resctrl}/info/L3_MON/num_rmids", "8");
        return ResctrlHost.Detect(_fs)!;
    }

    [Fact]
    public void The_host_is_found_in_mountinfo_with_its_features()
    {
        Assert.Equal(new ResctrlHost(Resctrl, Cat: true, Mba: false, Monitoring: true), Host(mba: false));
    }

    [Fact]
    public void Without_a_resctrl_mount_there_is_no_host_and_any_intelRdt_is_refused()
    {
        _fs.With("/proc/self/mountinfo", "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n");
        var host = ResctrlHost.Detect(_fs);

        Assert.Null(host);
        var e = Assert.Throws<OciRuntimeException>(() => ResctrlHost.Require(new LinuxIntelRdt { ClosId = "gold" }, host));
        Assert.Equal("linux.intelRdt: Intel RDT is not supported or enabled on this host (no resctrl filesystem is mounted)", e.Message);
    }

    [Theory]
    [InlineData("l3", "linux.intelRdt.l3CacheSchema: Intel RDT/CAT is not enabled on this host")]
    [InlineData("mb", "linux.intelRdt.memBwSchema: Intel RDT/MBA is not enabled on this host")]
    [InlineData("mon", "linux.intelRdt.enableMonitoring: resctrl monitoring is not enabled on this host")]
    public void A_feature_the_host_lacks_is_refused(string asked, string message)
    {
        var host = Host(cat: false, mba: false, monitoring: false);
        var rdt = asked switch
        {
            "l3" => new LinuxIntelRdt { L3CacheSchema = "L3:0=f" },
            "mb" => new LinuxIntelRdt { MemBwSchema = "MB:0=50" },
            _ => new LinuxIntelRdt { EnableMonitoring = true },
        };

        Assert.Equal(message, Assert.Throws<OciRuntimeException>(() => ResctrlHost.Require(rdt, host)).Message);
    }

    [Fact]
    public void Schemata_are_the_two_schemas_then_the_1_3_lines_in_one_write()
    {
        var rdt = new LinuxIntelRdt { L3CacheSchema = "L3:0=f", MemBwSchema = "MB:0=50", Schemata = ["L2:0=3", ""] };

        Assert.Equal("L3:0=f\nMB:0=50\nL2:0=3\n", IntelRdtGroup.SchemataText(rdt));
        Assert.Null(IntelRdtGroup.SchemataText(new LinuxIntelRdt { ClosId = "gold" }));
    }

    [Fact]
    public void A_container_gets_a_class_named_after_it_with_its_schemata_and_a_monitoring_group()
    {
        var host = Host();
        _fs.OnWrite = (_, _) =>
        {
            // The kernel's new class comes with its mon_groups directory (made here by the class's first write).
            Directory.CreateDirectory(_fs.Real($"{Resctrl}/c1/mon_groups"));
            return 0;
        };

        var group = IntelRdtGroup.Create(new LinuxIntelRdt { L3CacheSchema = "L3:0=f", EnableMonitoring = true }, "c1", host, _fs);

        Assert.Equal(new IntelRdtGroup($"{Resctrl}/c1", Owned: true, $"{Resctrl}/c1/mon_groups/c1"), group);
        Assert.Equal(["c1/schemata=L3:0=f\n"], _fs.WritesUnder(Resctrl));
        Assert.True(_fs.DirectoryExists($"{Resctrl}/c1/mon_groups/c1"));
    }

    [Fact]
    public void An_existing_class_is_shared_and_left_at_destroy()
    {
        var host = Host();
        Directory.CreateDirectory(_fs.Real($"{Resctrl}/gold"));

        var group = IntelRdtGroup.Create(new LinuxIntelRdt { ClosId = "gold" }, "c1", host, _fs);
        group.Destroy(_fs);

        Assert.False(group.Owned);
        Assert.Empty(_fs.Writes);
        Assert.True(_fs.DirectoryExists($"{Resctrl}/gold"));
    }

    [Fact]
    public void An_owned_class_is_removed_at_destroy()
    {
        var group = IntelRdtGroup.Create(new LinuxIntelRdt { MemBwSchema = "MB:0=50" }, "c1", Host(), _fs);

        group.Destroy(_fs);

        Assert.False(_fs.DirectoryExists($"{Resctrl}/c1"));
    }

    [Fact]
    public void A_schemata_the_kernel_refuses_is_one_line_and_removes_the_new_class()
    {
        var host = Host();
        _fs.OnWrite = (_, _) => 22;

        var e = Assert.Throws<OciRuntimeException>(() => IntelRdtGroup.Create(new LinuxIntelRdt { L3CacheSchema = "L3:9=f" }, "c1", host, _fs));

        Assert.Equal($"intelRdt: write schemata \"L3:9=f\" to {Resctrl}/c1: invalid argument", e.Message);
        Assert.False(_fs.DirectoryExists($"{Resctrl}/c1"));
    }

    [Fact]
    public void New_processes_write_themselves_into_the_class_then_the_monitoring_group()
    {
        var group = new IntelRdtGroup($"{Resctrl}/c1", true, $"{Resctrl}/c1/mon_groups/c1");
        _fs.With($"{Resctrl}/c1/tasks").With($"{Resctrl}/c1/mon_groups/c1/tasks");
        using var entry = new CgroupEntry();

        group.AddTo(entry, _fs);

        Assert.Equal([$"{Resctrl}/c1", $"{Resctrl}/c1/mon_groups/c1"], entry.TaskFiles.Select(f => f.Directory));
        Assert.All(entry.TaskFiles, f => Assert.True(f.Fd >= 0));
    }

    public void Dispose() => _fs.Dispose();
}
