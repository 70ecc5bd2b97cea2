using System.Text.Json.Nodes;
using OciRuntime.Cgroups;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// This host is hybrid: v1 controllers plus cgroup2 at /sys/fs/cgroup/unified holding hugetlb. A container gets a
/// cgroup there too, holds its processes, takes its hugetlb limit there, and can be frozen through cgroup.freeze.
/// </summary>
public sealed class UnifiedHierarchyTests
{
    private const string UnifiedMount = "/sys/fs/cgroup/unified";

    [SkippableFact]
    public void A_container_lives_in_the_unified_hierarchy_with_its_hugetlb_limit_and_freezes_there()
    {
        Root.Require();
        Skip.IfNot(File.Exists(Path.Join(UnifiedMount, "cgroup.controllers")), "no cgroup2 hierarchy at " + UnifiedMount);
        Skip.IfNot(File.ReadAllText(Path.Join(UnifiedMount, "cgroup.controllers")).Contains("hugetlb"), "no hugetlb in cgroup2 here");
        using var bundle = new BusyboxBundle("sleep", "100");
        bundle.Linux["resources"] = new JsonObject
        {
            ["hugepageLimits"] = new JsonArray(new JsonObject { ["pageSize"] = "2MB", ["limit"] = 4194304 }),
        };
        bundle.Save();
        var id = bundle.NewId();
        var run = bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, id);
        Assert.True(run.ExitCode == 0, run.ToString());
        var pid = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();

        var unifiedPath = File.ReadAllLines($"/proc/{pid}/cgroup").Single(l => l.StartsWith("0::", StringComparison.Ordinal))[3..];
        Assert.NotEqual("/", unifiedPath);
        var dir = UnifiedMount + unifiedPath;
        Assert.Contains(pid.ToString(), File.ReadAllLines(Path.Join(dir, "cgroup.procs")));
        Assert.Equal("4194304", File.ReadAllText(Path.Join(dir, "hugetlb.2MB.max")).Trim());

        var manager = CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Unified, Unified = dir });
        manager.Freeze();
        Assert.Contains("frozen 1", File.ReadAllText(Path.Join(dir, "cgroup.events")));
        Assert.True(manager.IsFrozen());
        manager.Thaw();
        Assert.Contains("frozen 0", File.ReadAllText(Path.Join(dir, "cgroup.events")));

        Assert.Equal(0, bundle.Ocirun("delete", "--force", id).ExitCode);
        Assert.False(Directory.Exists(dir));
    }
}
