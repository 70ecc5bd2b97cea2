using OciRuntime.Cgroups;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

/// <summary>Apply (create) and Update end to end over fake trees: device rules, then limits, in the written files.</summary>
public class ResourceApplyTests : IDisposable
{
    private readonly FakeCgroupFs _fs = new();

    public void Dispose() => _fs.Dispose();

    private static readonly string[] DefaultAllowWrites =
    [
        "devices/c1/devices.deny=a *:* rwm", "devices/c1/devices.allow=c *:* m", "devices/c1/devices.allow=b *:* m",
        "devices/c1/devices.allow=c 1:3 rwm", "devices/c1/devices.allow=c 1:8 rwm", "devices/c1/devices.allow=c 1:7 rwm",
        "devices/c1/devices.allow=c 5:0 rwm", "devices/c1/devices.allow=c 1:5 rwm", "devices/c1/devices.allow=c 1:9 rwm",
        "devices/c1/devices.allow=c 136:* rwm", "devices/c1/devices.allow=c 5:2 rwm", "devices/c1/devices.allow=c 10:200 rwm",
    ];

    [Fact]
    public void V1_apply_without_resources_still_restricts_devices_to_the_default_allowlist()
    {
        var manager = CgroupManager.Open(ContainerTrees.V1(_fs), _fs);

        manager.Apply(null);

        Assert.Equal(DefaultAllowWrites, _fs.WritesUnder(ContainerTrees.V1Root));
    }

    [Fact]
    public void V1_apply_writes_devices_then_limits_into_the_files()
    {
        var manager = CgroupManager.Open(ContainerTrees.V1(_fs), _fs);

        manager.Apply(new LinuxResources
        {
            Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }],
            Memory = new LinuxMemory { Limit = 104857600, Swap = 209715200 },
            Cpu = new LinuxCpu { Shares = 512, Quota = 20000, Period = 100000, Cpus = "0" },
            Pids = new LinuxPids { Limit = 64 },
        });

        Assert.Equal(
            [.. DefaultAllowWrites, "cpuset/c1/cpuset.cpus=0", "memory/c1/memory.limit_in_bytes=104857600",
             "memory/c1/memory.memsw.limit_in_bytes=209715200", "cpu/c1/cpu.shares=512", "cpu/c1/cpu.cfs_period_us=100000",
             "cpu/c1/cpu.cfs_quota_us=20000", "pids/c1/pids.max=64"],
            _fs.WritesUnder(ContainerTrees.V1Root));
        Assert.Equal("104857600", _fs.Content("/sys/fs/cgroup/memory/c1/memory.limit_in_bytes"));
        Assert.Equal("64", _fs.Content("/sys/fs/cgroup/pids/c1/pids.max"));
    }

    [Fact]
    public void Update_changes_limits_but_never_devices()
    {
        var manager = CgroupManager.Open(ContainerTrees.V1(_fs), _fs);

        manager.Update(new LinuxResources
        {
            Devices = [new LinuxDeviceCgroup { Allow = true, Access = "rwm" }],
            Pids = new LinuxPids { Limit = 100 },
        });

        Assert.Equal(["pids/c1/pids.max=100"], _fs.WritesUnder(ContainerTrees.V1Root));
    }

    [Fact]
    public void An_impossible_configuration_changes_nothing()
    {
        var manager = CgroupManager.Open(ContainerTrees.V1(_fs), _fs);

        Assert.Throws<OciRuntimeException>(() => manager.Apply(new LinuxResources
        {
            Pids = new LinuxPids { Limit = 10 },
            Unified = new Dictionary<string, string> { ["pids.max"] = "10" },
        }));

        Assert.Empty(_fs.Writes);
    }

    [Fact]
    public void V2_apply_attaches_the_device_program_then_writes_the_limits()
    {
        var manager = CgroupManager.Open(ContainerTrees.V2(_fs), _fs);

        manager.Apply(new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 104857600 },
            Cpu = new LinuxCpu { Shares = 1024, Quota = 50000 },
            Pids = new LinuxPids { Limit = -1 },
        });

        var (dir, program) = Assert.Single(_fs.DevicePrograms);
        Assert.Equal(ContainerTrees.V2Dir, dir);
        Assert.Equal(OciRuntime.Cgroups.Devices.DeviceFilterProgram.Compile(OciRuntime.Cgroups.Devices.DefaultDevices.AllowList), program);
        Assert.Equal(
            ["pids.max=max", "memory.max=104857600", "cpu.weight=39", "cpu.max=50000 100000"],
            _fs.WritesUnder(ContainerTrees.V2Dir));
    }

    [Fact]
    public void V1_create_gives_new_cpuset_cgroups_their_parents_cpus_and_mems()
    {
        var hybrid = CgroupHierarchy.Detect(HostLayouts.HybridMountInfo);
        var own = ProcessCgroups.Parse("8:pids:/\n5:devices:/\n4:memory:/\n3:cpuset:/\n1:cpu,cpuacct:/\n0::/\n");
        // The kernel creates a cpuset cgroup's files empty; the fake tree has them ready at each new level.
        _fs.With("/sys/fs/cgroup/cpuset/cpuset.cpus", "0-3\n").With("/sys/fs/cgroup/cpuset/cpuset.mems", "0\n")
           .With("/sys/fs/cgroup/cpuset/pod/cpuset.cpus").With("/sys/fs/cgroup/cpuset/pod/cpuset.mems")
           .With("/sys/fs/cgroup/cpuset/pod/c1/cpuset.cpus").With("/sys/fs/cgroup/cpuset/pod/c1/cpuset.mems");

        CgroupManager.Create(new CgroupOptions("c1", "/pod/c1"), _fs, hybrid, own, systemdRunning: false);

        Assert.Equal("0-3", _fs.Content("/sys/fs/cgroup/cpuset/pod/cpuset.cpus"));
        Assert.Equal("0", _fs.Content("/sys/fs/cgroup/cpuset/pod/c1/cpuset.mems"));
        Assert.Equal(
            ["cpuset/pod/cpuset.cpus=0-3", "cpuset/pod/cpuset.mems=0", "cpuset/pod/c1/cpuset.cpus=0-3", "cpuset/pod/c1/cpuset.mems=0"],
            _fs.WritesUnder(ContainerTrees.V1Root).Where(w => w.StartsWith("cpuset/", StringComparison.Ordinal)));
    }
}
