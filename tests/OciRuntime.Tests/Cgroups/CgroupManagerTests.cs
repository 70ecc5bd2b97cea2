using OciRuntime.Cgroups;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class CgroupManagerTests
{
    private static readonly CgroupHierarchy Hybrid = CgroupHierarchy.Detect(HostLayouts.HybridMountInfo);
    private static readonly CgroupHierarchy Unified = CgroupHierarchy.Detect(HostLayouts.UnifiedMountInfo);
    private static readonly IReadOnlyDictionary<string, string> RootOwn =
        ProcessCgroups.Parse("9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n4:memory:/\n3:cpuset:/\n1:cpu,cpuacct:/\n0::/\n");

    private static CgroupManager CreateHybrid(FakeCgroupFs fs, string id = "c1") =>
        CgroupManager.Create(new CgroupOptions(id, "/ocirun/" + id), fs, Hybrid, RootOwn, systemdRunning: false);

    [Fact]
    public void Create_makes_a_directory_in_every_hierarchy()
    {
        using var fs = new FakeCgroupFs();

        var manager = CreateHybrid(fs);

        foreach (var dir in new[] { "memory", "cpu,cpuacct", "pids", "devices", "freezer", "blkio", "cpuset", "systemd", "unified" })
            Assert.True(fs.DirectoryExists($"/sys/fs/cgroup/{dir}/ocirun/c1"), dir);
        Assert.Equal("/sys/fs/cgroup/unified/ocirun/c1", manager.Paths.Unified);
    }

    [Fact]
    public void Create_on_v2_enables_the_parents_controllers_down_to_the_container()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/cgroup.controllers", "cpu io memory pids hugetlb\n")
            .With("/sys/fs/cgroup/cgroup.subtree_control", "memory pids\n")
            .With("/sys/fs/cgroup/pod/cgroup.controllers", "cpu io memory pids hugetlb\n")
            .With("/sys/fs/cgroup/pod/cgroup.subtree_control", "");

        var manager = CgroupManager.Create(new CgroupOptions("c1", "/pod/c1"), fs, Unified, RootOwn, false);

        Assert.Equal("+cpu +io +hugetlb", fs.Content("/sys/fs/cgroup/cgroup.subtree_control"));
        Assert.Equal("+cpu +io +memory +pids +hugetlb", fs.Content("/sys/fs/cgroup/pod/cgroup.subtree_control"));
        Assert.True(fs.DirectoryExists("/sys/fs/cgroup/pod/c1"));
        Assert.Null(manager.Paths.V1.GetValueOrDefault("memory"));
    }

    [Fact]
    public void Create_on_v2_leaves_the_controllers_of_a_parent_with_processes_alone()
    {
        // A delegated cgroup namespace whose root still holds the caller: enabling cpu/pids there would make it
        // a thread root and every new child "domain invalid".
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/cgroup.controllers", "cpu memory pids\n")
            .With("/sys/fs/cgroup/cgroup.subtree_control", "")
            .With("/sys/fs/cgroup/cgroup.procs", "1\n")
            .With("/sys/fs/cgroup/pod/cgroup.type", "domain\n")
            .With("/sys/fs/cgroup/pod/cgroup.controllers", "cpu memory pids\n")
            .With("/sys/fs/cgroup/pod/cgroup.subtree_control", "")
            .With("/sys/fs/cgroup/pod/cgroup.procs", "42\n");

        CgroupManager.Create(new CgroupOptions("c1", "/pod/c1"), fs, Unified, RootOwn, false);

        Assert.Equal("+cpu +memory +pids", fs.Content("/sys/fs/cgroup/cgroup.subtree_control"));
        Assert.Equal("", fs.Content("/sys/fs/cgroup/pod/cgroup.subtree_control"));
        Assert.True(fs.DirectoryExists("/sys/fs/cgroup/pod/c1"));
    }

    [Theory]
    [InlineData("/sys/fs/cgroup/freezer/ocirun/c1/freezer.state", "FROZEN\n")]
    [InlineData("/sys/fs/cgroup/freezer/ocirun/c1/freezer.state", "FREEZING\n")]
    [InlineData("/sys/fs/cgroup/unified/ocirun/c1/cgroup.freeze", "1\n")]
    [InlineData("/sys/fs/cgroup/unified/ocirun/c1/cgroup.events", "populated 0\nfrozen 1\n")]
    public void Create_refuses_a_frozen_cgroup_before_making_anything(string file, string content)
    {
        using var fs = new FakeCgroupFs().With(file, content);

        var error = Assert.Throws<OciRuntimeException>(() => CreateHybrid(fs));

        Assert.Equal("container's cgroup unexpectedly frozen", error.Message);
        Assert.False(fs.DirectoryExists("/sys/fs/cgroup/memory/ocirun/c1"));
        Assert.Empty(fs.Writes);
    }

    [Fact]
    public void Create_takes_an_existing_thawed_cgroup()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/freezer/ocirun/c1/freezer.state", "THAWED\n")
            .With("/sys/fs/cgroup/unified/ocirun/c1/cgroup.freeze", "0\n")
            .With("/sys/fs/cgroup/unified/ocirun/c1/cgroup.events", "populated 0\nfrozen 0\n");

        CreateHybrid(fs);

        Assert.True(fs.DirectoryExists("/sys/fs/cgroup/memory/ocirun/c1"));
    }

    [Fact]
    public void Systemd_driver_fails_clearly_without_fallback()
    {
        using var fs = new FakeCgroupFs();

        var error = Assert.Throws<OciRuntimeException>(() =>
            CgroupManager.Create(new CgroupOptions("c1", "system.slice:docker:c1", Systemd: true), fs, Hybrid, RootOwn, false));

        Assert.StartsWith("systemd cgroup driver not available", error.Message);
        Assert.Contains("docker-c1.scope", error.Message);
        Assert.False(fs.DirectoryExists("/sys/fs/cgroup/memory/c1"));
    }

    [Fact]
    public void AddProcess_writes_the_pid_to_each_hierarchy_once()
    {
        using var fs = new FakeCgroupFs();
        var manager = CreateHybrid(fs);
        foreach (var dir in manager.Paths.AllDirectories()) fs.With(Path.Join(dir, "cgroup.procs"));

        manager.AddProcess(4242);

        Assert.Equal("4242", fs.Content("/sys/fs/cgroup/cpu,cpuacct/ocirun/c1/cgroup.procs"));
        Assert.Equal("4242", fs.Content("/sys/fs/cgroup/unified/ocirun/c1/cgroup.procs"));
        Assert.Equal(9, manager.Paths.AllDirectories().Count()); // cpu,cpuacct share one
    }

    [Fact]
    public void AddProcess_to_a_missing_hierarchy_fails_with_the_path()
    {
        using var fs = new FakeCgroupFs();
        var manager = CreateHybrid(fs);

        var error = Assert.Throws<OciRuntimeException>(() => manager.AddProcess(1));

        Assert.Contains("adding pid 1 to /sys/fs/cgroup/", error.Message);
    }

    [Fact]
    public void V1_freeze_writes_FROZEN_and_reads_it_back()
    {
        using var fs = new FakeCgroupFs();
        var manager = CreateHybrid(fs);
        fs.With("/sys/fs/cgroup/freezer/ocirun/c1/freezer.state", "THAWED\n")
          .With("/sys/fs/cgroup/freezer/ocirun/c1/freezer.self_freezing", "1\n");

        manager.Freeze();
        Assert.Equal("FROZEN", fs.Content("/sys/fs/cgroup/freezer/ocirun/c1/freezer.state"));
        Assert.True(manager.IsFrozen());

        manager.Thaw();
        Assert.Equal("THAWED", fs.Content("/sys/fs/cgroup/freezer/ocirun/c1/freezer.state"));
        Assert.False(manager.IsFrozen());
    }

    [Fact]
    public void V1_a_freezer_cgroup_removed_by_a_racing_delete_is_not_frozen()
    {
        using var fs = new FakeCgroupFs();
        var manager = CreateHybrid(fs);

        Assert.False(manager.IsFrozen());
    }

    [Fact]
    public void V2_frozen_state_comes_from_cgroup_events()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/c1/cgroup.freeze", "0\n")
            .With("/sys/fs/cgroup/c1/cgroup.events", "populated 1\nfrozen 1\n");
        var manager = CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Unified, Unified = "/sys/fs/cgroup/c1" }, fs);

        manager.Freeze();

        Assert.Equal("1", fs.Content("/sys/fs/cgroup/c1/cgroup.freeze"));
        Assert.True(manager.IsFrozen());
    }

    [Fact]
    public void Pids_are_collected_recursively()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/c1/cgroup.procs", "10\n11\n")
            .With("/sys/fs/cgroup/c1/sub/cgroup.procs", "12\n");
        var manager = CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Unified, Unified = "/sys/fs/cgroup/c1" }, fs);

        Assert.Equal([10, 11, 12], manager.Pids().Order());
    }

    [Fact]
    public void V2_kill_all_with_SIGKILL_uses_cgroup_kill()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/c1/cgroup.kill")
            .With("/sys/fs/cgroup/c1/cgroup.procs", "999999999\n");
        var manager = CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Unified, Unified = "/sys/fs/cgroup/c1" }, fs);

        manager.KillAll(9);

        Assert.Equal("1", fs.Content("/sys/fs/cgroup/c1/cgroup.kill"));
    }

    [Fact]
    public void Destroy_removes_children_first_in_every_hierarchy()
    {
        using var fs = new FakeCgroupFs();
        var manager = CreateHybrid(fs);
        fs.With("/sys/fs/cgroup/memory/ocirun/c1/nested/memory.limit_in_bytes", "1\n")
          .With("/sys/fs/cgroup/memory/ocirun/c1/memory.limit_in_bytes", "1\n");

        manager.Destroy();

        foreach (var dir in manager.Paths.AllDirectories()) Assert.False(fs.DirectoryExists(dir), dir);
        Assert.True(fs.DirectoryExists("/sys/fs/cgroup/memory/ocirun"));
    }

    [Fact]
    public void Destroy_of_an_already_removed_cgroup_succeeds()
    {
        using var fs = new FakeCgroupFs();
        var manager = CreateHybrid(fs);
        manager.Destroy();

        manager.Destroy();
    }

    [Fact]
    public void Paths_round_trip_through_json_to_reopen_the_manager()
    {
        var paths = CgroupPathResolver.Resolve(Hybrid, RootOwn, "/a/b", "b");

        var utf8 = OciRuntime.Container.State.HandJson.Object(w => OciRuntime.Container.State.CgroupPathsJson.Write(w, "cgroups", paths));
        var json = System.Text.Encoding.UTF8.GetString(utf8);
        var reader = new System.Text.Json.Utf8JsonReader(utf8);
        reader.Read(); // the object
        reader.Read(); // "cgroups"
        reader.Read(); // its value
        var back = OciRuntime.Container.State.CgroupPathsJson.Read(ref reader);

        Assert.Contains("\"mode\":\"Hybrid\"", json);
        Assert.Equal(paths.V1, back.V1);
        Assert.Equal(paths.Unified, back.Unified);
        Assert.IsType<OciRuntime.Cgroups.V1.V1CgroupManager>(CgroupManager.Open(back));
    }

    [Fact]
    public void Oom_kill_count_comes_from_oom_control_on_v1_and_memory_events_on_v2()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/memory/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n")
            .With("/sys/fs/cgroup/c2/memory.events", "low 0\nhigh 0\nmax 5\noom 2\noom_kill 2\n");

        Assert.Equal(3ul, CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Legacy, V1 = { ["memory"] = "/sys/fs/cgroup/memory/c1" } }, fs).OomKillCount());
        Assert.Equal(2ul, CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Unified, Unified = "/sys/fs/cgroup/c2" }, fs).OomKillCount());
    }
}

