using OciRuntime.Cgroups;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class CgroupPathResolverTests
{
    private static readonly CgroupHierarchy Hybrid = CgroupHierarchy.Detect(HostLayouts.HybridMountInfo);
    private static readonly CgroupHierarchy Unified = CgroupHierarchy.Detect(HostLayouts.UnifiedMountInfo);
    private static readonly IReadOnlyDictionary<string, string> HybridOwn = ProcessCgroups.Parse(HostLayouts.HybridSelfCgroup);
    private static readonly IReadOnlyDictionary<string, string> UnifiedOwn = ProcessCgroups.Parse(HostLayouts.UnifiedSelfCgroup);

    [Fact]
    public void Absolute_path_is_taken_from_each_hierarchy_root()
    {
        var paths = CgroupPathResolver.Resolve(Hybrid, HybridOwn, "/machine/ctr", "ctr");

        Assert.Equal("/sys/fs/cgroup/memory/machine/ctr", paths.V1["memory"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/machine/ctr", paths.V1["cpu"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/machine/ctr", paths.V1["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/systemd/machine/ctr", paths.V1["name=systemd"]);
        Assert.Equal("/sys/fs/cgroup/unified/machine/ctr", paths.Unified);
        Assert.Equal(CgroupMode.Hybrid, paths.Mode);
    }

    [Fact]
    public void Relative_path_on_v1_is_below_the_callers_own_cgroup_of_each_controller()
    {
        var paths = CgroupPathResolver.Resolve(Hybrid, HybridOwn, "pod/ctr", "ctr");

        Assert.Equal("/sys/fs/cgroup/memory/process_api/abc/pod/ctr", paths.V1["memory"]);
        Assert.Equal("/sys/fs/cgroup/pids/user.slice/pod/ctr", paths.V1["pids"]);
        Assert.Equal("/sys/fs/cgroup/cpuset/pod/ctr", paths.V1["cpuset"]);
    }

    [Fact]
    public void Relative_path_on_v2_is_below_the_parent_of_the_callers_cgroup()
    {
        var paths = CgroupPathResolver.Resolve(Unified, UnifiedOwn, "pod/ctr", "ctr");

        Assert.Empty(paths.V1);
        Assert.Equal("/sys/fs/cgroup/user.slice/user-1000.slice/pod/ctr", paths.Unified);
    }

    [Fact]
    public void Empty_path_uses_the_container_id_as_a_relative_path()
    {
        var paths = CgroupPathResolver.Resolve(Unified, UnifiedOwn, "", "mybox");

        Assert.Equal("/sys/fs/cgroup/user.slice/user-1000.slice/mybox", paths.Unified);
    }

    [Theory]
    [InlineData("../../x", "x")]
    [InlineData("/a/../../b", "/b")]
    [InlineData("a//b/./c/", "a/b/c")]
    [InlineData("", "")]
    public void Paths_are_cleaned_so_they_never_climb_out(string input, string expected) =>
        Assert.Equal(expected, CgroupPathResolver.CleanPath(input));

    [Fact]
    public void Relative_path_cannot_escape_the_callers_cgroup()
    {
        var paths = CgroupPathResolver.Resolve(Unified, UnifiedOwn, "../../../../etc", "ctr");

        Assert.Equal("/sys/fs/cgroup/user.slice/user-1000.slice/etc", paths.Unified);
    }

    [Fact]
    public void Path_naming_the_root_cgroup_is_refused() =>
        Assert.Throws<OciRuntimeException>(() => CgroupPathResolver.Resolve(Unified, UnifiedOwn, "/", "ctr"));

    [Fact]
    public void Missing_devices_controller_is_fatal_on_v1()
    {
        var noDevices = CgroupHierarchy.Detect("35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");

        var error = Assert.Throws<OciRuntimeException>(() =>
            CgroupPathResolver.Resolve(noDevices, ProcessCgroups.Parse("4:memory:/\n"), "/x", "x"));
        Assert.Contains("devices", error.Message);
    }

    [Fact]
    public void Bind_mounted_sub_hierarchy_strips_the_mount_root()
    {
        var nested = CgroupHierarchy.Detect(
            "36 31 0:33 /docker/abc /sys/fs/cgroup/devices rw - cgroup cgroup rw,devices\n");

        var paths = CgroupPathResolver.Resolve(nested, ProcessCgroups.Parse("5:devices:/docker/abc\n"), "inner", "x");

        Assert.Equal("/sys/fs/cgroup/devices/inner", paths.V1["devices"]);
    }

    [Theory]
    [InlineData("system.slice:docker:1234", "system.slice", "docker", "1234", "docker-1234.scope")]
    [InlineData("", "", "runc", "ctr", "runc-ctr.scope")]
    [InlineData("user.slice::my.slice", "user.slice", "", "my.slice", "my.slice")]
    public void Systemd_paths_are_slice_prefix_name(string path, string slice, string prefix, string name, string unit)
    {
        var parsed = SystemdCgroupPath.Parse(path, "ctr");

        Assert.Equal(new SystemdCgroupPath(slice, prefix, name), parsed);
        Assert.Equal(unit, parsed.UnitName);
    }

    [Fact]
    public void Systemd_path_without_three_parts_is_refused() =>
        Assert.Contains("slice:prefix:name",
            Assert.Throws<OciRuntimeException>(() => SystemdCgroupPath.Parse("/a/b", "x")).Message);
}
