using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// linux.resources as the container sees them through its cgroup mount and as the host sees them in the
/// container's cgroup directories (cgroup v1 here).
/// </summary>
public sealed class ResourceVisibilityTests
{
    private static readonly (string Controller, string File, string Value)[] Expected =
    [
        ("memory", "memory.limit_in_bytes", "67108864"),
        ("memory", "memory.soft_limit_in_bytes", "33554432"),
        ("memory", "memory.swappiness", "10"),
        ("cpu", "cpu.shares", "512"),
        ("cpu", "cpu.cfs_quota_us", "50000"),
        ("cpu", "cpu.cfs_period_us", "100000"),
        ("cpuset", "cpuset.cpus", "0"),
        ("pids", "pids.max", "99"),
        ("blkio", "blkio.throttle.read_bps_device", "254:0 1048576"),
    ];

    [SkippableFact]
    public void Limits_are_visible_inside_and_outside_the_container()
    {
        Root.Require();
        Skip.IfNot(Directory.Exists("/sys/fs/cgroup/memory"), "a cgroup v1 host");
        var script = string.Join("; ", Expected.Select(e => $"echo {e.Controller}/{e.File}=$(cat /sys/fs/cgroup/{e.Controller}/{e.File})"));
        using var bundle = new BusyboxBundle("sh", "-c", script + "; sleep 30");
        bundle.Linux["resources"] = new JsonObject
        {
            ["memory"] = new JsonObject { ["limit"] = 67108864, ["reservation"] = 33554432, ["swappiness"] = 10 },
            ["cpu"] = new JsonObject { ["shares"] = 512, ["quota"] = 50000, ["period"] = 100000, ["cpus"] = "0" },
            ["pids"] = new JsonObject { ["limit"] = 99 },
            ["blockIO"] = new JsonObject
            {
                ["throttleReadBpsDevice"] = new JsonArray(new JsonObject { ["major"] = 254, ["minor"] = 0, ["rate"] = 1048576 }),
            },
        };
        bundle.Save();
        var id = bundle.NewId();
        var output = Path.Combine(bundle.Directory, "rootfs-output");
        var run = Task.Run(() => bundle.Run(id));
        LifecycleTests.WaitFor(() => bundle.Ocirun("state", id) is { ExitCode: 0 } s && s.Stdout.Contains("\"running\""));
        var pid = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();
        foreach (var (controller, file, value) in Expected)
        {
            var line = File.ReadAllLines($"/proc/{pid}/cgroup").Single(l => l.Split(':')[1].Split(',').Contains(controller));
            var hostDir = $"/sys/fs/cgroup/{controller}{line.Split(':')[2]}";
            Assert.Equal(value, File.ReadAllText(Path.Join(hostDir, file)).Trim());
        }
        Assert.Equal(0, bundle.Ocirun("kill", id, "KILL").ExitCode);
        var inside = run.Result.Stdout;
        foreach (var (controller, file, value) in Expected)
            Assert.Contains($"{controller}/{file}={value}\n", inside);
    }

    [SkippableFact]
    public void A_cgroup_namespace_is_rooted_at_the_container_cgroup()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("cat", "/proc/self/cgroup");
        ((JsonArray)bundle.Linux["namespaces"]!).Add(new JsonObject { ["type"] = "cgroup" });
        bundle.Save();

        var run = bundle.Run();

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        // Every hierarchy, v1 and the cgroup2 one, shows the container's own cgroup as the root, as runc and crun do.
        Assert.All(lines, line => Assert.EndsWith(":/", line));
    }
}