public class CgroupDeviceApplyTests
{
    [Fact]
    public void V1_devices_are_reset_to_deny_then_allowed_one_by_one()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/devices/c/devices.list", "a *:* rwm\n")
            .With("/sys/fs/cgroup/devices/c/devices.allow")
            .With("/sys/fs/cgroup/devices/c/devices.deny");
        var manager = CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Legacy, V1 = { ["devices"] = "/sys/fs/cgroup/devices/c" } }, fs);

        manager.ApplyDevices([OciRuntime.Cgroups.Devices.DeviceRule.FromSpec(false, null, null, null, "rwm"),
                              OciRuntime.Cgroups.Devices.DeviceRule.FromSpec(true, "c", 4, 64, "rw")]);

        Assert.Equal(
            // The config's rules first, then the default allowlist, in the order they are granted.
            ["devices.deny=a *:* rwm", "devices.allow=c 4:64 rw", "devices.allow=c *:* m", "devices.allow=b *:* m",
             "devices.allow=c 1:3 rwm", "devices.allow=c 1:8 rwm", "devices.allow=c 1:7 rwm", "devices.allow=c 5:0 rwm",
             "devices.allow=c 1:5 rwm", "devices.allow=c 1:9 rwm", "devices.allow=c 136:* rwm", "devices.allow=c 5:2 rwm",
             "devices.allow=c 10:200 rwm"],
            fs.Writes.Select(w => $"{Path.GetFileName(w.Path)}={w.Value}"));
    }

    [Fact]
    public void A_v1_device_rule_the_kernel_refuses_is_named_with_its_file()
    {
        const int EINVAL = 22;
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/devices/c/devices.list", "a *:* rwm\n")
            .With("/sys/fs/cgroup/devices/c/devices.allow")
            .With("/sys/fs/cgroup/devices/c/devices.deny");
        fs.OnWrite = (_, value) => value == "c 1:8 rwm" ? EINVAL : null;
        var manager = CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Legacy, V1 = { ["devices"] = "/sys/fs/cgroup/devices/c" } }, fs);

        var error = Assert.Throws<OciRuntimeException>(() => manager.ApplyDevices([]));

        Assert.Equal("cgroup: write c 1:8 rwm to /sys/fs/cgroup/devices/c/devices.allow: invalid argument", error.Message);
        Assert.Equal("devices.allow=c 1:8 rwm", fs.Writes.Select(w => $"{Path.GetFileName(w.Path)}={w.Value}").Last());
    }
}
