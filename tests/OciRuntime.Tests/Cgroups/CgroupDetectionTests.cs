using OciRuntime.Cgroups;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class CgroupDetectionTests
{
    [Fact]
    public void Hybrid_host_has_v1_controllers_and_the_unified_mount()
    {
        var hierarchy = CgroupHierarchy.Detect(HostLayouts.HybridMountInfo);

        Assert.Equal(CgroupMode.Hybrid, hierarchy.Mode);
        Assert.Equal("/sys/fs/cgroup/unified", hierarchy.UnifiedMount!.MountPoint);
        Assert.Equal(
            ["blkio", "cpu", "cpuacct", "cpuset", "devices", "freezer", "memory", "name=systemd", "pids"],
            hierarchy.V1Mounts.Keys.Order(StringComparer.Ordinal));
        Assert.Same(hierarchy.V1Mounts["cpu"], hierarchy.V1Mounts["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", hierarchy.V1Mounts["cpu"].MountPoint);
    }

    [Fact]
    public void Legacy_host_has_no_unified_mount()
    {
        var hierarchy = CgroupHierarchy.Detect(HostLayouts.LegacyMountInfo);

        Assert.Equal(CgroupMode.Legacy, hierarchy.Mode);
        Assert.Null(hierarchy.UnifiedMount);
        Assert.Equal("/sys/fs/cgroup/cpuacct", hierarchy.V1Mounts["cpuacct"].MountPoint);
    }

    [Fact]
    public void Unified_host_is_cgroup2_at_the_cgroup_root()
    {
        var hierarchy = CgroupHierarchy.Detect(HostLayouts.UnifiedMountInfo);

        Assert.Equal(CgroupMode.Unified, hierarchy.Mode);
        Assert.Empty(hierarchy.V1Mounts);
        Assert.Equal("/sys/fs/cgroup", hierarchy.UnifiedMount!.MountPoint);
    }

    [Fact]
    public void No_cgroup_mount_is_an_error()
    {
        var error = Assert.Throws<OciRuntimeException>(() =>
            CgroupHierarchy.Detect("22 1 0:21 / /proc rw - proc proc rw\n"));
        Assert.Contains("no cgroup", error.Message);
    }

    [Fact]
    public void Mount_points_with_escaped_spaces_are_decoded()
    {
        var mounts = CgroupMountEntry.ParseMountInfo("41 31 0:38 / /mnt/my\\040cgroup rw - cgroup2 cgroup2 rw\n");

        Assert.Equal("/mnt/my cgroup", Assert.Single(mounts).MountPoint);
    }

    [Fact]
    public void Own_cgroups_split_co_mounted_controllers_and_key_v2_by_empty_name()
    {
        var own = ProcessCgroups.Parse(HostLayouts.HybridSelfCgroup);

        Assert.Equal("/", own["cpu"]);
        Assert.Equal("/", own["cpuacct"]);
        Assert.Equal("/process_api/abc", own["memory"]);
        Assert.Equal("/user.slice/session-1.scope", own["name=systemd"]);
        Assert.Equal("/user.slice/session-1.scope", own[""]);
    }

    [Fact]
    public void This_host_is_detected_without_error()
    {
        var hierarchy = CgroupHierarchy.DetectHost();

        Assert.True(hierarchy.V1Mounts.Count > 0 || hierarchy.UnifiedMount != null);
    }
}
