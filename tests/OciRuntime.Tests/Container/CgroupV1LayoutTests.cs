using OciRuntime.Cgroups;
using OciRuntime.Container.Rootfs;
using OciRuntime.Tests.Cgroups;
using Xunit;

namespace OciRuntime.Tests.Container;

public class CgroupV1LayoutTests
{
    [Fact]
    public void Co_mounted_controllers_are_one_directory_named_as_the_host_names_it_with_a_link_per_controller()
    {
        var hierarchy = CgroupHierarchy.Detect(HostLayouts.HybridMountInfo);
        var paths = CgroupPathResolver.Resolve(hierarchy, new Dictionary<string, string>(), "/docker/ctr", "ctr");

        var layout = CgroupV1Layout.Plan(paths, hierarchy);

        Assert.Equal(
            ["blkio", "cpu,cpuacct", "cpuset", "devices", "freezer", "memory", "pids", "systemd"],
            layout.Directories.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/docker/ctr", layout.Directories.Single(d => d.Name == "cpu,cpuacct").Source);
        Assert.Equal("/sys/fs/cgroup/systemd/docker/ctr", layout.Directories.Single(d => d.Name == "systemd").Source);
        Assert.Equal(
            [new CgroupV1Layout.Link("cpu", "cpu,cpuacct"), new CgroupV1Layout.Link("cpuacct", "cpu,cpuacct")],
            layout.Links);
    }

    [Fact]
    public void The_cgroup2_hierarchy_of_a_hybrid_host_is_not_shown()
    {
        var hierarchy = CgroupHierarchy.Detect(HostLayouts.HybridMountInfo);
        var paths = CgroupPathResolver.Resolve(hierarchy, new Dictionary<string, string>(), "/docker/ctr", "ctr");
        Assert.NotNull(paths.Unified);

        var layout = CgroupV1Layout.Plan(paths, hierarchy);

        Assert.DoesNotContain(layout.Directories, d => d.Name == "unified" || d.Source == paths.Unified);
    }

    [Fact]
    public void Controllers_mounted_alone_are_named_after_themselves_without_links()
    {
        var hierarchy = CgroupHierarchy.Detect(HostLayouts.LegacyMountInfo);
        var paths = CgroupPathResolver.Resolve(hierarchy, new Dictionary<string, string>(), "/docker/ctr", "ctr");

        var layout = CgroupV1Layout.Plan(paths, hierarchy);

        Assert.All(layout.Directories, d => Assert.EndsWith("/" + d.Name + "/docker/ctr", d.Source));
        Assert.Empty(layout.Links);
    }
}
